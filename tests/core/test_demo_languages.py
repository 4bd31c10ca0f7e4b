"""The demo world in Russian and Ukrainian: every text has its versions, written in Cyrillic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.db import models
from django.utils import translation

from steerco.accounts.models import User
from steerco.core.content import translated_fields, version
from steerco.core.demo_languages import Versions, all_versions, set_versions, unmatched
from steerco.core.demo_warnings import UnmatchedDemoText
from steerco.core.permissions import SYSTEM
from steerco.programmes import demo_languages as programme_texts
from steerco.programmes.models import Organisation, Programme
from steerco.results.models import DisaggregationCategory, Indicator
from steerco.steering import demo_languages as steering_texts
from steerco.steering.models import ActionPoint, ActionPointNote, AgendaItem, Decision, Meeting, SteeringGroup
from tests.demo_world import DemoWorldTestCase

# Words in Latin script a Russian or Ukrainian text of the demo may carry: names the programmes go by.
LATIN_ALLOWED = {"BOMCA", "EU4IBM-Resilience"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")


def scoped_models() -> list[type[models.Model]]:
    from modeltranslation.translator import translator

    return [m for m in translator.get_registered_models() if getattr(m, "scope_programme", None)]


def objects_of(model: type[models.Model], slug: str) -> models.QuerySet[Any]:
    path = model.scope_programme  # type: ignore[attr-defined]
    return model._default_manager.filter(**{"slug" if path == "pk" else f"{path}__slug": slug})


def missing(objects: Any, language: str) -> Iterator[str]:
    """Texts of `objects` that have an English version and none in `language`."""
    for obj in objects:
        for field in translated_fields(type(obj)):
            if version(obj, field, "en") is not None and version(obj, field, language) is None:
                yield f"{type(obj).__name__} {obj.pk}.{field}: {version(obj, field, 'en')!r}"


def latin_words(value: Any) -> set[str]:
    texts = value if isinstance(value, list) else [value]
    return {w for t in texts if isinstance(t, str) for w in LATIN_WORD.findall(t)} - LATIN_ALLOWED


def strings_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from strings_in(inner, f"{path} {key}")
    else:
        yield path, value


class DemoLanguagesTest(DemoWorldTestCase):
    def test_every_text_of_bomca_10_has_a_russian_version(self) -> None:
        gaps = [gap for model in scoped_models() for gap in missing(objects_of(model, "bomca10"), "ru")]
        self.assertEqual(gaps, [])
        # Sanity: the walk reads the texts it should (an empty world would pass it too).
        self.assertGreater(objects_of(AgendaItem, "bomca10").count(), 10)

    def test_every_text_of_eu4ibm_resilience_has_a_ukrainian_and_a_russian_version(self) -> None:
        for language in ("uk", "ru"):
            gaps = [
                gap
                for model in scoped_models()
                for gap in missing(objects_of(model, "eu4ibm-resilience"), language)
            ]
            self.assertEqual(gaps, [], language)

    def test_the_third_project_steering_group_reads_in_ukrainian(self) -> None:
        meeting = Meeting.objects.get(group__programme__slug="eu4ibm-resilience", number=3)
        points = ActionPoint.objects.filter(meeting=meeting) | ActionPoint.objects.filter(closed_at=meeting)
        texts: list[Any] = [
            meeting,
            meeting.group,
            meeting.group.programme,
            *AgendaItem.objects.filter(meeting=meeting),
            *Decision.objects.filter(meeting=meeting),
            *points,
            *ActionPointNote.objects.filter(action_point__in=points),
        ]
        self.assertEqual(list(missing(texts, "uk")), [])
        self.assertEqual(meeting.place_uk, "Київ")
        self.assertEqual(meeting.group.name_uk, "Керівний комітет проєкту")
        self.assertEqual(len(meeting.highlights_uk.splitlines()), len(meeting.highlights_en.splitlines()))

    def test_the_kazakhstan_group_reads_in_russian(self) -> None:
        meeting = Meeting.objects.get(group__name_en="National Steering Group of Kazakhstan", number=2)
        with translation.override("ru"):
            self.assertEqual(meeting.group.name, "Национальная руководящая группа Казахстана")
            self.assertEqual(meeting.place, "Астана")
            self.assertEqual(
                [item.title for item in meeting.agenda_items.order_by("order")][0], "Открытие заседания"
            )
            self.assertEqual(
                Programme.objects.get(slug="bomca10").title,
                "Программа содействия управлению границами в Центральной Азии, 10-я фаза",
            )

    def test_every_organisation_has_its_name_in_russian_and_ukrainian(self) -> None:
        self.assertEqual(list(missing(Organisation.objects.all(), "ru")), [])
        self.assertEqual(list(missing(Organisation.objects.all(), "uk")), [])
        sbgs = Organisation.objects.get(short_name="SBGS")
        self.assertEqual(sbgs.name_uk, "Державна прикордонна служба України")

    def test_the_versions_are_written_in_cyrillic_but_for_the_programmes_names(self) -> None:
        found: dict[str, set[str]] = {}
        for model in [*scoped_models(), Organisation]:
            for obj in model._default_manager.all():
                for field in translated_fields(model):
                    for language in ("ru", "uk"):
                        words = latin_words(version(obj, field, language))
                        if words:
                            found[f"{model.__name__} {obj.pk}.{field}_{language}"] = words
        for table in (programme_texts.NEWS_NAMES, steering_texts.NEWS_NAMES):
            for path, text in strings_in(table):
                words = latin_words(text)
                if words:
                    found[path] = words
        self.assertEqual(found, {})

    def test_milestone_steps_and_option_names_are_as_many_as_the_english_ones(self) -> None:
        indicators = Indicator.objects.exclude(milestone_statuses_en=[])
        self.assertEqual(indicators.count(), 2)
        for indicator in indicators:
            for language in ("ru", "uk"):
                self.assertEqual(
                    len(getattr(indicator, f"milestone_statuses_{language}")),
                    len(indicator.milestone_statuses_en),
                )
        categories = DisaggregationCategory.objects.all()
        self.assertEqual(categories.count(), 4)
        for category in categories:
            for language in ("ru", "uk"):
                self.assertEqual(len(getattr(category, f"option_labels_{language}")), len(category.options))
        with translation.override("ru"):
            sex = categories.get(programme__slug="bomca10", name_en="Sex")
            self.assertEqual(sex.option_label("Women"), "Женщины")

    def test_every_listed_english_text_is_found_in_the_demo(self) -> None:
        self.assertEqual(unmatched(all_versions()), [])

    def test_a_listed_text_the_demo_does_not_have_is_reported_and_fails_the_tests(self) -> None:
        stray = [
            Versions(SteeringGroup, "name", {"Steering Group of Atlantis": {"ru": "Атлантида"}}, "bomca10")
        ]
        with self.assertWarnsRegex(UnmatchedDemoText, "Steering Group of Atlantis"):
            set_versions(stray, acting_user=SYSTEM)
        # The suite's settings turn the report into an error.
        with self.assertRaises(UnmatchedDemoText):
            set_versions(stray, acting_user=SYSTEM)

    def test_only_the_project_itself_sets_the_demos_versions(self) -> None:
        with self.assertRaises(PermissionError):
            set_versions(all_versions(), acting_user=User.objects.get(username="manager"))

    def test_news_names_start_from_the_names_the_objects_carry(self) -> None:
        for group in SteeringGroup.objects.all():
            forms = steering_texts.NEWS_NAMES[group.name_en]
            for language in ("ru", "uk"):
                self.assertEqual(forms[language]["nom"], version(group, "name", language))
                self.assertEqual(set(forms[language]), {"nom", "gen", "dat", "acc", "ins", "loc"})
        for programme in Programme.objects.all():
            for language in ("ru", "uk"):
                names = programme_texts.NEWS_NAMES[programme.slug][language]
                acronym = names["acronym"]["nom"]
                self.assertIn(f"({acronym})", names["full"]["nom"])
                self.assertIn(acronym, names["short"]["gen"])
