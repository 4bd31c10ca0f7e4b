"""The demo meetings' news drafts in each language read like the programme's own website.

The Kazakhstan NSG meeting of 11 September 2023 in Russian and English, the EU4IBM-Resilience PSG 3
of 2 November 2023 in Ukrainian and English, each with every piece of material the secretariat can
tick: every sentence has a verb of its language, no Latin-script word stands outside the names and
acronyms below, every count takes the plural helper's form, and a national draft's figures are its
country's.
"""

from __future__ import annotations

import datetime

from django.db.models import Sum

from steerco.core.plurals import counted
from steerco.delivery.models import Event, EventStatus
from steerco.reports.news import Material, choices, draft_news
from steerco.steering.models import Meeting
from tests.demo_world import DemoWorldTestCase
from tests.reports.news_checks import check_draft, counted_phrases, verbless

# Proper names and acronyms a Russian or Ukrainian draft keeps in Latin script.
ALLOWED = {
    "BOMCA",
    "EU4IBM-Resilience",
    "Maciej",
    "Adam",
    "Madalinski",
    "Nurzhan",
    "Aitmakhanov",
    "Radim",
    "Žák",
}


def everything(meeting: Meeting) -> Material:
    offered = choices(meeting)
    return Material(
        indicators=tuple(p.indicator.pk for p in offered.indicators),
        lots=tuple(lot.pk for lot, _stage in offered.lots),
        risks=tuple(r.pk for r in offered.risks),
    )


class NewsLanguagesTest(DemoWorldTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.kz = Meeting.objects.get(group__country="KZ", start_date=datetime.date(2023, 9, 11))
        self.psg3 = Meeting.objects.get(group__kind="project", number=3)

    def test_each_languages_draft_has_verbs_its_own_script_and_plural_forms(self) -> None:
        for meeting, language in ((self.kz, "ru"), (self.kz, "en"), (self.psg3, "uk"), (self.psg3, "en")):
            with self.subTest(meeting=str(meeting), language=language):
                news = draft_news(meeting.pk, language, everything(meeting))
                text = news.title + ". " + news.body
                check_draft(self, text, language, ALLOWED)
                self.assertEqual(verbless(news.title, language), [])
                # The events and participants are counted, through the helper.
                self.assertGreaterEqual(len(counted_phrases(text, language)), 2)

    def test_the_russian_draft_of_the_kazakhstan_meeting(self) -> None:
        news = draft_news(self.kz.pk, "ru")
        self.assertEqual(
            news.title,
            "BOMCA 10: в Астане состоялось второе заседание Национальной руководящей группы Казахстана",
        )
        for expected in (
            "11 сентября 2023 года в Астане состоялось второе заседание Национальной руководящей группы "
            "Казахстана Программы содействия управлению границами в Центральной Азии (BOMCA 10).",
            "Заседание открыл Maciej Adam Madalinski",
            "за период с 1 апреля 2022 года по 31 марта 2023 года",
            f"Финансирование программы BOMCA 10 предоставляет {self.kz.group.programme.donor.name_ru}",
        ):
            self.assertIn(expected, news.body)

    def test_the_english_drafts_name_the_programme_in_full_then_by_its_acronym(self) -> None:
        body = draft_news(self.kz.pk, "en").body
        self.assertIn(
            "the National Steering Group of Kazakhstan of the EU-funded Border Management Programme in "
            "Central Asia (BOMCA 10) met in Astana for its second meeting",
            body,
        )
        self.assertIn("BOMCA 10 is funded by the European Union", body)
        psg3 = draft_news(self.psg3.pk, "en").body
        # Headline lines that say something are sentences of their own, not a pasted list.
        self.assertIn(" 80 customs canine teams have been trained since spring 2023.", psg3)
        self.assertNotIn("Among the results presented:", psg3)
        self.assertIn(
            "Radim Žák, ICMPD Head of Region Eastern Europe and Central Asia, moderated the discussion.", psg3
        )

    def test_the_ukrainian_draft_of_psg_3(self) -> None:
        news = draft_news(self.psg3.pk, "uk")
        self.assertEqual(
            news.title, "EU4IBM-Resilience: у Києві відбулося третє засідання Керівного комітету проєкту"
        )
        for expected in (
            "2 листопада 2023 року в Києві відбулося третє засідання Керівного комітету проєкту "
            "«Підтримка ЄС",
            "Модератором засідання виступив Radim Žák",
            "за період з 1 травня по 31 жовтня 2023 року",
            "Передано таке обладнання (отримувач — Державна прикордонна служба України): "
            "мобільні радіостанції, 500 шт.",
        ):
            self.assertIn(expected, news.body)

    def test_the_kazakhstan_figures_are_kazakhstans(self) -> None:
        period = self.kz.period
        held = Event.objects.filter(
            programme=self.kz.group.programme,
            status=EventStatus.HELD,
            start_date__range=(period.start, period.end),
        )
        in_kazakhstan = held.filter(country="KZ")
        events = in_kazakhstan.count()
        participants = in_kazakhstan.aggregate(n=Sum("participants_total"))["n"]
        everywhere = held.count()
        self.assertGreater(everywhere, events)  # the programme held more: the test tells them apart
        russian = draft_news(self.kz.pk, "ru").body
        self.assertIn(
            f"В Казахстане за отчётный период в рамках программы проведено {counted('event', 'ru', events)}, "
            f"в которых приняли участие {counted('participant', 'ru', participants)}.",
            russian,
        )
        self.assertNotIn(counted("event", "ru", everywhere), russian)
        english = draft_news(self.kz.pk, "en").body
        self.assertIn(
            f"In Kazakhstan, the programme held {counted('event', 'en', events)} with "
            f"{counted('participant', 'en', participants)} over the period",
            english,
        )
