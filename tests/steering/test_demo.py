"""The demo's steering cycle: circulated packs carry the delivery sections, PSG 3's news reads like news."""

from __future__ import annotations

from steerco.reports.news import draft_news
from steerco.steering.models import Meeting, MeetingPack
from tests.demo_world import DemoWorldTestCase
from tests.reports.test_pack import docx_text, pdf_text


class SteeringDemoTest(DemoWorldTestCase):
    def test_the_demo_packs_and_the_psg_3_news_carry_the_periods_delivery(self) -> None:
        self.check_the_psg_3_news()
        self.check_the_circulated_packs()

    def frozen(self, **meeting: object) -> str:
        pack = MeetingPack.objects.get(meeting=Meeting.objects.get(**meeting))
        with pack.pdf.open("rb") as pdf, pack.docx.open("rb") as word:
            return pdf_text(pdf.read()) + " " + docx_text(word.read())

    def check_the_psg_3_news(self) -> None:
        psg3 = Meeting.objects.get(group__kind="project", number=3)
        body = draft_news(psg3.pk, "en").body
        self.assertIn(
            "It delivered 500 mobile radio stations, 32 mobile mini-scanners and the rehabilitation "
            "equipment",
            body,
        )
        self.assertIn("to the State Border Guard Service of Ukraine.", body)
        self.assertIn("implemented by the International Centre for Migration Policy Development.", body)
        self.assertEqual(body.count("500 mobile radio stations"), 1)

    def check_the_circulated_packs(self) -> None:
        psg3 = self.frozen(group__kind="project", number=3)
        for expected in (
            "Events and participants",
            "Recommendations and their adoption",
            "Procurement: pipeline, delays, handovers and use",
            "UA-01 Mobile radio stations",
            "Units handed over in the period 500 stations, 32 scanners, 1 batch",
        ):
            self.assertIn(expected, psg3)
        kazakhstan = self.frozen(group__country="KZ", number=2)
        self.assertIn("Participants by agency", kazakhstan)
        for foreign in ("Tajikistan", "Kyrgyzstan", "Uzbekistan", "Turkmenistan", "TJ Border Troops"):
            self.assertNotIn(foreign, kazakhstan)
