"""The news drafts' grammar on a small world whose content has Russian and Ukrainian versions.

Verbs agree with the person's sex, counts take their plural forms, dates name the month in the
genitive, names come in their translated form (declined where a rule covers them), the title's tense
follows the meeting's, and a national draft's figures are its country's only.
"""

from __future__ import annotations

import datetime

from django.test import SimpleTestCase
from django.utils import timezone

from steerco.core.plurals import counted
from steerco.delivery.models import Event, EventKind, EventStatus
from steerco.programmes.models import Person
from steerco.reports.news import Material, draft_news
from steerco.reports.news.words import (
    date_text,
    genitive_name,
    locative,
    span_text,
    title_genitive,
    without_phase,
)
from steerco.steering.models import AgendaItem, Decision, Meeting, Speaker
from tests.base import SteercoTestCase
from tests.reports.delivery_data import delivery_in
from tests.reports.news_checks import check_draft, verbless
from tests.reports.test_pack import logframe_with_values
from tests.steering.world import steering_world

D = datetime.date
ALLOWED = {"BOMCA", "UKR"}  # the programmes' acronyms


class Translated(SteercoTestCase):
    """The steering world with the Russian texts of BOMCA's Kazakhstan group and the Ukrainian texts
    of the Ukrainian project."""

    def setUp(self) -> None:
        super().setUp()
        w = self.w = steering_world(self)
        b = self.bomca
        b.title_en, b.title_ru = (
            "Border Management Programme in Central Asia",
            ("Программа содействия управлению границами в Центральной Азии"),
        )
        b.save()
        self.name(b.donor, "European Union", "Европейский союз", "")
        self.name(
            b.lead_implementer,
            "State Border Guard of Latvia",
            "Государственная пограничная охрана Латвии",
            "",
        )
        self.name(w.kz_org, "Border Service", "Пограничная служба Комитета национальной безопасности", "")
        w.kz_nsg.name_ru = "Национальная руководящая группа Казахстана"
        w.kz_nsg.save()
        m = w.kz_meeting
        m.place_ru = "Астана"
        m.highlights_ru = "500 радиостанций переданы пограничной службе"
        m.save()
        w.kz_agenda_item.title_ru = "Итоги года в Казахстане"
        w.kz_agenda_item.save()
        Decision.objects.filter(meeting=m).update(text_ru="Одобрен план работы Казахстана на следующий год.")
        w.kz_point.text_ru = "Пограничная служба представит потребности в обучении"
        w.kz_point.save()
        self.kz_risk.title_ru = "Задержки поставок оборудования"
        self.kz_risk.mitigation_ru = "Заявки на освобождение от налогов подаются вместе со спецификациями."
        self.kz_risk.save()

        u = self.ukraine
        u.title_en, u.title_uk = (
            "EU Support to Border Management in Ukraine",
            ("Підтримка ЄС у зміцненні управління кордонами в Україні"),
        )
        u.save()
        self.name(u.donor, "European Union (Ukraine)", "", "Європейський Союз")
        self.name(u.lead_implementer, "ICMPD", "", "Міжнародний центр розвитку міграційної політики")
        w.ua_psg.name_uk = "Керівний комітет проєкту"
        w.ua_psg.save()
        w.ua_meeting.place_uk = "Київ"
        w.ua_meeting.save()

    def name(self, organisation: object, en: str, ru: str, uk: str) -> None:
        for code, text in (("en", en), ("ru", ru), ("uk", uk)):
            if text:
                setattr(organisation, f"name_{code}", text)
        organisation.save()  # type: ignore[attr-defined]

    def person(self, name: str, sex: str, position: str = "") -> Person:
        return Person.objects.create(
            programme=self.w.kz_meeting.group.programme, name=name, sex=sex, position=position
        )

    def event(self, country: str, participants: int) -> Event:
        day = D(2021, 6, 1)
        return Event.objects.create(
            programme=self.bomca,
            country=country,
            kind=EventKind.TRAINING,
            title="Training",
            start_date=day,
            end_date=day,
            status=EventStatus.HELD,
            participants_total=participants,
        )


