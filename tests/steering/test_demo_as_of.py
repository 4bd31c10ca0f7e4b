"""Every pack of the demo shows what its group could have seen on its date: no status, event, spend or
signature printed in it is dated after the day the pack is read as of. Plans (due dates, planned steps,
quarters of the work plan, end dates) may lie ahead; they are told apart by the column or label that
holds them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from steerco.reports.document import BulletList, Facts, Paragraph, ReportDocument, Table
from steerco.reports.pack import build_pack, load_scope
from steerco.steering.models import Meeting

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
ISO_MONTH = re.compile(r"\b(\d{4})-(\d{2})\b(?!-)")
SPELT_DAY = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
SPELT_MONTH = re.compile(r"(?<!\d )\b(" + "|".join(MONTHS) + r") (\d{4})\b")

# Columns and labels that hold plans: a due date, a planned next step, a work-plan quarter, an end date,
# an agenda item and an action to take (their text says what is to come: "Contract two more scanners
# for delivery by January 2025").
PLAN_COLUMNS = {"Due", "Next step", "Quarter", "New end date", "Item", "Action"}
# The cover's meeting dates and period, the programme's end date, and the day the pack was made: none
# is a status the pack reports.
PLAN_FACTS = {"Date", "Period reviewed", "Current end date", "Generated"}


def dates_in(text: str) -> Iterator[datetime.date]:
    """The earliest day each date printed in `text` can mean (a month counts from its first day)."""
    for y, m, d in ISO_DAY.findall(text):
        yield datetime.date(int(y), int(m), int(d))
    for y, m in ISO_MONTH.findall(ISO_DAY.sub("", text)):
        yield datetime.date(int(y), int(m), 1)
    for d, month, y in SPELT_DAY.findall(text):
        yield datetime.date(int(y), MONTHS.index(month) + 1, int(d))
    for month, y in SPELT_MONTH.findall(SPELT_DAY.sub("", text)):
        yield datetime.date(int(y), MONTHS.index(month) + 1, 1)


def statements(doc: ReportDocument, period_end: datetime.date) -> Iterator[tuple[str, str]]:
    """(where, text) of everything the pack states as having happened, plans left out by their label."""
    for label, value in doc.facts:
        if label not in PLAN_FACTS:
            yield f"facts/{label}", value
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    for column, cell in zip(block.columns, row, strict=False):
                        if column not in PLAN_COLUMNS:
                            yield f"{section.key}/{column}", cell.text
            elif isinstance(block, Facts):
                for label, value in block.items:
                    if label not in PLAN_FACTS:
                        yield f"{section.key}/{label}", value
            elif isinstance(block, BulletList) and section.key != "decisions":
                # A meeting's decisions commit to what comes next ("the work plan to September 2025");
                # they are dated by the meeting, which `test_decisions_...` holds to the pack's date.
                for item in block.items:
                    yield f"{section.key}/bullet", item
            elif isinstance(block, Paragraph):
                # The end of the period reviewed bounds it; it is not an event.
                yield f"{section.key}/paragraph", block.text.replace(period_end.isoformat(), "")
        for row in section.summary:
            yield f"{section.key}/summary/{row.label}", " ".join([row.total, *row.per_country.values()])


class DemoPacksAsOfTheirDateTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("demo", no_migrate=True, stdout=None)

    def later_than(self, meeting: Meeting, made_on: datetime.date) -> list[str]:
        made = timezone.make_aware(datetime.datetime.combine(made_on, datetime.time(9, 0)))
        scope = load_scope(meeting.pk, made_on=made_on)
        doc = build_pack(meeting, generated_at=made)
        return [
            f"{where}: {text!r} (as of {scope.as_of})"
            for where, text in statements(doc, scope.period.end)
            if any(day > scope.as_of for day in dates_in(text))
        ]

    def test_no_demo_pack_states_anything_dated_after_its_date(self) -> None:
        meetings = list(Meeting.objects.select_related("group__programme").order_by("start_date"))
        self.assertEqual(len(meetings), 9)  # both programmes' meetings, 2021 to 2025
        found = []
        for meeting in meetings:
            # The pre-read circulated ten days before, and the pack made today (as of the meeting).
            for made_on in (meeting.start_date - datetime.timedelta(days=10), timezone.localdate()):
                found += [f"{meeting} made on {made_on}: {f}" for f in self.later_than(meeting, made_on)]
        self.assertEqual(found, [], "\n".join(found))

    def test_the_check_finds_a_date_after_the_pack_date(self) -> None:
        """The check itself: a follow-up note written after the pack's date would be caught."""
        self.assertEqual(
            list(dates_in("Closed on 2024-06-28 · arrived on 25 June 2024, contracted 2024-01")),
            [datetime.date(2024, 6, 28), datetime.date(2024, 1, 1), datetime.date(2024, 6, 25)],
        )
        self.assertEqual(list(dates_in("expected in May 2024")), [datetime.date(2024, 5, 1)])

    def test_the_demo_follow_up_is_dated_in_the_story_and_shows_from_that_day(self) -> None:
        rsg3 = Meeting.objects.get(
            group__programme__slug="bomca10", group__name="Regional Steering Group", number=3
        )
        trainers = "Nominate trainers for the canine training-of-trainers course"

        def status(made_on: datetime.date) -> tuple[str, str]:
            made = timezone.make_aware(datetime.datetime.combine(made_on, datetime.time(9, 0)))
            doc = build_pack(rsg3, generated_at=made)
            table = next(b for s in doc.sections if s.key == "action_points" for b in s.blocks)
            assert isinstance(table, Table)
            row = next(r for r in table.rows if r[1].text == trainers)
            return row[4].text, row[5].text

        # Written on 2023-10-25: not in a pack made the day before, in the pre-read of 2023-11-04.
        self.assertEqual(status(datetime.date(2023, 10, 24)), ("Open", "—"))
        self.assertEqual(
            status(datetime.date(2023, 11, 4)),
            ("In progress", "Two candidates identified; approval pending."),
        )

    def test_loading_the_demo_again_changes_no_dated_record(self) -> None:
        from steerco.delivery.models import WorkPlanItem
        from steerco.steering.models import ActionPointNote

        def dated() -> tuple[list[tuple], list[tuple]]:
            return (
                list(ActionPointNote.objects.values_list("pk", "at", "status", "note").order_by("pk")),
                list(WorkPlanItem.objects.values_list("pk", "created").order_by("pk")),
            )

        before = dated()
        call_command("demo", no_migrate=True, stdout=None)
        self.assertEqual(dated(), before)
        notes, lines = before
        # Every note and line is dated in the story, before the programmes' last meeting was over.
        self.assertLess(max(at for _pk, at, _s, _n in notes).date(), datetime.date(2025, 3, 1))
        self.assertLess(max(created for _pk, created in lines).date(), datetime.date(2025, 3, 1))
