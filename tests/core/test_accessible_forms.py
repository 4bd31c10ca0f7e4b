"""What a screen reader is pointed at exists: each aria-describedby of a form names an element shown."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.base import SteercoTestCase


class DescribedByTest(SteercoTestCase):
    def test_every_described_by_of_the_forms_points_at_text_on_the_page(self) -> None:
        self.login("manager")
        for url in [
            reverse("programmes:risk_add", args=["bomca"]),
            reverse("programmes:risk_edit", args=["bomca", self.kz_risk.pk]),
            reverse("programmes:period_add", args=["bomca"]),
            reverse("delivery:event_add", args=["bomca"]),
        ]:
            for response in (self.client.get(url), self.client.post(url, {})):
                body = response.content.decode()
                ids = set(re.findall(r'\sid="([^"]+)"', body))
                pointed = re.findall(r'aria-describedby="([^"]+)"', body)
                with self.subTest(url=url, method=response.request["REQUEST_METHOD"]):
                    if "risks" in url:
                        self.assertIn('aria-describedby="id_country_helptext"', body)
                    for names in pointed:
                        for name in names.split():
                            self.assertIn(name, ids)

    def test_the_page_has_a_skip_link_and_the_demo_note_inside_main(self) -> None:
        self.login("manager")
        body = self.client.get(reverse("programmes:risks", args=["bomca"])).content.decode()
        self.assertIn('<a class="skip-link" href="#content">', body)
        self.assertIn('<main id="content"', body)
