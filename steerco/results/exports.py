"""The logframe, the dashboards' tables and the approval queue as export tables.

Figures come from the board (`board.py`): a count or a share is written as a number of its kind, a
milestone or a qualitative value as the text the pages show.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Row, Table, Typed, Value

from .board import Progress, figure_text
from .models import Indicator
from .rules import Measure, Observation, number
from .selectors import Awaiting


def figure_cell(value: Observation | Decimal | None, indicator: Indicator) -> Value:
    """An indicator's figure as a cell: a typed number for counts and shares, text otherwise."""
    measure = indicator.measure
    if measure in (Measure.MILESTONE, Measure.QUALITATIVE):
        return figure_text(value, indicator) or None
    figure = number(value, measure) if isinstance(value, Observation) else value
    if figure is None:
        return None
    if measure == Measure.PERCENTAGE:
        return Typed(figure, "percent", 1)
    # A whole count shows as one (2,800); a figure with decimals keeps one place, as the pages show it.
    return Typed(figure, "number", 0 if figure == figure.to_integral_value() else 1)


def progress_columns() -> list[Column]:
    return [
        Column(_("Code")),
        Column(_("Indicator")),
        Column(_("Unit")),
        Column(_("Baseline")),
        Column(_("Life-of-programme target")),
        Column(_("Expected")),
        Column(_("Value to date")),
        Column(_("Achievement (%)"), "percent"),
        Column(_("Latest period")),
        Column(_("Standing")),
        Column(_("Judged against")),
    ]


def progress_row(progress: Progress) -> Row:
    i = progress.indicator
    return Row(
        (
            i.code,
            i.name,
            i.unit,
            figure_cell(i.baseline_observation(), i),
            figure_cell(i.target_observation(), i),
            figure_cell(progress.expected, i),
            figure_cell(progress.actual, i),
            progress.assessment.percent,
            progress.period.label if progress.period else "",
            str(progress.status.label),
            progress.why,
        )
    )


def logframe_table(nodes: Sequence[Any]) -> Table:
    """The results tree as grouped rows (level, code and statement), each with its indicators."""

    def lines() -> Iterator[Row]:
        for node in nodes:
            r = node.result
            yield Row((f"{r.get_level_display()} {r.code}: {r.statement}",), heading=True)
            for row in node.indicators:
                yield progress_row(row.progress)

    return Table(_("Logframe"), progress_columns(), lines())


def dashboard_tables(dashboard: Any) -> list[Table]:
    """The dashboard's two indicator tables: key indicators, then those off track."""
    return [
        Table(_("Key indicators"), progress_columns(), [progress_row(r.progress) for r in dashboard.key]),
        Table(_("Off track"), progress_columns(), [progress_row(r.progress) for r in dashboard.off_track]),
    ]


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return moment.date() if moment else None


def approvals_table(queue: Sequence[Awaiting]) -> Table:
    """The approval queue as the page shows it: each update with its period's target and the value
    approved for the period before, the periods named."""
    columns = [
        Column(_("Indicator")),
        Column(_("Period")),
        Column(_("Country")),
        Column(_("Value")),
        Column(_("Target")),
        Column(_("Target set for")),
        Column(_("Previous period")),
        Column(_("Previous value")),
        Column(_("Narrative")),
        Column(_("Submitted by")),
        Column(_("Submitted"), "date"),
        Column(_("Evidence files"), "number"),
    ]
    rows = (
        Row(
            (
                str(u.indicator),
                u.period.label,
                u.country or _("Programme-wide"),
                figure_cell(
                    Observation(
                        value=u.value,
                        numerator=u.numerator,
                        denominator=u.denominator,
                        status=u.status,
                        text=u.text,
                    ),
                    u.indicator,
                ),
                figure_cell(line.target, u.indicator),
                line.target_period.label if line.target_period else "",
                line.previous_period.label if line.previous_period else "",
                figure_cell(line.previous, u.indicator),
                u.narrative,
                str(u.submitted_by or ""),
                _day(u.submitted_at),
                len(u.evidence.all()),
            )
        )
        for line in queue
        for u in (line.update,)
    )
    return Table(_("Waiting for approval"), columns, rows)
