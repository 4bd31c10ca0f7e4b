"""Content in the reader's language: `{% shown obj "name" %}` and the rows of a form with language columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from steerco.core.content import shown as shown_version
from steerco.core.content_forms import LanguageGroup

register = template.Library()

# Each said whole, so that every language can put the name of the language in its own case.
NOT_YET_TRANSLATED = {
    "en": _("Not yet translated into English"),
    "ru": _("Not yet translated into Russian"),
    "uk": _("Not yet translated into Ukrainian"),
}


def fallback_mark(value: str, language: str, reader: str) -> SafeString:
    """A text shown in another language than the reader's: its `lang`, and a mark saying so."""
    return format_html(
        '<span lang="{}" class="fallback" title="{}">{} '
        '<small class="lang-mark" aria-hidden="true">{}</small></span>',
        language,
        NOT_YET_TRANSLATED.get(reader, NOT_YET_TRANSLATED["en"]),
        value,
        language.upper(),
    )


@register.simple_tag
def shown(obj: Any, field: str, lines: bool = False, words: int = 0, default: str = "") -> SafeString:
    """The text of `field` in the reader's language; where it has none, the main language's, marked."""
    from django.utils.translation import get_language

    if obj is None:
        return escape(default)
    version = shown_version(obj, field)
    if version.value is None:
        return escape(default)
    text = str(version.value)
    if words:
        text = Truncator(text).words(words, truncate="…")
    value: SafeString = mark_safe(linebreaks(text)) if lines else escape(text)
    if not version.fallback or version.language is None:
        return value
    return fallback_mark(value, version.language, (get_language() or "en")[:2])


@dataclass
class FormRow:
    field: forms.BoundField | None = None
    group: LanguageGroup | None = None


@register.filter
def field_rows(form: forms.BaseForm) -> list[FormRow]:
    """The visible fields of `form` in order, the versions of one text gathered into one row."""
    group_of = getattr(form, "group_of", None)
    rows: list[FormRow] = []
    seen: set[str] = set()
    for bound in form.visible_fields():
        name = group_of(bound.name) if group_of else None
        if name is None:
            rows.append(FormRow(field=bound))
        elif name not in seen:
            seen.add(name)
            rows.append(FormRow(group=form.language_group(name)))  # type: ignore[attr-defined]
    return rows
