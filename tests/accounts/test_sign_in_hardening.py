"""Sign-in resists guessing: failures are throttled per account and per address, the person is told
for how long, an administrator can unlock, and both are audited. Passwords can be reset by e-mail."""

from __future__ import annotations

import datetime
import re

from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from steerco.audit.models import AuditAction, AuditEntry

from ..base import SteercoTestCase

LIMIT = settings.AXES_FAILURE_LIMIT


class ThrottledSignInTest(SteercoTestCase):
    def sign_in(self, username: str, password: str, address: str = "203.0.113.7") -> object:
        return self.client.post(
            reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def fail(self, times: int, username: str = "kz_coordinator", address: str = "203.0.113.7") -> object:
        response = None
        for _ in range(times):
            response = self.sign_in(username, "wrong", address)
        return response

    def test_failures_below_the_limit_leave_the_right_password_working(self) -> None:
        self.fail(LIMIT - 1)
        response = self.sign_in("kz_coordinator", "pw")
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]

    def test_at_the_limit_the_account_is_locked_and_the_page_says_for_how_long(self) -> None:
        response = self.fail(LIMIT)
        self.assertEqual(response.status_code, 429)  # type: ignore[attr-defined]
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        self.assertContains(response, f"Try again in {minutes} minutes", status_code=429)
        # The right password no longer signs in, from anywhere, until the lock ends.
        right = self.sign_in("kz_coordinator", "pw", address="198.51.100.1")
        self.assertEqual(right.status_code, 429)  # type: ignore[attr-defined]
        self.assertNotIn("_auth_user_id", self.client.session)
        # Another account from another address is not concerned.
        self.assertEqual(self.sign_in("kg_coordinator", "pw", address="198.51.100.2").status_code, 302)  # type: ignore[attr-defined]

    def test_thirty_wrong_passwords_keep_it_locked_without_extending_the_lock(self) -> None:
        self.fail(LIMIT)
        first = AccessAttempt.objects.get(username="kz_coordinator").attempt_time
        self.fail(30 - LIMIT)
        self.assertEqual(AccessAttempt.objects.get(username="kz_coordinator").attempt_time, first)
        self.assertEqual(self.sign_in("kz_coordinator", "pw").status_code, 429)  # type: ignore[attr-defined]

    def test_the_message_is_translated(self) -> None:
        self.fail(LIMIT)
        response = self.client.post(
            reverse("accounts:login"),
            {"username": "kz_coordinator", "password": "pw"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_ACCEPT_LANGUAGE="ru",
        )
        self.assertContains(response, "Слишком много", status_code=429)

    def test_one_address_guessing_many_accounts_is_locked(self) -> None:
        for username in ("manager", "observer", "me_officer", "kg_coordinator", "kz_counterpart")[:LIMIT]:
            self.sign_in(username, "wrong", address="192.0.2.50")
        response = self.sign_in("outsider", "pw", address="192.0.2.50")
        self.assertEqual(response.status_code, 429)  # type: ignore[attr-defined]
        self.assertEqual(self.sign_in("outsider", "pw", address="192.0.2.51").status_code, 302)  # type: ignore[attr-defined]

    def test_the_lock_ends_after_the_cool_off(self) -> None:
        self.fail(LIMIT)
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
        )
        self.assertEqual(self.sign_in("kz_coordinator", "pw").status_code, 302)  # type: ignore[attr-defined]

    def test_the_lockout_is_audited_once(self) -> None:
        self.fail(LIMIT + 3)
        entries = AuditEntry.objects.filter(action=AuditAction.LOCK)
        self.assertEqual(entries.count(), 1)
        entry = entries.get()
        self.assertEqual(entry.object_id, str(self.kz_coordinator.pk))
        self.assertEqual(entry.after["address"], "203.0.113.7")  # type: ignore[index]
        self.assertEqual(entry.after["failures"], LIMIT)  # type: ignore[index]

    def test_an_administrator_sees_the_lock_and_unlocks_it_audited(self) -> None:
        self.fail(LIMIT)
        self.login("admin")
        page = self.client.get(reverse("accounts:users"))
        self.assertContains(page, "sign-in locked until")
        self.assertContains(page, 'name="username" value="kz_coordinator"')
        response = self.client.post(reverse("accounts:unlock"), {"username": "kz_coordinator"})
        self.assertRedirects(response, reverse("accounts:users"), fetch_redirect_response=False)
        self.assertNotContains(self.client.get(reverse("accounts:users")), "sign-in locked until")
        unlock = AuditEntry.objects.get(action=AuditAction.UNLOCK)
        self.assertEqual((unlock.actor, unlock.object_id), (self.admin, str(self.kz_coordinator.pk)))
        history = self.client.get(reverse("accounts:user_edit", args=[self.kz_coordinator.pk]))
        self.assertEqual(
            [e.action for e in history.context["sign_in_events"]], [AuditAction.UNLOCK, AuditAction.LOCK]
        )
        self.assertContains(history, "203.0.113.7")
        self.client.logout()
        self.assertEqual(self.sign_in("kz_coordinator", "pw").status_code, 302)  # type: ignore[attr-defined]

    def test_an_administrator_unlocks_an_address(self) -> None:
        for username in ("ghost1", "ghost2", "ghost3", "ghost4", "ghost5", "ghost6")[:LIMIT]:
            self.sign_in(username, "wrong", address="192.0.2.99")
        self.login("admin")
        self.assertContains(self.client.get(reverse("accounts:users")), "<code>192.0.2.99</code>", html=True)
        self.client.post(reverse("accounts:unlock"), {"address": "192.0.2.99"})
        self.assertFalse(AccessAttempt.objects.filter(ip_address="192.0.2.99").exists())
        self.assertTrue(AuditEntry.objects.filter(action=AuditAction.UNLOCK, actor=self.admin).exists())

    def test_nobody_else_may_unlock(self) -> None:
        self.fail(LIMIT)
        self.login("manager")
        response = self.client.post(reverse("accounts:unlock"), {"username": "kz_coordinator"})
        self.assertEqual(response.status_code, 404)
        self.assertTrue(AccessAttempt.objects.filter(username="kz_coordinator").exists())

    @override_settings(BEHIND_TLS_PROXY=True)
    def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(self) -> None:
        for _ in range(LIMIT):
            self.client.post(
                reverse("accounts:login"),
                {"username": "kz_coordinator", "password": "wrong"},
                REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.80",
            )
        self.assertEqual(set(AccessAttempt.objects.values_list("ip_address", flat=True)), {"203.0.113.80"})

    def test_code_that_signs_in_without_a_request_is_not_refused(self) -> None:
        from django.contrib.auth import authenticate

        self.assertEqual(authenticate(username="kz_coordinator", password="pw"), self.kz_coordinator)
        self.assertTrue(self.client.login(username="observer", password="pw"))


