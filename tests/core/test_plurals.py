"""Counted nouns take the CLDR plural forms: ru/uk one, few, many; English one, other."""

from __future__ import annotations

from django.test import SimpleTestCase

from steerco.core.plurals import FEW, MANY, NOUNS, ONE, OTHER, category, counted

# The forms every noun the news drafts count takes after 1, 2, 5, 21 and 11.
EXPECTED = {
    "event": {
        "en": ["1 event", "2 events", "5 events", "21 events", "11 events"],
        "ru": ["1 мероприятие", "2 мероприятия", "5 мероприятий", "21 мероприятие", "11 мероприятий"],
        "uk": ["1 захід", "2 заходи", "5 заходів", "21 захід", "11 заходів"],
    },
    "participant": {
        "en": ["1 participant", "2 participants", "5 participants", "21 participants", "11 participants"],
        "ru": ["1 участник", "2 участника", "5 участников", "21 участник", "11 участников"],
        "uk": ["1 учасник", "2 учасники", "5 учасників", "21 учасник", "11 учасників"],
    },
}


class PluralsTest(SimpleTestCase):
    def test_every_counted_noun_takes_its_form_after_1_2_5_21_and_11(self) -> None:
        self.assertEqual(set(EXPECTED), set(NOUNS))  # a noun added to the lexicon is added here too
        for noun, languages in EXPECTED.items():
            for language, phrases in languages.items():
                got = [counted(noun, language, n) for n in (1, 2, 5, 21, 11)]
                self.assertEqual(got, phrases, (noun, language))

    def test_the_categories_follow_the_cldr_rules(self) -> None:
        for language in ("ru", "uk"):
            self.assertEqual(
                [category(language, n) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 332)],
                [MANY, ONE, FEW, FEW, MANY, MANY, MANY, MANY, ONE, FEW, MANY, ONE, MANY, FEW],
            )
        self.assertEqual([category("en", n) for n in (0, 1, 2, 21)], [OTHER, ONE, OTHER, OTHER])

    def test_the_number_is_written_in_the_languages_format(self) -> None:
        self.assertEqual(counted("participant", "en", 1400), "1,400 participants")
        self.assertEqual(counted("participant", "ru", 1400), "1\xa0400 участников")
        self.assertEqual(counted("participant", "uk", 1332), "1\xa0332 учасники")
