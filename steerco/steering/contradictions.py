"""What a pack would contradict itself on, found before it is circulated, each with where to fix it.

The checks read the same data as the pack, as of the same date (`reports.pack.load_scope`):

- a headline figure that differs from the indicator it names (or names an indicator without a value);
- an action point's follow-up or closing note that claims a procurement stage its lot has not reached;
- a work plan endorsed (or on the agenda for endorsement) while the pack's draft work plan is empty;
- budget lines that add up to more than the current budget on the pack's date.

A headline names an indicator when it holds the indicator's code, or its unit and most of the words
of its name; the figure claimed is the number just before the unit. An action point concerns a lot
when it holds the lot's reference, or most of the words of the lot's title. The checks are
deliberately simple: they point at what to look at; circulating anyway stays possible.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from steerco.core.numbers import format_money, format_number, rounded

from .models import ActionPoint, Decision, Meeting

WORD = re.compile(r"[\w][\w-]*", re.UNICODE)
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
# Words before a figure that make it a bound or an estimate rather than an exact claim.
QUALIFIERS = {
    "more than": ">",
    "over": ">",
    "above": ">",
    "at least": ">=",
    "about": "~",
    "around": "~",
    "nearly": "~",
    "almost": "~",
    "some": "~",
    "approximately": "~",
}
# Words after which a four-digit number is a year, not a figure.
YEAR_WORDS = {
    "in",
    "since",
    "by",
    "until",
    "of",
    "spring",
    "summer",
    "autumn",
    "winter",
    "end",
    "early",
    "late",
}
YEAR_WORDS |= {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
}  # fmt: skip
STOP_WORDS = {"the", "and", "for", "with", "from", "into", "its", "their", "that", "this", "were", "have"}
# What a follow-up note may claim of a lot, latest stage first.
STAGE_CLAIMS: list[tuple[str, re.Pattern[str]]] = [
    ("in_use", re.compile(r"\bin use\b", re.I)),
    ("handed_over", re.compile(r"\bhanded over\b", re.I)),
    ("accepted", re.compile(r"\baccepted\b", re.I)),
    ("delivered", re.compile(r"\b(delivered|arrived)\b", re.I)),
    ("contracted", re.compile(r"\b(contracts? (?:was |were |is |are )?signed|contracted|procured)\b", re.I)),
    ("tender", re.compile(r"\btender (?:was |is )?(published|launched|opened)\b", re.I)),
]
TOLERANCE = Decimal("0.10")  # "about 90" is right within a tenth


@dataclass(frozen=True)
class Contradiction:
    """One thing the pack says that its own data does not bear out, and where to put it right."""

    kind: str  # headline, action_point, work_plan, budget
    message: str
    fix_url: str
    fix_label: str


def stem(word: str) -> str:
    return word.lower()[:6]


def stems(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text) if len(w) >= 3 and w.lower() not in STOP_WORDS}


@dataclass(frozen=True)
class Claim:
    value: Decimal
    bound: str  # "", ">", ">=", "~"


def claimed_figure(line: str, unit: str) -> Claim | None:
    """The figure a headline gives for `unit`: the last number before the unit, else the first after it."""
    lowered = line.lower()
    unit_at = None
    for match in WORD.finditer(lowered):
        if unit and stem(match.group()) == stem(unit):
            unit_at = match.start()
            break
    candidates = []
    for match in NUMBER.finditer(line):
        before = WORD.findall(lowered[: match.start()])
        digits = match.group(1).replace(",", "")
        if len(digits) == 4 and 1900 <= int(digits) <= 2100 and before and before[-1] in YEAR_WORDS:
            continue
        value = Decimal(digits + ("." + match.group(2) if match.group(2) else ""))
        tail = " ".join(before[-2:])
        bound = next((b for q, b in QUALIFIERS.items() if tail.endswith(q)), "")
        candidates.append((match.start(), Claim(value, bound)))
    if not candidates:
        return None
    if unit_at is not None:
        earlier = [c for at, c in candidates if at < unit_at]
        if earlier:
            return earlier[-1]
    return candidates[0][1]


def names_indicator(line: str, indicator: Any) -> bool:
    if indicator.code and re.search(rf"(?<![\w.]){re.escape(indicator.code)}(?![\w]|\.\d)", line):
        return True
    words = stems(line)
    unit = (indicator.unit or "").strip()
    if not unit or len(unit) < 3 or stem(unit) not in words:
        return False
    name = stems(indicator.name) - {stem(unit)}
    return bool(name) and len(name & words) >= max(2, (len(name) + 1) // 2)


def agrees(claim: Claim, value: Decimal) -> bool:
    if claim.bound == ">":
        return value > claim.value
    if claim.bound == ">=":
        return value >= claim.value
    if claim.bound == "~":
        return abs(value - claim.value) <= abs(claim.value) * TOLERANCE
    return rounded(value, 1) == rounded(claim.value, 1)


def headline_contradictions(scope: Any) -> list[Contradiction]:
    from steerco.reports.pack import pack_reader
    from steerco.results.board import load_board
    from steerco.results.models import Indicator
    from steerco.results.rules import Measure, number

    lines = scope.meeting.highlight_lines
    if not lines:
        return []
    indicators = [
        i
        for i in Indicator.objects.filter(result__programme=scope.programme).select_related("result")
        if i.measure in (Measure.NUMBER, Measure.PERCENTAGE)
    ]
    named = [(line, i) for line in lines for i in indicators if names_indicator(line, i)]
    if not named:
        return []
    periods = list(scope.programme.periods.all())
    board = load_board(
        pack_reader(),
        [i for _line, i in named],
        periods,
        [code for code, _name in scope.countries],
        start=scope.programme.planned_start,
        end=scope.terms.end,
        lop_for_countries=scope.country_count == 1,
    )
    upto = board.upto(scope.period)
    countries = None if scope.regional else [scope.country]
    edit = reverse("steering:meeting_edit", args=[scope.programme.slug, scope.meeting.pk])
    found = []
    for line, indicator in named:
        claim = claimed_figure(line, indicator.unit)
        if claim is None:
            continue
        value = number(board.value(indicator, countries, upto), indicator.measure)
        if value is not None and agrees(claim, value):
            continue
        message = (
            _(
                "The headline “%(line)s” gives %(claimed)s, but indicator %(code)s %(name)s has no approved "
                "value to %(period)s."
            )
            if value is None
            else _(
                "The headline “%(line)s” gives %(claimed)s, but indicator %(code)s %(name)s stands at "
                "%(value)s to %(period)s."
            )
        ) % {
            "line": line,
            "claimed": format_number(claim.value),
            "code": indicator.code,
            "name": indicator.name,
            "value": format_number(value) if value is not None else "",
            "period": scope.period.label,
        }
        found.append(Contradiction("headline", message, edit, _("Edit the headline figures")))
    return found


def lot_named(text: str, lots: Iterable[Any]) -> Any | None:
    """The lot an action point speaks of: by its reference, else the best match of its title's words."""
    best, best_score = None, Decimal("0.6")
    words = stems(text)
    for lot in lots:
        if lot.reference and re.search(rf"(?<![\w-]){re.escape(lot.reference)}(?![\w-])", text):
            return lot
        title = stems(lot.title)
        if len(title) < 2:
            continue
        score = Decimal(len(title & words)) / Decimal(len(title))
        if score > best_score:
            best, best_score = lot, score
    return best


