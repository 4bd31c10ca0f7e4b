"""Every list and detail page of the foundation runs as many queries on a large world as on a small one."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django_countries import countries

from steerco.accounts.models import Membership
from steerco.audit.services import record, snapshot
from steerco.core.roles import Role
from steerco.programmes.models import Amendment, AmendmentKind, OrganisationKind, ProgrammePartner

from .. import factories as f
from ..base import SteercoTestCase

D = datetime.date
# Countries the growing world adds to BOMCA, a few at a time.
SPARE_COUNTRIES = [code for code, _name in countries if code not in {"KZ", "KG", "UA"}]
_n = itertools.count(1)


class GrowingWorld(SteercoTestCase):
    """The personas' world plus `grow()`, which adds some of everything a foundation page shows.

    Each test starts with one of everything, so the small count is not flattered by empty
    relations (Django skips the query for a prefetch or a page that has nothing to fetch).
    """

    def setUp(self) -> None:
        super().setUp()
        self.grow(1)

    def grow(self, times: int = 3) -> None:
        bomca = self.bomca
        for _ in range(times):
            n = next(_n)
            taken = set(bomca.countries.values_list("country", flat=True))
            code = next(c for c in SPARE_COUNTRIES if c not in taken)
            f.country(bomca, code, institutions=2)
            self.kz.institutions.add(f.organisation(kind=OrganisationKind.BENEFICIARY, country="KZ"))
            lead = f.organisation(kind=OrganisationKind.PARTNER)
            component = f.component(bomca, lead_partner=lead)
            ProgrammePartner.objects.create(programme=bomca, organisation=lead)
            Amendment.objects.create(
                programme=bomca,
                signed_on=D(2022, 1, n % 28 + 1),
                kind=AmendmentKind.TOP_UP,
                budget_delta=Decimal("1000"),
                justification="More work",
            )
            Amendment.objects.create(
                programme=bomca,
                signed_on=D(2023, 1, n % 28 + 1),
                kind=AmendmentKind.EXTENSION,
                new_end_date=D(2026, 1, 1) + datetime.timedelta(days=30 * n),
                justification="More time",
            )
            for country in ("KZ", "KG", "", code):
                f.risk(bomca, country=country, component=component, likelihood=n % 5 + 1)
            start = D(2021, 4, 1) + datetime.timedelta(days=31 * n)
            f.period(bomca, start, start + datetime.timedelta(days=27), kind="month", label=f"M{n}")
            user = f.user(f"grown{n}", (bomca, "KZ", Role.COORDINATOR), (self.ukraine, "", Role.OBSERVER))
            user.organisation = lead
            user.save()
            with transaction.atomic():
                for obj in (component, user, Membership.objects.filter(user=user).first(), self.kz_risk):
                    assert obj is not None
                    record(actor=user, action="update", obj=obj, before={}, after=snapshot(obj))
                record(actor=self.manager, action="update", obj=self.kz, before={}, after=snapshot(self.kz))


class ProgrammePageQueriesTest(GrowingWorld):
    def test_programme_list(self) -> None:
        for persona in ("manager", "kz_coordinator", "admin"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(reverse("programmes:list"), self.grow, persona)

    def test_overview(self) -> None:
        for persona in ("manager", "kz_coordinator", "observer"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(
                    reverse("programmes:overview", args=["bomca"]), self.grow, persona
                )

    def test_country_page(self) -> None:
        for persona in ("manager", "kz_coordinator", "kz_counterpart"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(
                    reverse("programmes:country", args=["bomca", "kz"]), self.grow, persona
                )

    def test_amendments(self) -> None:
        self.assert_constant_queries(reverse("programmes:amendments", args=["bomca"]), self.grow)

    def test_periods(self) -> None:
        self.assert_constant_queries(reverse("programmes:periods", args=["bomca"]), self.grow)

    def test_risks(self) -> None:
        for persona in ("manager", "kg_coordinator"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(reverse("programmes:risks", args=["bomca"]), self.grow, persona)
                url = reverse("programmes:risks", args=["bomca"]) + "?export=xlsx"
                self.assert_constant_queries(url, self.grow, persona)

    def test_organisations(self) -> None:
        self.assert_constant_queries(reverse("programmes:organisations"), self.grow)

    def test_history(self) -> None:
        # The counterpart reads by the narrower rules too (the regional group's objects are not theirs).
        for persona in ("manager", "kz_coordinator", "kz_counterpart", "observer"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(reverse("audit:history", args=["bomca"]), self.grow, persona)
                url = reverse("audit:history", args=["bomca"]) + "?export=csv"
                self.assert_constant_queries(url, self.grow, persona)

    def test_history_filtered(self) -> None:
        url = reverse("audit:history", args=["bomca"]) + f"?user={self.manager.pk}&type=1"
        self.assert_constant_queries(url, self.grow)

    def test_users(self) -> None:
        self.assert_constant_queries(reverse("accounts:users"), self.grow, "admin")

    def test_user_detail(self) -> None:
        url = reverse("accounts:user_edit", args=[self.kz_coordinator.pk])
        self.assert_constant_queries(url, self.grow, "admin")

    def test_form_pages(self) -> None:
        for url in (
            reverse("programmes:edit", args=["bomca"]),
            reverse("programmes:country_edit", args=["bomca", "kz"]),
            reverse("programmes:risk_edit", args=["bomca", self.kz_risk.pk]),
            reverse("programmes:amendment_add", args=["bomca"]),
            reverse("programmes:amendment_edit", args=["bomca", self.amendment.pk]),
            reverse("programmes:period_edit", args=["bomca", self.year1.pk]),
            reverse("programmes:component_edit", args=["bomca", self.c1.pk]),
        ):
            with self.subTest(url=url):
                self.assert_constant_queries(url, self.grow)

    def test_the_counts_are_small(self) -> None:
        """The figures the README quotes: queries per page, the same at both sizes."""
        self.grow(5)
        self.login("manager")
        counts = {
            name: self.count_queries(reverse(name, args=args))
            for name, args in [
                ("programmes:list", []),
                ("programmes:overview", ["bomca"]),
                ("programmes:country", ["bomca", "kz"]),
                ("programmes:amendments", ["bomca"]),
                ("programmes:periods", ["bomca"]),
                ("programmes:risks", ["bomca"]),
                ("programmes:organisations", []),
                ("audit:history", ["bomca"]),
            ]
        }
        for name, count in counts.items():
            with self.subTest(page=name):
                self.assertLessEqual(count, 15, counts)