class PasswordResetTest(SteercoTestCase):
    def test_a_reset_link_by_e_mail_sets_a_new_password_audited(self) -> None:
        self.kz_coordinator.email = "kz@example.org"
        self.kz_coordinator.save()
        response = self.client.post(reverse("accounts:password_reset"), {"email": "kz@example.org"})
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["kz@example.org"])
        link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
        assert link is not None, mail.outbox[0].body
        form_page = self.client.get(link.group(1), follow=True)
        self.assertContains(form_page, "Choose a new password")
        new = {"new_password1": "Bishkek-NSG-2024", "new_password2": "Bishkek-NSG-2024"}
        done = self.client.post(form_page.redirect_chain[-1][0], new)
        self.assertRedirects(done, reverse("accounts:password_reset_complete"))
        self.kz_coordinator.refresh_from_db()
        self.assertTrue(self.kz_coordinator.check_password("Bishkek-NSG-2024"))
        entry = AuditEntry.objects.get(object_id=str(self.kz_coordinator.pk), action=AuditAction.UPDATE)
        self.assertEqual(entry.rationale, "password reset by e-mail")
        # The link works once.
        self.assertContains(self.client.get(link.group(1), follow=True), "This link does not work")

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self) -> None:
        response = self.client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(mail.outbox, [])

    def test_the_reset_mail_speaks_the_readers_language(self) -> None:
        self.observer.email = "eu@example.org"
        self.observer.save()
        self.client.post(
            reverse("accounts:password_reset"), {"email": "eu@example.org"}, HTTP_ACCEPT_LANGUAGE="uk"
        )
        self.assertIn("пароль", mail.outbox[0].subject.lower() + mail.outbox[0].body.lower())

    def test_the_sign_in_page_links_to_it(self) -> None:
        self.assertContains(self.client.get(reverse("accounts:login")), reverse("accounts:password_reset"))
