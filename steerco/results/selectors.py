"""Reads of the logframe, updates and progress, each starting from `restrict`."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from steerco.audit.models import AuditAction, AuditEntry
from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404
from steerco.programmes.models import Programme, ProgrammeCountry, ReportingPeriod

from .board import Board, Progress, load_board
from .models import DisaggregationCategory, Evidence, Indicator, IndicatorUpdate, Result, UpdateState
from .rules import PROGRAMME, CountryRule, Observation, Status


def natural_key(code: str) -> list[Any]:
    """1.2 before 1.10: numbers in a code compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]


@dataclass
class Frame:
    """What every results page of a programme needs: its periods, time span and visible countries."""

    programme: Programme
    periods: list[ReportingPeriod]
    countries: list[ProgrammeCountry]  # the ones the user may see
    country_count: int  # all of the programme's countries
    start: datetime.date
    end: datetime.date

    @property
    def isos(self) -> list[str]:
        return [str(pc.country) for pc in self.countries]

    @property
    def country_names(self) -> list[str]:
        return [str(pc.country.name) for pc in self.countries]  # type: ignore[attr-defined]

    def recordable(self, user: Any) -> list[str]:
        """The countries whose values `user` may enter."""
        return [iso for iso in self.isos if can(user, Action.RECORD, self.programme.pk, iso)]

    @property
    def sees_every_country(self) -> bool:
        return len(self.countries) == self.country_count

    @property
    def scope(self) -> list[str] | None:
        """The countries whose figures the reader's pages add up: None for the whole programme, or
        the visible ones, judged against their own targets (a coordinator's programme pages agree
        with their country dashboard)."""
        return None if self.sees_every_country else self.isos

    def current_period(self, today: datetime.date) -> ReportingPeriod | None:
        """The period running today, or else the last one that has started (or the first one)."""
        started = [p for p in self.periods if p.start <= today]
        return started[-1] if started else (self.periods[0] if self.periods else None)


def frame_of(user: Any, programme: Programme) -> Frame:
    countries = list(ProgrammeCountry.objects.filter(programme=programme))
    visible = [pc for pc in countries if can(user, Action.VIEW, programme.pk, str(pc.country))]
    terms = programme.current_terms(list(programme.amendments.all()))
    return Frame(
        programme=programme,
        periods=list(ReportingPeriod.objects.filter(programme=programme)),
        countries=visible,
        country_count=len(countries),
        start=programme.planned_start,
        end=terms.end,
    )


def indicators_of(user: Any, programme: Programme) -> QuerySet[Indicator]:
    return (
        Indicator.objects.restrict(user)
        .filter(result__programme=programme)
        .select_related("result")
        .prefetch_related(Prefetch("disaggregations", queryset=DisaggregationCategory.objects.all()))
    )


def board_for(user: Any, frame: Frame, indicators: list[Indicator], *, with_parts: bool = False) -> Board:
    board = load_board(
        user,
        indicators,
        frame.periods,
        frame.isos,
        start=frame.start,
        end=frame.end,
        lop_for_countries=frame.country_count == 1,
        with_parts=with_parts,
    )
    if not frame.sees_every_country:
        # A reader of some countries adds up those countries: records kept for the whole region
        # count for the programme, not for them (a not-aggregated indicator keeps its one value).
        for fig in board.figures.values():
            if fig.indicator.computation and fig.indicator.reported_by_countries:
                fig.cells = {key: cell for key, cell in fig.cells.items() if key[1] != PROGRAMME}
    return board


@dataclass
class IndicatorRow:
    indicator: Indicator
    progress: Progress


@dataclass
class ResultNode:
    result: Result
    depth: int
    indicators: list[IndicatorRow] = field(default_factory=list)


