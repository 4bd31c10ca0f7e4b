"""The Indicator Performance Tracking Table: one data assembly, rendered to a page, .xlsx, .docx and .pdf.

Rows are the logframe's indicators under their results; columns the fixed description of each
indicator, then Target | Actual | % met for the life of the programme and for each period. Every figure
is the board's (`results/board.py`): a period's actual is the value to the end of that period by the
indicator's time rule, its target the one the board judges against there.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from steerco.audit.exports import history_table
from steerco.audit.selectors import readable_entries
from steerco.core.numbers import format_number, share
from steerco.programmes.models import PeriodKind, Programme, ReportingPeriod
from steerco.results import selectors
from steerco.results.board import Board
from steerco.results.exports import figure_cell
from steerco.results.models import Indicator, IndicatorUpdate, Level, Result, Target
from steerco.results.rules import Basis, CountryRule, Direction, Measure, Observation, TimeRule, number

from .tables import Column, Row, Table, Typed, Value

KINDS = (PeriodKind.YEAR, PeriodKind.SEMESTER, PeriodKind.QUARTER)
LEVELS = [level.value for level in Level]


def _listed(query: QueryDict, name: str) -> list[str]:
    return [v.strip() for value in query.getlist(name) for v in value.split(",") if v.strip()]


@dataclass
class IpttOptions:
    """What the reader chose, kept in the address so that a link reproduces the report."""

    kind: str = PeriodKind.YEAR
    start: datetime.date | None = None
    end: datetime.date | None = None
    by_country: bool = False
    countries: list[str] = field(default_factory=list)  # ISO codes, upper case; none: every visible one
    components: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    key_only: bool = False
    disaggregations: bool = False
    hide_empty: bool = False
    ratios: bool = False
    full: bool = False

    @classmethod
    def from_query(cls, query: QueryDict, default_kind: str = PeriodKind.YEAR) -> IpttOptions:
        kind = query.get("kind", "")
        try:
            start = parse_date(query.get("from", "")) or None
            end = parse_date(query.get("to", "")) or None
        except ValueError:  # a well-formed impossible date such as 2023-02-30
            start = end = None
        return cls(
            kind=kind if kind in KINDS else (default_kind if default_kind in KINDS else PeriodKind.YEAR),
            start=start,
            end=end,
            by_country=query.get("rows") == "country",
            countries=[c.upper() for c in _listed(query, "country") if len(c) == 2 and c.isalpha()],
            components=_listed(query, "component"),
            levels=[v for v in _listed(query, "level") if v in LEVELS],
            key_only=query.get("key") == "1",
            disaggregations=query.get("disaggregations") == "1",
            hide_empty=query.get("empty") == "hide",
            ratios=query.get("ratios") == "1",
            full=query.get("full") == "1",
        )


@dataclass(frozen=True)
class PeriodGroup:
    """A column group of the IPTT: one of the programme's reporting periods of the chosen kind (or,
    where it keeps none of that kind, a year, half or quarter of the programme's own calendar)."""

    label: str
    start: datetime.date
    end: datetime.date
    upto: int  # the board's position of the last reporting period that ends within the group
    periods: list[ReportingPeriod]  # the reporting periods of every kind that lie within it


MONTHS = {PeriodKind.YEAR: 12, PeriodKind.SEMESTER: 6, PeriodKind.QUARTER: 3}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def programme_span(first_day: datetime.date, n: int, kind: str) -> tuple[datetime.date, datetime.date]:
    """The n-th (from 0) year, half or quarter of a programme that begins on `first_day`."""
    step = MONTHS[PeriodKind(kind)]
    start = add_months(first_day, n * step)
    return start, add_months(first_day, (n + 1) * step) - datetime.timedelta(days=1)


def programme_span_label(n: int, kind: str) -> str:
    """ "Year 2", "Year 2 H1", "Year 2 Q3": the programme's own years, counted from its start."""
    per_year = 12 // MONTHS[PeriodKind(kind)]
    year, part = n // per_year + 1, n % per_year + 1
    if kind == PeriodKind.QUARTER:
        return _("Year %(year)s Q%(quarter)s") % {"year": year, "quarter": part}
    if kind == PeriodKind.SEMESTER:
        return _("Year %(year)s H%(half)s") % {"year": year, "half": part}
    return _("Year %(year)s") % {"year": year}


def _group(
    label: str, start: datetime.date, end: datetime.date, periods: Sequence[ReportingPeriod]
) -> PeriodGroup | None:
    within = [i for i, p in enumerate(periods) if start <= p.end <= end]
    if not within:
        return None
    return PeriodGroup(label, start, end, max(within), [periods[i] for i in within])


