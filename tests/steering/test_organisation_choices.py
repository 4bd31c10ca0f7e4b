"""An organisation list in a programme's form: that programme's organisations first, each part sorted."""

from __future__ import annotations

from steerco.steering.forms import GroupMemberForm
from steerco.steering.models import GroupMember, SteeringGroup
from tests import factories as f
from tests.base import SteercoTestCase


class OrganisationChoicesTest(SteercoTestCase):
    def test_the_programmes_own_organisations_come_first_sorted_by_name(self) -> None:
        outside = f.organisation(name="Aardvark Consulting")
        from steerco.programmes.models import Organisation

        ours = list(
            Organisation.objects.filter(programme_countries__programme=self.bomca).distinct().order_by("name")
        )
        self.assertTrue(ours)
        form = GroupMemberForm(instance=GroupMember(group=SteeringGroup(programme=self.bomca)))
        offered = list(form.fields["organisation"].queryset)  # type: ignore[attr-defined]
        self.assertEqual(offered[: len(ours)], ours)
        self.assertIn(outside, offered[len(ours) :])
        rest = [o.name for o in offered[len(ours) :]]
        self.assertEqual(rest, sorted(rest))


class DeliveryOrganisationChoicesTest(SteercoTestCase):
    def test_event_co_organisers_offer_the_programmes_partners_first_sorted(self) -> None:
        from steerco.delivery.forms import EventForm
        from steerco.programmes.models import OrganisationKind, PartnerRole, ProgrammePartner

        partner = f.organisation(name="Zeta Border Academy", kind=OrganisationKind.INTERNATIONAL)
        ProgrammePartner.objects.create(programme=self.bomca, organisation=partner, role=PartnerRole.PARTNER)
        outsider = f.organisation(name="Alpha Institute", kind=OrganisationKind.INTERNATIONAL)
        f.organisation(name="A national office", kind=OrganisationKind.BENEFICIARY)
        form = EventForm(programme=self.bomca, user=self.admin)
        offered = list(form.fields["co_organisers"].queryset)  # type: ignore[attr-defined]
        self.assertTrue(all(o.kind == OrganisationKind.INTERNATIONAL for o in offered))
        self.assertLess(offered.index(partner), offered.index(outsider))
        ours = [o for o in offered if o.ours]
        self.assertEqual([o.name for o in ours], sorted(o.name for o in ours))
        rest = [o.name for o in offered if not o.ours]
        self.assertEqual(rest, sorted(rest))

    def test_a_russian_reader_gets_the_list_sorted_by_the_names_they_see(self) -> None:
        from django.utils import translation

        from steerco.programmes.models import Organisation
        from steerco.programmes.selectors import organisations_programme_first

        a = f.organisation(name="Border Guard Academy", name_ru="Академия пограничной службы")
        b = f.organisation(name="Customs Committee", name_ru="")  # no Russian name: shown in English
        c = f.organisation(name="Yellow Office", name_ru="Бюро")
        with translation.override("ru"):
            offered = organisations_programme_first(self.ukraine)
            names = [o.name for o in offered if o.pk in {a.pk, b.pk, c.pk}]
        # Latin letters sort before Cyrillic ones: the English stand-in first, then by Russian name.
        self.assertEqual(names, ["Customs Committee", "Академия пограничной службы", "Бюро"])
        self.assertEqual(Organisation.objects.get(pk=b.pk).name_en, "Customs Committee")
