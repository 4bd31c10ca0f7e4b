"""A report as plain data: sections of paragraphs, fact lists, tables and charts, rendered by `render`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal


@dataclass
class Paragraph:
    text: str
    tone: Literal["", "note", "warning"] = ""
    kind: Literal["paragraph"] = "paragraph"


@dataclass
class BulletList:
    items: list[str]
    kind: Literal["bullets"] = "bullets"


@dataclass
class Facts:
    items: list[tuple[str, str]]
    kind: Literal["facts"] = "facts"


@dataclass
class Cell:
    """One table cell; `tone` marks a status (ok, bad, none) so every renderer can colour it."""

    text: str
    tone: Literal["", "ok", "bad", "warn", "none"] = ""
    strong: bool = False


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    numeric: frozenset[int] = frozenset()
    empty: str = ""
    caption: str = ""
    total_last: bool = False
    kind: Literal["table"] = "table"


@dataclass
class Chart:
    """Horizontal bars, one group per category, one bar per series; drawn as SVG and PNG from this."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    unit: str = ""
    limit: float | None = None
    kind: Literal["chart"] = "chart"


Block = Paragraph | BulletList | Facts | Table | Chart


@dataclass
class SummaryRow:
    """A headline figure a section adds to the summary: the whole scope, and per country when regional."""

    label: str
    total: str
    per_country: dict[str, str] = field(default_factory=dict)


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    summary: list[SummaryRow] = field(default_factory=list)


@dataclass
class ReportDocument:
    title: str
    subtitle: str
    facts: list[tuple[str, str]]
    sections: list[Section]
    generated_at: datetime.datetime
    footer: str = ""
    language: str = "en"

    def text_of(self) -> str:
        """Every piece of text in the document, for search and tests of what it says."""
        parts = [self.title, self.subtitle, *(f"{k} {v}" for k, v in self.facts)]
        for section in self.sections:
            parts.append(section.title)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    parts.append(block.text)
                elif isinstance(block, BulletList):
                    parts.extend(block.items)
                elif isinstance(block, Facts):
                    parts.extend(f"{k} {v}" for k, v in block.items)
                elif isinstance(block, Table):
                    parts.extend(block.columns)
                    parts.extend(cell.text for row in block.rows for cell in row)
                elif isinstance(block, Chart):
                    parts.append(block.title)
                    parts.extend(block.categories)
        return "\n".join(parts)
