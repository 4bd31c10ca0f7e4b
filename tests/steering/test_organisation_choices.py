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
