"""Counted nouns: "1 event, 5 events"; "21 участник, 332 участника, 11 участников".

The plural category of a whole number follows the CLDR rules: Russian and Ukrainian have one
(1, 21, 101…, but not 11), few (2–4, 22–24…, but not 12–14) and many (the rest); English has one
(1) and other. Every count a generated text writes goes through `counted`, so the number is
formatted in the language's own way (`steerco.core.numbers`) and the noun takes the right form.
"""

from __future__ import annotations

from django.utils import translation

from .numbers import format_number

ONE, FEW, MANY, OTHER = "one", "few", "many", "other"


def category(language: str, n: int) -> str:
    """The CLDR plural category of the whole number `n` in `language`."""
    n = abs(int(n))
    if language in ("ru", "uk"):
        if n % 10 == 1 and n % 100 != 11:
            return ONE
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return FEW
        return MANY
    return ONE if n == 1 else OTHER


# The forms of each noun the generated texts count, in the nominative (and the accusative of things):
# English (one, other); Russian and Ukrainian (one, few, many).
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "event": {
        "en": ("event", "events"),
        "ru": ("мероприятие", "мероприятия", "мероприятий"),
        "uk": ("захід", "заходи", "заходів"),
    },
    "participant": {
        "en": ("participant", "participants"),
        "ru": ("участник", "участника", "участников"),
        "uk": ("учасник", "учасники", "учасників"),
    },
}


def form(noun: str, language: str, n: int) -> str:
    """The form of `noun` (a key of NOUNS) that stands after the number `n` in `language`."""
    forms = NOUNS[noun].get(language) or NOUNS[noun]["en"]
    if len(forms) == 2:
        return forms[0] if category("en", n) == ONE else forms[1]
    return forms[{ONE: 0, FEW: 1, MANY: 2}[category(language, n)]]


def counted(noun: str, language: str, n: int) -> str:
    """The number in the language's format and the noun in the form it takes: "332 участника"."""
    with translation.override(language):
        number = format_number(n, 0)
    return f"{number} {form(noun, language, n)}"