def claimed_stage(note: str) -> str | None:
    return next((stage for stage, pattern in STAGE_CLAIMS if pattern.search(note)), None)


def action_point_contradictions(scope: Any, points: list[ActionPoint]) -> list[Contradiction]:
    from steerco.delivery.models import STAGE_ORDER, ProcurementLot, Stage

    on = scope.as_of
    said: list[tuple[ActionPoint, str]] = []
    for point in points:
        notes = point.notes_by(on)
        if notes:
            said.append((point, notes[0].note))
        if point.closed_by(on) and point.closing_note and (not notes or notes[0].note != point.closing_note):
            said.append((point, point.closing_note))
    said = [(p, note) for p, note in said if claimed_stage(note)]
    if not said:
        return []
    lots = list(
        ProcurementLot.objects.filter(programme=scope.programme)
        .filter(scope.country_q("country"))
        .prefetch_related("steps")
    )
    found = []
    for point, note in said:
        lot = lot_named(f"{point.text} {note}", lots)
        stage = claimed_stage(note)
        if lot is None or stage is None:
            continue
        reached = lot.current_stage(on)
        if reached is not None and STAGE_ORDER.index(reached) >= STAGE_ORDER.index(stage):
            continue
        message = _(
            "The action point “%(point)s” says “%(note)s”, but lot %(lot)s is at %(reached)s on %(date)s, "
            "not %(claimed)s."
        ) % {
            "point": point.text,
            "note": note,
            "lot": str(lot),
            "reached": str(Stage(reached).label).lower() if reached else _("no stage yet"),
            "date": on.isoformat(),
            "claimed": str(Stage(stage).label).lower(),
        }
        found.append(
            Contradiction(
                "action_point",
                message,
                reverse("delivery:lot", args=[scope.programme.slug, lot.pk]),
                _("Record the lot's steps"),
            )
        )
    return found


