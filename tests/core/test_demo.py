"""`steerco demo`: the two programmes from public facts, one user per persona, and nothing twice."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from steerco.accounts.models import Membership, User
from steerco.audit.models import AuditEntry
from steerco.programmes.models import Programme, Risk
from tests.demo_world import DemoWorldTestCase


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


class DemoWorldTest(DemoWorldTestCase):
    def test_running_it_again_adds_nothing(self) -> None:
        before = row_counts()
        second = StringIO()
        call_command("demo", no_migrate=True, stdout=second)
        self.assertEqual(row_counts(), before)
        self.assertIn("kz.coordinator", second.getvalue())

    def test_it_prints_the_demo_logins(self) -> None:
        output = self.demo_output
        for username in ("admin", "manager", "me.officer", "kz.coordinator", "eu.observer", "outsider"):
            self.assertIn(username, output)
        self.assertIn("password 'demo'", output)

    def test_bomca_10(self) -> None:
        bomca = Programme.objects.get(slug="bomca10")
        self.assertEqual(
            (bomca.planned_start, bomca.planned_end), (datetime.date(2021, 4, 1), datetime.date(2025, 9, 30))
        )
        self.assertEqual(bomca.initial_budget, Decimal("21650000.00"))
        self.assertEqual(
            sorted(bomca.countries.values_list("country", flat=True)), ["KG", "KZ", "TJ", "TM", "UZ"]
        )
        self.assertEqual(
            {c.code: c.lead_partner.short_name for c in bomca.components.select_related("lead_partner")},  # type: ignore[union-attr]
            {"C1": "SBG Latvia", "C2": "SBGS Lithuania", "C3": "SRS Latvia", "C4": "ICMPD"},
        )
        tajikistan = bomca.countries.get(country="TJ")
        self.assertEqual(tajikistan.institutions.count(), 5)
        self.assertTrue(bomca.data_note)

    def test_eu4ibm_resilience_with_its_top_up_and_extension_to_mid_2025(self) -> None:
        eu4ibm = Programme.objects.get(slug="eu4ibm-resilience")
        self.assertEqual(list(eu4ibm.countries.values_list("country", flat=True)), ["UA"])
        self.assertEqual(eu4ibm.components.count(), 4)
        terms = eu4ibm.current_terms()
        self.assertEqual(terms.end, datetime.date(2025, 6, 30))
        self.assertGreater(terms.budget, eu4ibm.initial_budget)
        self.assertEqual(sorted(a.kind for a in eu4ibm.amendments.all()), ["extension", "top_up"])
        self.assertTrue(Risk.objects.filter(programme=eu4ibm, title__icontains="power cuts").exists())
        self.assertTrue(eu4ibm.periods.exists())
        self.assertLessEqual(eu4ibm.periods.order_by("-end").first().end, terms.end)  # type: ignore[union-attr]

    def test_one_user_per_persona_with_the_password_demo(self) -> None:
        expected = {
            "admin": set(),
            "manager": {("BOMCA 10", ""), ("EU4IBM-Resilience", "")},
            "me.officer": {("BOMCA 10", ""), ("EU4IBM-Resilience", "")},
            "kz.coordinator": {("BOMCA 10", "KZ")},
            "kg.coordinator": {("BOMCA 10", "KG")},
            "ua.coordinator": {("EU4IBM-Resilience", "UA")},
            "kz.counterpart": {("BOMCA 10", "KZ")},
            "eu.observer": {("BOMCA 10", ""), ("EU4IBM-Resilience", "")},
            "outsider": set(),
        }
        for username, memberships in expected.items():
            with self.subTest(username=username):
                self.assertIsNotNone(authenticate(username=username, password="demo"))
                got = {
                    (m.programme.code, str(m.country))
                    for m in Membership.objects.filter(user__username=username).select_related("programme")
                }
                self.assertEqual(got, memberships)
        self.assertTrue(User.objects.get(username="admin").is_superuser)

    def test_everything_was_written_through_the_audited_services(self) -> None:
        bomca = Programme.objects.get(slug="bomca10")
        self.assertTrue(AuditEntry.objects.filter(programme=bomca, action="create").count() >= 15)

    def test_the_sign_in_page_lists_the_demo_users_and_pages_say_figures_are_illustrative(self) -> None:
        page = self.client.get(reverse("accounts:login"))
        self.assertContains(page, "<code>kz.coordinator</code>", html=True)
        self.assertContains(page, "Country coordinator, BOMCA 10 Kazakhstan")
        self.client.force_login(User.objects.get(username="manager"))
        for url in (reverse("programmes:list"), reverse("programmes:overview", args=["eu4ibm-resilience"])):
            self.assertContains(self.client.get(url), "are illustrative")


class WithoutDemoTest(TestCase):
    def test_the_sign_in_page_lists_no_demo_users(self) -> None:
        self.assertNotContains(self.client.get(reverse("accounts:login")), "kz.coordinator")
