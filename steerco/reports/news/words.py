"""Small pieces of grammar the composers share: dates, places, ordinals, names in the genitive.

Django's date formats name the month in the nominative in some locales; a news item needs
"11 сентября 2023 года" and "з 1 травня по 31 жовтня 2023 року", so the months are written out here.
Places and names are declined only where a rule covers them; everywhere else the composers build
their sentences so that a name stands in the nominative.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "uk": [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
}
YEAR = {"en": "", "ru": "года", "uk": "року"}
FROM = {"en": "from", "ru": "с", "uk": "з"}
TO = {"en": "to", "ru": "по", "uk": "по"}


def date_text(language: str, day: datetime.date, *, year: bool = True) -> str:
    """The day as a date stands in a sentence: "11 September 2023", "11 сентября 2023 года",
    "11 вересня 2023 року"; without the year, "11 вересня"."""
    text = f"{day.day} {MONTHS[language][day.month - 1]}"
    if year:
        text += f" {day.year}" + (f" {YEAR[language]}" if YEAR[language] else "")
    return text


def span_text(language: str, first: datetime.date, last: datetime.date) -> str:
    """ "з 1 травня по 31 жовтня 2023 року", "с 23 по 25 мая 2023 года", "from 1 May to 31 October 2023"."""
    opening = FROM[language]
    if language == "ru" and first.day == 2:
        opening = "со"  # "со второго"
    if first.year != last.year:
        start = date_text(language, first)
    elif first.month != last.month:
        start = date_text(language, first, year=False)
    else:
        start = str(first.day)
    return f"{opening} {start} {TO[language]} {date_text(language, last)}"


def meeting_days(language: str, first: datetime.date, last: datetime.date | None) -> str:
    return date_text(language, first) if not last or last == first else span_text(language, first, last)


# ---- places -------------------------------------------------------------------------------------

_VOWEL_ENDINGS = tuple("еёиоуыэюaeiou")
_UK_EXCEPTIONS = {"Київ": "Києві"}
_UK_VELAR = {"г": "з", "к": "ц", "х": "с"}


def locative(language: str, name: str, *, after_vowel: bool = False) -> str | None:
    """ "в Астане", "у Києві", "in Kyiv": the place after its preposition; None when no rule covers it
    (a name of several words, an address), and the composer says it another way."""
    name = name.strip()
    if language == "en":
        return f"in {name}" if name else None
    if not name or not re.fullmatch(r"[А-ЯЁЇІЄҐ][а-яёїієґ'’-]+", name):
        return None
    last = name[-1]
    if language == "ru":
        if name.endswith(_VOWEL_ENDINGS):
            word = name
        elif name.endswith("ия"):
            word = name[:-1] + "и"
        elif last in "ая":
            word = name[:-1] + "е"
        elif last == "ь":
            word = name[:-1] + "и"
        elif last == "й":
            word = name[:-1] + "е"
        else:
            word = name + "е"
        before = "во" if name[0] in "ВФ" and name[1:2] not in "аеёиоуыэюя" else "в"
        return f"{before} {word}"
    if name in _UK_EXCEPTIONS:
        word = _UK_EXCEPTIONS[name]
    elif name.endswith(("е", "и", "о", "у")):
        word = name
    elif name.endswith("ія"):
        word = name[:-1] + "ї"
    elif last == "а":
        word = name[:-2] + _UK_VELAR.get(name[-2], name[-2]) + "і"
    elif last == "я":
        word = name[:-1] + "і"
    elif name.endswith("ів"):
        word = name[:-2] + "ові"
    elif last in "кгх":
        word = name + "у"
    elif last == "ь":
        word = name[:-1] + "і"
    else:
        word = name + "і"
    # "у Києві" at the head of a sentence, "року в Києві" after a vowel; "у" stays before в and ф.
    vowel_next = name[0] in "АЕЄИІЇОУЮЯ"
    before = (
        "в" if vowel_next or (after_vowel and name[0] not in "ВФ" and not name.startswith("Льв")) else "у"
    )
    return f"{before} {word}"


# ---- ordinals -----------------------------------------------------------------------------------

# The meeting's place in its series, as the neuter ordinal that agrees with "заседание"/"засідання".
ORDINALS = {
    "en": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
    "ru": [
        "первое",
        "второе",
        "третье",
        "четвёртое",
        "пятое",
        "шестое",
        "седьмое",
        "восьмое",
        "девятое",
        "десятое",
    ],
    "uk": ["перше", "друге", "третє", "четверте", "п’яте", "шосте", "сьоме", "восьме", "дев’яте", "десяте"],
}


def ordinal(language: str, number: int) -> str:
    if 1 <= number <= len(ORDINALS[language]):
        return ORDINALS[language][number - 1]
    if language == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return f"{number}-е"


# ---- names in the genitive ----------------------------------------------------------------------

# Head nouns of group names: (gender, genitive).
_HEADS = {
    "ru": {
        "группа": ("f", "группы"),
        "комитет": ("m", "комитета"),
        "совет": ("m", "совета"),
        "комиссия": ("f", "комиссии"),
        "собрание": ("n", "собрания"),
    },
    "uk": {
        "група": ("f", "групи"),
        "комітет": ("m", "комітету"),
        "рада": ("f", "ради"),
        "комісія": ("f", "комісії"),
        "збори": ("p", "зборів"),
    },
}
_ADJECTIVES = {
    # (gender, nominative ending) → genitive ending, the longer endings first.
    "ru": [
        ("f", "щая", "щей"),  # after a hissing consonant: "руководящей"
        ("f", "жая", "жей"),
        ("f", "шая", "шей"),
        ("f", "чая", "чей"),
        ("f", "ая", "ой"),
        ("f", "яя", "ей"),
        ("m", "кий", "кого"),
        ("m", "гий", "гого"),
        ("m", "хий", "хого"),
        ("m", "ый", "ого"),
        ("m", "ой", "ого"),
        ("m", "ий", "его"),
        ("n", "ое", "ого"),
        ("n", "ее", "его"),
    ],
    "uk": [
        ("f", "а", "ої"),
        ("m", "ій", "ього"),
        ("m", "ий", "ого"),
        ("n", "е", "ого"),
        ("p", "і", "их"),
    ],
}


def _adjective_genitive(language: str, word: str, gender: str) -> str | None:
    for g, ending, genitive in _ADJECTIVES[language]:
        if g == gender and word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + genitive
    return None


def genitive_name(language: str, name: str) -> str | None:
    """A group's name in the genitive, "Национальной руководящей группы Казахстана", when it is
    adjectives and a known head noun followed by anything; None otherwise."""
    words = name.split()
    for i, word in enumerate(words):
        head = _HEADS[language].get(word.lower())
        if head is None:
            continue
        gender, genitive = head
        declined = []
        for adjective in words[:i]:
            form = _adjective_genitive(language, adjective, gender)
            if form is None:
                return None
            declined.append(form)
        head_word = genitive if word.islower() else genitive.capitalize()
        return " ".join([*declined, head_word, *words[i + 1 :]])
    return None


# Head words of programme titles: the rest of such a title depends on the head and keeps its case.
_TITLE_HEADS = {
    "ru": {"программа": ("программы", "programme"), "проект": ("проекта", "project")},
    "uk": {"програма": ("програми", "programme"), "проєкт": ("проєкту", "project")},
}
# ", phase 10", ", фаза 10", ", 10-я фаза", ", 10-та фаза"
_PHASE = re.compile(
    r",\s*(?:(?:phase|фаза|этап|етап)\s+(?P<after>\d+)|(?P<before>\d+)(?:-\w+)?\s+(?:фаза|этап|етап))$",
    re.IGNORECASE,
)


def without_phase(title: str, code: str) -> str:
    """ "Border Management Programme in Central Asia" from "…, phase 10" when the code says 10 already."""
    match = _PHASE.search(title.strip())
    if match and code.strip().endswith(match.group("after") or match.group("before")):
        return title.strip()[: match.start()]
    return title.strip()


def title_genitive(language: str, title: str) -> str | None:
    """ "Программы содействия управлению границами…" for a title whose first word is its head noun."""
    first, _space, rest = title.partition(" ")
    head = _TITLE_HEADS[language].get(first.lower())
    if head is None or not rest:
        return None
    return f"{head[0].capitalize()} {rest}"


# ---- texts kept in one language ----------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")


def written_in(text: str, language: str) -> bool:
    """Whether a text that has no version per language (a person's position, a speaker's key
    message) is written in the draft's script: a Russian draft leaves out an English position."""
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    if not latin + cyrillic:
        return bool(text.strip())
    return cyrillic > latin if language in ("ru", "uk") else latin >= cyrillic


