"""The meeting pack: one data assembly for a meeting's scope and period, as an ordered list of sections.

Who may read a pack is decided on the meeting (`steering.selectors.meeting_for`); the pack then shows
what the group reviews, whoever opens it: a national pack its country (and programme-wide items),
a regional or project pack every country side by side. Each section builder runs a fixed number of
queries, so the whole pack does too.

To add a section, write a builder `(PackScope) -> Section | None` and insert it into
`SECTION_BUILDERS` where it belongs; its `summary` rows join the summary at the top.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from steerco.core.content import DEFAULT_LANGUAGE, document_language, set_main_language
from steerco.core.dates import within_window
from steerco.core.numbers import format_money, format_percent, format_share
from steerco.programmes.budget import BudgetAsOf, budget_as_of
from steerco.programmes.models import (
    Amendment,
    Programme,
    ProgrammeCountry,
    ProgrammeTerms,
    ReportingPeriod,
    Risk,
    RiskStatus,
)
from steerco.steering.models import (
    ActionPoint,
    ActionPointNote,
    ActionStatus,
    AgendaItem,
    Decision,
    GroupKind,
    Meeting,
    SteeringGroup,
)

from .document import BulletList, Cell, Chart, Facts, Paragraph, ReportDocument, Section, SummaryRow, Table


@dataclass
class PackScope:
    """What a pack covers: the meeting, its programme, its country ("" for all) and period."""

    meeting: Meeting
    programme: Programme
    group: SteeringGroup
    country: str
    period: ReportingPeriod
    countries: list[tuple[str, str]]  # (ISO code, name) of the countries the pack shows
    country_count: int  # all of the programme's countries
    amendments: list[Amendment]  # signed up to the pack's date
    terms: ProgrammeTerms  # budget and end date as they stood on the pack's date
    previous_meeting: Meeting | None
    as_of: datetime.date  # the day the pack's contents are read as of: see `pack_date`
    all_amendments: list[Amendment]  # every amendment of the programme, for the budget computation

    @property
    def regional(self) -> bool:
        return not self.country

    @property
    def side_by_side(self) -> bool:
        """Whether tables set the countries next to each other: a regional pack of several countries."""
        return self.regional and len(self.countries) > 1

    @property
    def reference_date(self) -> datetime.date:
        """The date the pack reads action points, lots and recommendations on: `as_of`."""
        return self.as_of

    @property
    def until(self) -> datetime.date:
        """The last day of the period reviewed that the pack can know about: its end, or `as_of`."""
        return min(self.period.end, self.as_of)

    def country_q(self, path: str) -> Q:
        """Rows of the pack's country and programme-wide rows; every row for a regional pack."""
        return Q() if self.regional else Q(**{f"{path}__in": [self.country, ""]})

    def country_name(self, code: str) -> str:
        return dict(self.countries).get(code, "") or _("Programme-wide")


def pack_date(meeting: Meeting, made_on: datetime.date) -> datetime.date:
    """The day a pack made on `made_on` is read as of: that day before the meeting, capped at the
    meeting's first day; the meeting's first day once it has begun. A frozen pack keeps the day it was
    made, so it never shows what happened after it was circulated."""
    return min(made_on, meeting.start_date)


def load_scope(meeting_id: int, *, made_on: datetime.date | None = None) -> PackScope:
    meeting = Meeting.objects.select_related(
        "group__programme__donor", "group__programme__lead_implementer", "period", "moderator"
    ).get(pk=meeting_id)
    as_of = pack_date(meeting, made_on or timezone.localdate())
    group = meeting.group
    programme = group.programme
    every_country = list(ProgrammeCountry.objects.filter(programme=programme))
    countries = [pc for pc in every_country if not group.country or pc.country == group.country]
    all_amendments = list(Amendment.objects.filter(programme=programme))
    amendments = [a for a in all_amendments if a.signed_on <= as_of]
    previous = meeting.previous_of_group()
    return PackScope(
        meeting=meeting,
        programme=programme,
        group=group,
        country=str(group.country or ""),
        period=meeting.period,
        countries=sorted(
            ((str(pc.country.code), str(pc.country.name)) for pc in countries),  # type: ignore[attr-defined]
            key=lambda c: c[1],
        ),
        country_count=len(every_country),
        amendments=amendments,
        terms=ProgrammeTerms.from_amendments(programme, amendments),
        previous_meeting=previous,
        as_of=as_of,
        all_amendments=all_amendments,
    )


def iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else "—"


def money(amount: Decimal | float, currency: str = "") -> str:
    return format_money(amount, currency)


def percent(part: Decimal | float, whole: Decimal | float) -> str:
    return format_share(part, whole) or _("no data")


def meeting_label(meeting: Meeting) -> str:
    return _("%(meeting)s (%(date)s)") % {"meeting": str(meeting), "date": meeting.start_date.isoformat()}


# ---- sections ---------------------------------------------------------------------------------


def pack_reader() -> Any:
    """Who the results board reads as: everyone's approved figures, narrowed below to the pack's scope.

    Access was checked on the meeting; a pack shows what its group reviews, not what its reader may
    browse, so the board must not narrow to the reader's country."""
    from steerco.accounts.models import User

    return User(username="meeting-pack", is_superuser=True, is_active=True)


