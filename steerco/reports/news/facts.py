"""What a news item can say about a meeting, gathered once for every language.

The records are fetched here with a fixed number of queries; the composers read their texts inside
`document_language`, so each record gives its version in the draft's language. Every figure comes
from the functions the packs and pages use (delivery's participation and handovers, the results
board): the news never counts on its own. A national group's figures are its country's only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from steerco.programmes.models import Organisation, Person, Programme, ReportingPeriod, Risk, RiskStatus
from steerco.steering.models import (
    ActionPoint,
    AgendaItem,
    Decision,
    GroupKind,
    Meeting,
    MeetingStatus,
    Participant,
    Speaker,
    SteeringGroup,
)

from ..pack import pack_reader


@dataclass(frozen=True)
class Material:
    """What the secretariat ticked for the draft, by id: indicators, lots in progress, risks."""

    indicators: tuple[int, ...] = ()
    lots: tuple[int, ...] = ()
    risks: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.indicators or self.lots or self.risks)


@dataclass
class Delivered:
    """Handovers of the period to one recipient: (quantity, lot) pairs, the largest first."""

    recipient: Organisation
    items: list[tuple[int, Any]] = field(default_factory=list)


@dataclass
class Facts:
    meeting: Meeting
    group: SteeringGroup
    programme: Programme
    country: str  # the national group's country; "" for a regional or project group
    tense: str  # "past", "present" or "future", from the meeting's days and status
    organisations: list[Organisation]
    agenda: list[AgendaItem]
    decisions: list[Decision]
    actions: list[ActionPoint]
    following: Meeting | None
    events: int = 0
    participants: int = 0
    women: int = 0
    men: int = 0
    delivered: list[Delivered] = field(default_factory=list)
    indicators: list[Any] = field(default_factory=list)  # results.board.Progress
    lots: list[tuple[Any, str]] = field(default_factory=list)  # (lot, stage reached)
    risks: list[Risk] = field(default_factory=list)

    @property
    def is_project(self) -> bool:
        return self.group.kind == GroupKind.PROJECT

    @property
    def opened_by(self) -> Person | None:
        return self.meeting.opened_by_person

    @property
    def moderated_by(self) -> Person | None:
        return self.meeting.moderated_by_person

    @property
    def speakers(self) -> list[tuple[AgendaItem, Speaker]]:
        return [(item, s) for item in self.agenda for s in item.speakers.all() if s.key_message.strip()]


def tense_of(meeting: Meeting, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED) or meeting.last_day < today:
        return "past"
    return "future" if meeting.start_date > today else "present"


def gather(meeting_id: int, material: Material | None = None) -> Facts:
    """The meeting's record and the period's figures in its group's scope (ten queries, and three
    more for ticked material)."""
    people = ("opened_by_person__organisation", "moderated_by_person__organisation")
    m = Meeting.objects.select_related(
        "group__programme__donor", "group__programme__lead_implementer", "period", "moderator", *people
    ).get(pk=meeting_id)
    present = Participant.objects.filter(meeting=m, attendance__in=["present", "online"])
    organisations = list(Organisation.objects.filter(pk__in=present.values("organisation_id")).order_by("pk"))
    speakers = Speaker.objects.select_related("person__organisation").order_by("order", "id")
    agenda = list(
        AgendaItem.objects.filter(meeting=m)
        .order_by("order", "id")
        .prefetch_related(Prefetch("speakers", speakers))
    )
    facts = Facts(
        meeting=m,
        group=m.group,
        programme=m.group.programme,
        country=str(m.group.country or "") if m.group.kind == GroupKind.NATIONAL else "",
        tense=tense_of(m),
        organisations=organisations,
        agenda=agenda,
        decisions=list(Decision.objects.filter(meeting=m).order_by("id")),
        actions=list(ActionPoint.objects.filter(meeting=m).order_by("due_date", "id")),
        following=m.next_of_group(),
    )
    _delivery(facts)
    if material:
        _material(facts, material)
    return facts


def _delivery(facts: Facts) -> None:
    """The period's held events and handovers: the country's for a national group (two queries)."""
    from steerco.delivery import selectors as delivery

    reader, m = pack_reader(), facts.meeting
    events = delivery.held_between(delivery.events_of(reader, facts.programme), m.period.start, m.period.end)
    handovers = delivery.handovers_between(
        delivery.handovers_of(reader, facts.programme), m.period.start, m.period.end
    )
    if facts.country:
        # Events held in the country, handovers of the country's lots: never programme-wide figures.
        events = events.filter(country=facts.country)
        handovers = handovers.filter(lot__country=facts.country)
    p = delivery.participation_by(events).get((), delivery.Participation())
    facts.events, facts.participants, facts.women, facts.men = p.events, p.participants, p.women, p.men
    by_recipient: dict[int, Delivered] = {}
    for h in handovers:
        by_recipient.setdefault(h.recipient_id, Delivered(h.recipient)).items.append((h.quantity, h.lot))
    for d in by_recipient.values():
        d.items.sort(key=lambda item: -item[0])
    facts.delivered = list(by_recipient.values())


# ---- what the secretariat may tick -----------------------------------------------------------


@dataclass
class Choices:
    """The material a draft can draw on, in the group's scope, as of the meeting."""

    indicators: list[Any]  # results.board.Progress, the standing for the period reviewed
    lots: list[tuple[Any, str]]  # lots in progress with the stage they reached
    risks: list[Risk]  # risks open at the meeting


