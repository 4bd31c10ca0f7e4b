"""The demo world's logframes show every state: approved history, updates awaiting approval,
drafts, missing updates, and one indicator off track per programme."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.db.models import Sum

from steerco.accounts.models import User
from steerco.audit.models import AuditEntry
from steerco.delivery.models import Event
from steerco.programmes.models import Programme
from steerco.results import selectors
from steerco.results.models import Indicator, IndicatorUpdate, Result, Target, UpdateState
from steerco.results.rules import Status
from tests.demo_world import DemoWorldTestCase

TODAY = datetime.date(2025, 6, 1)


class DemoLogframeTest(DemoWorldTestCase):
    def dashboard(self, slug: str) -> selectors.Dashboard:
        user = User.objects.get(username="me.officer")
        frame = selectors.frame_of(user, Programme.objects.get(slug=slug))
        return selectors.dashboard(user, frame, TODAY)

    def test_both_programmes_have_a_logframe_with_every_measure(self) -> None:
        for slug in ("bomca10", "eu4ibm-resilience"):
            with self.subTest(slug=slug):
                self.assertTrue(Result.objects.filter(programme__slug=slug, level="impact").exists())
                measures = set(
                    Indicator.objects.filter(result__programme__slug=slug).values_list("measure", flat=True)
                )
                self.assertTrue({"number", "percentage", "milestone"} <= measures)
        names = set(Indicator.objects.values_list("name", flat=True))
        for expected in (
            "Officials trained",
            "Canine teams trained",
            "National IBM strategy adopted",
            "Mobile radio stations delivered to SBGS",
            "Customs canine teams trained",
            "Asset-management sub-processes of SBGS re-engineered",
        ):
            self.assertIn(expected, names)
        self.assertTrue(Target.objects.filter(indicator__name="Officials trained").exists())

    def test_every_state_is_visible(self) -> None:
        states = set(IndicatorUpdate.objects.values_list("state", flat=True))
        self.assertEqual(states, {UpdateState.APPROVED, UpdateState.SUBMITTED, UpdateState.DRAFT})
        for slug in ("bomca10", "eu4ibm-resilience"):
            with self.subTest(slug=slug):
                board = self.dashboard(slug)
                self.assertTrue(board.missing)
                self.assertTrue(board.backlog)
                self.assertEqual(len(board.off_track), 1)
        off = {
            slug: self.dashboard(slug).off_track[0].indicator.name
            for slug in ("bomca10", "eu4ibm-resilience")
        }
        self.assertEqual(
            off,
            {
                "bomca10": "Canine teams trained",
                "eu4ibm-resilience": "Large mobile cargo scanners delivered and in use",
            },
        )

    def test_public_figures_come_out_of_the_aggregation(self) -> None:
        user = User.objects.get(username="eu.observer")
        bomca = Programme.objects.get(slug="bomca10")
        frame = selectors.frame_of(user, bomca)
        nodes, board = selectors.logframe(user, frame)
        by_name = {row.indicator.name: row.progress for node in nodes for row in node.indicators}
        trained = by_name["Officials trained"]
        # Computed from the held trainings of the delivery records, part of the over 6,000
        # participants of all events by early 2025.
        held_trainings = Event.objects.filter(programme=bomca, status="held", kind="training")
        self.assertEqual(trained.actual.value, held_trainings.aggregate(n=Sum("participants_total"))["n"])
        self.assertEqual(trained.assessment.status, Status.ON_TRACK)
        eu4ibm = selectors.frame_of(user, Programme.objects.get(slug="eu4ibm-resilience"))
        nodes, board = selectors.logframe(user, eu4ibm)
        by_name = {row.indicator.name: row.progress for node in nodes for row in node.indicators}
        self.assertEqual(by_name["Mobile radio stations delivered to SBGS"].actual.value, 500)
        self.assertEqual(by_name["Mobile mini-scanners delivered to SBGS"].actual.value, 32)
        self.assertEqual(by_name["Customs canine teams trained"].actual.value, 80)
        self.assertEqual(by_name["Large mobile cargo scanners delivered and in use"].actual.value, 1)

    def test_approvals_were_made_by_the_m_and_e_officer_and_periods_are_locked_again(self) -> None:
        approvals = AuditEntry.objects.filter(action="approve")
        self.assertEqual(set(approvals.values_list("actor__username", flat=True)), {"me.officer"})
        self.assertTrue(Programme.objects.get(slug="bomca10").periods.get(label="Year 1").locked)

    def test_running_the_demo_again_duplicates_nothing(self) -> None:
        before = (IndicatorUpdate.objects.count(), Indicator.objects.count(), Target.objects.count())
        call_command("demo", no_migrate=True, stdout=io.StringIO())
        self.assertEqual(
            (IndicatorUpdate.objects.count(), Indicator.objects.count(), Target.objects.count()), before
        )