def agenda_section(scope: PackScope) -> Section:
    items = list(
        AgendaItem.objects.filter(meeting=scope.meeting).select_related(
            "component", "indicator", "procurement_lot", "action_point", "presenter_person__organisation"
        )
    )
    return Section(
        key="agenda",
        title=_("Agenda"),
        blocks=[
            Table(
                columns=[_("No."), _("Item"), _("Concerns"), _("Presenter"), _("Duration (minutes)")],
                rows=[
                    [
                        Cell(str(item.order)),
                        Cell(item.title, strong=True),
                        Cell(item.subject or "—"),
                        Cell(item.shown_presenter or "—"),
                        Cell(str(item.duration_minutes) if item.duration_minutes else "—"),
                    ]
                    for item in items
                ],
                numeric=frozenset({0, 4}),
                empty=_("No agenda yet."),
            )
        ],
    )


def indicators_section(scope: PackScope, as_of: datetime.date | None = None) -> Section:
    """Baseline, target, value to date and standing of each indicator, as the results module
    answers them for the pack's scope; `as_of` caps the day the expected values are worked out for
    (None: the pack's own date, `scope.as_of`)."""
    from steerco.results.board import figure_text, load_board
    from steerco.results.models import Indicator
    from steerco.results.rules import JUDGED, Status
    from steerco.results.selectors import natural_key

    indicators = sorted(
        Indicator.objects.filter(result__programme=scope.programme).select_related("result"),
        key=lambda i: natural_key(i.code),
    )
    if not scope.regional:
        # A national pack shows what its country reports; programme totals hold other countries' data.
        indicators = [i for i in indicators if i.reported_by_countries]
    codes = [code for code, _name in scope.countries]
    periods = list(ReportingPeriod.objects.filter(programme=scope.programme))
    board = load_board(
        pack_reader(),
        indicators,
        periods,
        codes,
        start=scope.programme.planned_start,
        end=scope.terms.end,
        lop_for_countries=scope.country_count == 1,
    )
    upto = board.upto(scope.period)
    as_of = scope.as_of if as_of is None else as_of
    tones = {
        Status.AHEAD: "ok",
        Status.ON_TRACK: "ok",
        Status.OFF_TRACK: "bad",
        Status.NO_DATA: "none",
        Status.NO_TARGET: "none",
    }

    def text(value: Any, indicator: Any, *, whole: bool = False) -> str:
        return figure_text(value, indicator, whole=whole) or _("no data")

    side_by_side = scope.regional and len(codes) > 1
    # A national pack sets its country's value against the country's target to date; the
    # life-of-programme target is the whole programme's.
    columns = [
        _("Code"),
        _("Indicator"),
        _("Baseline"),
        _("Target") if scope.regional else _("Target to date"),
    ]
    columns += [name for _c, name in scope.countries] + [_("All countries")] if side_by_side else [_("Value")]
    columns += [_("Status"), _("Judged against")]
    rows = []
    on_track: dict[str, int] = defaultdict(int)
    assessed: dict[str, int] = defaultdict(int)
    for indicator in indicators:
        standing = board.standing(indicator, None if scope.regional else [scope.country], upto, as_of)
        target = (
            text(indicator.target_observation(), indicator)
            if scope.regional
            else text(standing.expected, indicator, whole=standing.whole)
        )
        cells = [
            Cell(indicator.code),
            Cell(
                f"{indicator.name}" + (f" ({indicator.unit})" if indicator.unit else ""),
                strong=indicator.is_key,
            ),
            Cell(text(indicator.baseline_observation(), indicator)),
            Cell(target),
        ]
        if side_by_side:
            for code in codes:
                if indicator.reported_by_countries:
                    country = board.standing(indicator, [code], upto, as_of)
                    cells.append(Cell(text(country.actual, indicator)))
                    assessed[code] += country.status in JUDGED
                    on_track[code] += country.status in (Status.AHEAD, Status.ON_TRACK)
                else:
                    cells.append(Cell("—"))
        cells.append(Cell(text(standing.actual, indicator)))
        status = standing.status
        cells.append(Cell(str(status.label), tone=tones.get(status, "")))  # type: ignore[arg-type]
        cells.append(Cell(standing.why or "—"))
        assessed[""] += status in JUDGED
        on_track[""] += status in (Status.AHEAD, Status.ON_TRACK)
        rows.append(cells)
    return Section(
        key="indicators",
        title=_("Indicators"),
        blocks=[
            Paragraph(
                _(
                    "Approved values to the end of the period reviewed, %(period)s. On track means from "
                    "85 %% to 115 %% of the target to date, ahead above it."
                )
                % {"period": scope.period.label},
                tone="note",
            ),
            Table(
                columns=columns,
                rows=rows,
                numeric=frozenset(range(2, len(columns) - 2)),
                empty=_("No indicator is defined yet."),
            ),
        ],
        summary=[
            SummaryRow(
                _("Indicators on track or ahead"),
                _("%(on)s of %(all)s") % {"on": on_track[""], "all": assessed[""]},
                {c: _("%(on)s of %(all)s") % {"on": on_track[c], "all": assessed[c]} for c in codes}
                if side_by_side
                else {},
            )
        ],
    )