class RussianDraftTest(Translated):
    def test_the_russian_draft_names_the_group_and_programme_in_russian_and_declines_them(self) -> None:
        news = draft_news(self.w.kz_meeting.pk, "ru")
        self.assertEqual(
            news.title,
            "BOMCA: в Астане состоялось первое заседание Национальной руководящей группы Казахстана",
        )
        self.assertTrue(
            news.body.startswith(
                "10 ноября 2021 года в Астане состоялось первое заседание Национальной руководящей группы "
                "Казахстана Программы содействия управлению границами в Центральной Азии (BOMCA)."
            ),
            news.body,
        )
        for expected in (
            "Участники рассмотрели ход работ за период с 1 апреля 2021 года по 31 марта 2022 года.",
            "В повестку дня вошли следующие вопросы: итоги года в Казахстане.",
            "приняли следующие решения: одобрен план работы Казахстана на следующий год.",
            "Среди представленных результатов были отмечены следующие: 500 радиостанций переданы",
            "Финансирование программы BOMCA предоставляет Европейский союз, реализацию обеспечивает "
            "Государственная пограничная охрана Латвии.",
        ):
            self.assertIn(expected, news.body)
        check_draft(self, news.title + ". " + news.body, "ru", ALLOWED)

    def test_verbs_agree_with_the_sex_of_who_opened_moderated_and_spoke(self) -> None:
        m = self.w.kz_meeting
        m.opened_by_person = self.person("Айгуль Серикова", "f", "заместитель председателя")
        m.moderated_by_person = self.person("Нуржан Айтмаханов", "m", "начальник управления")
        m.save()
        Speaker.objects.create(
            agenda_item=self.w.kz_agenda_item,
            person=m.moderated_by_person,
            key_message="Пограничная служба готова принять оборудование",
        )
        body = draft_news(m.pk, "ru").body
        self.assertIn("Заседание открыла Айгуль Серикова, заместитель председателя.", body)
        self.assertIn("Модератором заседания выступил Нуржан Айтмаханов, начальник управления.", body)
        self.assertIn(
            "По вопросу «Итоги года в Казахстане» Нуржан Айтмаханов, начальник управления, отметил: "
            "«Пограничная служба готова принять оборудование».",
            body,
        )
        check_draft(self, body, "ru", ALLOWED)
        # Swapped, each verb follows the other person.
        m.opened_by_person, m.moderated_by_person = m.moderated_by_person, m.opened_by_person
        m.save()
        body = draft_news(m.pk, "ru").body
        self.assertIn("Заседание открыл Нуржан Айтмаханов", body)
        self.assertIn("Модератором заседания выступила Айгуль Серикова", body)

    def test_without_a_recorded_sex_the_sentence_needs_no_gendered_verb(self) -> None:
        m = self.w.kz_meeting
        m.opened_by_person = self.person("Д. Ахметов", "", "советник")
        m.save()
        body = draft_news(m.pk, "ru").body
        self.assertIn("Заседание было открыто вступительным словом (Д. Ахметов, советник).", body)
        self.assertNotIn("открыл", body)
        self.assertNotRegex(body, r"\(а\)")

    def test_counts_take_their_plural_forms_and_the_verb_agrees(self) -> None:
        m = self.w.kz_meeting
        made = 0
        for events in (1, 2, 5, 11, 21):
            while made < events:
                self.event("KZ", 1)
                made += 1
            body = draft_news(m.pk, "ru").body
            self.assertIn(f"проведено {counted('event', 'ru', events)},", body)
            check_draft(self, body, "ru", ALLOWED)
        Event.objects.filter(programme=self.bomca).delete()
        expected = {
            1: "в котором принял участие 1 участник",
            2: "в котором приняли участие 2 участника",
            5: "в котором приняли участие 5 участников",
            21: "в котором принял участие 21 участник",
            11: "в котором приняли участие 11 участников",
        }
        for participants, phrase in expected.items():
            event = self.event("KZ", participants)
            body = draft_news(m.pk, "ru").body
            self.assertIn("проведено 1 мероприятие, " + phrase + ".", body)
            event.delete()

    def test_a_national_draft_counts_its_countrys_events_and_handovers_only(self) -> None:
        kz = delivery_in(self, "KZ", D(2021, 6, 1), participants=30, women=12, men=18, units=500)
        kz.lot.title_ru = "Радиостанции"
        kz.lot.save()
        delivery_in(self, "KG", D(2021, 7, 1), participants=999, women=500, men=499, units=333)
        self.event("", 777)  # a regional event is no country's
        body = draft_news(self.w.kz_meeting.pk, "ru").body
        self.assertIn(
            "В Казахстане за отчётный период в рамках программы проведено 1 мероприятие, в котором приняли "
            "участие 30 участников. Доля женщин среди участников составила 40\u00a0%.",
            body,
        )
        self.assertIn(
            "Передано следующее оборудование (получатель — Пограничная служба Комитета национальной "
            "безопасности): радиостанции, 500 шт.",
            body,
        )
        for foreign in ("999", "777", "333", "1\u00a0029", "1\u00a0806"):
            self.assertNotIn(foreign, body)
        english = draft_news(self.w.kz_meeting.pk, "en").body
        self.assertIn(
            "In Kazakhstan, the programme held 1 event with 30 participants over the period", english
        )
        self.assertNotIn("999", english)
        # The regional group's draft counts every country and the regional event.
        regional = draft_news(self.w.rsg_meeting.pk, "en").body
        self.assertIn("Over the period the programme held 3 events with 1,806 participants", regional)

    def test_the_ticked_material_reads_in_russian(self) -> None:
        logframe_with_values(self)
        from steerco.results.models import Indicator

        trained = Indicator.objects.get(code="1.1.1")
        trained.name_ru = "Обученные сотрудники"
        trained.save()
        ticked = Material(indicators=(trained.pk,), risks=(self.kz_risk.pk, self.kg_risk.pk))
        body = draft_news(self.w.kz_meeting.pk, "ru", ticked).body
        self.assertIn("В Казахстане показатель 1.1.1 «Обученные сотрудники» достиг значения 4\u00a0321", body)
        self.assertIn(
            "Участники обсудили риск «Задержки поставок оборудования» и меры по его снижению: заявки на "
            "освобождение от налогов подаются вместе со спецификациями.",
            body,
        )
        self.assertNotIn("KG risk", body)  # another country's risk is not the group's to tick
        self.assertNotIn("8\u00a0765", body)
        check_draft(self, body, "ru", ALLOWED)

    def test_an_upcoming_meeting_is_announced_in_the_future_tense(self) -> None:
        soon = timezone.localdate() + datetime.timedelta(days=30)
        upcoming = Meeting.objects.create(
            group=self.w.kz_nsg,
            number=2,
            start_date=soon,
            period=self.year1,
            place="Astana",
            place_ru="Астана",
        )
        self.assertEqual(
            draft_news(upcoming.pk, "ru").title,
            "BOMCA: в Астане пройдёт второе заседание Национальной руководящей группы Казахстана",
        )
        self.assertEqual(
            draft_news(upcoming.pk, "en").title, "BOMCA: NSG KZ will hold its second meeting in Astana"
        )
        self.assertIn(
            f"Следующее заседание группы запланировано на {date_text('ru', soon)}.",
            draft_news(self.w.kz_meeting.pk, "ru").body,
        )


