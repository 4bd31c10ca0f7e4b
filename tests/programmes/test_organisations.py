"""The organisation list shows each reader the organisations of the programmes they see, no more."""

from __future__ import annotations

from django.urls import reverse

from steerco.programmes.models import OrganisationKind, ProgrammePartner
from tests import factories as f
from tests.base import SteercoTestCase


class OrganisationListTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.partner = f.organisation(name="BOMCA partner", kind=OrganisationKind.PARTNER)
        ProgrammePartner.objects.create(programme=cls.bomca, organisation=cls.partner, role="partner")
        cls.c1.lead_partner = f.organisation(name="BOMCA component lead")
        cls.c1.save()
        cls.loose = f.organisation(name="Linked to no programme")
        cls.kz_institutions = {o.name for o in cls.kz.institutions.all()}
        cls.kg_institutions = {o.name for o in cls.kg.institutions.all()}
        cls.ukraine_names = {cls.ukraine.donor.name, cls.ukraine.lead_implementer.name} | {
            o.name for o in cls.ua.institutions.all()
        }
        cls.bomca_names = {
            cls.bomca.donor.name,
            cls.bomca.lead_implementer.name,
            "BOMCA partner",
            "BOMCA component lead",
        }

    def listed(self, persona: str) -> set[str]:
        self.login(persona)
        response = self.client.get(reverse("programmes:organisations"))
        self.assertEqual(response.status_code, 200)
        return {o.name for o in response.context["organisations"]}

    def test_an_outsider_sees_none(self) -> None:
        self.assertEqual(self.listed("outsider"), set())

    def test_an_outsider_sees_their_own_organisation(self) -> None:
        self.outsider.organisation = self.loose
        self.outsider.save()
        self.assertEqual(self.listed("outsider"), {"Linked to no programme"})

    def test_programme_wide_readers_see_their_programmes_organisations(self) -> None:
        for persona in ("me_officer", "observer"):
            with self.subTest(persona):
                self.assertEqual(
                    self.listed(persona), self.bomca_names | self.kz_institutions | self.kg_institutions
                )

    def test_country_members_see_their_countrys_institutions_not_anothers(self) -> None:
        for persona, own, other in (
            ("kz_coordinator", self.kz_institutions, self.kg_institutions),
            ("kz_counterpart", self.kz_institutions, self.kg_institutions),
            ("kg_coordinator", self.kg_institutions, self.kz_institutions),
        ):
            with self.subTest(persona):
                listed = self.listed(persona)
                self.assertEqual(listed, self.bomca_names | own)
                self.assertFalse(listed & other)
                self.assertFalse(listed & self.ukraine_names)

    def test_administrators_and_those_who_set_up_programmes_see_them_all(self) -> None:
        for persona in ("admin", "manager"):
            with self.subTest(persona):
                listed = self.listed(persona)
                self.assertTrue(self.ukraine_names | self.bomca_names | {"Linked to no programme"} <= listed)
