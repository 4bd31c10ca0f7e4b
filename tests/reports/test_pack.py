"""The meeting pack and the minutes: what they say, what they leave out, their files, their queries."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import docx
import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from steerco.delivery.models import WorkPlanItem
from steerco.programmes.models import Amendment, BudgetLine, Expenditure, Risk
from steerco.reports.document import ReportDocument, Table
from steerco.reports.minutes import build_minutes
from steerco.reports.news import draft_news
from steerco.reports.pack import build_pack
from steerco.reports.render import render_docx, render_html, render_pdf
from steerco.steering.models import Attendance, Decision, Participant
from tests.base import SteercoTestCase
from tests.reports.delivery_data import delivery_in
from tests.results.world import indicator, result, update
from tests.steering.world import meeting, point, steering_world

D = datetime.date
# Work-plan lines written into the plan before any meeting of the tests' world.
RECORDED = datetime.datetime(2021, 9, 1, tzinfo=datetime.UTC)


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def section(doc: ReportDocument, key: str) -> list[Table]:
    found = [s for s in doc.sections if s.key == key]
    assert found, f"no section {key}"
    return [b for b in found[0].blocks if isinstance(b, Table)]


class PackContentTest(SteercoTestCase):
    def test_a_national_pack_holds_its_country_and_never_another_countrys_data(self) -> None:
        w = steering_world(self)
        Expenditure.objects.create(
            budget_line=w.budget_line, period=self.year1, country="KG", amount=Decimal("777777")
        )
        later = meeting(w.kz_nsg, 2, D(2022, 3, 1), self.year1)
        doc = build_pack(later)
        text = doc.text_of()
        self.assertIn("KZ risk", text)
        self.assertIn("Regional risk", text)  # programme-wide rows belong to every country
        self.assertIn(w.kz_point.text, text)
        self.assertIn("2,500", text)  # the spend recorded for Kazakhstan
        for foreign in ("KG risk", w.kg_point.text, "777,777", "Kyrgyzstan", "UA risk"):
            self.assertNotIn(foreign, text)
        printed = pdf_text(render_pdf(doc)) + docx_text(render_docx(doc))
        for foreign in ("KG risk", w.kg_point.text, "777,777", "Kyrgyzstan"):
            self.assertNotIn(foreign, printed)

    def test_a_regional_pack_shows_every_country_side_by_side_and_the_national_action_points(self) -> None:
        w = steering_world(self)
        Expenditure.objects.create(
            budget_line=w.budget_line, period=self.year1, country="KG", amount=Decimal("7500")
        )
        doc = build_pack(w.rsg_meeting)
        summary = section(doc, "summary")[0]
        self.assertEqual(summary.columns, ["Figure", "Kazakhstan", "Kyrgyzstan", "All countries"])
        open_row = next(r for r in summary.rows if r[0].text == "Open action points from earlier meetings")
        self.assertEqual([c.text for c in open_row[1:]], ["1", "1", "2"])
        points = section(doc, "action_points")[0]
        self.assertEqual({r[1].text for r in points.rows}, {w.kz_point.text, w.kg_point.text})
        budget = section(doc, "budget")[0]
        self.assertEqual(budget.columns[2:5], ["Kazakhstan", "Kyrgyzstan", "Programme-wide"])
        line_row = budget.rows[0]
        self.assertEqual([c.text for c in line_row[2:]], ["2,500", "7,500", "0", "10,000", "10\u00a0%"])
        self.assertIn("KG risk", doc.text_of())

    def test_overdue_and_closed_points_are_marked_as_of_the_meeting(self) -> None:
        w = steering_world(self)
        doc = build_pack(w.rsg_meeting)  # 2022-02-15; both national points were due on 2022-01-31
        statuses = {r[1].text: (r[4].text, r[4].tone) for r in section(doc, "action_points")[0].rows}
        self.assertEqual(statuses[w.kz_point.text], ("Open · overdue since 2022-01-31", "bad"))

    def test_amendments_since_the_last_meeting_of_the_group(self) -> None:
        w = steering_world(self)
        Amendment.objects.create(
            programme=self.bomca,
            signed_on=D(2021, 10, 1),
            kind="top_up",
            budget_delta=Decimal("5"),
            justification="Old",
        )
        Amendment.objects.create(
            programme=self.bomca,
            signed_on=D(2021, 12, 1),
            kind="top_up",
            budget_delta=Decimal("250000"),
            justification="Scanners",
        )
        later = meeting(w.kz_nsg, 2, D(2022, 3, 1), self.year1)
        rows = section(build_pack(later), "amendments")[0].rows
        justifications = [r[5].text for r in rows]
        self.assertIn("Scanners", justifications)  # signed after NSG KZ 1
        self.assertNotIn("Old", justifications)  # signed before it

    def test_the_draft_work_plan_lists_the_next_twelve_months_of_the_packs_country(self) -> None:
        w = steering_world(self)  # the KZ meeting is on 2021-11-10
        for year, quarter, country, title in [
            (2021, 4, "KZ", "Too early: the quarter of the meeting"),
            (2022, 1, "KZ", "KZ canine course"),
            (2022, 4, "", "Regional conference"),
            (2022, 3, "KG", "KG study visit"),
            (2023, 1, "KZ", "Too late: beyond twelve months"),
        ]:
            WorkPlanItem.objects.create(
                programme=self.bomca,
                year=year,
                quarter=quarter,
                country=country,
                component=self.c1,
                title=title,
                created=RECORDED,
            )
        rows = section(build_pack(w.kz_meeting), "work_plan")[0].rows
        self.assertEqual([r[3].text for r in rows], ["KZ canine course", "Regional conference"])
        regional = section(build_pack(w.rsg_meeting), "work_plan")[0].rows  # 2022-02-15
        self.assertEqual(
            [r[3].text for r in regional],
            ["KG study visit", "Regional conference", "Too late: beyond twelve months"],
        )

    def test_the_pdf_and_docx_say_what_the_page_says(self) -> None:
        w = steering_world(self)
        logframe_with_values(self)
        doc = build_pack(w.rsg_meeting)
        html = render_html(doc)
        pdf, word = pdf_text(render_pdf(doc)), docx_text(render_docx(doc))
        for text in (
            w.kz_point.text,
            w.kg_point.text,
            "Open action points from earlier meetings",
            "KZ risk",
            "Officials trained (persons)",
            "13,086",
        ):
            self.assertIn(text, html)
            self.assertIn(text, pdf)
            self.assertIn(text, word)
        self.assertIn('src="data:image/svg+xml;base64,', html)  # the chart
        self.assertEqual(len(docx.Document(io.BytesIO(render_docx(doc))).inline_shapes), 1)  # as an image

    def test_the_docx_is_a4_with_headings_numbered_as_in_the_pdf(self) -> None:
        w = steering_world(self)
        doc = build_pack(w.rsg_meeting)
        word = docx.Document(io.BytesIO(render_docx(doc)))
        page = word.sections[0]
        self.assertAlmostEqual(page.page_width.mm, 210, delta=0.5)
        self.assertAlmostEqual(page.page_height.mm, 297, delta=0.5)
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        self.assertEqual(headings, [f"{n}. {s.title}" for n, s in enumerate(doc.sections, start=1)])
        pdf = pdf_text(render_pdf(doc))
        for heading in headings:
            self.assertIn(heading, pdf)


def logframe_with_values(t: SteercoTestCase) -> None:
    """One indicator with approved values for both countries; the results module computes the rest."""
    trained = indicator(
        result(t.bomca, "1.1"), "1.1.1", name="Officials trained", unit="persons", target_value=Decimal(20000)
    )
    update(trained, t.year1, "KZ", value=Decimal(4321))
    update(trained, t.year1, "KG", value=Decimal(8765))


class IndicatorSectionTest(SteercoTestCase):
    def test_the_regional_pack_shows_each_country_and_the_roll_up_from_the_results_module(self) -> None:
        w = steering_world(self)
        logframe_with_values(self)
        table = section(build_pack(w.rsg_meeting), "indicators")[0]
        self.assertEqual(
            table.columns[4:], ["Kazakhstan", "Kyrgyzstan", "All countries", "Status", "Judged against"]
        )
        row = [c.text for c in table.rows[0]]
        self.assertEqual(row[:4], ["1.1.1", "Officials trained (persons)", "no data", "20,000"])
        self.assertEqual(row[4:7], ["4,321", "8,765", "13,086"])

    def test_a_national_pack_shows_its_country_value_only(self) -> None:
        w = steering_world(self)
        logframe_with_values(self)
        doc = build_pack(w.kz_meeting)
        row = [c.text for c in section(doc, "indicators")[0].rows[0]]
        self.assertEqual(row[1], "Officials trained (persons)")
        self.assertEqual(row[4], "4,321")
        text = doc.text_of() + pdf_text(render_pdf(doc)) + docx_text(render_docx(doc))
        self.assertIn("4,321", text)
        self.assertNotIn("8,765", text)
        self.assertNotIn("13,086", text)


class MinutesTest(SteercoTestCase):
    def test_minutes_hold_attendance_agenda_decisions_and_action_points_in_both_formats(self) -> None:
        w = steering_world(self)
        Participant.objects.create(
            meeting=w.kz_meeting, name="Absent delegate", organisation=w.kz_org, attendance=Attendance.EXCUSED
        )
        doc = build_minutes(w.kz_meeting)
        for text in (pdf_text(render_pdf(doc)), docx_text(render_docx(doc))):
            for expected in (
                "Delegate KZ",
                "Absent delegate",
                "Excused",
                "Results of the year in KZ",
                "Endorsed the KZ plan.",
                w.kz_point.text,
                "1 present (1 women, 0 men)",
            ):
                self.assertIn(expected, text)


class NewsTest(SteercoTestCase):
    def test_the_news_draft_says_who_met_where_when_what_was_decided_and_what_comes_next(self) -> None:
        w = steering_world(self)
        m = w.kz_meeting
        m.opened_by = "the EU Ambassador"
        m.highlights = "500 mobile radio stations delivered to the State Border Guard Service"
        m.save()
        news = draft_news(m.pk, "en")
        self.assertEqual(news.title, "BOMCA: NSG KZ held its first meeting in Astana")
        for expected in (
            "On 10 November 2021, the NSG KZ of the",
            "met in Astana for its first meeting",
            "The meeting was opened by the EU Ambassador.",
            "The results presented included 500 mobile radio stations delivered",
            "The NSG KZ endorsed the KZ plan.",
            "agreed on the next steps: kazakh border service submits its training needs",
        ):
            self.assertIn(expected, news.body)

    def test_the_fixed_wording_follows_the_language_asked_for(self) -> None:
        w = steering_world(self)
        before = translation.get_language()
        russian = draft_news(w.kz_meeting.pk, "ru")
        self.assertIn("10 ноября 2021", russian.body)  # the month as it stands in a Russian date
        self.assertEqual(translation.get_language(), before)  # and nothing leaks into the request


class AssemblyQueriesTest(SteercoTestCase):
    """Packs and minutes run as many queries for a big meeting as for a small one."""

    def count(self, build: object, *args: object) -> int:
        with CaptureQueriesContext(connection) as ctx:
            build(*args)  # type: ignore[operator]
        return len(ctx.captured_queries)

    def grow(self) -> None:
        w = steering_world(self)
        for n in range(2, 12):
            earlier = meeting(w.kz_nsg, n, D(2021, 6, 1) + datetime.timedelta(days=n), self.year1)
            point(earlier, f"Earlier action {n}", w.kz_org, D(2021, 12, 1))
            point(w.kz_meeting, f"Action of this meeting {n}", w.kg_org, D(2022, 2, 1))
            Participant.objects.create(
                meeting=w.kz_meeting, name=f"Person {n}", organisation=w.kz_org, sex="m"
            )
            Decision.objects.create(meeting=w.kz_meeting, text=f"Decision {n}")
            WorkPlanItem.objects.create(
                programme=self.bomca,
                year=2022,
                quarter=1 + n % 4,
                country="KZ",
                component=self.c1,
                title=f"Line {n}",
                created=RECORDED,
            )
            Risk.objects.create(
                programme=self.bomca,
                country="KZ",
                title=f"Risk {n}",
                likelihood=2,
                impact=2,
                raised_on=D(2021, 6, 1),
            )
            delivery_in(self, "KZ" if n % 2 else "KG", D(2021, 6, n), tag=f"-{n}")
            grown = indicator(result(self.bomca, f"2.{n}"), f"2.{n}.1", name=f"Indicator {n}")
            update(grown, self.year1, "KZ", value=Decimal(n))
            line = BudgetLine.objects.create(programme=self.bomca, label=f"Line {n}", amount=Decimal(1000))
            Expenditure.objects.create(budget_line=line, period=self.year1, country="KZ", amount=Decimal(n))
        for n in range(3, 8):
            later = meeting(w.rsg, n, D(2022, 3, n), self.year1)
            point(later, f"Regional action {n}", None, D(2022, 3, 20), owner_person="Team")

    def test_pack_and_minutes_queries_do_not_grow_with_the_data(self) -> None:
        w = steering_world(self)
        # The small size has one of everything, so no query is skipped for want of rows.
        earlier = meeting(w.kz_nsg, 20, D(2021, 5, 1), self.year1)
        point(earlier, "First earlier action", w.kz_org, D(2021, 12, 1))
        WorkPlanItem.objects.create(
            programme=self.bomca,
            year=2022,
            quarter=1,
            country="KZ",
            component=self.c1,
            title="First",
            created=RECORDED,
        )
        logframe_with_values(self)
        delivery_in(self, "KZ", D(2021, 6, 1))
        delivery_in(self, "KG", D(2021, 6, 1))
        self.count(build_pack, w.kz_meeting.pk)  # warm per-process caches (content types, locale)
        small = {
            "national pack": self.count(build_pack, w.kz_meeting.pk),
            "regional pack": self.count(build_pack, w.rsg_meeting.pk),
            "minutes": self.count(build_minutes, w.kz_meeting.pk),
            "news": self.count(draft_news, w.kz_meeting.pk, "en"),
        }
        self.grow()
        large = {
            "national pack": self.count(build_pack, w.kz_meeting.pk),
            "regional pack": self.count(build_pack, w.rsg_meeting.pk),
            "minutes": self.count(build_minutes, w.kz_meeting.pk),
            "news": self.count(draft_news, w.kz_meeting.pk, "en"),
        }
        self.assertEqual(small, large)
        # The follow-ups of the meeting's own action points give their status as of the pack's date.
        self.assertLessEqual(large["national pack"], 28)
