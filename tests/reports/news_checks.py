"""How a test reads a news draft as an editor would: every sentence has a verb of its language, no
Latin-script word stands outside the names and acronyms allowed, every count takes its plural form."""

from __future__ import annotations

import re
from typing import Any

from steerco.core.plurals import NOUNS, counted

# The finite verb forms the composers write, per language (and in English, the past "-ed" of the
# headline lines and decisions the secretariat writes, which become sentences of their own).
VERBS = {
    "ru": {
        "состоялось",
        "проходит",
        "пройдёт",
        "проходило",
        "открыл",
        "открыла",
        "открыто",
        "выступил",
        "выступила",
        "модерировалось",
        "модерировала",
        "приняли",
        "принял",
        "рассмотрели",
        "вошли",
        "отметил",
        "отметила",
        "отмечено",
        "отмечены",
        "проведено",
        "составила",
        "передано",
        "достиг",
        "опережает",
        "выполняется",
        "отстаёт",
        "утверждены",
        "находится",
        "обсудили",
        "согласовали",
        "запланировано",
        "предоставляет",
        "обеспечивает",
    },
    "uk": {
        "відбулося",
        "відбувається",
        "відбудеться",
        "відбувалося",
        "відкрив",
        "відкрила",
        "відкрито",
        "виступив",
        "виступила",
        "модерувалося",
        "модерувала",
        "взяли",
        "взяв",
        "розглянули",
        "увійшли",
        "зазначив",
        "зазначила",
        "зазначено",
        "проведено",
        "становила",
        "передано",
        "досяг",
        "випереджає",
        "виконується",
        "відстає",
        "затверджено",
        "перебуває",
        "обговорили",
        "відзначено",
        "ухвалили",
        "погодили",
        "заплановано",
        "надає",
        "забезпечує",
    },
    "en": {
        "held",
        "holds",
        "hold",
        "will",
        "met",
        "meets",
        "meet",
        "was",
        "is",
        "are",
        "were",
        "has",
        "have",
        "said",
        "brought",
        "bring",
        "stood",
        "took",
        "came",
        "agreed",
        "covered",
        "cover",
    },
}
ENDINGS = {"ru": (), "uk": (), "en": ("ed",)}

# A sentence ends at a full stop before a capital or a figure, but not after an initial ("Т. Бондар").
SENTENCE_END = re.compile(r"(?<=[.!?])(?<![\s(][A-ZА-ЯЁІЇЄҐ]\.)\s+(?=[«“\"(]?[A-ZА-ЯЁІЇЄҐ0-9])")
WORD = re.compile(r"[\w’'-]+")
LATIN = re.compile(r"(?<![\w-])[A-Za-zÀ-ž][A-Za-zÀ-ž0-9-]*")


def sentences(text: str) -> list[str]:
    return [s for paragraph in text.split("\n\n") for s in SENTENCE_END.split(paragraph.strip()) if s]


def verbless(text: str, language: str) -> list[str]:
    """The sentences of `text` with no finite verb of `language`."""
    missing = []
    for sentence in sentences(text):
        words = [w.lower() for w in WORD.findall(sentence)]
        if not any(
            w in VERBS[language] or (ENDINGS[language] and w.endswith(ENDINGS[language])) for w in words
        ):
            missing.append(sentence)
    return missing


def foreign_words(text: str, allowed: set[str]) -> list[str]:
    """Latin-script words of a Russian or Ukrainian text outside the names and acronyms allowed."""
    return [w for w in LATIN.findall(text) if w not in allowed]


def counted_phrases(text: str, language: str) -> list[tuple[str, str]]:
    """Every "number noun" of the counted nouns in `text`, with what the plural helper writes for it."""
    found = []
    for noun, forms in NOUNS.items():
        words = "|".join(sorted(forms.get(language, forms["en"]), key=len, reverse=True))
        for match in re.finditer(rf"(?<![\d.,])(\d[\d\u00a0,]*) ({words})(?![\w])", text):
            number = int(re.sub(r"\D", "", match.group(1)))
            found.append((match.group(0), counted(noun, language, number)))
    return found


def check_draft(t: Any, text: str, language: str, allowed: set[str]) -> None:
    t.assertEqual(verbless(text, language), [], language)
    if language != "en":
        t.assertEqual(foreign_words(text, allowed), [], language)
        t.assertNotRegex(text, r"\((а|ла|ась|ся)\)")  # no "открыл(а)"
    for written, expected in counted_phrases(text, language):
        t.assertEqual(written, expected)
