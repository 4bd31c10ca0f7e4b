"""A draft news item for the programme's website, written from a meeting's record.

`facts` gathers the meeting and the period's figures once; a composer per language writes the
item: `en` for English, `slavic` for Russian and Ukrainian (their grammar needs agreement and
cases that gettext strings cannot carry). Every text of the record is read in the draft's language
(`document_language`), every count is written through `steerco.core.plurals`. The draft is a
starting point: the secretariat edits it before it is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from steerco.core.content import CONTENT_LANGUAGES, DEFAULT_LANGUAGE, document_language

from . import en, slavic
from .facts import Choices, Material, choices, gather


@dataclass
class NewsText:
    title: str
    body: str


def draft_news(meeting_id: int, language: str, material: Material | None = None) -> NewsText:
    """The news item of a meeting in `language`, with the material the secretariat ticked (a fixed
    number of queries whatever the meeting's size)."""
    facts = gather(meeting_id, material)
    language = language if language in CONTENT_LANGUAGES else DEFAULT_LANGUAGE
    with document_language(language, facts.programme):
        if language in slavic.LEXICONS:
            title, paragraphs = slavic.compose(facts, slavic.LEXICONS[language])
        else:
            title, paragraphs = en.compose(facts)
    return NewsText(title=title, body="\n\n".join(paragraphs))


__all__ = ["Choices", "Material", "NewsText", "choices", "draft_news"]
