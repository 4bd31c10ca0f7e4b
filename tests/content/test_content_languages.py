"""Texts in several languages: edited side by side, shown in the reader's language with a marked
fallback, listed where a version is missing, and used in the language a document is made in."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from steerco.core.content import document_language, fallback_order, localized_name, main_language
from steerco.core.content_forms import ContentLanguagesForm
from steerco.reports.pack import build_pack
from steerco.reports.translations import missing_translations
from steerco.results.forms import DisaggregationCategoryForm, IndicatorForm
from steerco.results.models import DisaggregationCategory, Indicator
from steerco.results.rules import CountryRule, Measure, TimeRule
from steerco.steering.models import AgendaItem, Decision, MeetingStatus
from tests.base import SteercoTestCase
from tests.core.forms_as_shown import shown_data
from tests.core.test_edit_forms_walk import PREFERRED, edit_cases
from tests.results.world import indicator, result, update
from tests.steering.world import meeting, steering_world

D = datetime.date


def text_versions(form: ContentLanguagesForm) -> list[tuple[str, str]]:
    """(text, its field in one language) for the plain texts of a form (not the lists)."""
    return [
        (name, localized)
        for name, names in form.language_fields.items()
        for localized in names
        if type(form.fields[localized]) in (forms.CharField,)
    ]


class EditFormsInEveryLanguageTest(SteercoTestCase):
    def open(self, url: str) -> Any:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.context["form"]

    def test_every_form_of_a_text_with_versions_shows_one_field_per_language_and_saves_each_in_its_column(
        self,
    ) -> None:
        self.bomca.language = "ru"
        self.bomca.save()
        walked = set()
        for n, (name, case) in enumerate(edit_cases()):
            url = case.url(self)
            self.login(next(p for p in PREFERRED if p in case.allowed))
            form = self.open(url)
            if not isinstance(form, ContentLanguagesForm) or not form.language_fields:
                continue
            walked.add(name)
            main = "ru" if url.startswith("/programmes/bomca/") else "en"
            with self.subTest(url=name):
                for text, names in form.language_fields.items():
                    self.assertNotIn(text, form.fields)
                    self.assertEqual(names, [localized_name(text, code) for code in fallback_order(main)])
                    base_required = form._groups[text][2]
                    for localized in names:
                        self.assertEqual(
                            form.fields[localized].required,
                            base_required and localized.endswith(f"_{main}"),
                            localized,
                        )
                data = shown_data(form)
                written = {}
                for _text, localized in text_versions(form):
                    if localized.endswith(("_ru", "_uk")):
                        value = f"{localized[-2:]}{n}"
                        data[form[localized].html_name] = value
                        written[localized] = value
                    elif not data.get(form[localized].html_name):
                        data[form[localized].html_name] = f"en{n}"
                        written[localized] = f"en{n}"
                response = self.client.post(url, data)
                self.assertEqual(
                    response.status_code, 302, response.context and response.context["form"].errors
                )
                instance = form.instance
                stored = type(instance)._base_manager.get(pk=instance.pk)
                for localized, value in written.items():
                    self.assertEqual(getattr(stored, localized), value, localized)
        for name in [
            "programmes:edit",
            "programmes:component_edit",
            "programmes:risk_edit",
            "programmes:period_edit",
            "programmes:budget_line_edit",
            "results:result_edit",
            "results:indicator_edit",
            "results:category_edit",
            "steering:group_edit",
            "steering:meeting_edit",
            "steering:agenda_edit",
            "steering:decision_edit",
            "steering:action_point_edit",
            "delivery:event_edit",
            "delivery:lot_edit",
            "delivery:recommendation_edit",
            "delivery:workplan_edit",
        ]:
            self.assertIn(name, walked)

    def test_the_page_groups_a_text_in_a_fieldset_with_a_column_per_language(self) -> None:
        w = steering_world(self)
        self.login("manager")
        page = self.client.get(reverse("steering:group_edit", args=["bomca", w.kz_nsg.pk])).content.decode()
        self.assertIn('<fieldset class="languages"><legend>Name</legend>', page)
        self.assertIn('name="name_ru"', page)
        self.assertIn('lang="uk"', page)

    def test_only_the_main_language_is_required_and_the_message_names_the_text_and_the_language(self) -> None:
        self.bomca.language = "ru"
        self.bomca.save()
        w = steering_world(self)
        self.login("manager")
        url = reverse("steering:group_edit", args=["bomca", w.kz_nsg.pk])
        data = shown_data(self.open(url))
        data.update({"name_en": "National Steering Group", "name_ru": "", "name_uk": ""})
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.context["form"].errors["name_ru"], ["“Name” (Russian): This field is required."]
        )
        data.update({"name_en": "", "name_ru": "Национальная руководящая группа"})
        self.assertEqual(self.client.post(url, data).status_code, 302)
        w.kz_nsg.refresh_from_db()
        self.assertEqual(w.kz_nsg.name_ru, "Национальная руководящая группа")
        self.assertIsNone(w.kz_nsg.name_en)

    def test_the_milestone_statuses_of_each_language_name_as_many_steps(self) -> None:
        res = result(self.bomca, "1")
        with main_language("en"):
            form = IndicatorForm(
                {
                    "result": res.pk,
                    "code": "1.a",
                    "name_en": "Strategy",
                    "measure": Measure.MILESTONE,
                    "milestone_statuses_en": "not started\ndrafted\nadopted",
                    "milestone_statuses_ru": "не начата\nподготовлена",
                    "direction": "increase",
                    "time_rule": TimeRule.LATEST,
                    "country_rule": CountryRule.NONE,
                },
                instance=Indicator(result=res),
                programme=self.bomca,
            )
            self.assertFalse(form.is_valid())
        self.assertEqual(
            form.errors["milestone_statuses_ru"],
            ["“Milestone statuses” (Russian): Name each of the 3 statuses, in their order."],
        )

    def test_option_names_per_language_are_saved_beside_the_options_they_name(self) -> None:
        with main_language("en"):
            form = DisaggregationCategoryForm(
                {
                    "name_en": "Sex",
                    "name_ru": "Пол",
                    "options": "Women\nMen",
                    "option_labels_ru": "Женщины\nМужчины",
                    "option_labels_uk": "Жінки",
                },
                instance=DisaggregationCategory(programme=self.bomca),
            )
            self.assertFalse(form.is_valid())
            self.assertIn("Name each of the 2 options", form.errors["option_labels_uk"][0])
            form = DisaggregationCategoryForm(
                {**form.data, "option_labels_uk": "Жінки\nЧоловіки"},
                instance=DisaggregationCategory(programme=self.bomca),
            )
            self.assertTrue(form.is_valid(), form.errors)
            category = form.save()
        self.assertEqual(category.options, ["Women", "Men"])
        with translation.override("uk"):
            self.assertEqual(category.option_label("Men"), "Чоловіки")
        with translation.override("en"):
            self.assertEqual(category.option_label("Men"), "Men")


class FallbackMarkTest(SteercoTestCase):
    def render(self, obj: Any, field: str) -> str:
        return Template("{% load content %}{% shown obj field %}").render(
            Context({"obj": obj, "field": field})
        )

    def test_a_text_without_the_readers_version_is_shown_in_the_main_language_marked_with_its_lang(
        self,
    ) -> None:
        w = steering_world(self)
        w.kz_nsg.name_ru = "Национальная группа Казахстана"
        w.kz_nsg.save()
        with translation.override("ru"), main_language("en"):
            self.assertEqual(self.render(w.kz_nsg, "name"), "Национальная группа Казахстана")
        with translation.override("uk"), main_language("ru"):
            shown = self.render(w.kz_nsg, "name")
        self.assertIn('lang="ru" class="fallback" title="Ще не перекладено українською"', shown)
        self.assertIn("Национальная группа Казахстана", shown)
        self.assertIn(">RU</small>", shown)

    def test_the_meeting_page_marks_the_agenda_item_with_no_russian_version(self) -> None:
        w = steering_world(self)
        AgendaItem.objects.filter(pk=w.kz_agenda_item.pk).update(title_ru="Итоги года в Казахстане")
        AgendaItem.objects.create(meeting=w.kz_meeting, order=2, title="Procurement plan")
        self.login("manager")
        self.client.cookies["steerco_language"] = "ru"
        page = self.client.get(reverse("steering:meeting", args=["bomca", w.kz_meeting.pk])).content.decode()
        self.assertIn("Итоги года в Казахстане", page)
        self.assertIn(
            '<span lang="en" class="fallback" title="Ещё не переведено на русский язык">Procurement plan',
            page,
        )


class MissingTranslationsTest(SteercoTestCase):
    def url(self, **query: str) -> str:
        base = reverse("reports:translations", args=["bomca"])
        return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def test_the_list_counts_per_language_and_links_each_record_to_its_edit_page(self) -> None:
        w = steering_world(self)
        res = result(self.bomca, "1")
        named = indicator(res, "1.a", name="Officials trained")
        named.name_ru = "Обучено сотрудников"
        named.save()
        indicator(res, "1.b", name="Strategies adopted")
        upcoming = meeting(
            w.kz_nsg, 2, datetime.date.today() + datetime.timedelta(days=20), self.year1, place="Astana"
        )
        AgendaItem.objects.create(meeting=upcoming, order=1, title="Next year's plan")
        report = missing_translations(self.manager, self.bomca)
        self.assertEqual(report.languages, ["en", "ru", "uk"])
        self.assertEqual(report.groups[0].key, "next_agenda")  # what to translate before the meeting first
        self.assertEqual([r.label for r in report.groups[0].rows], ["Next year's plan"])
        indicators = next(g for g in report.groups if g.key == "indicators")
        rows = {r.label: r for r in indicators.rows}
        self.assertEqual(rows["1.a Officials trained"].fields, [("name", ["uk"])])
        self.assertEqual(rows["1.b Strategies adopted"].fields, [("name", ["ru", "uk"])])
        self.assertEqual(
            rows["1.a Officials trained"].url, reverse("results:indicator_edit", args=["bomca", named.pk])
        )
        russian = missing_translations(self.manager, self.bomca, language="ru")
        self.assertEqual(russian.counts, report.counts)
        labels = {r.label for g in russian.groups for r in g.rows}
        self.assertNotIn("1.a Officials trained", labels)
        self.assertIn("1.b Strategies adopted", labels)
        at_meeting = missing_translations(self.manager, self.bomca, meeting_id=upcoming.pk)
        self.assertEqual([g.key for g in at_meeting.groups], ["agenda", "meetings"])

    def test_a_coordinator_sees_their_countrys_records_only_and_readers_get_404(self) -> None:
        w = steering_world(self)
        result(self.bomca, "1")
        self.login("kz_coordinator")
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        urls = {r.url for g in response.context["report"].groups for r in g.rows}
        self.assertIn(reverse("steering:action_point_edit", args=["bomca", w.kz_point.pk]), urls)
        self.assertNotIn(reverse("steering:action_point_edit", args=["bomca", w.kg_point.pk]), urls)
        self.assertFalse(any("/logframe/" in u for u in urls))  # the logframe is the M&E officer's
        for persona in ("observer", "kz_counterpart", "outsider"):
            self.login(persona)
            self.assertEqual(self.client.get(self.url()).status_code, 404, persona)
        self.login("manager")
        self.assertEqual(self.client.get(reverse("reports:translations", args=["ukraine"])).status_code, 404)

    def test_the_page_runs_as_many_queries_for_many_records_as_for_few(self) -> None:
        w = steering_world(self)
        res = result(self.bomca, "1")
        self.login("manager")
        indicator(res, "1.a", name="First")
        filtered = self.url(language="ru", meeting=str(w.kz_meeting.pk))
        self.count_queries(self.url())  # the first page of a session reads what later ones keep
        small, small_filtered = self.count_queries(self.url()), self.count_queries(filtered)
        for n in range(12):
            indicator(res, f"1.{n}x", name=f"Indicator {n}")
            Decision.objects.create(meeting=w.kz_meeting, text=f"Decision {n}")
            AgendaItem.objects.create(meeting=w.kz_meeting, order=10 + n, title=f"Item {n}")
        self.assertEqual(self.count_queries(self.url()), small)
        self.assertEqual(self.count_queries(filtered), small_filtered)


class DocumentLanguageTest(SteercoTestCase):
    def test_a_russian_pack_shows_the_russian_names_and_milestone_labels_and_english_where_missing(
        self,
    ) -> None:
        w = steering_world(self)
        res = result(self.bomca, "1.1")
        strategy = indicator(
            res,
            "1.1.1",
            name="Border strategy",
            measure=Measure.MILESTONE,
            milestone_statuses=["not started", "drafted", "adopted"],
            country_rule=CountryRule.LATEST,
            time_rule=TimeRule.LATEST,
        )
        strategy.name_ru = "Стратегия охраны границы"
        strategy.milestone_statuses_ru = ["не начата", "подготовлена", "принята"]
        strategy.save()
        indicator(res, "1.1.2", name="Officials trained", unit="persons")
        update(strategy, self.year1, "KZ", status=1)
        english = build_pack(w.kz_meeting, language="en").text_of()
        russian = build_pack(w.kz_meeting, language="ru").text_of()
        self.assertIn("Border strategy", english)
        self.assertIn("drafted", english)
        self.assertIn("Стратегия охраны границы", russian)
        self.assertIn("подготовлена", russian)
        self.assertNotIn("Border strategy", russian)
        self.assertIn("Officials trained", russian)  # no Russian version: the main language's
        self.assertEqual(translation.get_language(), "en")

    def test_a_document_in_a_language_reads_the_versions_of_that_language(self) -> None:
        w = steering_world(self)
        Decision.objects.filter(meeting=w.kz_meeting).update(text_uk="Схвалено план Казахстану.")
        decision = Decision.objects.get(meeting=w.kz_meeting)
        with document_language("uk", self.bomca):
            self.assertEqual(decision.text, "Схвалено план Казахстану.")
        with document_language("ru", self.bomca):
            self.assertEqual(decision.text, "Endorsed the KZ plan.")
        self.assertEqual(w.kz_meeting.status, MeetingStatus.HELD)