def logframe(user: Any, frame: Frame) -> tuple[list[ResultNode], Board]:
    """The results tree, depth first, each result with its indicators and their progress."""
    results = list(
        Result.objects.restrict(user).filter(programme=frame.programme).select_related("component")
    )
    indicators = sorted(indicators_of(user, frame.programme), key=lambda i: natural_key(i.code))
    board = board_for(user, frame, indicators)
    children: dict[int | None, list[Result]] = {}
    for result in sorted(results, key=lambda r: natural_key(r.code)):
        children.setdefault(result.parent_id, []).append(result)
    by_result: dict[int, list[IndicatorRow]] = {}
    for indicator in indicators:
        by_result.setdefault(indicator.result_id, []).append(
            IndicatorRow(indicator, board.standing(indicator, frame.scope))
        )
    nodes: list[ResultNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for result in children.get(parent, []):
            nodes.append(ResultNode(result, depth, by_result.get(result.pk, [])))
            walk(result.pk, depth + 1)

    walk(None, 0)
    return nodes, board


def results_of(user: Any, programme: Programme) -> list[Result]:
    return sorted(
        Result.objects.restrict(user).filter(programme=programme), key=lambda r: natural_key(r.code)
    )


def result_for(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> Result:
    return get_scoped_or_404(Result.objects.all(), user, action, pk=pk, programme=programme)


def indicator_for(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> Indicator:
    return get_scoped_or_404(
        Indicator.objects.select_related("result__component").prefetch_related("disaggregations"),
        user,
        action,
        pk=pk,
        result__programme=programme,
    )


def categories_of(user: Any, programme: Programme) -> list[DisaggregationCategory]:
    return list(
        DisaggregationCategory.objects.restrict(user)
        .filter(programme=programme)
        .annotate(indicator_count=Count("indicators"))
    )


def category_for(user: Any, programme: Programme, pk: int, action: str) -> DisaggregationCategory:
    return get_scoped_or_404(DisaggregationCategory.objects.all(), user, action, pk=pk, programme=programme)


@dataclass
class HistoryLine:
    entry: AuditEntry
    period: str
    country: str
    after: dict[str, Any]


def value_history(user: Any, indicator: Indicator, frame: Frame) -> list[HistoryLine]:
    """Submissions, approvals and returns of the indicator's updates that the user may see."""
    update_ids = [
        str(pk)
        for pk in IndicatorUpdate.objects.restrict(user)
        .filter(indicator=indicator)
        .values_list("pk", flat=True)
    ]
    labels = {p.pk: p.label for p in frame.periods}
    entries = (
        AuditEntry.objects.restrict(user)
        .filter(
            content_type=ContentType.objects.get_for_model(IndicatorUpdate),
            object_id__in=update_ids,
            action__in=[AuditAction.SUBMIT, AuditAction.APPROVE, AuditAction.RETURN],
        )
        .select_related("actor")
        .order_by("-at", "-id")[:100]
    )
    return [
        HistoryLine(e, labels.get(int((e.after or {}).get("period_id") or 0), ""), e.country, e.after or {})
        for e in entries
    ]


def period_for(frame: Frame, period_id: int) -> ReportingPeriod:
    for period in frame.periods:
        if period.pk == period_id:
            return period
    raise Http404


@dataclass
class EntryLine:
    indicator: Indicator
    update: IndicatorUpdate | None


def entry_sheet(user: Any, programme: Programme, country: str, period: ReportingPeriod) -> list[EntryLine]:
    """Every typed-in indicator the country (or, with "", the programme) reports, with its update."""
    return entry_sheets(user, programme, country, [period])[period.pk]


def entry_sheets(
    user: Any, programme: Programme, country: str, periods: list[ReportingPeriod]
) -> dict[int, list[EntryLine]]:
    """`entry_sheet` for several periods at once (an import's template), in the same few queries."""
    indicators = indicators_of(user, programme).filter(computation="")
    if country == PROGRAMME:
        indicators = indicators.filter(country_rule=CountryRule.NONE)
    else:
        indicators = indicators.exclude(country_rule=CountryRule.NONE)
    ordered = sorted(indicators, key=lambda i: (natural_key(i.result.code), natural_key(i.code)))
    updates = {
        (u.period_id, u.indicator_id): u
        for u in IndicatorUpdate.objects.restrict(user, Action.RECORD)
        .filter(indicator__result__programme=programme, period__in=periods, country=country)
        .select_related("updated_by", "submitted_by", "reviewed_by")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")))
    }
    return {p.pk: [EntryLine(i, updates.get((p.pk, i.pk))) for i in ordered] for p in periods}


def approval_queue(
    user: Any, programme: Programme, action: str = Action.APPROVE, country: str | None = None
) -> list[IndicatorUpdate]:
    """The submitted updates, oldest first: those the user may decide (or, with `Action.VIEW`, read);
    with `country`, that country's only."""
    updates = IndicatorUpdate.objects.restrict(user, action).filter(
        indicator__result__programme=programme, state=UpdateState.SUBMITTED
    )
    if country is not None:
        updates = updates.filter(country=country)
    return list(
        updates.select_related("indicator__result", "period", "submitted_by", "updated_by")
        .prefetch_related("evidence", "indicator__disaggregations")
        .order_by("submitted_at", "id")
    )


def recently_reviewed(
    user: Any,
    programme: Programme,
    limit: int = 15,
    action: str = Action.APPROVE,
    country: str | None = None,
) -> list[IndicatorUpdate]:
    updates = IndicatorUpdate.objects.restrict(user, action).filter(
        indicator__result__programme=programme, state__in=[UpdateState.APPROVED, UpdateState.RETURNED]
    )
    if country is not None:
        updates = updates.filter(country=country)
    return list(
        updates.exclude(reviewed_at=None)
        .select_related("indicator", "period", "reviewed_by")
        .order_by("-reviewed_at", "-id")[:limit]
    )


def queue_countries(user: Any, frame: Frame, action: str) -> list[ProgrammeCountry]:
    """The countries the approval queue can be narrowed to: those of the reader's scope."""
    return [pc for pc in frame.countries if can(user, action, frame.programme.pk, str(pc.country))]


def queue_country(user: Any, frame: Frame, action: str, code: str) -> str | None:
    """The country asked for (`?country=KG`), None for every country; 404 for one outside the reader's
    scope or the programme, as for any object they may not see."""
    if not code:
        return None
    code = code.upper()
    if code not in {str(pc.country) for pc in queue_countries(user, frame, action)}:
        raise Http404
    return code


@dataclass
class Awaiting:
    """An update waiting for a decision, with what it is held against: the target of its period for
    its scope, and the value approved for the period before."""

    update: IndicatorUpdate
    target: Observation | None = None
    target_period: ReportingPeriod | None = None  # the period the target was set for
    previous: Observation | None = None
    previous_period: ReportingPeriod | None = None  # None for an update of the first period

    @property
    def target_from_earlier(self) -> bool:
        """The target in force was set for an earlier period (a level keeps its latest target)."""
        return self.target_period is not None and self.target_period.pk != self.update.period_id


def awaiting(user: Any, frame: Frame, updates: list[IndicatorUpdate]) -> list[Awaiting]:
    """Each update with its period's target and the previous period's approved value, from the board
    (one load for all the updates' indicators)."""
    indicators = list({u.indicator_id: u.indicator for u in updates}.values())
    board = board_for(user, frame, indicators)
    position = board.position
    lines = []
    for u in updates:
        line = Awaiting(u)
        at = position.get(u.period_id)
        if at is not None:
            scope = [str(u.country)] if u.country else None
            found = board.period_target(u.indicator, scope, upto=at)
            if found is not None:
                line.target, line.target_period = found.value, board.periods[found.position]
            if at > 0:
                line.previous_period = board.periods[at - 1]
                line.previous = board.period_value(u.indicator, str(u.country), at - 1)
        lines.append(line)
    return lines


def may_see_approvals(user: Any, programme: Programme) -> bool:
    """The approval queue is for those who decide (M&E officers) and, to read, those who run the programme."""
    return can(user, Action.APPROVE, programme.pk) or can(user, Action.SETUP, programme.pk)


def updates_to_review(user: Any, programme: Programme, pks: list[int]) -> dict[int, IndicatorUpdate]:
    """The updates of `pks` that `user` may decide, in any state, by id: those missing are not the
    user's to decide (or do not exist)."""
    found = (
        IndicatorUpdate.objects.restrict(user, Action.APPROVE)
        .filter(indicator__result__programme=programme, pk__in=pks)
        .select_related("indicator__result", "period", "reviewed_by")
        .prefetch_related("indicator__disaggregations")
    )
    return {u.pk: u for u in found}


def update_to_review(user: Any, programme: Programme, pk: int) -> IndicatorUpdate:
    return get_scoped_or_404(
        IndicatorUpdate.objects.select_related("period"),
        user,
        Action.APPROVE,
        pk=pk,
        indicator__result__programme=programme,
    )


def evidence_for(user: Any, programme: Programme, pk: int) -> Evidence:
    return get_scoped_or_404(
        Evidence.objects.all(), user, Action.VIEW, pk=pk, update__indicator__result__programme=programme
    )


@dataclass
class Missing:
    """An indicator whose update for the current period is not in (submitted or approved) somewhere."""

    indicator: Indicator
    where: list[tuple[str, str]]  # (country or "" for programme-wide, state: "" when nothing was entered)


@dataclass
class Dashboard:
    frame: Frame
    board: Board
    current: ReportingPeriod | None
    key: list[IndicatorRow]
    off_track: list[IndicatorRow]
    missing: list[Missing]
    backlog: list[tuple[str, int]]  # (country, submitted updates waiting)
    counts: dict[str, int]  # indicators by status
    period_states: dict[int, dict[str, int]] = field(default_factory=dict)


def dashboard(user: Any, frame: Frame, today: datetime.date, country: str | None = None) -> Dashboard:
    """Key and off-track indicators, updates missing for the current period, the approval backlog;
    for the programme, or (with `country`) for one country."""
    programme = frame.programme
    indicators = sorted(indicators_of(user, programme), key=lambda i: natural_key(i.code))
    scope = frame.scope if country is None else [country]
    if country is not None:
        indicators = [i for i in indicators if i.reported_by_countries]
    board = board_for(user, frame, indicators)
    rows = [IndicatorRow(i, board.standing(i, scope)) for i in indicators]
    counts: dict[str, int] = {s.value: 0 for s in Status}
    for row in rows:
        counts[row.progress.status] += 1
    current = frame.current_period(today)
    updates = IndicatorUpdate.objects.restrict(user).filter(indicator__result__programme=programme)
    if country is not None:
        updates = updates.filter(country=country)
    missing: list[Missing] = []
    if current is not None:
        states = {
            (i, c): s
            for i, c, s in updates.filter(period=current).values_list("indicator_id", "country", "state")
        }
        expected_from = frame.isos if country is None else [country]
        for indicator in indicators:
            if indicator.computation:
                continue
            who = expected_from if indicator.reported_by_countries else [PROGRAMME]
            where = [(iso, states.get((indicator.pk, iso), "")) for iso in who]
            where = [(iso, s) for iso, s in where if s not in (UpdateState.SUBMITTED, UpdateState.APPROVED)]
            if where:
                missing.append(Missing(indicator, where))
    backlog = sorted(
        updates.filter(state=UpdateState.SUBMITTED)
        .order_by()
        .values_list("country")
        .annotate(n=Count("id"))
        .values_list("country", "n")
    )
    period_states: dict[int, dict[str, int]] = {}
    if country is not None:
        for period_id, state, n in (
            updates.order_by()
            .values_list("period_id", "state")
            .annotate(n=Count("id"))
            .values_list("period_id", "state", "n")
        ):
            period_states.setdefault(period_id, {})[state] = n
    return Dashboard(
        frame=frame,
        board=board,
        current=current,
        key=[r for r in rows if r.indicator.is_key],
        off_track=[r for r in rows if r.progress.status == Status.OFF_TRACK],
        missing=missing,
        backlog=backlog,
        counts=counts,
        period_states=period_states,
    )


def per_country_table(
    board: Board, indicator: Indicator, frame: Frame
) -> tuple[list[str], list[tuple[ReportingPeriod, list[Observation | None]]], list[Progress | None]]:
    """Each visible country's approved (or computed) value per period, and its standing to date.

    Records kept for the whole region (a regional training, under the programme key) count for the
    programme but for no country: for a reader of every country they get a column of their own, so
    the columns add up to the programme's figure. That column has no standing (None): the programme's
    targets are the countries' and the region's together, not the regional records' alone."""
    fig = board.figures[indicator.pk]
    isos = frame.isos if indicator.reported_by_countries else [PROGRAMME]
    regional = (
        indicator.reported_by_countries
        and frame.sees_every_country
        and any(country == PROGRAMME and not cell.is_empty for (_p, country), cell in fig.cells.items())
    )
    if regional:
        isos = [*isos, PROGRAMME]
    rows = [(period, [fig.cells.get((i, iso)) for iso in isos]) for i, period in enumerate(frame.periods)]
    standing: list[Progress | None] = [
        None if regional and iso == PROGRAMME else board.standing(indicator, [iso] if iso else None)
        for iso in isos
    ]
    return isos, rows, standing


def targets_table(
    board: Board, indicator: Indicator, frame: Frame
) -> tuple[list[str], list[tuple[ReportingPeriod, list[Observation | None]]]]:
    """The targets set per period: for each visible country and programme-wide, the periods with
    at least one target."""
    isos = [*frame.isos, PROGRAMME] if indicator.reported_by_countries else [PROGRAMME]
    rows = [
        (p, cells) for p, cells in board.targets_table(indicator, isos) if any(c is not None for c in cells)
    ]
    return isos, rows
