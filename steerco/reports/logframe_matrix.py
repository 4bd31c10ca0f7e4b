"""The EU logframe matrix with current values (Annex C of EU grant contracts, as progress reports ask it).

Results chain | Indicators | Baseline | Current value | Targets | Sources and means of verification |
Assumptions, grouped as Impact, Outcomes and Outputs and numbered as in the logframe; values split by
sex where the indicator has that category; optionally the intermediate targets of each year. Every
figure is the board's (`results/board.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.core.numbers import format_number
from steerco.programmes.models import Programme
from steerco.results import selectors
from steerco.results.board import Board, figure_text
from steerco.results.exports import figure_cell
from steerco.results.models import Indicator, Level, Result
from steerco.results.rules import Basis, Observation

from .tables import Column, Row, Table, Typed, Value

# What a disaggregation category by sex is called, in the languages steerco ships.
SEX_NAMES = frozenset({"sex", "gender", "пол", "стать"})
LEVEL_GROUPS = [
    (Level.IMPACT, lambda: _("Impact (overall objective)")),
    (Level.OUTCOME, lambda: _("Outcomes (specific objectives)")),
    (Level.OUTPUT, lambda: _("Outputs")),
]


@dataclass
class IndicatorLine:
    """One indicator of the matrix, its figures as the board gives them, for every rendering."""

    indicator: Indicator
    baseline: Observation | None
    current: Observation | None
    reference_date: datetime.date | None
    by_sex: list[tuple[str, Decimal]]
    target: Observation | None
    milestones: dict[int, Observation | None]


@dataclass
class ResultLine:
    level: str
    result: Result
    indicators: list[IndicatorLine]


@dataclass
class LogframeMatrix:
    """The assembled matrix: what the page, the Word file, the PDF and the workbook are made from."""

    programme: Programme
    as_of: datetime.date
    end_year: int
    milestones: bool
    years: list[int]
    results: list[ResultLine] = field(default_factory=list)

    def preamble(self) -> list[str]:
        return [
            _("Logical framework with current values"),
            f"{self.programme.code} — {self.programme.title}",
            _("Figures as of %(date)s · approved values only") % {"date": self.as_of.isoformat()},
        ]


def _sex_split(board: Board, indicator: Indicator, scope: list[str] | None) -> list[tuple[str, Decimal]]:
    categories = [c for c in indicator.disaggregations.all() if c.name.strip().lower() in SEX_NAMES]
    parts = board.breakdown(indicator, scope) if categories else {}
    shown: list[tuple[str, Decimal]] = []
    for category in categories:
        values = parts.get(str(category.pk), {})
        shown += [
            (category.option_label(str(option)), values[str(option)])
            for option in category.options
            if str(option) in values
        ]
    return shown


def _milestones(board: Board, indicator: Indicator, scope: list[str] | None) -> dict[int, Observation | None]:
    """The target in force at the end of each year that has one: {2022: 30, 2023: 60}."""
    by_year: dict[int, Observation | None] = {}
    for index, period in enumerate(board.periods):
        found = board.target_at(indicator, scope, upto=index)
        if found.basis in (Basis.PERIOD, Basis.PERIODS_TO_DATE) and found.target_position == index:
            by_year[period.end.year] = found.target
    return by_year


def assemble_logframe_matrix(
    user: Any, programme: Programme, *, milestones: bool = False, today: datetime.date | None = None
) -> LogframeMatrix:
    today = today or timezone.localdate()
    frame = selectors.frame_of(user, programme)
    scope = frame.scope
    results = sorted(
        Result.objects.restrict(user).filter(programme=programme), key=lambda r: selectors.natural_key(r.code)
    )
    indicators = sorted(selectors.indicators_of(user, programme), key=lambda i: selectors.natural_key(i.code))
    board = selectors.board_for(user, frame, indicators, with_parts=True)
    by_result: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_result.setdefault(indicator.result_id, []).append(indicator)
    matrix = LogframeMatrix(programme, today, frame.end.year, milestones, [])
    years: set[int] = set()
    for level, _title in LEVEL_GROUPS:
        for result in (r for r in results if r.level == level):
            lines = []
            for indicator in by_result.get(result.pk, []):
                progress = board.standing(indicator, scope)
                current = board.value(indicator, scope)
                line = IndicatorLine(
                    indicator=indicator,
                    baseline=indicator.baseline_observation(),
                    current=current,
                    reference_date=progress.period.end if progress.period is not None else None,
                    by_sex=_sex_split(board, indicator, scope),
                    target=indicator.target_observation(),
                    milestones=_milestones(board, indicator, scope) if milestones else {},
                )
                years.update(y for y, t in line.milestones.items() if figure_text(t, indicator))
                lines.append(line)
            matrix.results.append(ResultLine(level, result, lines))
    matrix.years = sorted(years)
    return matrix


def _level_title(level: str) -> str:
    return next(title() for value, title in LEVEL_GROUPS if value == level)


def _grouped(matrix: LogframeMatrix) -> Iterator[tuple[str | None, ResultLine]]:
    """Each result under the heading of its level, the heading given once before the first."""
    shown = None
    for line in matrix.results:
        yield (_level_title(line.level) if line.level != shown else None), line
        shown = line.level


def _name(indicator: Indicator, *, unit: bool) -> str:
    name = f"{indicator.code} {indicator.name}" + (f" ({indicator.unit})" if unit and indicator.unit else "")
    if indicator.framework_labels:
        name += "\n" + "; ".join(indicator.framework_labels)
    return name


def _sources(indicator: Indicator) -> str:
    return "\n".join(t for t in (indicator.data_source, indicator.means_of_verification) if t)


ANNEX_C = (
    lambda: _("Results chain"),
    lambda: _("Indicators"),
    lambda: _("Baseline (incl. reference year)"),
    lambda: _("Current value (reference date)"),
    lambda: _("Targets (incl. reference year)"),
    lambda: _("Sources and means of verification"),
    lambda: _("Assumptions"),
)


def document_table(matrix: LogframeMatrix) -> Table:
    """The matrix as the page, the Word file and the PDF show it: Annex C's seven columns of text."""
    columns = [Column(title()) for title in ANNEX_C]
    if matrix.milestones:
        columns.append(Column(_("Intermediate targets")))

    def cells(line: IndicatorLine) -> list[str]:
        indicator = line.indicator
        baseline = figure_text(line.baseline, indicator)
        if baseline and indicator.baseline_date:
            baseline += f" ({indicator.baseline_date.year})"
        current = figure_text(line.current, indicator)
        if current and line.reference_date is not None:
            current += " " + _("(as of %(date)s)") % {"date": line.reference_date.isoformat()}
        if line.by_sex:
            current += "\n" + "; ".join(f"{option}: {format_number(v)}" for option, v in line.by_sex)
        target = figure_text(line.target, indicator)
        if target:
            target += f" ({matrix.end_year})"
        return [_name(indicator, unit=True), baseline or "—", current or _("no data"), target or "—"]

    def milestone_text(line: IndicatorLine) -> list[str]:
        if not matrix.milestones:
            return []
        texts = ((y, figure_text(t, line.indicator)) for y, t in sorted(line.milestones.items()))
        return ["; ".join(f"{year}: {text}" for year, text in texts if text)]

    def lines() -> Iterator[Row]:
        for heading, result_line in _grouped(matrix):
            if heading:
                yield Row((heading,), heading=True)
            result = result_line.result
            chain = f"{result.code} {result.statement}"
            if not result_line.indicators:
                yield Row(
                    (chain, "", "", "", "", "", result.assumptions, *([""] if matrix.milestones else []))
                )
            for n, line in enumerate(result_line.indicators):
                yield Row(
                    (
                        chain if n == 0 else "",
                        *cells(line),
                        _sources(line.indicator),
                        result.assumptions if n == 0 else "",
                        *milestone_text(line),
                    )
                )

    return Table(_("Logframe matrix"), columns, list(lines()), preamble=matrix.preamble())


