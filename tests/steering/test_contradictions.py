"""The contradictions check before circulating: each kind is planted and found, a clean pack shows none,
and circulating anyway is recorded with the contradictions and the reason."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.delivery.models import ProcurementLot, Stage, WorkPlanItem
from steerco.programmes.models import BudgetLine
from steerco.steering.contradictions import claimed_figure, contradictions_in, lot_named
from steerco.steering.models import ActionPointNote, ActionStatus, AgendaItem, Decision, MeetingPack
from tests.base import SteercoTestCase
from tests.delivery.world import lot
from tests.results.world import indicator, result, update
from tests.steering.world import meeting, steering_world

D = datetime.date


class ContradictionsTest(SteercoTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.w = steering_world(self)
        # The NSG KZ meets again on 2022-04-20 to review year 1 (2021-04-01 to 2022-03-31).
        self.next = meeting(self.w.kz_nsg, 2, D(2022, 4, 20), self.year1, highlights="")
        self.teams = indicator(
            result(self.bomca, "1.2"), "1.2.1", name="Customs canine teams trained", unit="teams"
        )
        update(self.teams, self.year1, "KZ", value=Decimal(12))
        WorkPlanItem.objects.create(
            programme=self.bomca,
            year=2022,
            quarter=3,
            country="KZ",
            component=self.c1,
            title="Course",
            created=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC),
        )

    def found(self) -> list[str]:
        return [c.kind for c in contradictions_in(self.next, on=D(2022, 4, 10))]

    def test_a_clean_pack_shows_none(self) -> None:
        self.next.highlights = "12 customs canine teams trained\n500 radio stations handed over"
        self.next.save()
        self.assertEqual(self.found(), [])
        self.login("manager")
        page = self.client.get(reverse("steering:meeting_circulate", args=[self.bomca.slug, self.next.pk]))
        self.assertContains(page, "No contradiction found in the pack.")

    def test_a_headline_that_differs_from_the_indicator_it_names(self) -> None:
        self.next.highlights = "20 customs canine teams have been trained since spring 2021"
        self.next.save()
        found = contradictions_in(self.next, on=D(2022, 4, 10))
        self.assertEqual([c.kind for c in found], ["headline"])
        self.assertIn("stands at 12 to Year 1", found[0].message)
        self.assertEqual(
            found[0].fix_url, reverse("steering:meeting_edit", args=[self.bomca.slug, self.next.pk])
        )
        self.next.highlights = "indicator 1.2.1: 11 teams"  # named by its code
        self.next.save()
        self.assertEqual(self.found(), ["headline"])
        self.next.highlights = "more than 10 customs canine teams trained"  # a bound that holds
        self.next.save()
        self.assertEqual(self.found(), [])

    def test_an_action_point_note_that_claims_a_stage_the_lot_has_not_reached(self) -> None:
        scanners = lot(self, title="Mobile cargo scanners", reference="KZ-07", delivered=None)
        self.assertEqual(scanners.current_stage(D(2022, 4, 10)), Stage.CONTRACTED)
        note = ActionPointNote.objects.create(
            action_point=self.w.kz_point, status=ActionStatus.IN_PROGRESS, note="The scanners were delivered."
        )
        ActionPointNote.objects.filter(pk=note.pk).update(
            at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC)
        )
        self.w.kz_point.text = "Confirm the site for the mobile cargo scanners"
        self.w.kz_point.save()
        found = contradictions_in(self.next, on=D(2022, 4, 10))
        self.assertEqual([c.kind for c in found], ["action_point"])
        self.assertIn("is at contracted on 2022-04-10, not delivered", found[0].message)
        self.assertEqual(found[0].fix_url, reverse("delivery:lot", args=[self.bomca.slug, scanners.pk]))
        # Once the delivery is recorded by the pack's date, the note is borne out.
        scanners.steps.create(stage=Stage.DELIVERED, planned_date=D(2022, 3, 1), actual_date=D(2022, 3, 30))
        self.assertEqual(self.found(), [])

    def test_a_work_plan_endorsed_or_presented_but_empty(self) -> None:
        WorkPlanItem.objects.all().delete()
        AgendaItem.objects.create(meeting=self.next, order=1, title="Work plan for year 2")
        self.assertEqual(self.found(), ["work_plan"])
        found = contradictions_in(self.next, on=D(2022, 4, 21))  # after the meeting, its decision counts
        self.assertEqual([c.kind for c in found], ["work_plan"])
        Decision.objects.create(meeting=self.next, kind=Decision.Kind.WORK_PLAN_ENDORSED, text="Endorsed it.")
        found = contradictions_in(self.next, on=D(2022, 4, 21))
        self.assertIn("“Endorsed it.” endorses a work plan", found[0].message)
        self.assertEqual(found[0].fix_url, reverse("delivery:workplan", args=[self.bomca.slug]))

    def test_budget_lines_over_the_current_budget_in_a_regional_pack(self) -> None:
        BudgetLine.objects.create(programme=self.bomca, label="Scanners", amount=Decimal("950000"))
        self.assertEqual(self.found(), [])  # a national pack does not show the budget's breakdown
        found = contradictions_in(self.w.rsg_meeting, on=D(2022, 2, 1))
        self.assertEqual([c.kind for c in found], ["budget"])
        self.assertIn("EUR 50,000 more than the current budget of EUR 1,000,000", found[0].message)

    def test_circulating_anyway_is_recorded_with_the_contradictions_and_the_reason(self) -> None:
        self.next.highlights = "20 customs canine teams trained"
        self.next.save()
        self.login("kz_coordinator")
        url = reverse("steering:meeting_circulate", args=[self.bomca.slug, self.next.pk])
        page = self.client.get(url)
        self.assertContains(page, "1 contradiction found in the pack")
        self.assertContains(page, "Edit the headline figures")
        self.assertEqual(self.client.post(url, {"reason": "The chair asked for it today"}).status_code, 302)
        pack = MeetingPack.objects.get(meeting=self.next)
        entry = AuditEntry.objects.get(object_id=pack.pk, action="circulate")
        self.assertIn("Circulated with 1 contradictions found", entry.rationale)
        self.assertIn("stands at 12", entry.rationale)
        self.assertIn("The chair asked for it today", entry.rationale)


class ReadingTest(SteercoTestCase):
    def test_the_figure_claimed_is_the_number_before_the_unit_and_years_are_not_figures(self) -> None:
        claim = claimed_figure(
            "In 2023, 80 customs canine teams have been trained since spring 2023", "teams"
        )
        self.assertEqual((claim.value, claim.bound) if claim else None, (Decimal(80), ""))
        claim = claimed_figure("over 1,400 participants in 93 activities", "participants")
        self.assertEqual((claim.value, claim.bound) if claim else None, (Decimal(1400), ">"))
        self.assertIsNone(claimed_figure("delivery expected in spring 2024", "scanners"))

    def test_a_lot_is_named_by_its_reference_or_most_of_its_title(self) -> None:
        one = ProcurementLot(reference="UA-03", title="Large mobile cargo scanner")
        two = ProcurementLot(reference="UA-04", title="Two large mobile cargo scanners")
        self.assertIs(lot_named("Contract two more large mobile scanners", [one, two]), two)
        self.assertIs(lot_named("The first large mobile scanner will work at Chop", [one, two]), one)
        self.assertIs(lot_named("See UA-04", [one, two]), two)
        self.assertIsNone(lot_named("Nominate trainers", [one, two]))