class UkrainianDraftTest(Translated):
    def test_the_ukrainian_draft_names_the_project_in_quotation_marks_and_declines_the_group(self) -> None:
        AgendaItem.objects.create(meeting=self.w.ua_meeting, order=1, title="Progress", title_uk="Хід робіт")
        news = draft_news(self.w.ua_meeting.pk, "uk")
        self.assertEqual(news.title, "UKR: у Києві відбулося перше засідання Керівного комітету проєкту")
        self.assertTrue(
            news.body.startswith(
                "1 грудня 2021 року в Києві відбулося перше засідання Керівного комітету проєкту "
                "«Підтримка ЄС у зміцненні управління кордонами в Україні» (UKR)."
            ),
            news.body,
        )
        self.assertIn(
            "Фінансування проєкту UKR надає Європейський Союз, реалізацію забезпечує Міжнародний центр "
            "розвитку міграційної політики.",
            news.body,
        )
        check_draft(self, news.title + ". " + news.body, "uk", ALLOWED)

    def test_verbs_agree_in_ukrainian_and_an_unknown_sex_takes_the_impersonal_form(self) -> None:
        m = self.w.ua_meeting
        m.opened_by_person = self.person("Олена Коваль", "f", "голова представництва")
        m.moderated_by_person = self.person("Іван Петренко", "m")
        m.save()
        body = draft_news(m.pk, "uk").body
        self.assertIn("Засідання відкрила Олена Коваль, голова представництва.", body)
        self.assertIn("Модератором засідання виступив Іван Петренко.", body)
        m.opened_by_person = self.person("Андрій Мельник", "m")
        m.moderated_by_person = self.person("Т. Бондар", "")
        m.save()
        body = draft_news(m.pk, "uk").body
        self.assertIn("Засідання відкрив Андрій Мельник.", body)
        self.assertIn("Обговорення модерувалося (Т. Бондар).", body)
        self.assertEqual(verbless(body, "uk"), [])

    def test_ukrainian_counts_take_their_plural_forms(self) -> None:
        ua_events = []
        for participants in (1, 2, 5, 21, 11):
            ua_events.append(
                Event.objects.create(
                    programme=self.ukraine,
                    country="UA",
                    kind=EventKind.TRAINING,
                    title="Training",
                    start_date=D(2021, 6, 1),
                    end_date=D(2021, 6, 1),
                    status=EventStatus.HELD,
                    participants_total=participants,
                )
            )
            total = sum(e.participants_total for e in ua_events)
            body = draft_news(self.w.ua_meeting.pk, "uk").body
            self.assertIn(f"проведено {counted('event', 'uk', len(ua_events))}", body)
            self.assertIn(counted("participant", "uk", total) + ".", body)
            check_draft(self, body, "uk", ALLOWED)
        self.assertIn("проведено 5 заходів, у яких взяли участь 40 учасників.", body)


