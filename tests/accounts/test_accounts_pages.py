"""Signing in and out, changing one's password, and the administrators' pages for users and memberships."""

from __future__ import annotations

from django.urls import reverse

from steerco.accounts.models import Membership, User
from steerco.audit.models import AuditEntry

from ..base import SteercoTestCase


class SignInTest(SteercoTestCase):
    def test_sign_in_and_out(self) -> None:
        response = self.client.post(
            reverse("accounts:login"), {"username": "kz_coordinator", "password": "pw"}
        )
        self.assertRedirects(response, reverse("programmes:list"), fetch_redirect_response=False)
        self.assertContains(self.client.get(reverse("programmes:list")), "kz_coordinator")
        self.client.post(reverse("accounts:logout"))
        self.assertRedirects(
            self.client.get(reverse("programmes:list")),
            reverse("accounts:login") + "?next=" + reverse("programmes:list"),
        )

    def test_a_wrong_password_is_refused_and_says_so(self) -> None:
        response = self.client.post(
            reverse("accounts:login"), {"username": "kz_coordinator", "password": "no"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "correct username and password")

    def test_password_change(self) -> None:
        self.login("observer")
        url = reverse("accounts:password_change")
        short = {"old_password": "pw", "new_password1": "abc", "new_password2": "abc"}
        self.assertContains(self.client.post(url, short), "too short")
        good = {
            "old_password": "pw",
            "new_password1": "Tashkent-RSG-2023",
            "new_password2": "Tashkent-RSG-2023",
        }
        self.assertRedirects(
            self.client.post(url, good), reverse("programmes:list"), fetch_redirect_response=False
        )
        self.assertTrue(User.objects.get(pk=self.observer.pk).check_password("Tashkent-RSG-2023"))
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(self.observer.pk), rationale="password changed")
        )
        # The session survives the change.
        self.assertEqual(self.client.get(reverse("programmes:list")).status_code, 200)


class UserAdministrationTest(SteercoTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login("admin")

    def test_an_administrator_adds_a_user_and_gives_them_a_country(self) -> None:
        response = self.client.post(
            reverse("accounts:user_add"),
            {
                "username": "tj.coordinator",
                "first_name": "Dilnoza",
                "is_active": "on",
                "password": "Dushanbe-NSG-2023",
            },
        )
        user = User.objects.get(username="tj.coordinator")
        self.assertRedirects(
            response, reverse("accounts:user_edit", args=[user.pk]), fetch_redirect_response=False
        )
        self.assertTrue(user.check_password("Dushanbe-NSG-2023"))
        response = self.client.post(
            reverse("accounts:membership_add", args=[user.pk]),
            {"programme": self.bomca.pk, "country": "KG", "role": "coordinator"},
        )
        self.assertEqual(response.status_code, 302)
        membership = Membership.objects.get(user=user)
        self.assertEqual((membership.country, membership.role), ("KG", "coordinator"))
        self.client.force_login(user)
        self.assertEqual(
            self.client.get(reverse("programmes:country", args=["bomca", "kg"])).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("programmes:country", args=["bomca", "kz"])).status_code, 404
        )

    def test_removing_a_membership_takes_the_access_away(self) -> None:
        membership = self.kz_coordinator.memberships.get()
        url = reverse("accounts:membership_remove", args=[self.kz_coordinator.pk, membership.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        self.assertTrue(AuditEntry.objects.filter(object_id=str(membership.pk), action="delete").exists())
        self.client.force_login(self.kz_coordinator)
        self.assertEqual(self.client.get(reverse("programmes:overview", args=["bomca"])).status_code, 404)

    def test_a_weak_password_for_a_new_user_is_refused_at_its_field(self) -> None:
        response = self.client.post(
            reverse("accounts:user_add"), {"username": "weak", "is_active": "on", "password": "123"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("password", response.context["form"].errors)
        self.assertFalse(User.objects.filter(username="weak").exists())

    def test_the_user_list_shows_memberships(self) -> None:
        page = self.client.get(reverse("accounts:users"))
        self.assertContains(page, "BOMCA · KZ · Country coordinator")
        self.assertContains(page, "BOMCA · all · Donor observer")