def work_plan_contradictions(
    scope: Any, decisions: list[Decision], work_plan: list[Any]
) -> list[Contradiction]:
    from .models import AgendaItem

    if work_plan:
        return []
    endorsed = [d for d in decisions if d.kind == Decision.Kind.WORK_PLAN_ENDORSED]
    on_agenda = [
        item
        for item in AgendaItem.objects.filter(meeting=scope.meeting)
        if re.search(r"\bwork ?plan\b", item.title, re.I)
    ]
    if not (endorsed or on_agenda):
        return []
    message = (
        _("The decision “%(text)s” endorses a work plan, but the pack's draft work plan is empty.")
        % {"text": endorsed[0].text}
        if endorsed
        else _("The agenda item “%(title)s” presents a work plan, but the pack's draft work plan is empty.")
        % {"title": on_agenda[0].title}
    )
    return [
        Contradiction(
            "work_plan",
            message,
            reverse("delivery:workplan", args=[scope.programme.slug]),
            _("Add the work-plan lines"),
        )
    ]


def budget_contradictions(scope: Any) -> list[Contradiction]:
    from steerco.reports.pack import pack_budget

    if not scope.regional:
        return []  # a national pack shows its country's spend, not the budget's breakdown
    budget = pack_budget(scope)
    if not budget.over_allocated:
        return []
    currency = scope.programme.currency
    message = _(
        "The budget lines total %(lines)s, %(excess)s more than the current budget of %(budget)s on %(date)s."
    ) % {
        "lines": format_money(budget.allocated, currency),
        "excess": format_money(budget.over_allocated, currency),
        "budget": format_money(budget.current_budget, currency),
        "date": scope.as_of.isoformat(),
    }
    return [
        Contradiction(
            "budget",
            message,
            reverse("programmes:budget", args=[scope.programme.slug]) + f"?on={scope.as_of.isoformat()}",
            _("Review the budget lines"),
        )
    ]


def contradictions_in(meeting: Meeting, *, on: datetime.date | None = None) -> list[Contradiction]:
    """The contradictions of the pack of `meeting` made on `on` (today by default)."""
    from steerco.reports.pack import carried_forward_action_points, draft_work_plan, load_scope

    scope = load_scope(meeting.pk, made_on=on)
    points = carried_forward_action_points(scope.meeting, scope.as_of)
    decisions = list(Decision.objects.filter(meeting=scope.meeting))
    if scope.as_of >= scope.meeting.start_date:
        points += list(ActionPoint.objects.filter(meeting=scope.meeting).prefetch_related("notes"))
    else:
        decisions = []  # not taken yet on the pack's date
    return (
        headline_contradictions(scope)
        + action_point_contradictions(scope, points)
        + work_plan_contradictions(scope, decisions, draft_work_plan(scope))
        + budget_contradictions(scope)
    )