def person_text(person: Any, language: str) -> str:
    """ "Nurzhan Aitmakhanov, Head of Unit, Department of Europe, Ministry of Foreign Affairs": the name,
    the position when it is in the draft's script, and the organisation unless the position names it."""
    parts = [str(person)]
    position = person.position.strip() if written_in(person.position, language) else ""
    if position:
        parts.append(position)
    organisation = person.organisation
    if organisation is not None:
        names = [n for n in (organisation.name, organisation.short_name) if n]
        named = any(n in position for n in names) or (language == "en" and " of the " in position)
        if not named:
            parts.append(organisation.name)
    return ", ".join(p for p in parts if p)


def apposition(text: str) -> str:
    """A name with its position inside a sentence closes with a comma: "Иван Петров, посол, сказал"."""
    return f"{text}," if "," in text else text


def lower_first(text: str) -> str:
    """The text as it reads inside a sentence; acronyms ("EU", "ДПСУ") keep their capitals."""
    text = text.strip()
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:]


def clause(text: str) -> str:
    """A text as a part of a sentence: no final full stop, lower case first."""
    return lower_first(text.strip().rstrip(".;"))


def join(items: list[str], language: str, separator: str = ", ") -> str:
    """ "a, b and c", "a, b и c", "a, b і c"."""
    items = [i for i in (i.strip() for i in items) if i]
    if len(items) <= 1:
        return "".join(items)
    word = {"en": "and", "ru": "и", "uk": "і"}[language]
    return f"{separator.join(items[:-1])} {word} {items[-1]}"