def _figure(observation: Observation | None, indicator: Indicator) -> Value:
    """A figure as a workbook cell: a number with the indicator's unit in its format, or the text of
    a milestone or a qualitative value."""
    cell = figure_cell(observation, indicator)
    if isinstance(cell, Typed) and cell.kind != "percent" and indicator.unit:
        return Typed(cell.value, cell.kind, cell.places, unit=indicator.unit)
    return cell


def workbook_table(matrix: LogframeMatrix) -> Table:
    """The matrix in the workbook: Annex C's columns, each figure a number (its unit in the number
    format) beside its year or reference date, which are a number and a date; the split by sex as
    rows under the indicator; the intermediate targets one column per year."""
    value, year = _("Value"), _("Year")
    columns = [
        Column(ANNEX_C[0]()),
        Column(ANNEX_C[1]()),
        Column(value, "number", 1),
        Column(year, "year"),
        Column(value, "number", 1),
        Column(_("Reference date"), "date"),
        Column(value, "number", 1),
        Column(year, "year"),
        Column(ANNEX_C[5]()),
        Column(ANNEX_C[6]()),
    ]
    groups = [("", 2), (ANNEX_C[2](), 2), (ANNEX_C[3](), 2), (ANNEX_C[4](), 2), ("", 2)]
    if matrix.milestones and matrix.years:
        columns += [Column(str(y), "number", 1) for y in matrix.years]
        groups.append((_("Intermediate targets"), len(matrix.years)))
    blank_years = [None] * (len(matrix.years) if matrix.milestones else 0)

    def lines() -> Iterator[Row]:
        for heading, result_line in _grouped(matrix):
            if heading:
                yield Row((heading,), heading=True)
            result = result_line.result
            chain = f"{result.code} {result.statement}"
            if not result_line.indicators:
                yield Row(
                    (chain, "", None, None, None, None, None, None, "", result.assumptions, *blank_years)
                )
            for n, line in enumerate(result_line.indicators):
                i = line.indicator
                current = _figure(line.current, i)
                yield Row(
                    (
                        chain if n == 0 else "",
                        _name(i, unit=False),
                        _figure(line.baseline, i),
                        i.baseline_date.year if i.baseline_date else None,
                        current if current is not None else _("no data"),
                        line.reference_date if current is not None else None,
                        _figure(line.target, i),
                        matrix.end_year if line.target is not None and figure_text(line.target, i) else None,
                        _sources(i),
                        result.assumptions if n == 0 else "",
                        *(
                            _figure(line.milestones.get(y), i) if matrix.milestones else None
                            for y in (matrix.years if matrix.milestones else [])
                        ),
                    )
                )
                for option, part in line.by_sex:
                    unit = Typed(part, "number", 0 if part == part.to_integral_value() else 1, unit=i.unit)
                    yield Row(("", option, None, None, unit, None, None, None, "", "", *blank_years), level=1)

    return Table(
        _("Logframe matrix"),
        columns,
        list(lines()),
        preamble=matrix.preamble(),
        groups=groups,
        collapsed=False,
    )


def build_logframe_matrix(
    user: Any, programme: Programme, *, milestones: bool = False, today: datetime.date | None = None
) -> Table:
    """The matrix as the page and the documents show it (the workbook: `workbook_table`)."""
    return document_table(assemble_logframe_matrix(user, programme, milestones=milestones, today=today))
