"""The overdue digest mails an organisation's user only the action points that user may read."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse

from steerco.core.roles import Role
from steerco.steering.digest import overdue_digests, send_overdue_digests

from .. import factories as f
from ..base import SteercoTestCase
from .world import steering_world

TODAY = datetime.date(2022, 6, 1)


class DigestScopeTest(SteercoTestCase):
    def test_a_coordinator_of_kazakhstan_never_gets_kyrgyzstans_action_point(self) -> None:
        w = steering_world(self)
        # An organisation working in both countries owns the Kyrgyz point; its Kazakh coordinator may
        # not read it, its Kyrgyz coordinator may.
        for user, address in (
            (self.kz_coordinator, "kz@example.org"),
            (self.kg_coordinator, "kg@example.org"),
        ):
            user.organisation, user.email = w.kg_org, address
            user.save()
        self.login("kz_coordinator")
        page = reverse("steering:action_point", args=["bomca", w.kg_point.pk])
        self.assertEqual(self.client.get(page).status_code, 404)
        send_overdue_digests(TODAY)
        by_recipient = {m.to[0]: m.body for m in mail.outbox}
        self.assertNotIn("kz@example.org", by_recipient)
        self.assertIn(w.kg_point.text, by_recipient["kg@example.org"])

    def test_a_point_nobody_of_its_organisation_may_read_is_reported_unreachable(self) -> None:
        w = steering_world(self)
        self.kz_coordinator.organisation, self.kz_coordinator.email = w.kg_org, "kz@example.org"
        self.kz_coordinator.save()
        digests, unreachable = overdue_digests(TODAY)
        self.assertNotIn("kz@example.org", [d.email for d in digests])
        self.assertIn(w.kg_point, unreachable)

    def test_a_member_of_another_programme_gets_nothing_of_this_one(self) -> None:
        w = steering_world(self)
        stranger = f.user("stranger", (self.ukraine, "", Role.MANAGER), email="s@example.org")
        stranger.organisation = w.kz_org
        stranger.save()
        digests, _unreachable = overdue_digests(TODAY)
        self.assertNotIn("s@example.org", [d.email for d in digests])

    def test_the_counterpart_of_the_owner_gets_its_point(self) -> None:
        w = steering_world(self)
        self.kz_counterpart.email = "counterpart@example.org"
        self.kz_counterpart.save()
        digests, _unreachable = overdue_digests(TODAY)
        mine = {d.email: [p.pk for p in d.points] for d in digests}
        self.assertEqual(mine["counterpart@example.org"], [w.kz_point.pk])
