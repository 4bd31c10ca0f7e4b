"""The EU logframe matrix with current values (Annex C of EU grant contracts, as progress reports ask it).

Results chain | Indicators | Baseline | Current value | Targets | Sources and means of verification |
Assumptions, grouped as Impact, Outcomes and Outputs and numbered as in the logframe; values split by
sex where the indicator has that category; optionally the intermediate targets of each year. Every
figure is the board's (`results/board.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.core.numbers import format_number
from steerco.programmes.models import Programme
from steerco.results import selectors
from steerco.results.board import Board, figure_text
from steerco.results.models import Indicator, Level, Result
from steerco.results.rules import Basis

from .tables import Column, Row, Table

# What a disaggregation category by sex is called, in the languages steerco ships.
SEX_NAMES = frozenset({"sex", "gender", "пол", "стать"})
LEVEL_GROUPS = [
    (Level.IMPACT, lambda: _("Impact (overall objective)")),
    (Level.OUTCOME, lambda: _("Outcomes (specific objectives)")),
    (Level.OUTPUT, lambda: _("Outputs")),
]


def _sex_split(board: Board, indicator: Indicator, scope: list[str] | None) -> str:
    categories = [c for c in indicator.disaggregations.all() if c.name.strip().lower() in SEX_NAMES]
    if not categories:
        return ""
    parts = board.breakdown(indicator, scope)
    shown = []
    for category in categories:
        values = parts.get(str(category.pk), {})
        shown += [
            f"{category.option_label(option)}: {format_number(values[str(option)])}"
            for option in category.options
            if str(option) in values
        ]
    return "; ".join(shown)


def _milestones(board: Board, indicator: Indicator, scope: list[str] | None) -> str:
    """The target in force at the end of each year that has one: "2022: 30; 2023: 60"."""
    by_year: dict[int, str] = {}
    for index, period in enumerate(board.periods):
        found = board.target_at(indicator, scope, upto=index)
        if found.basis in (Basis.PERIOD, Basis.PERIODS_TO_DATE) and found.target_position == index:
            by_year[period.end.year] = figure_text(found.target, indicator)
    return "; ".join(f"{year}: {text}" for year, text in sorted(by_year.items()) if text)


def build_logframe_matrix(
    user: Any, programme: Programme, *, milestones: bool = False, today: datetime.date | None = None
) -> Table:
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
    end_year = frame.end.year
    columns = [
        Column(_("Results chain")),
        Column(_("Indicators")),
        Column(_("Baseline (incl. reference year)")),
        Column(_("Current value (reference date)")),
        Column(_("Targets (incl. reference year)")),
        Column(_("Sources and means of verification")),
        Column(_("Assumptions")),
    ]
    if milestones:
        columns.append(Column(_("Intermediate targets")))

    def indicator_cells(indicator: Indicator) -> list[str]:
        name = f"{indicator.code} {indicator.name}" + (f" ({indicator.unit})" if indicator.unit else "")
        if indicator.framework_labels:
            name += "\n" + "; ".join(indicator.framework_labels)
        baseline = figure_text(indicator.baseline_observation(), indicator)
        if baseline and indicator.baseline_date:
            baseline += f" ({indicator.baseline_date.year})"
        progress = board.standing(indicator, scope)
        current = figure_text(board.value(indicator, scope), indicator)
        if current and progress.period is not None:
            current += " " + _("(as of %(date)s)") % {"date": progress.period.end.isoformat()}
        split = _sex_split(board, indicator, scope)
        if split:
            current += f"\n{split}"
        target = figure_text(indicator.target_observation(), indicator)
        if target:
            target += f" ({end_year})"
        sources = "\n".join(t for t in (indicator.data_source, indicator.means_of_verification) if t)
        cells = [name, baseline or "—", current or _("no data"), target or "—", sources]
        return cells

    def lines() -> Iterator[Row]:
        for level, title in LEVEL_GROUPS:
            chosen = [r for r in results if r.level == level]
            if not chosen:
                continue
            yield Row((title(),), heading=True)
            for result in chosen:
                chain = f"{result.code} {result.statement}"
                shown = by_result.get(result.pk, [])
                if not shown:
                    yield Row((chain, "", "", "", "", "", result.assumptions, *([""] if milestones else [])))
                for n, indicator in enumerate(shown):
                    extra = [_milestones(board, indicator, scope)] if milestones else []
                    yield Row(
                        (
                            chain if n == 0 else "",
                            *indicator_cells(indicator),
                            result.assumptions if n == 0 else "",
                            *extra,
                        )
                    )

    preamble = [
        _("Logical framework with current values"),
        f"{programme.code} — {programme.title}",
        _("Figures as of %(date)s · approved values only") % {"date": today.isoformat()},
    ]
    return Table(_("Logframe matrix"), columns, lines(), preamble=preamble)