def risks_section(scope: PackScope) -> Section:
    risks = sorted(
        Risk.objects.filter(programme=scope.programme, raised_on__lte=scope.as_of)  # raised by then
        .exclude(status=RiskStatus.CLOSED)
        .filter(scope.country_q("country"))
        .select_related("component"),
        key=lambda r: (r.country != "", str(r.country), -r.severity, r.title),
    )
    tones = {"high": "bad", "medium": "warn", "low": "ok"}
    rows = [
        [
            Cell(str(r.severity), tone=tones[r.severity_level]),  # type: ignore[arg-type]
            Cell(r.title, strong=True),
            Cell(scope.country_name(str(r.country or ""))),
            Cell(r.component.code if r.component else "—"),
            Cell(r.mitigation),
            Cell(r.owner or "—"),
            Cell(str(r.get_status_display())),
        ]
        for r in risks
    ]
    per_country_open: dict[str, int] = defaultdict(int)
    per_country_high: dict[str, int] = defaultdict(int)
    for r in risks:
        per_country_open[str(r.country or "")] += 1
        per_country_high[str(r.country or "")] += r.severity_level == "high"
    codes = [code for code, _name in scope.countries]
    return Section(
        key="risks",
        title=_("Risks"),
        blocks=[
            Paragraph(
                _("Severity is likelihood × impact, each from 1 to 5: 15 and above is high."), tone="note"
            ),
            Table(
                columns=[
                    _("Severity"),
                    _("Risk"),
                    _("Country"),
                    _("Component"),
                    _("Mitigation"),
                    _("Owner"),
                    _("Status"),
                ],
                rows=rows,
                numeric=frozenset({0}),
                empty=_("No open risk."),
            ),
        ],
        summary=[
            SummaryRow(_("Open risks"), str(len(risks)), {c: str(per_country_open[c]) for c in codes}),
            SummaryRow(
                _("High risks"),
                str(sum(per_country_high.values())),
                {c: str(per_country_high[c]) for c in codes},
            ),
        ],
    )


def pack_budget(scope: PackScope) -> BudgetAsOf:
    """The budget as the pack shows it: as of the pack's date, spend to the end of the period reviewed;
    a national pack counts its country's spend only (two queries)."""
    return budget_as_of(
        scope.programme,
        scope.as_of,
        amendments=scope.all_amendments,
        period=scope.period,
        countries=None if scope.regional else Q(country=scope.country),
    )


def budget_section(scope: PackScope) -> Section:
    section = Section(key="budget", title=_("Budget use against time elapsed"))
    currency = scope.programme.currency
    budget = pack_budget(scope)
    elapsed_text = format_percent(budget.elapsed)
    if not budget.lines:
        section.blocks.append(
            Paragraph(_("No budget lines are recorded for this programme yet."), tone="note")
        )
        return section
    section.blocks.append(
        Paragraph(
            _(
                "Spend up to the end of the period reviewed, %(period)s (%(end)s); the budget as it stood "
                "on %(date)s, after the amendments signed by then."
            )
            % {
                "period": scope.period.label,
                "end": scope.period.end.isoformat(),
                "date": scope.as_of.isoformat(),
            },
            tone="note",
        )
    )
    codes = [code for code, _name in scope.countries]
    if scope.regional:
        columns = [_("Budget line"), _("Budget")] + [name for _c, name in scope.countries]
        columns += [_("Programme-wide"), _("Spent"), _("Used")]

        def spend_cells(by_country: dict[str, Decimal], spent: Decimal, whole: Decimal) -> list[Cell]:
            return (
                [Cell(money(by_country.get(code, Decimal(0)))) for code in codes]
                + [Cell(money(by_country.get("", Decimal(0)))), Cell(money(spent))]
                + [Cell(percent(spent, whole))]
            )

        per_country = {code: budget.spent_in(code) for code in [*codes, ""]}
        rows: list[list[Cell]] = [
            [Cell(str(use.line)), Cell(money(use.line.amount))]
            + spend_cells(use.by_country, use.to_date, use.line.amount)
            for use in budget.lines
        ]
        if budget.allocated != budget.current_budget:
            rows.append(
                [Cell(_("Total of the lines")), Cell(money(budget.allocated))]
                + spend_cells(per_country, budget.spent_to_date, budget.allocated)
            )
        if budget.unallocated:
            rows.append(
                [Cell(_("Not allocated to a line")), Cell(money(budget.unallocated))]
                + [Cell("") for _c in range(len(codes) + 3)]
            )
        rows.append(
            [Cell(_("Current budget")), Cell(money(budget.current_budget))]
            + spend_cells(per_country, budget.spent_to_date, budget.current_budget)
        )
        facts = [
            (_("Current budget"), money(budget.current_budget, currency)),
            (_("Allocated to budget lines"), money(budget.allocated, currency)),
        ]
        if budget.unallocated:
            facts.append(
                (
                    _("Not allocated"),
                    _("%(amount)s not allocated to a line") % {"amount": money(budget.unallocated, currency)},
                )
            )
        facts += [
            (_("Spent to date"), money(budget.spent_to_date, currency)),
            (_("Budget used"), _("%(share)s of the current budget") % {"share": format_used(budget)}),
            (_("Time elapsed"), elapsed_text),
        ]
        if budget.over_allocated:
            section.blocks.append(
                Paragraph(
                    _(
                        "The budget lines total %(lines)s, %(excess)s more than the current budget of "
                        "%(budget)s on %(date)s: the share used is counted against the current budget."
                    )
                    % {
                        "lines": money(budget.allocated, currency),
                        "excess": money(budget.over_allocated, currency),
                        "budget": money(budget.current_budget, currency),
                        "date": scope.as_of.isoformat(),
                    },
                    tone="warning",
                )
            )
        section.blocks += [
            Facts(facts),
            Chart(
                title=_("Budget used against time elapsed"),
                categories=[_("Time elapsed"), _("Budget used")],
                series=[(_("Per cent"), [float(budget.elapsed), float(budget.used or 0)])],
                unit=" %",
                limit=100,
            ),
            Table(
                columns=columns,
                rows=rows,
                numeric=frozenset(range(1, len(columns))),
                caption=_("Spend by budget line and country (%(currency)s)") % {"currency": currency},
                total_last=True,
            ),
        ]
        section.summary = [
            SummaryRow(
                _("Budget used (time elapsed %(elapsed)s)") % {"elapsed": elapsed_text}, format_used(budget)
            ),
            SummaryRow(
                _("Spent to date (%(currency)s)") % {"currency": currency},
                money(budget.spent_to_date),
                {c: money(per_country[c]) for c in codes},
            ),
        ]
        return section
    country_name = scope.country_name(scope.country)
    rows = [
        [Cell(str(use.line)), Cell(money(use.in_period)), Cell(money(use.to_date))] for use in budget.lines
    ]
    rows.append([Cell(_("Total")), Cell(money(budget.spent_in_period)), Cell(money(budget.spent_to_date))])
    section.blocks += [
        Paragraph(
            _(
                "Budget lines are held for the whole programme; this pack shows the spend recorded for "
                "%(country)s only."
            )
            % {"country": country_name},
            tone="note",
        ),
        Facts(
            [
                (
                    _("Spent in %(country)s to date") % {"country": country_name},
                    money(budget.spent_to_date, currency),
                ),
                (_("Time elapsed"), elapsed_text),
            ]
        ),
        Table(
            columns=[_("Budget line"), _("In the period"), _("To date")],
            rows=rows,
            numeric=frozenset({1, 2}),
            caption=_("Spend in %(country)s (%(currency)s)")
            % {"country": country_name, "currency": currency},
            total_last=True,
        ),
    ]
    section.summary = [
        SummaryRow(
            _("Spent in the country to date (%(currency)s)") % {"currency": currency},
            money(budget.spent_to_date),
        )
    ]
    return section


