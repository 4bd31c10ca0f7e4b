"""Agenda items linked to an indicator or a procurement lot: choices, refusals, and where they show."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.reports.minutes import build_minutes
from steerco.reports.pack import build_pack
from steerco.reports.render import render_docx, render_pdf
from steerco.steering.models import AgendaItem
from tests.base import SteercoTestCase
from tests.reports.delivery_data import delivery_in
from tests.reports.test_pack import docx_text, pdf_text
from tests.results.world import indicator, result

from .test_services import audit_of
from .world import steering_world

D = datetime.date


class AgendaLinksTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = steering_world(self)
        self.trained = indicator(result(self.bomca, "1.1"), "1.1.1", name="Officials trained")
        self.kz = delivery_in(self, "KZ", D(2021, 6, 1))
        self.kg = delivery_in(self, "KG", D(2021, 6, 1))
        self.url = reverse("steering:agenda_add", args=[self.bomca.slug, self.w.kz_meeting.pk])

    def test_the_secretariat_links_an_item_to_an_indicator_and_a_lot_and_it_is_audited(self) -> None:
        self.login("kz_coordinator")
        response = self.client.post(
            self.url,
            {
                "title": "Radios for the border",
                "indicator": self.trained.pk,
                "procurement_lot": self.kz.lot.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        item = AgendaItem.objects.get(title="Radios for the border")
        self.assertEqual((item.indicator_id, item.procurement_lot_id), (self.trained.pk, self.kz.lot.pk))
        self.assertEqual(len(audit_of(item)), 1)
        page = self.client.get(reverse("steering:meeting", args=[self.bomca.slug, self.w.kz_meeting.pk]))
        self.assertContains(page, "Indicator 1.1.1")
        self.assertContains(page, "LOT-KZ Radios KZ")

    def test_the_form_offers_the_programmes_indicators_and_the_groups_country_lots_only(self) -> None:
        self.login("kz_coordinator")
        form = self.client.get(self.url).context["form"]
        ukraine = indicator(result(self.ukraine, "9"), "9.1", name="Elsewhere")
        self.assertEqual(list(form.fields["procurement_lot"].queryset), [self.kz.lot])
        self.assertIn(self.trained, form.fields["indicator"].queryset)
        self.assertNotIn(ukraine, form.fields["indicator"].queryset)
        refused = self.client.post(self.url, {"title": "Kyrgyz lot", "procurement_lot": self.kg.lot.pk})
        self.assertEqual(refused.status_code, 400)
        self.assertIn("procurement_lot", refused.context["form"].errors)
        self.assertFalse(AgendaItem.objects.filter(title="Kyrgyz lot").exists())

    def test_links_outside_the_programme_or_the_groups_country_are_refused_at_the_field(self) -> None:
        elsewhere = indicator(result(self.ukraine, "9"), "9.1", name="Elsewhere")
        for field, value, message in (
            ("indicator", elsewhere, "The indicator belongs to another programme."),
            ("procurement_lot", self.kg.lot, "The procurement lot is for another country."),
        ):
            item = AgendaItem(meeting=self.w.kz_meeting, order=5, title="Bad link", **{field: value})
            with self.assertRaises(ValidationError) as caught:
                item.full_clean()
            self.assertEqual(caught.exception.message_dict[field], [message])

    def test_the_pack_and_the_minutes_say_what_each_item_concerns(self) -> None:
        AgendaItem.objects.create(
            meeting=self.w.kz_meeting,
            order=2,
            title="Radios for the border",
            indicator=self.trained,
            procurement_lot=self.kz.lot,
        )
        concerns = "1.1.1 Officials trained · LOT-KZ Radios KZ"
        for doc in (build_pack(self.w.kz_meeting), build_minutes(self.w.kz_meeting)):
            self.assertIn(concerns, doc.text_of())
            self.assertIn(concerns, pdf_text(render_pdf(doc)) + docx_text(render_docx(doc)))
