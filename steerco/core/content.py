"""Content in the users' languages: which version of a text a reader sees.

Texts that a programme shows to others (indicator names, agendas, decisions...) have one version
per interface language, kept by django-modeltranslation as one column per language (`name_en`,
`name_ru`, `name_uk`); each app's `translation.py` lists its fields. Reading `indicator.name` gives
the version in the active language; where there is none, the version in the programme's main
language (`Programme.language`), then any other version.

The programme's main language is known to the code that works inside one programme: a programme
page, a pack, an export. It says so with `main_language(...)`; the fallback order of every
translated field reads it from there. Outside of it, English (the donor's language) comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

CONTENT_LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)
DEFAULT_LANGUAGE: str = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

_main_language: ContextVar[str | None] = ContextVar("steerco_content_main_language", default=None)


def current_main_language() -> str:
    return _main_language.get() or DEFAULT_LANGUAGE


def fallback_order(main: str | None = None) -> tuple[str, ...]:
    """The languages to try after the reader's: the main language first, then the others."""
    first = main or current_main_language()
    return (first, *[code for code in CONTENT_LANGUAGES if code != first])


class ProgrammeFirst(dict[str, tuple[str, ...]]):
    """Fallback languages of a translated field: the programme's main language, then the rest.

    django-modeltranslation asks a field's fallback mapping for the reader's language and for
    "default"; the answer is read when a text is read, so it follows `main_language(...)`.
    """

    def get(self, key: str, default: Any = None) -> Any:
        if key == "default":
            return fallback_order()
        return default


PROGRAMME_FIRST = ProgrammeFirst()


def set_main_language(code: str | None) -> None:
    """Use `code` as the main language for the rest of this request or task."""
    _main_language.set(code if code in CONTENT_LANGUAGES else None)


@contextmanager
def main_language(code: str | None) -> Iterator[None]:
    token = _main_language.set(code if code in CONTENT_LANGUAGES else None)
    try:
        yield
    finally:
        _main_language.reset(token)


@contextmanager
def document_language(language: str, programme: Any = None) -> Iterator[None]:
    """Make a document (pack, minutes, export) in `language`: its words and the content's versions."""
    code = language if language in CONTENT_LANGUAGES else DEFAULT_LANGUAGE
    main = getattr(programme, "language", None) if programme is not None else current_main_language()
    with translation.override(code), main_language(main):
        yield


def localized_name(field: str, language: str) -> str:
    return f"{field}_{language.replace('-', '_')}"


def has_value(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


def version(obj: Any, field: str, language: str) -> Any:
    """The text of `field` in exactly `language`, without falling back (None when there is none)."""
    value = getattr(obj, localized_name(field, language), None)
    return value if has_value(value) else None


@dataclass(frozen=True)
class Shown:
    """What a reader sees of a text: the value, its language, and whether it is a stand-in."""

    value: Any
    language: str | None
    fallback: bool

    def __str__(self) -> str:
        return "" if self.value is None else str(self.value)


def shown(obj: Any, field: str, language: str | None = None) -> Shown:
    """The version of `field` a reader in `language` sees, and whether it is another language's."""
    reader = language or translation.get_language() or DEFAULT_LANGUAGE
    reader = reader if reader in CONTENT_LANGUAGES else DEFAULT_LANGUAGE
    main = getattr(obj, "content_main_language", None)
    for code in (reader, *fallback_order(main() if callable(main) else main)):
        value = version(obj, field, code)
        if value is not None:
            return Shown(value, code, code != reader)
    return Shown(None, None, False)


def order_by_shown(field: str, language: str | None = None) -> Any:
    """An ordering by the version of `field` a reader sees (theirs, else the main language's...)."""
    from django.db.models import F, Value
    from django.db.models.functions import Coalesce, NullIf

    reader = language or translation.get_language() or DEFAULT_LANGUAGE
    codes = [reader] if reader in CONTENT_LANGUAGES else []
    codes += [c for c in fallback_order() if c not in codes]
    versions = [NullIf(F(localized_name(field, code)), Value("")) for code in codes]
    return Coalesce(*versions, Value("")).asc()


def translated_fields(model: type) -> tuple[str, ...]:
    """The fields of `model` that have a version per language (empty when it has none)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    fields: dict[str, Any] = getattr(options, "fields", {})
    return tuple(fields)