def format_used(budget: BudgetAsOf) -> str:
    return format_percent(budget.used) or _("no data")


def amendments_section(scope: PackScope) -> Section:
    since = scope.previous_meeting.start_date if scope.previous_meeting else None
    recent = [a for a in scope.amendments if since is None or a.signed_on > since]
    if scope.previous_meeting:
        intro = _("Amendments signed since the previous meeting, %(meeting)s.") % {
            "meeting": meeting_label(scope.previous_meeting)
        }
    elif scope.meeting.is_first_of_group:
        intro = _("Amendments signed since the programme started (this is the group's first meeting).")
    else:
        intro = _(
            "Amendments signed since the programme started (the group's earlier meetings are not recorded)."
        )
    currency = scope.programme.currency
    return Section(
        key="amendments",
        title=_("Amendments since the last meeting"),
        blocks=[
            Paragraph(intro, tone="note"),
            Table(
                columns=[
                    _("Date"),
                    _("Kind"),
                    _("Reference"),
                    _("Budget change"),
                    _("New end date"),
                    _("Justification"),
                ],
                rows=[
                    [
                        Cell(a.signed_on.isoformat()),
                        Cell(str(a.get_kind_display())),
                        Cell(a.reference or "—"),
                        Cell(money(a.budget_delta) if a.budget_delta else "—"),
                        Cell(iso(a.new_end_date)),
                        Cell(a.justification),
                    ]
                    for a in recent
                ],
                numeric=frozenset({3}),
                empty=_("No amendment since the last meeting."),
            ),
            Facts(
                [
                    (_("Current budget"), money(scope.terms.budget, currency)),
                    (_("Current end date"), scope.terms.end.isoformat()),
                ]
            ),
        ],
        summary=[SummaryRow(_("Amendments since the last meeting"), str(len(recent)))],
    )


def carried_forward_action_points(meeting: Meeting, on: datetime.date | None = None) -> list[ActionPoint]:
    """Action points raised at earlier meetings and not closed before this one (or before `on`, the
    date a pack is made as of, when it comes earlier).

    A national group's meetings carry their own; a regional group's carry theirs and every national
    group's of the programme.
    """
    since = min(on, meeting.start_date) if on else meeting.start_date
    groups = Q(meeting__group_id=meeting.group_id)
    if meeting.group.kind == GroupKind.REGIONAL:
        groups |= Q(
            meeting__group__programme_id=meeting.group.programme_id, meeting__group__kind=GroupKind.NATIONAL
        )
    return list(
        ActionPoint.objects.filter(groups, meeting__start_date__lt=meeting.start_date)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=since))
        .select_related("meeting__group", "owner_organisation", "owner_record", "closed_at__group")
        .prefetch_related(Prefetch("notes", queryset=ActionPointNote.objects.order_by("-at", "-id")))
        .order_by("meeting__start_date", "id")
    )


def action_point_status(point: ActionPoint, on: datetime.date) -> Cell:
    """The point's status as it stood on `on` (notes prefetched)."""
    if point.closed_by(on):
        where = f" · {point.closed_at}" if point.closed_at_id else ""
        return Cell(_("Closed on %(date)s") % {"date": iso(point.closed_on)} + where, tone="ok")
    status = ActionStatus(point.status_on(on)).label
    if point.overdue_on(on):
        return Cell(
            _("%(status)s · overdue since %(date)s") % {"status": status, "date": point.due_date.isoformat()},
            tone="bad",
        )
    return Cell(str(status))


