"""The page memo: a kept fragment is served until a service writes to its programme, and never across
scopes of access."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from steerco.audit.services import _RevisionBump
from steerco.core import memo
from steerco.core.roles import Role
from steerco.core.synthetic import insert_audited
from steerco.programmes import services as programme_services
from steerco.programmes.models import Organisation, OrganisationKind, Risk
from steerco.results import services
from steerco.results.models import Level, Result
from steerco.steering import services as steering_services
from tests import factories as f
from tests.base import SteercoTestCase
from tests.results.world import indicator, result, results_world, update
from tests.steering.world import steering_world

CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


@pytest.fixture(autouse=True)
def fresh_memo() -> Iterator[None]:
    memo.clear()
    yield
    memo.clear()


@override_settings(STEERCO_PAGE_MEMO=True)
class PageMemoTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)
        # Approved values in both countries, so each country's coordinator sees different figures.
        update(cls.w.trained, cls.year1, "KG", value=Decimal(7))

    def get(self, url: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        # The CSRF token of the base layout is masked afresh on every response.
        return len(ctx.captured_queries), CSRF.sub("token", response.content.decode())

    def test_a_kept_page_runs_fewer_queries_and_shows_the_same(self) -> None:
        self.login("manager")
        for name, args in [
            ("results:dashboard", ["bomca"]),
            ("results:country_dashboard", ["bomca", "kz"]),
            ("results:logframe", ["bomca"]),
            ("results:indicator", ["bomca", self.w.trained.pk]),
            ("audit:history", ["bomca"]),
            ("steering:meetings", ["bomca"]),
        ]:
            url = reverse(name, args=args)
            first, page = self.get(url)
            again, kept = self.get(url)
            self.assertLess(again, first, url)
            self.assertEqual(kept, page, url)

    def test_a_kept_page_runs_as_many_queries_after_the_programme_grew(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        self.get(url)
        small, _ = self.get(url)
        for n in range(5):
            with self.captureOnCommitCallbacks(execute=True):
                services.save_result(
                    Result(programme=self.bomca, level=Level.OUTPUT, code=f"9.{n}", statement="More"),
                    acting_user=self.manager,
                )
        renewed, _ = self.get(url)
        large, _ = self.get(url)
        self.assertGreater(renewed, large)
        self.assertEqual(small, large)

    def test_approving_an_update_shows_at_once(self) -> None:
        url = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        self.login("me_officer")
        _, before = self.get(url)
        self.assertNotIn("20", before.split("Current value", 1)[1][:200])
        with self.captureOnCommitCallbacks(execute=True):
            services.approve_update(self.w.kz_update, acting_user=self.me_officer)
        _, after = self.get(url)
        self.assertIn("27", after.split("Current value", 1)[1][:200])  # KZ 20 approved + KG 7

    def test_any_audited_write_to_the_programme_renews_the_page(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        self.get(url)
        kept, _ = self.get(url)
        period = self.year1
        period.label = "First year"
        with self.captureOnCommitCallbacks(execute=True):
            programme_services.save_period(period, acting_user=self.manager)
        renewed, page = self.get(url)
        self.assertGreater(renewed, kept)
        self.assertIn("First year", page)

    def test_a_write_elsewhere_keeps_the_page(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        self.get(url)
        kept, _ = self.get(url)
        risk = self.ua_risk
        risk.title = "Renamed"
        with self.captureOnCommitCallbacks(execute=True):
            programme_services.save_risk(risk, acting_user=self.ua_manager)
        again, _ = self.get(url)
        self.assertEqual(again, kept)

    def test_scopes_never_share_a_page(self) -> None:
        url = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        self.login("kg_coordinator")
        _, kg = self.get(url)
        self.login("kz_coordinator")
        _, kz = self.get(url)
        self.assertNotEqual(kg, kz)
        self.assertNotIn("Kyrgyzstan", kz)
        self.assertIn("Kyrgyzstan", kg)

    def test_a_country_outside_the_scope_stays_a_404_once_someone_else_saw_it(self) -> None:
        kg = reverse("results:country_dashboard", args=["bomca", "kg"])
        self.login("manager")
        self.get(kg)
        self.get(kg)
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(kg).status_code, 404)
        self.assertEqual(self.client.get(kg).status_code, 404)
        other = reverse("results:country_dashboard", args=["bomca", "tj"])
        self.login("manager")
        self.assertEqual(self.client.get(other).status_code, 404)
        self.assertEqual(self.client.get(other).status_code, 404)

    def test_meetings_a_coordinator_may_not_see_stay_out_of_their_kept_list(self) -> None:
        w = steering_world(self)
        url = reverse("steering:meetings", args=["bomca"])
        self.login("manager")
        _, manager_page = self.get(url)
        self.get(url)
        self.login("kz_coordinator")
        _, kz_page = self.get(url)
        self.assertIn(str(w.kg_meeting), manager_page)
        self.assertNotIn(str(w.kg_meeting), kz_page)
        self.assertIn(str(w.kz_meeting), kz_page)

    def test_a_rescheduled_meeting_shows_at_once(self) -> None:
        w = steering_world(self)
        url = reverse("steering:meetings", args=["bomca"])
        self.login("manager")
        self.get(url)
        meeting = w.rsg_meeting
        meeting.place = "Dushanbe"
        with self.captureOnCommitCallbacks(execute=True):
            steering_services.save_meeting(meeting, acting_user=self.manager)
        _, page = self.get(url)
        self.assertIn("Dushanbe", page)

    def test_an_indicator_outside_the_programme_or_missing_stays_a_404_on_a_kept_page(self) -> None:
        url = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        self.login("manager")
        self.get(url)
        self.get(url)
        elsewhere = indicator(result(self.ukraine, "9", Level.OUTPUT), "9.1")
        for pk in (elsewhere.pk, self.w.trained.pk + 10_000):
            missing = reverse("results:indicator", args=["bomca", pk])
            self.assertEqual(self.client.get(missing).status_code, 404)
            self.assertEqual(self.client.get(missing).status_code, 404)

    def test_off_computes_every_time(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        with override_settings(STEERCO_PAGE_MEMO=False):
            first, _ = self.get(url)
            again, _ = self.get(url)
        self.assertEqual(first, again)


class RevisionTest(SteercoTestCase):
    """The revision the memo keys on moves once per committed transaction, in its own programme only.
    (A test case's transaction never commits: `captureOnCommitCallbacks(execute=True)` stands for it.)"""

    def revisions(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return memo.revision(self.bomca.pk), memo.revision(self.ukraine.pk)

    def rename(self, risk: Risk, title: str) -> None:
        risk.title = title
        manager = self.ua_manager if risk.programme_id == self.ukraine.pk else self.manager
        programme_services.save_risk(risk, acting_user=manager)

    def test_a_service_write_moves_its_programme_only_once_committed(self) -> None:
        (bomca, shared), (ukraine, _) = self.revisions()
        with self.captureOnCommitCallbacks(execute=True):
            self.rename(self.kz_risk, "Renamed")
            self.assertEqual(memo.revision(self.bomca.pk), (bomca, shared))  # not before the commit
        self.assertEqual(self.revisions(), ((bomca + 1, shared), (ukraine, shared)))

    def test_a_transaction_moves_it_once_whatever_it_writes(self) -> None:
        (bomca, _), (ukraine, _) = self.revisions()
        with self.captureOnCommitCallbacks(execute=True) as callbacks, transaction.atomic():
            for n in range(3):
                self.rename(self.kg_risk, f"Title {n}")
            self.rename(self.ua_risk, "Elsewhere")
        self.assertEqual(len([c for c in callbacks if isinstance(c, _RevisionBump)]), 2)
        self.assertEqual(self.revisions()[0][0], bomca + 1)
        self.assertEqual(self.revisions()[1][0], ukraine + 1)

    def test_a_write_to_no_programme_moves_every_programme(self) -> None:
        (bomca, shared), (ukraine, _) = self.revisions()
        with self.captureOnCommitCallbacks(execute=True):
            programme_services.save_organisation(
                Organisation(name="Border Academy", kind=OrganisationKind.BENEFICIARY),
                acting_user=self.manager,
            )
        self.assertEqual(self.revisions(), ((bomca, shared + 1), (ukraine, shared + 1)))

    def test_a_rolled_back_write_leaves_it(self) -> None:
        before = self.revisions()
        with (
            self.captureOnCommitCallbacks(execute=True),
            transaction.atomic(),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            self.rename(self.kz_risk, "Never saved")
            raise RuntimeError("the change fails after its audit entry")
        self.assertEqual(self.revisions(), before)

    def test_a_write_after_a_rolled_back_one_still_moves_it(self) -> None:
        (bomca, _), _ = self.revisions()
        with self.captureOnCommitCallbacks(execute=True), transaction.atomic():
            with pytest.raises(RuntimeError), transaction.atomic():
                self.rename(self.kz_risk, "Never saved")
                raise RuntimeError("the first change fails")
            self.rename(self.kz_risk, "Saved")
        self.assertEqual(self.revisions()[0][0], bomca + 1)

    def test_the_bulk_path_moves_each_programme_it_writes_to(self) -> None:
        (bomca, shared), (ukraine, _) = self.revisions()
        risks = [Risk(programme=self.bomca, title=f"Risk {n}", likelihood=1, impact=1) for n in range(3)]
        risks.append(Risk(programme=self.ukraine, title="UA", likelihood=2, impact=2))
        with self.captureOnCommitCallbacks(execute=True), transaction.atomic():
            insert_audited(risks, acting_user=self.manager)
        self.assertEqual(self.revisions(), ((bomca + 1, shared), (ukraine + 1, shared)))

    def test_reading_it_is_one_query(self) -> None:
        with CaptureQueriesContext(connection) as ctx:
            memo.revision(self.bomca.pk)
        self.assertEqual(len(ctx.captured_queries), 1)


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_moves_the_revision_and_a_rollback_does_not() -> None:
    programme = f.programme(slug="real")
    risk = f.risk(programme, title="Risk")
    user = f.user("writer", (programme, "", Role.MANAGER))
    before = memo.revision(programme.pk)[0]
    risk.title = "Renamed"
    programme_services.save_risk(risk, acting_user=user)
    assert memo.revision(programme.pk)[0] == before + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        risk.title = "Never saved"
        programme_services.save_risk(risk, acting_user=user)
        raise RuntimeError("rolled back")
    assert memo.revision(programme.pk)[0] == before + 1


def test_a_kept_answer_is_recomputed_once_too_old(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    user = type("Superuser", (), {"is_superuser": True})()
    monkeypatch.setattr(memo, "revision", lambda programme_id: (1, 1))
    clock = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    with override_settings(STEERCO_PAGE_MEMO=True):
        for advance in (0, 10, memo.MAX_AGE_SECONDS):
            clock[0] += advance
            memo.remember("page", 1, user, (), lambda: calls.append(1) or len(calls))
    assert len(calls) == 2  # kept after 10 s, computed again once older than the bound
