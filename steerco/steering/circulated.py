"""What the circulated packs of a programme hold: the records a removal must leave as the groups saw them.

A circulated pack is frozen (`MeetingPack`), so "what the group saw" stays answerable; a record it shows
is therefore no longer removed. Each rule here follows the section of `steerco.reports.pack` that put
the record in the pack, read as of the pack's own date (`pack_date` of the day it was made) and for its
group's country (none for a regional or project pack: every country). The rules are written out in
README.md, "Removing a record entered by mistake".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Meeting, MeetingPack

if TYPE_CHECKING:
    from steerco.delivery.models import Event, WorkPlanItem
    from steerco.programmes.models import Amendment, Expenditure, ReportingPeriod


@dataclass(frozen=True)
class Circulated:
    """One circulated pack and the day its contents were read as of."""

    pack: MeetingPack
    as_of: datetime.date

    @property
    def meeting(self) -> Meeting:
        return self.pack.meeting

    @property
    def country(self) -> str:
        return str(self.pack.meeting.group.country or "")

    @property
    def period(self) -> ReportingPeriod:
        return self.pack.meeting.period

    def shows_country(self, country: str) -> bool:
        """Whether the pack shows rows of `country` ("" for programme-wide rows, which every pack shows)."""
        return not self.country or str(country or "") in (self.country, "")

    def reason(self) -> str:
        return _(
            "It is part of the pack of %(meeting)s (version %(version)s, circulated on %(date)s): "
            "a circulated pack stays as the group received it."
        ) % {
            "meeting": str(self.meeting),
            "version": self.pack.version,
            "date": timezone.localdate(self.pack.generated_at).isoformat(),
        }


def circulated_packs(programme_id: int) -> list[Circulated]:
    """Every circulated pack of the programme, the oldest first (one query)."""
    from steerco.reports.pack import pack_date

    packs = (
        MeetingPack.objects.filter(meeting__group__programme_id=programme_id)
        .select_related("meeting__group", "meeting__period")
        .order_by("generated_at", "pk")
    )
    return [Circulated(p, pack_date(p.meeting, timezone.localdate(p.generated_at))) for p in packs]


def pack_holding_event(event: Event) -> Circulated | None:
    """The first circulated pack whose events section counts the event: held, started in the period
    reviewed by the pack's date, of the pack's country or programme-wide."""
    from steerco.delivery.models import EventStatus

    if event.status != EventStatus.HELD:
        return None
    for circulated in circulated_packs(event.programme_id):
        until = min(circulated.period.end, circulated.as_of)
        in_period = circulated.period.start <= event.start_date <= until
        if in_period and circulated.shows_country(str(event.country)):
            return circulated
    return None


def pack_holding_work_plan_item(item: WorkPlanItem) -> Circulated | None:
    """The first circulated pack whose draft work plan lists the line: written into the plan by the
    pack's date, in the twelve months after its meeting, of its country or programme-wide."""
    from steerco.delivery.models import WorkPlanItem
    from steerco.reports.pack import work_plan_window

    for circulated in circulated_packs(item.programme_id):
        if not circulated.shows_country(str(item.country)):
            continue
        if timezone.localdate(item.created) > circulated.as_of:
            continue
        window = work_plan_window(circulated.meeting.start_date)
        if WorkPlanItem.objects.filter(window, pk=item.pk).exists():
            return circulated
    return None


def pack_holding_expenditure(expenditure: Expenditure) -> Circulated | None:
    """The first circulated pack whose budget counts the spend line: of a period begun by the pack's
    date and ended by the end of the period reviewed; a national pack counts its own country only."""
    for circulated in circulated_packs(expenditure.budget_line.programme_id):
        if circulated.country and str(expenditure.country or "") != circulated.country:
            continue
        period = expenditure.period
        if period.start <= circulated.as_of and period.end <= circulated.period.end:
            return circulated
    return None


def pack_holding_amendment(amendment: Amendment) -> Circulated | None:
    """The first circulated pack that lists the amendment (and counts it in the budget and end date):
    signed by the pack's date."""
    for circulated in circulated_packs(amendment.programme_id):
        if amendment.signed_on <= circulated.as_of:
            return circulated
    return None


def pack_of_meeting(meeting: Meeting) -> Circulated | None:
    """The meeting's first circulated pack: its agenda is in every one of them."""
    for circulated in circulated_packs(meeting.group.programme_id):
        if circulated.meeting.pk == meeting.pk:
            return circulated
    return None


def pack_holding_decisions(meeting: Meeting) -> Circulated | None:
    """The first circulated pack of the meeting made once the meeting had begun: only such a pack
    lists the meeting's decisions."""
    for circulated in circulated_packs(meeting.group.programme_id):
        if circulated.meeting.pk == meeting.pk and circulated.as_of >= meeting.start_date:
            return circulated
    return None
