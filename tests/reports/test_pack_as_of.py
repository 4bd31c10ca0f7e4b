"""A pack is read as of its date: before the meeting the day it is made, capped at the meeting day; a
frozen pack keeps the day it was made. And a meeting's place in its group's series comes from its number."""

from __future__ import annotations

import datetime
import importlib

from django.urls import reverse
from django.utils import timezone

from steerco.delivery.models import WorkPlanItem
from steerco.programmes.models import Risk
from steerco.reports.document import ReportDocument
from steerco.reports.news import draft_news
from steerco.reports.pack import build_pack, load_scope, pack_date
from steerco.steering.models import ActionPointNote, ActionStatus, Decision
from tests.base import SteercoTestCase
from tests.steering.world import meeting, point, steering_world

D = datetime.date


def made(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def note(point_: object, on: datetime.date, status: str, text: str) -> ActionPointNote:
    created = ActionPointNote.objects.create(action_point=point_, status=status, note=text)
    ActionPointNote.objects.filter(pk=created.pk).update(at=made(on))
    return created


def rows(doc: ReportDocument, key: str) -> list[list[str]]:
    tables = [b for s in doc.sections if s.key == key for b in s.blocks if hasattr(b, "rows")]
    return [[c.text for c in r] for r in tables[0].rows]


class PackDateTest(SteercoTestCase):
    def test_before_the_meeting_the_day_it_is_made_after_it_the_meeting_day(self) -> None:
        w = steering_world(self)
        m = w.rsg_meeting  # 2022-02-15
        self.assertEqual(pack_date(m, D(2022, 2, 1)), D(2022, 2, 1))
        self.assertEqual(pack_date(m, D(2022, 2, 15)), D(2022, 2, 15))
        self.assertEqual(pack_date(m, D(2026, 1, 1)), D(2022, 2, 15))
        self.assertEqual(load_scope(m.pk, made_on=D(2022, 2, 3)).as_of, D(2022, 2, 3))
        doc = build_pack(m, generated_at=made(D(2022, 2, 3)))
        self.assertIn(("Figures as of", "2022-02-03"), doc.facts)

    def test_a_status_change_after_the_pack_was_made_is_not_in_it(self) -> None:
        w = steering_world(self)  # kz_point is due on 2022-01-31 and carried to the RSG of 2022-02-15
        note(w.kz_point, D(2022, 2, 4), ActionStatus.IN_PROGRESS, "Needs list drafted")
        early = build_pack(w.rsg_meeting, generated_at=made(D(2022, 2, 1)))
        status = {r[1]: (r[4], r[5]) for r in rows(early, "action_points")}[w.kz_point.text]
        self.assertEqual(status, ("Open · overdue since 2022-01-31", "—"))
        late = build_pack(w.rsg_meeting, generated_at=made(D(2022, 2, 10)))
        status = {r[1]: (r[4], r[5]) for r in rows(late, "action_points")}[w.kz_point.text]
        self.assertEqual(status, ("In progress · overdue since 2022-01-31", "Needs list drafted"))

    def test_a_point_closed_after_the_pack_date_is_still_open_in_it(self) -> None:
        w = steering_world(self)
        p = w.kz_point
        p.status, p.closed_on, p.closing_note = ActionStatus.CLOSED, D(2022, 2, 10), "Submitted"
        p.save()
        note(p, D(2022, 2, 10), ActionStatus.CLOSED, "Submitted")
        early = build_pack(w.rsg_meeting, generated_at=made(D(2022, 2, 1)))
        statuses = {r[1]: r[4] for r in rows(early, "action_points")}
        self.assertEqual(statuses[p.text], "Open · overdue since 2022-01-31")
        open_points = "Open action points from earlier meetings"
        self.assertEqual({r[0]: r[-1] for r in rows(early, "summary")}[open_points], "2")
        # Made after the meeting, the pack reads as of the meeting day: closed before it, it has left.
        later = build_pack(w.rsg_meeting, generated_at=made(D(2022, 3, 1)))
        self.assertNotIn(p.text, {r[1] for r in rows(later, "action_points")})
        self.assertEqual({r[0]: r[-1] for r in rows(later, "summary")}[open_points], "1")

    def test_a_point_not_yet_due_on_the_pack_date_is_not_overdue(self) -> None:
        w = steering_world(self)
        later = meeting(w.kz_nsg, 2, D(2022, 3, 10), self.year1)
        doc = build_pack(later, generated_at=made(D(2022, 1, 20)))  # kz_point is due on 2022-01-31
        self.assertEqual({r[1]: r[4] for r in rows(doc, "action_points")}[w.kz_point.text], "Open")

    def test_a_pack_made_before_the_meeting_holds_no_decision_of_it(self) -> None:
        w = steering_world(self)
        Decision.objects.create(meeting=w.rsg_meeting, text="Endorsed the regional plan.")
        point(w.rsg_meeting, "Regional follow-up", None, D(2022, 6, 30), owner_person="Team")
        before = build_pack(w.rsg_meeting, generated_at=made(D(2022, 2, 1))).text_of()
        self.assertNotIn("Endorsed the regional plan.", before)
        self.assertNotIn("Regional follow-up", before)
        after = build_pack(w.rsg_meeting, generated_at=made(D(2022, 2, 16))).text_of()
        self.assertIn("Endorsed the regional plan.", after)
        self.assertIn("Regional follow-up", after)

    def test_a_work_plan_line_written_after_the_pack_date_is_not_in_it(self) -> None:
        w = steering_world(self)
        later = meeting(w.kz_nsg, 2, D(2022, 3, 10), self.year1)
        for title, written in [("Drafted in January", D(2022, 1, 14)), ("Added in February", D(2022, 2, 20))]:
            WorkPlanItem.objects.create(
                programme=self.bomca,
                year=2022,
                quarter=3,
                country="KZ",
                component=self.c1,
                title=title,
                created=made(written),
            )

        def plan(day: datetime.date) -> list[str]:
            return [r[3] for r in rows(build_pack(later, generated_at=made(day)), "work_plan")]

        self.assertEqual(plan(D(2022, 2, 1)), ["Drafted in January"])
        # Made on the day it was written, and after the meeting (as of the meeting day), it is in.
        self.assertEqual(plan(D(2022, 2, 20)), ["Added in February", "Drafted in January"])
        self.assertEqual(plan(D(2026, 1, 1)), ["Added in February", "Drafted in January"])
        summary = {r[0]: r[-1] for r in rows(build_pack(later, generated_at=made(D(2022, 2, 1))), "summary")}
        self.assertEqual(summary["Activities in the draft work plan"], "1")

    def test_lines_recorded_before_the_field_existed_are_dated_by_their_first_audit_entry(self) -> None:
        from django.apps import apps

        from steerco.audit.models import AuditEntry
        from steerco.delivery.services import save_work_plan_item

        migration = importlib.import_module("steerco.delivery.migrations.0005_workplanitem_created")
        item = save_work_plan_item(
            WorkPlanItem(
                programme=self.bomca, year=2022, quarter=2, country="KZ", component=self.c1, title="Old"
            ),
            acting_user=self.personas["manager"],
        )
        item.title = "Old, renamed"
        save_work_plan_item(item, acting_user=self.personas["manager"])
        entries = AuditEntry.objects.filter(object_id=str(item.pk), object_repr__contains="Old").order_by(
            "pk"
        )
        self.assertEqual(entries.count(), 2)
        AuditEntry.objects.filter(pk=entries[0].pk).update(at=made(D(2021, 12, 1)))
        AuditEntry.objects.filter(pk=entries[1].pk).update(at=made(D(2022, 1, 5)))
        migration.from_audit_entries(apps, None)
        item.refresh_from_db()
        self.assertEqual(item.created, made(D(2021, 12, 1)))

    def test_a_risk_raised_after_the_pack_date_is_not_in_it(self) -> None:
        w = steering_world(self)
        later = meeting(w.kz_nsg, 2, D(2022, 3, 10), self.year1)
        Risk.objects.create(
            programme=self.bomca,
            country="KZ",
            title="Raised in February",
            likelihood=3,
            impact=3,
            raised_on=D(2022, 2, 20),
        )

        def risks(day: datetime.date) -> list[str]:
            return [r[1] for r in rows(build_pack(later, generated_at=made(day)), "risks")]

        self.assertNotIn("Raised in February", risks(D(2022, 2, 1)))
        self.assertIn("Raised in February", risks(D(2022, 2, 20)))

    def test_an_earlier_meetings_decisions_are_not_in_a_later_pack_whatever_its_date(self) -> None:
        """A pack follows an earlier meeting up through its action points; its decisions are in its
        own minutes, so a decision recorded after the pack's date cannot show in it either."""
        w = steering_world(self)
        later = meeting(w.kz_nsg, 2, D(2022, 3, 10), self.year1)
        Decision.objects.create(meeting=w.kz_meeting, text="Recorded late for the first meeting.")
        for day in (D(2022, 2, 1), D(2022, 3, 10), D(2026, 1, 1)):
            text = build_pack(later, generated_at=made(day)).text_of()
            self.assertNotIn("Recorded late for the first meeting.", text)
            self.assertNotIn("Endorsed the KZ plan.", text)  # the first meeting's own decision
            self.assertIn(w.kz_point.text, text)  # its action point is followed up

    def test_the_meeting_page_says_what_the_live_pack_is_as_of(self) -> None:
        w = steering_world(self)
        self.login("manager")
        page = self.client.get(reverse("steering:meeting", args=[self.bomca.slug, w.kz_meeting.pk]))
        self.assertContains(page, "Pack as of 2021-11-10")
        self.assertNotContains(page, "Pack as of today")
        today = timezone.localdate()
        coming = meeting(w.kz_nsg, 2, today + datetime.timedelta(days=30), self.year1)
        page = self.client.get(reverse("steering:meeting", args=[self.bomca.slug, coming.pk]))
        self.assertContains(page, "Pack as of today")
        self.assertNotContains(page, f"Pack as of {today.isoformat()}")


class NumberingTest(SteercoTestCase):
    def test_the_number_says_whether_it_is_the_first_meeting_whatever_the_group_is_called(self) -> None:
        w = steering_world(self)
        w.kz_nsg.name = "National Steering Group of Kazakhstan 2"
        w.kz_nsg.save()
        second = meeting(w.kz_nsg, 3, D(2022, 3, 1), self.year1)
        w.kz_meeting.number = 2
        w.kz_meeting.save()
        self.assertEqual(second.previous_of_group(), w.kz_meeting)
        self.assertEqual(w.kz_meeting.next_of_group(), second)
        self.assertFalse(w.kz_meeting.is_first_of_group)
        text = build_pack(w.kz_meeting).text_of()  # number 2, the first one recorded
        self.assertNotIn("first meeting", text)
        self.assertIn("the group's earlier meetings are not recorded", text)
        self.assertIn(
            "since the previous meeting, National Steering Group of Kazakhstan 2 2",
            build_pack(second).text_of(),
        )
        self.assertNotIn("its first meeting", draft_news(w.kz_meeting.pk, "en").body)

    def test_meeting_number_one_is_the_first(self) -> None:
        w = steering_world(self)
        self.assertTrue(w.kz_meeting.is_first_of_group)
        self.assertIsNone(w.kz_meeting.previous_of_group())
        self.assertIn("this is the group's first meeting", build_pack(w.kz_meeting).text_of())

    def test_the_previous_meeting_follows_the_numbers_not_the_dates(self) -> None:
        w = steering_world(self)
        # Meeting 2 was entered with an earlier date by mistake; the series still runs by number.
        second = meeting(w.kz_nsg, 2, D(2021, 11, 1), self.year1)
        third = meeting(w.kz_nsg, 3, D(2022, 3, 1), self.year1)
        self.assertEqual(third.previous_of_group(), second)
        self.assertEqual(second.previous_of_group(), w.kz_meeting)