IN_PROGRESS = ("needs", "specifications", "tender", "contracted", "delivered", "accepted")


def choices(meeting: Meeting) -> Choices:
    """Indicators with their standing, lots in progress and open risks of the meeting's scope."""
    from steerco.delivery import selectors as delivery
    from steerco.results.board import load_board
    from steerco.results.models import Indicator
    from steerco.results.selectors import natural_key

    from ..pack import load_scope

    scope = load_scope(meeting.pk)
    programme, on = scope.programme, scope.as_of
    indicators = sorted(
        Indicator.objects.filter(result__programme=programme).select_related("result"),
        key=lambda i: natural_key(i.code),
    )
    if scope.country:
        indicators = [i for i in indicators if i.reported_by_countries]
    periods = list(ReportingPeriod.objects.filter(programme=programme))
    board = load_board(
        pack_reader(),
        indicators,
        periods,
        [code for code, _name in scope.countries],
        start=programme.planned_start,
        end=scope.terms.end,
        lop_for_countries=scope.country_count == 1,
    )
    upto = board.upto(scope.period)
    countries = [scope.country] if scope.country else None
    standings = [board.standing(i, countries, upto, on) for i in indicators]
    lots = []
    lots_q = delivery.lots_of(pack_reader(), programme)
    if scope.country:
        lots_q = lots_q.filter(country=scope.country)
    for lot in lots_q.select_related("beneficiary").prefetch_related("steps").order_by("reference", "id"):
        stage = lot.current_stage(on)
        if stage in IN_PROGRESS and not (lot.cancelled_on and lot.cancelled_on <= on):
            lots.append((lot, stage))
    # A national group discusses its country's risks and the programme-wide ones.
    risks_q = (
        Risk.objects.filter(programme=programme, raised_on__lte=on)
        .exclude(status=RiskStatus.CLOSED)
        .filter(scope.country_q("country"))
    )
    risks = sorted(risks_q, key=lambda r: (-r.severity, r.title))
    return Choices(standings, lots, risks)


def _material(facts: Facts, material: Material) -> None:
    ticked = choices(facts.meeting)
    facts.indicators = [p for p in ticked.indicators if p.indicator.pk in material.indicators]
    facts.lots = [(lot, stage) for lot, stage in ticked.lots if lot.pk in material.lots]
    facts.risks = [r for r in ticked.risks if r.pk in material.risks]