def action_points_section(scope: PackScope) -> Section:
    on = scope.as_of
    points = carried_forward_action_points(scope.meeting, on)
    rows = []
    for point in points:
        notes = point.notes_by(on)
        rows.append(
            [
                Cell(meeting_label(point.meeting)),
                Cell(point.text, strong=True),
                Cell(point.owner),
                Cell(point.due_date.isoformat()),
                action_point_status(point, on),
                Cell(notes[0].note if notes else "—"),
            ]
        )
    still_open = [p for p in points if not p.closed_by(on)]
    per_country: dict[str, int] = defaultdict(int)
    for p in still_open:
        per_country[str(p.meeting.group.country or "")] += 1
    codes = [code for code, _name in scope.countries]
    return Section(
        key="action_points",
        title=_("Open action points from earlier meetings"),
        blocks=[
            Table(
                columns=[
                    _("Raised at"),
                    _("Action"),
                    _("Owner"),
                    _("Due"),
                    _("Status"),
                    _("Latest follow-up"),
                ],
                rows=rows,
                empty=_("No action point is open from earlier meetings."),
            )
        ],
        summary=[
            SummaryRow(
                _("Open action points from earlier meetings"),
                str(len(still_open)),
                {c: str(per_country[c]) for c in codes},
            ),
            SummaryRow(
                _("of which overdue"),
                str(sum(p.overdue_on(on) for p in still_open)),
            ),
        ],
    )


def decisions_section(scope: PackScope) -> Section:
    decisions = list(Decision.objects.filter(meeting=scope.meeting))
    raised = list(
        ActionPoint.objects.filter(meeting=scope.meeting)
        .select_related("owner_organisation", "owner_record", "closed_at__group")
        .prefetch_related("notes")
        .order_by("id")
    )
    if scope.as_of < scope.meeting.start_date:
        # A pack made before the meeting cannot hold what the meeting decided.
        decisions, raised = [], []
    return Section(
        key="decisions",
        title=_("Decisions and action points of this meeting"),
        blocks=[
            BulletList([f"{d.get_kind_display()}: {d.text}" for d in decisions])
            if decisions
            else Paragraph(_("No decision recorded yet."), tone="note"),
            Table(
                columns=[_("Action"), _("Owner"), _("Due"), _("Status")],
                rows=[
                    [
                        Cell(p.text, strong=True),
                        Cell(p.owner),
                        Cell(p.due_date.isoformat()),
                        action_point_status(p, scope.as_of),
                    ]
                    for p in raised
                ],
                empty=_("No action point recorded yet."),
            ),
        ],
    )


def draft_work_plan(scope: PackScope) -> list[Any]:
    """The work-plan lines of the twelve months after the meeting in the pack's scope, as written into
    the plan by the pack's date (one query)."""
    from steerco.delivery.models import WorkPlanItem

    return list(
        WorkPlanItem.objects.filter(programme=scope.programme)
        .filter(work_plan_window(scope.meeting.start_date), created__date__lte=scope.as_of)
        .filter(scope.country_q("country"))
        .select_related("component")
    )


