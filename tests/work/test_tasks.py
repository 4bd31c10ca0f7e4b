"""Each kind of task appears for the persona it waits for, within their scope, and goes once done."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from steerco.delivery.models import Event, EventKind, EventStatus, Handover, ProcurementStep, Stage
from steerco.delivery.services import acknowledge_handover
from steerco.programmes.models import Amendment, AmendmentKind
from steerco.results.models import IndicatorUpdate, UpdateState
from steerco.results.services import approve_update, return_update
from steerco.steering.models import MeetingPack, MeetingStatus
from steerco.steering.services import close_action_point
from steerco.work.comments import add_comment
from steerco.work.tasks import period_gaps, tasks_for
from tests import factories as f
from tests.base import SteercoTestCase
from tests.delivery.world import lot
from tests.steering.world import meeting, point

from .world import TODAY, build, enter

D = datetime.date


def titles(user: Any, section: str, today: datetime.date = TODAY) -> list[str]:
    return [t.title for s in tasks_for(user, today) if s.key == section for t in s.tasks]


def tasks_of(user: Any, section: str, today: datetime.date = TODAY) -> list[Any]:
    return [t for s in tasks_for(user, today) if s.key == section for t in s.tasks]


class CoordinatorTasksTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)

    def test_missing_values_for_the_current_and_the_last_closed_period(self) -> None:
        tasks = tasks_of(self.kz_coordinator, "results")
        self.assertEqual(len(tasks), 2, [t.title for t in tasks])
        current, closed = tasks
        self.assertIn("Year 2", current.title)
        self.assertIn("Year 1", closed.title)
        self.assertIn("2 indicator values missing", current.title)
        self.assertEqual(current.lines, ["1.1 Officials trained", "1.2 Women trained"])
        self.assertEqual(current.url, reverse("results:country_entry", args=["bomca", "kz", self.year2.pk]))
        # Each coordinator sees their own country only; nobody else gets these tasks.
        self.assertTrue(all("Kyrgyzstan" in t for t in titles(self.kg_coordinator, "results")))
        self.assertFalse(any("Kyrgyzstan" in t for t in titles(self.kz_coordinator, "results")))
        for persona in ("manager", "me_officer", "observer", "kz_counterpart", "outsider"):
            self.assertEqual(titles(self.personas[persona], "results"), [], persona)

    def test_submitting_takes_the_period_away_and_leaves_no_draft(self) -> None:
        enter(self, self.kz_coordinator, submit=False)
        drafts = titles(self.kz_coordinator, "drafts")
        self.assertEqual(len(drafts), 1)
        self.assertIn("2 drafts not submitted for Year 2", drafts[0])
        self.assertEqual(titles(self.kg_coordinator, "drafts"), [])
        enter(self, self.kz_coordinator, submit=True)
        self.assertEqual(titles(self.kz_coordinator, "drafts"), [])
        remaining = titles(self.kz_coordinator, "results")
        self.assertEqual(len(remaining), 1)
        self.assertIn("Year 1", remaining[0])

    def test_a_returned_update_with_its_note_until_submitted_again(self) -> None:
        enter(self, self.kz_coordinator, submit=True)
        update = IndicatorUpdate.objects.get(indicator=self.trained, period=self.year2, country="KZ")
        return_update(update, acting_user=self.me_officer, note="Attach the attendance list")
        returned = tasks_of(self.kz_coordinator, "returned")
        self.assertEqual(len(returned), 1)
        self.assertIn("1.1 Officials trained", returned[0].title)
        self.assertIn("Attach the attendance list", returned[0].detail)
        self.assertEqual(tasks_of(self.kg_coordinator, "returned"), [])
        enter(self, self.kz_coordinator, submit=True, value="6")
        self.assertEqual(tasks_of(self.kz_coordinator, "returned"), [])

    def test_events_planned_in_the_past_until_marked_held(self) -> None:
        event = Event.objects.create(
            programme=self.bomca,
            country="KZ",
            kind=EventKind.TRAINING,
            title="Risk analysis course",
            start_date=D(2022, 4, 20),
            end_date=D(2022, 4, 22),
            status=EventStatus.PLANNED,
        )
        Event.objects.create(
            programme=self.bomca,
            country="KZ",
            kind=EventKind.TRAINING,
            title="Course still to come",
            start_date=D(2022, 6, 1),
            end_date=D(2022, 6, 2),
            status=EventStatus.PLANNED,
        )
        self.assertEqual(titles(self.kz_coordinator, "events"), ["Risk analysis course"])
        self.assertEqual(titles(self.kg_coordinator, "events"), [])
        Event.objects.filter(pk=event.pk).update(status=EventStatus.HELD)
        self.assertEqual(titles(self.kz_coordinator, "events"), [])

    def test_procurement_steps_overdue_until_reached(self) -> None:
        late = lot(self, "KZ", delivered=None, title="Scanners for KZ")
        step = ProcurementStep.objects.create(lot=late, stage=Stage.DELIVERED, planned_date=D(2022, 4, 1))
        tasks = tasks_of(self.kz_coordinator, "procurement")
        self.assertEqual(len(tasks), 1)
        self.assertIn("9 days late", tasks[0].detail)
        self.assertEqual(tasks_of(self.kg_coordinator, "procurement"), [])
        ProcurementStep.objects.filter(pk=step.pk).update(actual_date=D(2022, 5, 1))
        self.assertEqual(tasks_of(self.kz_coordinator, "procurement"), [])


class OfficerAndCounterpartTasksTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)

    def test_updates_waiting_for_approval_by_country_oldest_first(self) -> None:
        enter(self, self.kg_coordinator, "KG", submit=True)
        enter(self, self.kz_coordinator, "KZ", submit=True)
        IndicatorUpdate.objects.filter(country="KG").update(
            submitted_at=timezone.now() - datetime.timedelta(days=3)
        )
        tasks = tasks_of(self.me_officer, "approvals")
        self.assertEqual(
            [t.title for t in tasks],
            [
                "2 updates from Kyrgyzstan waiting for approval",
                "2 updates from Kazakhstan waiting for approval",
            ],
        )
        self.assertEqual(tasks[0].url, reverse("results:approvals", args=["bomca"]))
        self.assertEqual(titles(self.manager, "approvals"), [])
        for update in IndicatorUpdate.objects.filter(country="KG", state=UpdateState.SUBMITTED):
            approve_update(update, acting_user=self.me_officer)
        self.assertEqual(
            titles(self.me_officer, "approvals"), ["2 updates from Kazakhstan waiting for approval"]
        )

    def test_the_landing_page_of_the_officer_shows_what_waits(self) -> None:
        enter(self, self.kz_coordinator, "KZ", submit=True)
        self.login("me_officer")
        page = self.client.get(reverse("programmes:list")).content.decode()
        self.assertIn('id="waiting-heading"', page)
        self.assertIn(reverse("results:approvals", args=["bomca"]), page)
        self.login("manager")
        self.assertNotIn('id="waiting-heading"', self.client.get(reverse("programmes:list")).content.decode())

    def test_a_manager_reads_the_approval_queue_without_the_buttons(self) -> None:
        enter(self, self.kz_coordinator, "KZ", submit=True)
        self.login("manager")
        response = self.client.get(reverse("results:approvals", args=["bomca"]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "1.1 Officials trained")
        self.assertNotContains(response, 'value="approve"')
        self.login("me_officer")
        self.assertContains(self.client.get(reverse("results:approvals", args=["bomca"])), 'value="approve"')

    def test_handovers_to_acknowledge_and_action_points_owned(self) -> None:
        radios = lot(self, "KZ")
        handover = Handover.objects.create(
            lot=radios, recipient=self.kz_org, handed_over_on=D(2022, 4, 1), quantity=5
        )
        kg_handover = Handover.objects.create(
            lot=lot(self, "KG"), recipient=self.kg_org, handed_over_on=D(2022, 4, 1), quantity=5
        )
        self.assertEqual(titles(self.kz_counterpart, "handovers"), [str(handover)])
        self.assertNotIn(str(kg_handover), titles(self.kz_counterpart, "handovers"))
        self.assertEqual(titles(self.kz_coordinator, "handovers"), [])
        acknowledge_handover(handover, acting_user=self.kz_counterpart)
        self.assertEqual(titles(self.kz_counterpart, "handovers"), [])

        from steerco.steering.models import GroupKind, SteeringGroup

        nsg = SteeringGroup.objects.create(
            programme=self.bomca, kind=GroupKind.NATIONAL, country="KZ", name="NSG KZ"
        )
        held = meeting(nsg, 1, D(2022, 3, 1), self.year1, status=MeetingStatus.HELD)
        owned = point(held, "Border service sends the training needs", self.kz_org, D(2022, 6, 30))
        point(held, "Programme team drafts the plan", None, D(2022, 6, 30), owner_person="Team")
        self.assertEqual(titles(self.kz_counterpart, "points_owned"), [owned.text])
        close_action_point(owned, acting_user=self.manager, note="Received", closed_on=D(2022, 5, 1))
        self.assertEqual(titles(self.kz_counterpart, "points_owned"), [])


class SteeringTasksTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)
        from steerco.steering.models import GroupKind, SteeringGroup

        cls.nsg = SteeringGroup.objects.create(
            programme=cls.bomca, kind=GroupKind.NATIONAL, country="KZ", name="NSG KZ"
        )
        cls.kg_nsg = SteeringGroup.objects.create(
            programme=cls.bomca, kind=GroupKind.NATIONAL, country="KG", name="NSG KG"
        )
        cls.held = meeting(cls.nsg, 1, D(2022, 3, 1), cls.year1, status=MeetingStatus.HELD)

    def test_meetings_in_the_next_30_days_and_whether_their_pack_is_out(self) -> None:
        coming = meeting(self.nsg, 2, D(2022, 6, 1), self.year2)
        meeting(self.nsg, 3, D(2022, 9, 1), self.year2)  # too far ahead
        meeting(self.kg_nsg, 2, D(2022, 6, 2), self.year2)
        tasks = tasks_of(self.kz_coordinator, "meetings")
        self.assertEqual([t.title for t in tasks], [str(coming)])
        self.assertIn("not circulated yet", tasks[0].detail)
        self.assertEqual(len(titles(self.manager, "meetings")), 2)
        self.assertEqual(titles(self.observer, "meetings"), [])
        type(coming).objects.filter(pk=coming.pk).update(status=MeetingStatus.PACK_CIRCULATED)
        self.assertIn("the pack is circulated", tasks_of(self.kz_coordinator, "meetings")[0].detail)

    def test_overdue_action_points_by_the_action_points_own_rule(self) -> None:
        late = point(self.held, "Customs confirms the site", self.kz_org, D(2022, 4, 30))
        point(self.held, "Not due yet", self.kz_org, D(2022, 6, 30))
        self.assertEqual(titles(self.kz_coordinator, "points_overdue"), [late.text])
        self.assertEqual(titles(self.manager, "points_overdue"), [late.text])
        self.assertEqual(titles(self.kg_coordinator, "points_overdue"), [])
        self.assertTrue(late.is_overdue(TODAY))
        close_action_point(late, acting_user=self.kz_coordinator, note="Confirmed", closed_on=D(2022, 5, 2))
        self.assertEqual(titles(self.manager, "points_overdue"), [])

    def test_reporting_periods_missing_after_an_extension(self) -> None:
        today = D(2025, 8, 1)
        f.period(self.bomca, D(2023, 4, 1), D(2025, 9, 30), label="Years 3 to 5")
        self.assertEqual(titles(self.manager, "periods", today), [])
        Amendment.objects.create(
            programme=self.bomca,
            kind=AmendmentKind.NO_COST_EXTENSION,
            signed_on=D(2025, 6, 1),
            new_end_date=D(2026, 3, 31),
            justification="Delays in procurement",
        )
        self.assertEqual(
            titles(self.manager, "periods", today), ["No year period covers 2025-10-01 to 2026-03-31"]
        )
        self.assertEqual(titles(self.kz_coordinator, "periods", today), [])
        f.period(self.bomca, D(2025, 10, 1), D(2026, 3, 31), label="Extension")
        self.assertEqual(titles(self.manager, "periods", today), [])

    def test_period_gaps_inside_and_after(self) -> None:
        gaps = period_gaps(self.bomca, [self.year1], D(2023, 3, 31))
        self.assertEqual(gaps, [("year", D(2022, 4, 1), D(2023, 3, 31))])


class ObserverAndCommentTasksTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)
        from steerco.steering.models import GroupKind, SteeringGroup

        cls.nsg = SteeringGroup.objects.create(
            programme=cls.bomca, kind=GroupKind.NATIONAL, country="KZ", name="NSG KZ"
        )
        cls.held = meeting(cls.nsg, 1, D(2022, 3, 1), cls.year1, status=MeetingStatus.PACK_CIRCULATED)

    def test_packs_circulated_since_the_observers_last_visit(self) -> None:
        pack = MeetingPack.objects.create(
            meeting=self.held,
            version=1,
            generated_at=timezone.now(),
            content_hash="0" * 64,
            pdf="p.pdf",
            docx="p.docx",
        )
        self.assertEqual(titles(self.observer, "packs"), [str(self.held)])
        self.assertEqual(titles(self.manager, "packs"), [])
        self.login("observer")
        self.client.get(reverse("steering:meeting", args=["bomca", self.held.pk]))
        self.assertEqual(titles(self.observer, "packs"), [])
        MeetingPack.objects.create(
            meeting=self.held,
            version=2,
            generated_at=pack.generated_at + datetime.timedelta(hours=1),
            content_hash="1" * 64,
            pdf="p2.pdf",
            docx="p2.docx",
        )
        self.assertEqual(titles(self.observer, "packs"), [str(self.held)])

    def test_a_new_comment_waits_for_the_others_until_they_open_the_thread(self) -> None:
        add_comment(self.trained, "Where do the 2022 figures come from?", acting_user=self.kz_coordinator)
        self.assertEqual(titles(self.kz_coordinator, "comments"), [])
        add_comment(self.trained, "From the training database.", acting_user=self.me_officer)
        tasks = tasks_of(self.kz_coordinator, "comments")
        self.assertEqual(len(tasks), 1)
        self.assertEqual(tasks[0].url, reverse("work:thread", args=["bomca", "indicator", self.trained.pk]))
        self.assertIn("1 new comment", tasks[0].detail)
        self.assertEqual(titles(self.me_officer, "comments"), [])
        self.assertEqual(titles(self.kg_coordinator, "comments"), [])
        self.login("kz_coordinator")
        self.client.get(tasks[0].url)
        self.assertEqual(titles(self.kz_coordinator, "comments"), [])


class InboxPageTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        build(cls)

    def test_the_page_and_the_header_count(self) -> None:
        self.login("kz_coordinator")
        with self.captureOnCommitCallbacks(execute=True):
            page = self.client.get(reverse("work:tasks"))
        self.assertContains(page, 'data-task="results"')
        self.assertContains(page, reverse("results:country_entry", args=["bomca", "kz", self.year2.pk]))
        self.login("outsider")
        page = self.client.get(reverse("work:tasks"))
        self.assertContains(page, "Nothing waits for you.")
        self.assertContains(page, "data-task-count>0<")
