"""The history page: a programme's audit entries, scoped like everything else, filtered by type and user."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from steerco.core.roles import Role
from steerco.programmes import services
from steerco.programmes.models import ReportingPeriod, Risk

from .. import factories as f
from ..base import SteercoTestCase


class HistoryPageTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for risk, title, actor in [
            (cls.regional_risk, "Regional risk, revised", cls.manager),
            (cls.kz_risk, "KZ risk, revised", cls.manager),
            (cls.kg_risk, "KG risk, revised", cls.admin),
            (cls.ua_risk, "UA risk, revised", cls.ua_manager),
        ]:
            risk.title = title
            services.save_risk(risk, acting_user=actor)
        # Periods are set up by the programme's managers; a second one locks the year.
        cls.lead = f.user("programme_lead", (cls.bomca, "", Role.MANAGER))
        cls.year1.locked = True
        services.save_period(cls.year1, acting_user=cls.lead)

    def history(self, persona: str, query: str = "") -> list[str]:
        self.login(persona)
        response = self.client.get(reverse("audit:history", args=["bomca"]) + query)
        self.assertEqual(response.status_code, 200)
        self.response = response
        return sorted(e.object_repr for e in response.context["page"])

    def test_the_programme_team_sees_every_entry_of_the_programme(self) -> None:
        expected = ["KG risk, revised", "KZ risk, revised", "Regional risk, revised", "Year 1"]
        for persona in ("manager", "me_officer", "observer", "admin"):
            with self.subTest(persona=persona):
                self.assertEqual(self.history(persona), expected)

    def test_a_country_coordinator_sees_programme_wide_and_own_country_entries_only(self) -> None:
        self.assertEqual(
            self.history("kz_coordinator"), ["KZ risk, revised", "Regional risk, revised", "Year 1"]
        )
        self.assertEqual(
            self.history("kg_coordinator"), ["KG risk, revised", "Regional risk, revised", "Year 1"]
        )
        self.assertEqual(
            self.history("kz_counterpart"), ["KZ risk, revised", "Regional risk, revised", "Year 1"]
        )

    def test_the_filters_offer_only_what_the_reader_may_see(self) -> None:
        self.history("kz_coordinator")
        actors = [name for _pk, name in self.response.context["actors"]]
        self.assertEqual(actors, ["manager", "programme_lead"])  # the administrator only touched Kyrgyzstan
        self.assertNotContains(self.response, "KG risk")

    def test_filter_by_object_type(self) -> None:
        period_type = ContentType.objects.get_for_model(ReportingPeriod).pk
        self.assertEqual(self.history("manager", f"?type={period_type}"), ["Year 1"])
        risk_type = ContentType.objects.get_for_model(Risk).pk
        self.assertEqual(
            self.history("kz_coordinator", f"?type={risk_type}"),
            ["KZ risk, revised", "Regional risk, revised"],
        )

    def test_filter_by_user(self) -> None:
        self.assertEqual(self.history("manager", f"?user={self.admin.pk}"), ["KG risk, revised"])
        self.assertEqual(self.history("kz_coordinator", f"?user={self.admin.pk}"), [])
        self.assertEqual(
            self.history("manager", f"?user={self.manager.pk}"),
            ["KZ risk, revised", "Regional risk, revised"],
        )

    def test_filters_combine_and_ignore_nonsense(self) -> None:
        risk_type = ContentType.objects.get_for_model(Risk).pk
        self.assertEqual(self.history("manager", f"?type={risk_type}&user={self.lead.pk}"), [])
        self.assertEqual(len(self.history("manager", "?type=abc&user=")), 4)

    def test_an_entry_shows_what_changed_in_words(self) -> None:
        self.history("manager", f"?user={self.lead.pk}")
        self.assertContains(self.response, '<th>Locked</th><td class="old">no</td><td class="new">yes</td>')
        self.assertContains(self.response, "Reporting period <strong>Year 1</strong>")
        self.assertContains(self.response, "programme_lead")

    def test_entries_arrive_newest_first_in_pages(self) -> None:
        for n in range(55):
            self.kz_risk.likelihood = n % 5 + 1
            self.kz_risk.impact = (n + 1) % 5 + 1
            services.save_risk(self.kz_risk, acting_user=self.manager)
        self.history("manager")
        page = self.response.context["page"]
        self.assertEqual((page.paginator.count, len(page.object_list)), (59, 50))
        times = [e.at for e in page]
        self.assertEqual(times, sorted(times, reverse=True))
        self.assertContains(self.response, "page=2")
        self.assertGreaterEqual(datetime.datetime.now(datetime.timezone.utc), times[0])
