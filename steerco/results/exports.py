"""The logframe, every table of the dashboards and the approval queue as export tables.

Figures come from the board (`board.py`): a count or a share is written as a number of its kind, a
milestone or a qualitative value as the text the pages show.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Row, Table, Typed, Value

from .board import Progress, figure_text
from .models import Indicator, IndicatorUpdate, UpdateState
from .rules import Measure, Observation, Status, number
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


def dashboard_tables(dashboard: Any, *, per_period: bool = False) -> list[Table]:
    """Every table the dashboard shows, from the same dashboard data: the indicators by standing, key
    indicators, those off track, the updates missing for the current period, the approval backlog and,
    on a country's dashboard, the updates of each period by state."""
    counts = [(status, dashboard.counts.get(status.value, 0)) for status in Status]
    tables = [
        Table(
            _("Indicators by standing"),
            [Column(_("Standing")), Column(_("Indicators"), "number")],
            [Row((str(status.label), n)) for status, n in counts if n],
            name="standing",
        ),
        Table(
            _("Key indicators"),
            progress_columns(),
            [progress_row(r.progress) for r in dashboard.key],
            name="key",
        ),
        Table(
            _("Off track"),
            progress_columns(),
            [progress_row(r.progress) for r in dashboard.off_track],
            name="off-track",
        ),
        Table(
            _("Missing updates"),
            [Column(_("Code")), Column(_("Indicator")), Column(_("Country")), Column(_("Entered"))],
            [
                Row((m.indicator.code, m.indicator.name, iso or _("Programme-wide"), _state_text(state)))
                for m in dashboard.missing
                for iso, state in m.where
            ],
            preamble=[
                _("Missing for %(period)s") % {"period": dashboard.current.label}
                if dashboard.current
                else _("Missing updates")
            ],
            name="missing",
        ),
        Table(
            _("Approval backlog"),
            [Column(_("Country")), Column(_("Updates waiting"), "number")],
            [Row((iso or _("Programme-wide"), n)) for iso, n in dashboard.backlog],
            name="backlog",
        ),
    ]
    if per_period:
        states = [UpdateState.DRAFT, UpdateState.SUBMITTED, UpdateState.RETURNED, UpdateState.APPROVED]
        tables.append(
            Table(
                _("Updates by period"),
                [Column(_("Period")), Column(_("Locked"))]
                + [Column(str(state.label), "number") for state in states],
                [
                    Row(
                        (
                            p.label,
                            _("locked") if p.locked else "",
                            *(dashboard.period_states.get(p.pk, {}).get(state.value) for state in states),
                        )
                    )
                    for p in dashboard.frame.periods
                ],
                name="periods",
            )
        )
    return tables


def _state_text(state: str) -> str:
    """What the dashboard says of an update not in yet: nothing entered, a draft or returned."""
    if state == UpdateState.DRAFT:
        return _("draft")
    if state == UpdateState.RETURNED:
        return _("returned")
    return _("nothing entered")


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
    return Table(_("Waiting for approval"), columns, rows, name="queue")


def reviewed_table(recent: Sequence[IndicatorUpdate]) -> Table:
    """The page's "Recently decided": the updates approved or returned last, newest first."""
    columns = [
        Column(_("When"), "date"),
        Column(_("Indicator")),
        Column(_("Country")),
        Column(_("Period")),
        Column(_("Decision")),
        Column(_("By")),
        Column(_("Note")),
    ]
    rows = (
        Row(
            (
                timezone.localtime(u.reviewed_at) if u.reviewed_at else None,
                u.indicator.code,
                u.country or _("Programme-wide"),
                u.period.label,
                u.get_state_display(),
                str(u.reviewed_by or ""),
                u.review_note,
            )
        )
        for u in recent
    )
    return Table(_("Recently decided"), columns, rows, name="decided")