def all_period_groups(
    periods: Sequence[ReportingPeriod], kind: str, first_day: datetime.date
) -> list[PeriodGroup]:
    """Every group of the chosen kind, in order: the programme's reporting periods of that kind, named
    as the programme names them; for the periods that end outside all of them, the programme's own
    years, halves or quarters counted from its start (its year need not begin in January). A group
    holds the reporting periods that end within it; its figures are those to its last day."""
    own = [p for p in periods if p.kind == kind]
    groups = [_group(p.label, p.start, p.end, periods) for p in own]
    spans: set[int] = set()
    for period in periods:
        if any(o.start <= period.end <= o.end for o in own):
            continue
        n = 0
        while programme_span(first_day, n, kind)[1] < period.end:
            n += 1
        spans.add(n)
    groups += [
        _group(programme_span_label(n, kind), *programme_span(first_day, n, kind), periods) for n in spans
    ]
    return sorted((g for g in groups if g is not None), key=lambda g: (g.start, g.end))


def in_range(group: PeriodGroup, options: IpttOptions) -> bool:
    """Does the group fall in the range asked for (`from`, `to`: the page offers the groups' own first
    and last days; any other date takes the groups that overlap the range)?"""
    return (options.start is None or group.end >= options.start) and (
        options.end is None or group.start <= options.end
    )


def percent_met(actual: Value, target: Value, indicator: Indicator) -> Value:
    """Actual over target (target over actual when lower is better), or "n/a": never a division by zero."""
    a = actual.value if isinstance(actual, Typed) else None
    t = target.value if isinstance(target, Typed) else None
    if a is None or t is None:
        return _("n/a") if target is not None or actual is not None else None
    met = share(t, a) if indicator.direction == Direction.DECREASE else share(a, t)
    return _("n/a") if met is None else Typed(met, "percent", 0)


def ratio_text(observation: Observation | None, indicator: Indicator) -> str:
    if indicator.measure != Measure.PERCENTAGE or observation is None or observation.numerator is None:
        return ""
    return f"{format_number(observation.numerator)} / {format_number(observation.denominator)}"


def _measure_sign(indicator: Indicator) -> str:
    return {
        Measure.NUMBER: "#",
        Measure.PERCENTAGE: "%",
        Measure.MILESTONE: _("status"),
        Measure.QUALITATIVE: _("text"),
    }.get(Measure(indicator.measure), "")


@dataclass
class Iptt:
    """The assembled report: what each renderer needs, computed once."""

    programme: Programme
    options: IpttOptions
    groups: list[PeriodGroup]
    table: Table
    changes: Table | None
    as_of: datetime.date
    country_names: list[str]
    visible: list[tuple[str, str]]  # (ISO code, name) of every country the reader sees
    choices: list[PeriodGroup] = field(default_factory=list)  # every group of the kind, for the range

    @property
    def tables(self) -> list[Table]:
        return [self.table] + ([self.changes] if self.changes is not None else [])


def build_iptt(
    user: Any, programme: Programme, options: IpttOptions, *, today: datetime.date | None = None
) -> Iptt:
    today = today or timezone.localdate()
    frame = selectors.frame_of(user, programme)
    visible = frame.isos
    chosen = [iso for iso in options.countries if iso in visible]
    isos = chosen or visible
    scope = None if not chosen and frame.sees_every_country else isos
    names = {str(pc.country): str(pc.country.name) for pc in frame.countries}  # type: ignore[attr-defined]
    results = sorted(
        Result.objects.restrict(user).filter(programme=programme).select_related("component"),
        key=lambda r: selectors.natural_key(r.code),
    )
    indicators = sorted(selectors.indicators_of(user, programme), key=lambda i: selectors.natural_key(i.code))
    board = selectors.board_for(user, frame, indicators, with_parts=options.disaggregations)
    choices = all_period_groups(frame.periods, options.kind, programme.planned_start)
    groups = [g for g in choices if in_range(g, options)]
    table = _table(programme, options, results, indicators, board, groups, scope, isos, names, today)
    changes = _changes(user, programme, options, groups) if options.full else None
    return Iptt(
        programme,
        options,
        groups,
        table,
        changes,
        today,
        [names[i] for i in isos],
        [(i, names[i]) for i in visible],
        choices,
    )


def _columns(options: IpttOptions, groups: list[PeriodGroup]) -> tuple[list[Column], list[tuple[str, int]]]:
    fixed = [
        Column(_("No.")),
        Column(_("Indicator")),
        Column(_("Unit")),
        Column(_("Direction")),
        Column(_("Cumulative")),
        Column(_("#/%")),
        Column(_("Baseline"), "number", 1),
        Column(_("Baseline year")),
    ]
    per_group = [
        Column(_("Target"), "number", 1),
        Column(_("Actual"), "number", 1),
        Column(_("% met"), "percent"),
    ]
    if options.ratios:
        per_group.append(Column(_("Numerator / denominator")))
    columns = list(fixed)
    spans: list[tuple[str, int]] = [("", len(fixed))]
    for title in [_("Life of programme")] + [g.label for g in groups]:
        columns += per_group
        spans.append((title, len(per_group)))
    return columns, spans