class WordsTest(SimpleTestCase):
    def test_places_after_their_preposition(self) -> None:
        cases = {
            ("ru", "Астана"): "в Астане",
            ("ru", "Киев"): "в Киеве",
            ("ru", "Ташкент"): "в Ташкенте",
            ("ru", "Душанбе"): "в Душанбе",
            ("ru", "Алматы"): "в Алматы",
            ("ru", "Киргизия"): "в Киргизии",
            ("ru", "Владивосток"): "во Владивостоке",
            ("uk", "Київ"): "у Києві",
            ("uk", "Львів"): "у Львові",
            ("uk", "Бішкек"): "у Бішкеку",
            ("uk", "Ашгабат"): "в Ашгабаті",
            ("uk", "Астана"): "в Астані",
            ("uk", "Рига"): "у Ризі",
            ("uk", "Україна"): "в Україні",
            ("en", "Kyiv"): "in Kyiv",
        }
        for (language, place), expected in cases.items():
            self.assertEqual(locative(language, place), expected)
        self.assertIsNone(locative("ru", "гостиница «Рихсос», Астана"))  # said another way
        # After a vowel ("…2023 року") Ukrainian takes "в", except before в, ф and "Львів".
        self.assertEqual(locative("uk", "Київ", after_vowel=True), "в Києві")
        self.assertEqual(locative("uk", "Львів", after_vowel=True), "у Львові")

    def test_names_in_the_genitive(self) -> None:
        self.assertEqual(
            genitive_name("ru", "Национальная руководящая группа Казахстана"),
            "Национальной руководящей группы Казахстана",
        )
        self.assertEqual(
            genitive_name("ru", "Региональный координационный совет"), "Регионального координационного совета"
        )
        self.assertEqual(genitive_name("ru", "Руководящий комитет проекта"), "Руководящего комитета проекта")
        self.assertEqual(genitive_name("uk", "Керівна група проєкту"), "Керівної групи проєкту")
        self.assertEqual(genitive_name("uk", "Наглядова рада"), "Наглядової ради")
        self.assertIsNone(genitive_name("ru", "NSG KZ"))
        self.assertEqual(
            title_genitive("ru", "Программа содействия управлению границами"),
            "Программы содействия управлению границами",
        )
        self.assertIsNone(title_genitive("uk", "Підтримка ЄС"))
        self.assertEqual(
            without_phase("Border Management Programme in Central Asia, phase 10", "BOMCA 10"),
            "Border Management Programme in Central Asia",
        )
        self.assertEqual(without_phase("Programme, phase 2", "P 3"), "Programme, phase 2")

    def test_spans_of_dates(self) -> None:
        self.assertEqual(span_text("uk", D(2023, 5, 1), D(2023, 10, 31)), "з 1 травня по 31 жовтня 2023 року")
        self.assertEqual(span_text("ru", D(2023, 5, 1), D(2023, 10, 31)), "с 1 мая по 31 октября 2023 года")
        self.assertEqual(span_text("ru", D(2023, 5, 23), D(2023, 5, 25)), "с 23 по 25 мая 2023 года")
        self.assertEqual(span_text("ru", D(2023, 5, 2), D(2023, 5, 4)), "со 2 по 4 мая 2023 года")
        self.assertEqual(
            span_text("ru", D(2022, 11, 1), D(2023, 4, 30)), "с 1 ноября 2022 года по 30 апреля 2023 года"
        )
        self.assertEqual(span_text("en", D(2023, 5, 1), D(2023, 10, 31)), "from 1 May to 31 October 2023")


class ChecksTest(SimpleTestCase):
    """The checks the draft tests rely on find what they are there to find."""

    def test_the_checks_catch_a_missing_verb_a_foreign_word_and_a_wrong_plural(self) -> None:
        from tests.reports.news_checks import counted_phrases, foreign_words

        self.assertEqual(verbless("Заседание открыла Т. Бондар. Итоги года.", "ru"), ["Итоги года."])
        self.assertEqual(
            foreign_words(
                "В заседании приняли участие Radim Žák и John (EU4IBM-Resilience).",
                ALLOWED | {"Radim", "Žák", "EU4IBM-Resilience"},
            ),
            ["John"],
        )
        self.assertEqual(
            counted_phrases("проведено 5 мероприятия, в которых приняли участие 21 участник", "ru"),
            [("5 мероприятия", "5 мероприятий"), ("21 участник", "21 участник")],
        )