def work_plan_window(meeting_day: datetime.date) -> Q:
    """The work-plan lines a pack for a meeting on `meeting_day` puts up for endorsement: those of the
    quarters that start after the meeting and no later than twelve months after it."""
    first = within_window(meeting_day)  # a far date stored earlier must not break the pack
    last = datetime.date(first.year + 1, first.month, 1)
    after = Q(year__gt=first.year) | Q(year=first.year, quarter__gt=(first.month - 1) // 3 + 1)
    before = Q(year__lt=last.year) | Q(year=last.year, quarter__lte=(last.month - 1) // 3 + 1)
    return after & before


def work_plan_section(scope: PackScope) -> Section:
    """The work-plan lines of the twelve months after the meeting, which the group is asked to endorse."""
    items = draft_work_plan(scope)
    codes = [code for code, _name in scope.countries]
    per_country: dict[str, int] = defaultdict(int)
    for item in items:
        per_country[str(item.country or "")] += 1
    return Section(
        key="work_plan",
        title=_("Draft work plan for endorsement"),
        blocks=[
            Paragraph(
                _("Activities planned for the twelve months after the meeting, from the work plan."),
                tone="note",
            ),
            Table(
                columns=[_("Quarter"), _("Country"), _("Component"), _("Activity"), _("Kind")],
                rows=[
                    [
                        Cell(f"{item.year} Q{item.quarter}"),
                        Cell(scope.country_name(str(item.country or ""))),
                        Cell(item.component.code),
                        Cell(item.title, strong=True),
                        Cell(str(item.get_kind_display()) if item.kind else "—"),
                    ]
                    for item in items
                ],
                empty=_("No activity is planned yet for the twelve months after the meeting."),
            ),
        ],
        summary=[
            SummaryRow(
                _("Activities in the draft work plan"),
                str(len(items)),
                {c: str(per_country[c]) for c in codes},
            )
        ],
    )


def _codes(scope: PackScope) -> list[str]:
    return [code for code, _name in scope.countries]


def _rows_by_country(scope: PackScope, present: set[str]) -> list[str]:
    """The pack's countries in their order, then the programme-wide rows when there are any."""
    return _codes(scope) + ([""] if "" in present else [])


def _participation_cells(p: Any) -> list[Cell]:
    return [
        Cell(str(p.events)),
        Cell(number_format(p.participants, force_grouping=True)),
        Cell(number_format(p.women, force_grouping=True)),
        Cell(number_format(p.men, force_grouping=True)),
        Cell(percent(p.women, p.women + p.men)),
    ]


def events_section(scope: PackScope) -> Section:
    """Events held in the period and their participants by sex and by agency (two queries)."""
    from steerco.delivery import selectors as delivery
    from steerco.delivery.models import EventKind

    events = delivery.held_between(
        delivery.events_of(pack_reader(), scope.programme), scope.period.start, scope.until
    ).filter(scope.country_q("country"))
    grouped = delivery.participation_by(events, "country", "kind")
    agencies = delivery.participants_by_agency(events)
    by_country: dict[str, delivery.Participation] = defaultdict(delivery.Participation)
    by_kind: dict[str, delivery.Participation] = defaultdict(delivery.Participation)
    total = delivery.Participation()
    for (country, kind), figures in grouped.items():
        by_country[str(country)].add(figures)
        by_kind[str(kind)].add(figures)
        total.add(figures)
    figure_columns = [_("Events"), _("Participants"), _("Women"), _("Men"), _("Women's share")]
    kinds = [k for k in EventKind.values if k in by_kind]
    kind_rows = [[Cell(str(EventKind(k).label))] + _participation_cells(by_kind[k]) for k in kinds]
    if kind_rows:
        kind_rows.append([Cell(_("Total"), strong=True)] + _participation_cells(total))
    blocks: list = [
        Paragraph(
            _(
                "Events held from %(start)s to %(end)s, the period reviewed (%(period)s). The women's "
                "share counts the participants whose sex was recorded."
            )
            % {
                "start": scope.period.start.isoformat(),
                "end": scope.period.end.isoformat(),
                "period": scope.period.label,
            },
            tone="note",
        )
    ]
    if scope.side_by_side:
        countries = _rows_by_country(scope, set(by_country))
        blocks.append(
            Table(
                columns=[_("Country")] + figure_columns,
                rows=[[Cell(scope.country_name(c))] + _participation_cells(by_country[c]) for c in countries]
                + [[Cell(_("All countries"), strong=True)] + _participation_cells(total)],
                numeric=frozenset(range(1, 6)),
                caption=_("By country"),
                total_last=True,
            )
        )
    blocks.append(
        Table(
            columns=[_("Kind of event")] + figure_columns,
            rows=kind_rows,
            numeric=frozenset(range(1, 6)),
            caption=_("By kind of event"),
            empty=_("No event was held in the period."),
            total_last=True,
        )
    )
    if not scope.regional:
        # A regional event's other guests belong to their own countries' packs.
        agencies = [a for a in agencies if (a["organisation__country"] or "") in (scope.country, "")]
    agency_rows = []
    for row in sorted(
        agencies,
        key=lambda r: (
            r["event__country"] == "",
            scope.country_name(str(r["event__country"] or "")),
            r["organisation_id"] is None,
        ),
    ):
        cells = [
            Cell(row["organisation__short_name"] or row["organisation__name"] or _("Other agencies")),
            Cell(number_format(row["n"] or 0, force_grouping=True)),
        ]
        if scope.side_by_side:
            cells.insert(1, Cell(scope.country_name(str(row["event__country"] or ""))))
        agency_rows.append(cells)
    agency_columns = (
        [_("Agency"), _("Country"), _("Participants")]
        if scope.side_by_side
        else [
            _("Agency"),
            _("Participants"),
        ]
    )
    blocks.append(
        Table(
            columns=agency_columns,
            rows=agency_rows,
            numeric=frozenset({len(agency_columns) - 1}),
            caption=_("Participants by agency"),
            empty=_("No participants by agency are recorded for the period."),
        )
    )
    codes = _codes(scope)
    return Section(
        key="events",
        title=_("Events and participants"),
        blocks=blocks,
        summary=[
            SummaryRow(
                _("Events held in the period"),
                str(total.events),
                {c: str(by_country[c].events) for c in codes},
            ),
            SummaryRow(
                _("Participants"),
                number_format(total.participants, force_grouping=True),
                {c: number_format(by_country[c].participants, force_grouping=True) for c in codes},
            ),
            SummaryRow(
                _("Women's share of participants"),
                percent(total.women, total.women + total.men),
                {c: percent(by_country[c].women, by_country[c].women + by_country[c].men) for c in codes},
            ),
        ],
    )


def _since_last_meeting(scope: PackScope) -> tuple[datetime.date, str]:
    """From when "since the last meeting" counts, and how to say it."""
    if scope.previous_meeting:
        return scope.previous_meeting.start_date + datetime.timedelta(days=1), _(
            "since the previous meeting, %(meeting)s"
        ) % {"meeting": meeting_label(scope.previous_meeting)}
    if scope.meeting.is_first_of_group:
        return scope.period.start, _(
            "since the start of the period reviewed (this is the group's first meeting)"
        )
    return scope.period.start, _(
        "since the start of the period reviewed (the group's earlier meetings are not recorded)"
    )


def recommendations_section(scope: PackScope) -> Section:
    """Recommendations given by the meeting and how far each was adopted that day (three queries)."""
    from steerco.delivery import selectors as delivery
    from steerco.delivery.models import RecommendationStatus, RecommendationStatusChange

    reader = pack_reader()
    on = scope.reference_date
    recommendations = delivery.recommendations_of(reader, scope.programme).filter(scope.country_q("country"))
    standing = delivery.recommendation_standing(recommendations, on)
    since, since_text = _since_last_meeting(scope)
    changes = list(
        RecommendationStatusChange.objects.restrict(reader)
        .filter(recommendation__programme=scope.programme, on__range=(since, on))
        .filter(scope.country_q("recommendation__country"))
        .select_related("recommendation__institution")
        .order_by("on", "id")
    )
    statuses = list(RecommendationStatus)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for recommendation, status in standing:
        for key in (str(recommendation.country), "*"):
            counts[key][status] += 1
            counts[key]["given"] += 1

    def taken_up(key: str) -> int:
        return counts[key][RecommendationStatus.ADOPTED] + counts[key][RecommendationStatus.PARTIALLY_ADOPTED]

    def row(label: str, key: str, strong: bool = False) -> list[Cell]:
        return (
            [Cell(label, strong=strong), Cell(str(counts[key]["given"]))]
            + [Cell(str(counts[key][s])) for s in statuses]
            + [Cell(percent(taken_up(key), counts[key]["given"]))]
        )

    codes = _codes(scope)
    rows = [row(scope.country_name(c), c) for c in codes]
    if len(codes) > 1:
        rows.append(row(_("All countries"), "*", strong=True))
    change_columns = [_("Date"), _("Institution"), _("Recommendation"), _("New status")]
    if scope.side_by_side:
        change_columns.insert(1, _("Country"))
    change_rows = []
    for change in changes:
        recommendation = change.recommendation
        cells = [
            Cell(change.on.isoformat()),
            Cell(str(recommendation.institution)),
            Cell(recommendation.text),
            Cell(
                str(change.get_status_display()),
                tone="ok" if change.status == RecommendationStatus.ADOPTED else "",
            ),
        ]
        if scope.side_by_side:
            cells.insert(1, Cell(scope.country_name(str(recommendation.country))))
        change_rows.append(cells)
    return Section(
        key="recommendations",
        title=_("Recommendations and their adoption"),
        blocks=[
            Paragraph(
                _(
                    "Recommendations given to the beneficiary institutions up to the meeting, with the "
                    "status each had on %(date)s. Taken up means adopted in full or in part."
                )
                % {"date": on.isoformat()},
                tone="note",
            ),
            Table(
                columns=[_("Country"), _("Given")] + [str(s.label) for s in statuses] + [_("Taken up")],
                rows=rows,
                numeric=frozenset(range(1, len(statuses) + 3)),
                total_last=len(codes) > 1,
            ),
            Table(
                columns=change_columns,
                rows=change_rows,
                caption=_("Status changes %(since)s") % {"since": since_text},
                empty=_("No recommendation changed status since the last meeting."),
            ),
        ],
        summary=[
            SummaryRow(
                _("Recommendations taken up"),
                _("%(on)s of %(all)s") % {"on": taken_up("*"), "all": counts["*"]["given"]},
                {c: _("%(on)s of %(all)s") % {"on": taken_up(c), "all": counts[c]["given"]} for c in codes},
            )
        ],
    )


def procurement_section(scope: PackScope) -> Section:
    """The procurement pipeline as it stood at the meeting: stage, delay, handovers and use (five queries)."""
    from steerco.core.numbers import format_number
    from steerco.delivery import selectors as delivery
    from steerco.delivery.models import Stage
    from steerco.delivery.selectors import UnitTotals, unit_totals

    reader = pack_reader()
    on = scope.reference_date
    lots_q = delivery.lots_of(reader, scope.programme).filter(scope.country_q("country"))
    lots = [
        lot
        for lot in lots_q.select_related("beneficiary").prefetch_related("steps")
        # A lot shows once it is under way by the meeting, or while it has not started at all.
        if not (lot.cancelled_on and lot.cancelled_on < scope.period.start)
        and (
            any(step.reached(on) for step in lot.steps.all())
            or not any(step.actual_date for step in lot.steps.all())
        )
    ]
    lots.sort(key=lambda lot: (scope.country_name(str(lot.country)), lot.reference, lot.title))
    handed = delivery.units_handed_over(lots_q, on)
    in_use = delivery.units_in_use(lots_q, on)
    handovers = list(
        delivery.handovers_between(
            delivery.handovers_of(reader, scope.programme), scope.period.start, scope.until
        ).filter(scope.country_q("lot__country"))
    )
    columns = [_("Lot"), _("Beneficiary"), _("Quantity"), _("Stage"), _("Next step"), _("Delay")]
    columns += [_("Handed over"), _("In use")]
    if scope.side_by_side:
        columns.insert(1, _("Country"))
    rows = []
    late: dict[str, int] = defaultdict(int)
    for lot in lots:
        stage = lot.current_stage(on)
        step = lot.next_step(on)
        days = lot.days_late(on)
        if lot.cancelled_on and lot.cancelled_on <= on:
            stage_text = _("Cancelled on %(date)s") % {"date": lot.cancelled_on.isoformat()}
        else:
            stage_text = str(Stage(stage).label) if stage else _("Not started")
        if days:
            late[str(lot.country)] += 1
        cells = [
            Cell(str(lot), strong=True),
            Cell(str(lot.beneficiary)),
            Cell(f"{number_format(lot.quantity, force_grouping=True)} {lot.unit}"),
            Cell(stage_text),
            Cell(f"{step.get_stage_display()} · {step.planned_label}" if step else "—"),
            Cell(_("%(days)s days") % {"days": days} if days else "—", tone="bad" if days else ""),
            Cell(f"{format_number(handed.get(lot.pk, 0), 0)} {lot.unit}"),
            Cell(f"{format_number(in_use[lot.pk], 0)} {lot.unit}" if lot.pk in in_use else "—"),
        ]
        if scope.side_by_side:
            cells.insert(1, Cell(scope.country_name(str(lot.country))))
        rows.append(cells)
    handover_columns = [_("Date"), _("Lot"), _("Recipient"), _("Units"), _("Value")]
    if scope.side_by_side:
        handover_columns.insert(2, _("Country"))
    handover_rows = []
    units: dict[str, UnitTotals] = defaultdict(UnitTotals)
    for h in handovers:
        units[str(h.lot.country)].add(h.lot.unit, h.quantity)
        cells = [
            Cell(h.handed_over_on.isoformat()),
            Cell(str(h.lot)),
            Cell(str(h.recipient)),
            Cell(f"{number_format(h.quantity, force_grouping=True)} {h.lot.unit}"),
            Cell(money(h.value, h.currency) if h.value is not None else "—"),
        ]
        if scope.side_by_side:
            cells.insert(2, Cell(scope.country_name(str(h.lot.country))))
        handover_rows.append(cells)
    codes = _codes(scope)
    return Section(
        key="procurement",
        title=_("Procurement: pipeline, delays, handovers and use"),
        blocks=[
            Paragraph(
                _(
                    "Each lot as it stood on %(date)s: the stage reached, the next step and how many days it "
                    "is behind its planned date; units in use as found at the latest verification visit."
                )
                % {"date": on.isoformat()},
                tone="note",
            ),
            Table(
                columns=columns,
                rows=rows,
                numeric=frozenset({len(columns) - 3, len(columns) - 2, len(columns) - 1}),
                empty=_("No procurement lot is under way."),
            ),
            Table(
                columns=handover_columns,
                rows=handover_rows,
                numeric=frozenset({len(handover_columns) - 2, len(handover_columns) - 1}),
                caption=_("Handovers in the period reviewed, %(period)s") % {"period": scope.period.label},
                empty=_("Nothing was handed over in the period."),
            ),
        ],
        summary=[
            SummaryRow(
                _("Units handed over in the period"),
                str(unit_totals((h.lot.unit, h.quantity) for h in handovers)),
                {c: str(units[c]) for c in codes},
            ),
            SummaryRow(
                _("Procurement lots behind schedule"),
                str(sum(late.values())),
                {c: str(late[c]) for c in codes},
            ),
        ],
    )


SectionBuilder = Callable[[PackScope], "Section | None"]

# The order of the pack. Summary comes first and is built last, from the rows the others add.
SECTION_BUILDERS: list[SectionBuilder] = [
    agenda_section,
    indicators_section,
    events_section,
    recommendations_section,
    procurement_section,
    risks_section,
    budget_section,
    amendments_section,
    action_points_section,
    decisions_section,
    work_plan_section,
]


def summary_section(scope: PackScope, sections: list[Section]) -> Section:
    rows = [row for s in sections for row in s.summary]
    if scope.regional and len(scope.countries) > 1:
        columns = [_("Figure")] + [name for _c, name in scope.countries] + [_("All countries")]
        table_rows = [
            [Cell(row.label)]
            + [Cell(row.per_country.get(code, "—")) for code, _n in scope.countries]
            + [Cell(row.total, strong=True)]
            for row in rows
        ]
    else:
        columns = [_("Figure"), scope.country_name(scope.country) if scope.country else _("Programme")]
        table_rows = [[Cell(row.label), Cell(row.total, strong=True)] for row in rows]
    blocks: list = []
    if scope.meeting.highlight_lines:
        blocks.append(Paragraph(_("Headline figures of the period:")))
        blocks.append(BulletList(scope.meeting.highlight_lines))
    blocks.append(Table(columns=columns, rows=table_rows, numeric=frozenset(range(1, len(columns)))))
    return Section(key="summary", title=_("Summary"), blocks=blocks)


def build_pack(
    meeting: Meeting | int, *, generated_at: datetime.datetime | None = None, language: str | None = None
) -> ReportDocument:
    """The pack as made at `generated_at` (now by default): its contents are as of `pack_date`.

    It is made in `language` (the active one by default): its words, and the version of every text
    in that language, else in the programme's main language.
    """
    programme = meeting.group.programme if isinstance(meeting, Meeting) else None
    with document_language(language or get_language() or DEFAULT_LANGUAGE, programme):
        return _build_pack(meeting, generated_at=generated_at)


def _build_pack(meeting: Meeting | int, *, generated_at: datetime.datetime | None = None) -> ReportDocument:
    generated_at = generated_at or timezone.now()
    scope = load_scope(
        meeting if isinstance(meeting, int) else meeting.pk, made_on=timezone.localdate(generated_at)
    )
    set_main_language(scope.programme.language)
    sections = [s for s in (build(scope) for build in SECTION_BUILDERS) if s is not None]
    sections.insert(0, summary_section(scope, sections))
    m = scope.meeting
    dates = m.start_date.isoformat() + (f" – {m.end_date.isoformat()}" if m.end_date else "")
    names = [name for _c, name in scope.countries]
    covers = (
        ", ".join(names) if len(names) == 1 else _("All countries: %(names)s") % {"names": ", ".join(names)}
    )
    return ReportDocument(
        title=_("%(meeting)s: meeting pack") % {"meeting": str(m)},
        subtitle=f"{scope.programme.code} · {scope.programme.title}",
        facts=[
            (_("Date"), dates),
            (_("Place"), " · ".join(p for p in (m.place, str(m.get_mode_display()).lower()) if p)),
            (
                _("Period reviewed"),
                f"{scope.period.label} ({scope.period.start.isoformat()} – {scope.period.end.isoformat()})",
            ),
            (_("Covers"), covers),
            (_("Figures as of"), scope.as_of.isoformat()),
            (_("Generated"), date_format(timezone.localtime(generated_at), "Y-m-d H:i")),
        ],
        sections=sections,
        generated_at=generated_at,
        footer=_("%(meeting)s · pack generated on %(date)s")
        % {"meeting": str(m), "date": timezone.localtime(generated_at).strftime("%Y-%m-%d")},
        language=get_language() or "en",
    )