def _table(
    programme: Programme,
    options: IpttOptions,
    results: list[Result],
    indicators: list[Indicator],
    board: Board,
    groups: list[PeriodGroup],
    scope: list[str] | None,
    isos: list[str],
    names: dict[str, str],
    today: datetime.date,
) -> Table:
    columns, spans = _columns(options, groups)
    wanted_results = {
        r.pk
        for r in results
        if (not options.levels or r.level in options.levels)
        and (not options.components or (r.component and r.component.code in options.components))
    }
    by_result: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if options.key_only and not indicator.is_key:
            continue
        by_result.setdefault(indicator.result_id, []).append(indicator)
    children: dict[int | None, list[Result]] = {}
    for result in results:
        children.setdefault(result.parent_id, []).append(result)
    ordered: list[Result] = []

    def walk(parent: int | None) -> None:
        for result in children.get(parent, []):
            ordered.append(result)
            walk(result.pk)

    walk(None)

    def figures(indicator: Indicator, countries: list[str] | None) -> list[Value] | None:
        """Target, actual, % met (and the ratio) for the life of the programme and each period."""
        cells: list[Value] = []
        any_actual = False
        life = indicator.target_observation() if board.lop_applies(indicator, countries) else None
        spans_: list[tuple[Observation | None, Observation | None]] = [
            (life, board.value(indicator, countries))
        ]
        for group in groups:
            found = board.target_at(indicator, countries, upto=group.upto)
            in_force = found.target if found.basis in (Basis.PERIOD, Basis.PERIODS_TO_DATE) else None
            spans_.append((in_force, board.value(indicator, countries, upto=group.upto)))
        for target_obs, actual_obs in spans_:
            target_cell, actual_cell = figure_cell(target_obs, indicator), figure_cell(actual_obs, indicator)
            any_actual = any_actual or actual_cell is not None
            cells += [target_cell, actual_cell, percent_met(actual_cell, target_cell, indicator)]
            if options.ratios:
                cells.append(ratio_text(actual_obs, indicator))
        return cells if any_actual or not options.hide_empty else None

    def breakdown_rows(indicator: Indicator, countries: list[str] | None) -> Iterator[Row]:
        per_group = 4 if options.ratios else 3
        parts = [board.breakdown(indicator, countries)] + [
            board.breakdown(indicator, countries, upto=g.upto) for g in groups
        ]
        for category in indicator.disaggregations.all():
            for option in category.options:
                cells: list[Value] = []
                for values in parts:
                    value = values.get(str(category.pk), {}).get(str(option))
                    cells += [None, None if value is None else Typed(value, "number", 1), None]
                    cells += [None] * (per_group - 3)
                if options.hide_empty and all(c is None for c in cells):
                    continue
                label = f"{category.name}: {category.option_label(option)}"
                yield Row(("", label, "", "", "", "", None, None, *cells), level=1)

    def lines() -> Iterator[Row]:
        for result in ordered:
            shown = by_result.get(result.pk, []) if result.pk in wanted_results else []
            rows: list[Row] = []
            for indicator in shown:
                cells = figures(indicator, scope)
                if cells is None:
                    continue
                rows.append(Row(_fixed(indicator) + cells))
                if options.disaggregations:
                    rows += breakdown_rows(indicator, scope)
                if options.by_country and indicator.country_rule != CountryRule.NONE:
                    for iso in isos:
                        country_cells = figures(indicator, [iso])
                        if country_cells is not None:
                            rows.append(
                                Row(("", names.get(iso, iso), "", "", "", "", None, None, *country_cells))
                            )
            if rows or not options.hide_empty:
                yield Row((f"{result.get_level_display()} {result.code}: {result.statement}",), heading=True)
                yield from rows

    span = f"{groups[0].start.isoformat()} – {groups[-1].end.isoformat()}" if groups else "—"
    preamble = [
        _("Indicator Performance Tracking Table"),
        f"{programme.code} — {programme.title}",
        _("Periods %(span)s · figures as of %(date)s · approved values only")
        % {"span": span, "date": today.isoformat()},
    ]
    return Table(_("IPTT"), columns, lines(), preamble=preamble, groups=spans)


def _fixed(indicator: Indicator) -> list[Value]:
    baseline = indicator.baseline_observation()
    base = figure_cell(baseline, indicator)
    if isinstance(base, Typed) and indicator.measure == Measure.PERCENTAGE:
        base = Typed(base.value, "percent", 1)
    cumulative = indicator.time_rule != TimeRule.LATEST
    return [
        indicator.code,
        indicator.name,
        indicator.unit,
        "↓" if indicator.direction == Direction.DECREASE else "↑",
        _("yes") if cumulative else _("no"),
        _measure_sign(indicator),
        base,
        str(indicator.baseline_date.year) if indicator.baseline_date else "",
    ]


def _changes(user: Any, programme: Programme, options: IpttOptions, groups: list[PeriodGroup]) -> Table:
    """The logframe's change history for the report's periods: results, indicators, targets, updates."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(Result, Indicator, Target, IndicatorUpdate)
    entries = readable_entries(user, programme).filter(content_type__in=list(types.values()))
    if groups:
        start = options.start or groups[0].start
        end = options.end or groups[-1].end
        entries = entries.filter(at__date__gte=start, at__date__lte=end)
    table = history_table(entries.order_by("at", "id"))
    table.title = _("Logframe changes")
    return table


def figure_number(observation: Observation | None, indicator: Indicator) -> Decimal | None:
    """The board's figure as a number (what the tests compare the files with)."""
    return number(observation, indicator.measure)
