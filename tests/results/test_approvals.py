"""Approving and returning updates: the queue, notes, stale decisions, locked periods, and that only
approved values count outside the entry screens."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.urls import reverse

from steerco.audit.models import AuditAction, AuditEntry
from steerco.core.roles import Action, Role
from steerco.results import selectors, services
from steerco.results.models import IndicatorUpdate, Target, UpdateState
from steerco.results.rules import Measure, Observation
from steerco.results.templatetags.results_tags import figure
from steerco.work.models import Kind, Notification
from tests import factories as f
from tests.base import SteercoTestCase

from .world import grow_periods, indicator, results_world, update

_growth = itertools.count(1)


class ApprovalTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def review(self, decision: str, note: str = "", version: int = 1) -> object:
        url = reverse("results:review", args=["bomca", self.w.kz_update.pk])
        return self.client.post(url, {"decision": decision, "note": note, "version": str(version)})

    def fresh(self) -> IndicatorUpdate:
        return IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)

    def test_the_queue_lists_submitted_updates_with_their_breakdown_and_evidence(self) -> None:
        self.login("me_officer")
        response = self.client.get(reverse("results:approvals", args=["bomca"]))
        self.assertContains(response, "Officials trained")
        self.assertContains(response, "Sex: Women 8, Men 12")
        self.assertContains(response, "attendance.pdf")

    def test_approving_makes_the_value_count_and_records_who(self) -> None:
        self.login("me_officer")
        indicator = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        nothing = '<strong><span class="nodata">no data</span></strong>'
        self.assertContains(self.client.get(indicator), nothing)  # submitted is not approved yet
        response = self.review("approve", note="Checked against the attendance lists.")
        self.assertEqual(response.status_code, 302)
        approved = self.fresh()
        self.assertEqual((approved.state, approved.reviewed_by), (UpdateState.APPROVED, self.me_officer))
        entry = AuditEntry.objects.get(object_id=str(approved.pk), action=AuditAction.APPROVE)
        self.assertEqual((entry.before["state"], entry.after["state"]), ("submitted", "approved"))
        self.assertEqual(entry.rationale, "Checked against the attendance lists.")
        page = self.client.get(indicator)
        self.assertNotContains(page, nothing)
        self.assertContains(page, "<strong>20</strong>")
        self.assertContains(page, "Checked against the attendance lists.")  # the history says who and why

    def test_returning_needs_a_note_at_the_field(self) -> None:
        self.login("me_officer")
        response = self.review("return")
        self.assertContains(response, "Say what needs changing", status_code=400)
        self.assertContains(response, f'id="u{self.w.kz_update.pk}_note_error"', status_code=400)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)
        self.assertEqual(self.review("return", note="Women and men do not match the list.").status_code, 302)
        self.assertEqual(self.fresh().state, UpdateState.RETURNED)
        self.login("kz_coordinator")
        entry = reverse("results:country_entry", args=["bomca", "kz", self.year1.pk])
        self.assertContains(self.client.get(entry), "Women and men do not match the list.")

    def test_a_decision_on_a_changed_update_is_refused(self) -> None:
        self.login("me_officer")
        response = self.review("approve", version=0)
        self.assertContains(response, "changed while you were looking at it", status_code=400)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)

    def test_a_locked_period_accepts_no_decision(self) -> None:
        self.year1.locked = True
        self.year1.save()
        self.login("me_officer")
        response = self.review("approve")
        self.assertContains(response, "is locked: it accepts no more changes", status_code=400)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)

    def test_an_approved_update_can_be_returned_and_stops_counting(self) -> None:
        services.approve_update(self.w.kz_update, acting_user=self.me_officer)
        services.return_update(self.w.kz_update, acting_user=self.me_officer, note="Recount.")
        self.login("manager")
        response = self.client.get(reverse("results:dashboard", args=["bomca"]))
        self.assertContains(response, "no data")
        self.assertNotContains(response, ">20<")

    def test_only_approved_values_count_on_dashboards_drafts_show_on_entry_screens(self) -> None:
        draft = update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.DRAFT, version=1)
        self.login("manager")
        dashboard = self.client.get(reverse("results:country_dashboard", args=["bomca", "kg"]))
        self.assertContains(dashboard, "no data")
        self.assertContains(dashboard, "1 draft")
        entry = self.client.get(reverse("results:country_entry", args=["bomca", "kg", self.year1.pk]))
        self.assertContains(entry, "Draft")
        self.assertContains(entry, 'value="7"')
        services.submit_update(draft, acting_user=self.kg_coordinator)
        services.approve_update(draft, acting_user=self.me_officer)
        dashboard = self.client.get(reverse("results:country_dashboard", args=["bomca", "kg"]))
        self.assertContains(dashboard, '<td class="num">7</td>', html=False)

    def test_coordinators_cannot_approve(self) -> None:
        self.login("kz_coordinator")
        self.assertEqual(self.review("approve").status_code, 404)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)


class WithdrawAndLastChangeTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def submitted(self) -> IndicatorUpdate:
        from steerco.results import services

        update = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)
        update.state = UpdateState.DRAFT
        update.save()
        services.submit_update(update, acting_user=self.kz_coordinator)
        return IndicatorUpdate.objects.get(pk=update.pk)

    def withdraw(self, update: IndicatorUpdate) -> Any:
        return self.client.post(reverse("results:withdraw", args=["bomca", update.pk]))

    def test_the_author_withdraws_a_submitted_update_to_draft_and_it_is_audited(self) -> None:
        update = self.submitted()
        self.login("kz_coordinator")
        entry = reverse("results:country_entry", args=["bomca", "kz", self.year1.pk])
        self.assertContains(self.client.get(entry), "Withdraw to draft")
        response = self.withdraw(update)
        self.assertRedirects(response, f"{entry}#indicator-{update.indicator_id}")
        after = IndicatorUpdate.objects.get(pk=update.pk)
        self.assertEqual(after.state, UpdateState.DRAFT)
        self.assertEqual(after.version, update.version + 1)
        audit = AuditEntry.objects.filter(object_id=str(update.pk)).order_by("-at", "-id").first()
        assert audit is not None
        self.assertEqual(
            (audit.actor, audit.before["state"], audit.after["state"]),
            (self.kz_coordinator, "submitted", "draft"),
        )
        self.assertNotIn(self.w.kz_update.pk, [u.pk for u in self.approval_queue()])

    def approval_queue(self) -> list[IndicatorUpdate]:
        from steerco.results import selectors

        return list(selectors.approval_queue(self.me_officer, self.bomca))

    def test_someone_else_or_a_reviewed_update_cannot_be_withdrawn(self) -> None:
        update = self.submitted()
        self.login("manager")
        self.withdraw(update)
        self.assertEqual(IndicatorUpdate.objects.get(pk=update.pk).state, UpdateState.SUBMITTED)
        self.login("kg_coordinator")
        self.assertEqual(self.withdraw(update).status_code, 404)
        self.login("me_officer")
        self.client.post(
            reverse("results:review", args=["bomca", update.pk]),
            {"decision": "approve", "version": str(update.version), "note": ""},
        )
        self.login("kz_coordinator")
        response = self.withdraw(update)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(IndicatorUpdate.objects.get(pk=update.pk).state, UpdateState.APPROVED)

    def test_last_changed_by_names_the_officer_who_returned_it(self) -> None:
        update = self.submitted()
        self.login("me_officer")
        self.client.post(
            reverse("results:review", args=["bomca", update.pk]),
            {"decision": "return", "version": str(update.version), "note": "Attach the list"},
        )
        self.assertEqual(IndicatorUpdate.objects.get(pk=update.pk).updated_by, self.me_officer)
        self.login("kz_coordinator")
        page = self.client.get(reverse("results:country_entry", args=["bomca", "kz", self.year1.pk]))
        self.assertContains(page, f"Last changed by {self.me_officer}")

    def test_a_return_without_a_note_says_so_next_to_the_return_button(self) -> None:
        update = self.submitted()
        self.login("me_officer")
        response = self.client.post(
            reverse("results:review", args=["bomca", update.pk]),
            {"decision": "return", "version": str(update.version), "note": ""},
        )
        self.assertContains(response, f'aria-describedby="u{update.pk}_return_error"', status_code=400)
        self.assertContains(response, f'id="u{update.pk}_return_error"', status_code=400)


class ApprovalFiguresTest(SteercoTestCase):
    """Each waiting update beside the target of its period and the value approved the period before,
    as the board computes them; narrowed to a country; approved many at once, all or nothing."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = w = results_world(cls)
        for person in (cls.kz_coordinator, cls.kg_coordinator):
            person.email = f"{person.username}@example.org"  # so that the approval mails them
            person.save()
        cls.year2 = f.period(cls.bomca, datetime.date(2022, 4, 1), datetime.date(2023, 3, 31), label="Year 2")
        services.approve_update(w.kz_update, acting_user=cls.me_officer)  # Year 1, KZ: 20
        Target.objects.create(indicator=w.trained, period=cls.year2, country="KZ", value=Decimal(40))
        cls.kz2 = update(
            w.trained,
            cls.year2,
            "KZ",
            value=Decimal("25.46"),
            state=UpdateState.SUBMITTED,
            submitted_by=cls.kz_coordinator,
        )
        # A share keeps the latest target set: Year 1's 60 % is still in force in Year 2.
        cls.share = indicator(
            w.output,
            "1.1.1d",
            name="Share of posts connected",
            measure=Measure.PERCENTAGE,
            time_rule="latest",
        )
        Target.objects.create(indicator=cls.share, period=cls.year1, country="KG", value=Decimal(60))
        update(cls.share, cls.year1, "KG", numerator=Decimal(3), denominator=Decimal(4))
        cls.kg2 = update(
            cls.share,
            cls.year2,
            "KG",
            numerator=Decimal(4),
            denominator=Decimal(6),
            state=UpdateState.SUBMITTED,
            submitted_by=cls.kg_coordinator,
        )
        # Reported once for the programme, with nothing approved before.
        Target.objects.create(indicator=w.regional, period=cls.year2, country="", value=Decimal(2))
        cls.regional2 = update(w.regional, cls.year2, "", status=1, state=UpdateState.SUBMITTED)

    def page(self, query: str = "") -> Any:
        return self.client.get(reverse("results:approvals", args=["bomca"]) + query)

    def board(self) -> Any:
        frame = selectors.frame_of(self.me_officer, self.bomca)
        return selectors.board_for(self.me_officer, frame, [self.w.trained, self.share, self.w.regional])

    def test_each_update_shows_its_periods_target_and_the_previous_approved_value_from_the_board(
        self,
    ) -> None:
        board = self.board()
        at = board.position[self.year2.pk]
        trained_target = board.period_target(self.w.trained, ["KZ"], upto=at)
        share_target = board.period_target(self.share, ["KG"], upto=at)
        regional_target = board.period_target(self.w.regional, None, upto=at)
        assert trained_target and share_target and regional_target
        # A count's period targets add up to date (30 + 40); one period's value meets its own target.
        self.assertEqual(
            board.target_at(self.w.trained, ["KZ"], upto=at).target, Observation(value=Decimal(70))
        )
        self.assertEqual(trained_target.value, Observation(value=Decimal(40)))
        # A share's target in force is the board's target_at, set for Year 1.
        self.assertEqual(share_target.value, board.target_at(self.share, ["KG"], upto=at).target)
        self.assertEqual(board.periods[share_target.position], self.year1)
        self.login("me_officer")
        response = self.page()
        shown = {
            f"target Year 2 for Kazakhstan: <strong>{figure(trained_target.value, self.w.trained)}</strong>",
            "previous (Year 1): <strong>"
            + figure(board.period_value(self.w.trained, "KZ", at - 1), self.w.trained)
            + "</strong>",
            "target in force in Year 2 for Kyrgyzstan (set for Year 1): <strong>"
            + figure(share_target.value, self.share)
            + "</strong>",
            "previous (Year 1): <strong>"
            + figure(board.period_value(self.share, "KG", at - 1), self.share)
            + "</strong>",
            f"target Year 2: <strong>{figure(regional_target.value, self.w.regional)}</strong>",
            'previous (Year 1): <span class="nodata">no approved value</span>',
        }
        for text in shown:
            self.assertContains(response, text, html=False)
        # Rounded once, by the one formatter: 25.46 reads 25.5, 4 of 6 reads 66.7 %, 3 of 4 75 %.
        self.assertContains(response, "<strong>25.5</strong>")
        self.assertContains(response, "previous (Year 1): <strong>20</strong>")
        self.assertContains(response, "66.7\u00a0% <small>(4 / 6)</small>")
        self.assertContains(response, "75\u00a0% <small>(3 / 4)</small>")
        self.assertContains(response, "<strong>60\u00a0%</strong>")
        self.assertContains(response, '<strong><span class="milestone">adopted</span></strong>')
        history = reverse("results:indicator", args=["bomca", self.share.pk]) + "#history"
        self.assertContains(response, f'href="{history}"')
        self.assertContains(self.client.get(history.split("#")[0]), 'id="history"')

    def test_the_comparisons_read_in_the_readers_language(self) -> None:
        for language, texts in {
            "ru": ("целевое значение на Year 2, Казахстан: <strong>40</strong>", "предыдущее (Year 1)"),
            "uk": ("цільове значення на Year 2, Казахстан: <strong>40</strong>", "попереднє (Year 1)"),
        }.items():
            with self.subTest(language=language):
                self.me_officer.language = language
                self.me_officer.save()
                self.login("me_officer")
                response = self.page("?country=KZ")
                for text in texts:
                    self.assertContains(response, text, html=False)

    def test_the_export_carries_the_same_figures(self) -> None:
        self.login("me_officer")
        response = self.page("?export=csv&country=KZ")
        text = response.content.decode("utf-8-sig")
        self.assertIn("Target set for", text)
        line = next(row for row in text.splitlines() if "Officials trained" in row)
        self.assertIn("Year 2", line)
        self.assertIn("40", line)
        self.assertIn("Year 1", line)
        self.assertIn("20", line)
        self.assertNotIn("Share of posts", text)

    def test_the_queue_narrows_to_a_country_and_its_links_keep_it(self) -> None:
        self.login("me_officer")
        response = self.page("?country=KG")
        self.assertContains(response, "Share of posts connected")
        self.assertNotContains(response, f'id="update-{self.kz2.pk}"')
        self.assertNotContains(response, f'id="update-{self.regional2.pk}"')  # programme-wide
        review = reverse("results:review", args=["bomca", self.kg2.pk])
        self.assertContains(response, f'action="{review}?country=KG"')
        self.assertContains(response, '<input type="hidden" name="country" value="KG">', html=True)
        self.assertContains(response, '?country=KG" aria-current="page">Kyrgyzstan</a>', html=False)
        self.assertContains(response, "?country=KG&amp;export=csv")
        self.assertEqual(self.page("?country=kg").status_code, 200)
        decided = self.client.post(
            review + "?country=KG", {"decision": "approve", "note": "", "version": str(self.kg2.version)}
        )
        self.assertRedirects(decided, reverse("results:approvals", args=["bomca"]) + "?country=KG")

    def test_a_country_outside_the_readers_scope_or_the_programme_answers_404(self) -> None:
        self.login("me_officer")
        for code in ("UA", "TJ", "XX", "all"):
            with self.subTest(code=code):
                self.assertEqual(self.page(f"?country={code}").status_code, 404)
                confirm = reverse("results:approve_many", args=["bomca"])
                self.assertEqual(
                    self.client.get(confirm, {"update": self.kz2.pk, "country": code}).status_code, 404
                )
        kz_officer = f.user("kz_officer", (self.bomca, "KZ", Role.ME_OFFICER))
        frame = selectors.frame_of(kz_officer, self.bomca)
        self.assertEqual(
            [str(pc.country) for pc in selectors.queue_countries(kz_officer, frame, Action.APPROVE)], ["KZ"]
        )
        with self.assertRaises(Http404):
            selectors.queue_country(kz_officer, frame, Action.APPROVE, "KG")

    def test_managers_read_the_figures_without_ticks_or_buttons(self) -> None:
        self.login("manager")
        response = self.page("?country=KZ")
        self.assertContains(response, "target Year 2 for Kazakhstan")
        self.assertNotContains(response, 'name="update"')
        self.assertNotContains(response, 'id="approve-many"')
        self.assertEqual(
            self.client.get(
                reverse("results:approve_many", args=["bomca"]), {"update": self.kz2.pk}
            ).status_code,
            404,
        )

    # --- approving many at once -----------------------------------------------------------------

    def confirm_url(self) -> str:
        return reverse("results:approve_many", args=["bomca"])

    def confirmation(self, *updates: IndicatorUpdate, note: str = "", **versions: int) -> dict[str, Any]:
        data: dict[str, Any] = {"update": [u.pk for u in updates], "confirm": "1", "note": note}
        for u in updates:
            data[f"version-{u.pk}"] = str(versions.get(f"v{u.pk}", u.version))
        return data

    def states(self) -> list[str]:
        return [IndicatorUpdate.objects.get(pk=u.pk).state for u in (self.kz2, self.kg2, self.regional2)]

    def approvals_written(self) -> int:
        return AuditEntry.objects.filter(
            action=AuditAction.APPROVE,
            object_id__in=[str(self.kz2.pk), str(self.kg2.pk), str(self.regional2.pk)],
        ).count()

    def test_the_confirmation_screen_lists_the_ticked_updates_and_writes_nothing(self) -> None:
        self.login("me_officer")
        response = self.client.get(self.confirm_url(), {"update": [self.kz2.pk, self.kg2.pk], "country": ""})
        self.assertContains(response, "Approve 2 updates")
        self.assertContains(response, "Officials trained")
        self.assertContains(response, "Share of posts connected")
        self.assertContains(response, "target Year 2 for Kazakhstan: <strong>40</strong>", html=False)
        self.assertNotContains(response, "Regional strategy")
        self.assertContains(response, f'name="version-{self.kz2.pk}" value="{self.kz2.version}"', html=False)
        self.assertEqual(self.states(), ["submitted"] * 3)

    def test_a_post_without_the_confirmation_step_writes_nothing(self) -> None:
        self.login("me_officer")
        before = AuditEntry.objects.count()
        # What a form posting the ticks straight from the queue would send: no confirmation.
        response = self.client.post(self.confirm_url(), {"update": [self.kz2.pk, self.kg2.pk]})
        self.assertContains(response, "Nothing was approved yet: check the list and confirm.")
        self.assertContains(response, 'name="confirm"')
        # Nor does a confirmation that lacks the versions the screen showed.
        data = self.confirmation(self.kz2, self.kg2)
        del data[f"version-{self.kg2.pk}"]
        self.assertEqual(self.client.post(self.confirm_url(), data).status_code, 400)
        self.assertEqual(self.states(), ["submitted"] * 3)
        self.assertEqual(AuditEntry.objects.count(), before)
        self.assertFalse(Notification.objects.filter(kind=Kind.UPDATE_APPROVED).exists())

    def test_confirmed_they_are_all_approved_each_with_its_audit_entry_and_mail(self) -> None:
        self.login("me_officer")
        data = self.confirmation(self.kz2, self.kg2, self.regional2, note="Checked against the lists.")
        data["country"] = ""
        response = self.client.post(self.confirm_url(), data)
        self.assertRedirects(
            response, reverse("results:approvals", args=["bomca"]), fetch_redirect_response=False
        )
        self.assertEqual(self.states(), ["approved"] * 3)
        for u in (self.kz2, self.kg2, self.regional2):
            entry = AuditEntry.objects.get(object_id=str(u.pk), action=AuditAction.APPROVE)
            self.assertEqual((entry.actor, entry.rationale), (self.me_officer, "Checked against the lists."))
            self.assertEqual((entry.before["state"], entry.after["state"]), ("submitted", "approved"))
        mailed = Notification.objects.filter(kind=Kind.UPDATE_APPROVED)
        self.assertEqual(sorted(n.recipient.username for n in mailed), ["kg_coordinator", "kz_coordinator"])
        followed = self.client.get(reverse("results:approvals", args=["bomca"]))
        self.assertContains(followed, "Approved 3 updates.")

    def test_one_decided_meanwhile_and_nothing_is_approved_the_row_says_why(self) -> None:
        self.login("me_officer")
        data = self.confirmation(self.kz2, self.kg2, self.regional2)
        data["country"] = "KZ"  # the queue was narrowed: the screen goes back to it
        services.return_update(self.kg2, acting_user=self.me_officer, note="Recount the posts.")
        before = self.approvals_written()
        response = self.client.post(self.confirm_url(), data)
        self.assertContains(response, "Nothing was approved", status_code=400)
        page = response.content.decode()
        row = page[page.index(f'id="row-{self.kg2.pk}"') :]
        row = row[: row.index("</tr>")]
        self.assertIn("already returned this update", row)
        self.assertIn("Recount the posts.", row)
        for fine in (self.kz2, self.regional2):
            other = page[page.index(f'id="row-{fine.pk}"') :]
            self.assertNotIn('class="error"', other[: other.index("</tr>")])
        self.assertEqual(self.states(), ["submitted", "returned", "submitted"])
        self.assertEqual(self.approvals_written(), before)
        self.assertFalse(Notification.objects.filter(kind=Kind.UPDATE_APPROVED).exists())
        # The screen offers the others alone, in the same narrowed queue.
        self.assertContains(response, "Approve the others only", status_code=400)
        self.assertContains(
            response, f"update={self.kz2.pk}&amp;update={self.regional2.pk}&amp;country=KZ", status_code=400
        )

    def test_a_changed_update_refuses_the_whole_approval(self) -> None:
        self.login("me_officer")
        data = self.confirmation(self.kz2, self.kg2, **{f"v{self.kz2.pk}": self.kz2.version - 1})
        response = self.client.post(self.confirm_url(), data)
        self.assertContains(response, "changed while you were looking at it", status_code=400)
        self.assertEqual(self.states(), ["submitted"] * 3)
        self.assertEqual(self.approvals_written(), 0)

    def test_an_update_outside_the_scope_refuses_the_whole_approval(self) -> None:
        ua_update = update(
            self.w.ua_indicator,
            self.ukraine.periods.create(
                label="UA 1", kind="year", start=datetime.date(2021, 4, 1), end=datetime.date(2022, 3, 31)
            ),
            "UA",
            value=Decimal(3),
            state=UpdateState.SUBMITTED,
        )
        self.login("me_officer")
        data = self.confirmation(self.kz2, ua_update)
        response = self.client.post(self.confirm_url(), data)
        self.assertContains(response, "Not found, or not yours to approve.", status_code=400)
        self.assertNotContains(response, "Radios delivered", status_code=400)
        self.assertNotContains(response, "Approve 2 updates", status_code=400)
        self.assertEqual(self.states(), ["submitted"] * 3)
        self.assertEqual(IndicatorUpdate.objects.get(pk=ua_update.pk).state, UpdateState.SUBMITTED)
        self.assertEqual(self.approvals_written(), 0)
        self.login("kz_coordinator")
        self.assertEqual(self.client.post(self.confirm_url(), self.confirmation(self.kz2)).status_code, 404)
        self.assertEqual(self.states(), ["submitted"] * 3)

    def test_the_service_refuses_all_when_one_is_outside_the_officers_scope(self) -> None:
        kz_officer = f.user("kz_officer", (self.bomca, "KZ", Role.ME_OFFICER))
        with self.assertRaises(services.ApprovalsRefused) as refused:
            services.approve_updates([(self.kz2, None), (self.kg2, None)], acting_user=kz_officer)
        self.assertEqual(list(refused.exception.errors), [self.kg2.pk])
        self.assertEqual(self.states(), ["submitted"] * 3)
        self.assertEqual(self.approvals_written(), 0)

    def test_nothing_ticked_goes_back_to_the_queue(self) -> None:
        self.login("me_officer")
        response = self.client.get(self.confirm_url(), {"country": "KZ"})
        self.assertRedirects(
            response,
            reverse("results:approvals", args=["bomca"]) + "?country=KZ",
            fetch_redirect_response=False,
        )

    def grow(self) -> None:
        """More waiting updates, each with a target and a value approved for the period before."""
        periods = grow_periods(self.bomca, 2, first_year=2023 + next(_growth) * 2)
        for n, (period, previous) in enumerate(zip(periods, [self.year2, *periods], strict=False)):
            for iso in ("KZ", "KG"):
                Target.objects.create(
                    indicator=self.w.trained, period=period, country=iso, value=Decimal(10 + n)
                )
                update(self.w.trained, period, iso, value=Decimal(5), state=UpdateState.SUBMITTED)
                update(
                    self.share,
                    period,
                    iso,
                    numerator=Decimal(1),
                    denominator=Decimal(2),
                    state=UpdateState.SUBMITTED,
                )
            code = f"X{period.pk}"
            extra = indicator(self.w.output, code, name=f"Grown {code}")
            Target.objects.create(indicator=extra, period=period, country="KZ", value=Decimal(7))
            update(extra, previous, "KZ", value=Decimal(6))
            update(extra, period, "KZ", value=Decimal(8), state=UpdateState.SUBMITTED)

    def test_the_queue_runs_a_fixed_number_of_queries_whatever_the_number_of_updates(self) -> None:
        for query in ("", "?country=KZ"):
            with self.subTest(query=query):
                url = reverse("results:approvals", args=["bomca"]) + query
                self.assert_constant_queries(url, self.grow, persona="me_officer")
                self.assert_constant_queries(url, self.grow, persona="manager")
        self.login("me_officer")
        self.assertGreater(len(selectors.approval_queue(self.me_officer, self.bomca)), 20)

    def test_the_confirmation_screen_runs_a_fixed_number_of_queries(self) -> None:
        self.login("me_officer")
        few = [self.kz2.pk, self.kg2.pk]
        self.client.get(self.confirm_url(), {"update": few})
        small = self.count_queries(self.confirm_url() + "?" + "&".join(f"update={pk}" for pk in few))
        self.grow()
        many = [u.pk for u in selectors.approval_queue(self.me_officer, self.bomca)]
        self.assertGreater(len(many), 10)
        large = self.count_queries(self.confirm_url() + "?" + "&".join(f"update={pk}" for pk in many))
        self.assertEqual(small, large)
