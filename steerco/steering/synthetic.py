"""Synthetic steering: per programme a regional group and a national group per country, their meetings
(participants, agenda, decisions, action points, some closed later). Packs are not circulated here:
rendering them is what the benchmarks measure, on demand."""

from __future__ import annotations

import datetime

from steerco.core.synthetic import COUNTRIES, MEETINGS, Portfolio
from steerco.programmes.models import Organisation, ReportingPeriod

from . import services
from .models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    GroupKind,
    Meeting,
    MeetingStatus,
    Participant,
    SteeringGroup,
)

PARTICIPANTS = 12
AGENDA = ["Opening", "Progress by component", "Open action points", "Work plan", "Any other business"]


def generate(portfolio: Portfolio) -> None:
    rng, user = portfolio.rng, portfolio.acting_user
    for programme in portfolio.step("steering", portfolio.programmes):
        periods = list(ReportingPeriod.objects.filter(programme=programme))
        institutions = {
            code: list(Organisation.objects.filter(country=code, programme_countries__programme=programme))
            for code in COUNTRIES
        }
        groups = [
            services.save_steering_group(
                SteeringGroup(programme=programme, kind=GroupKind.REGIONAL, name="Regional Steering Group"),
                acting_user=user,
            )
        ]
        for code in COUNTRIES:
            groups.append(
                services.save_steering_group(
                    SteeringGroup(
                        programme=programme,
                        kind=GroupKind.NATIONAL,
                        country=code,
                        name=f"National Steering Group {code}",
                    ),
                    acting_user=user,
                )
            )
        open_points: list[ActionPoint] = []
        for n in range(MEETINGS):
            # Meetings follow the periods they review, the last one well before the programme ends.
            period = periods[2 + n * (len(periods) - 4) // max(MEETINGS - 1, 1)]
            group = groups[0] if n % 3 == 2 else groups[1 + n % len(COUNTRIES)]
            orgs = (
                institutions[str(group.country)]
                if group.country
                else [o for v in institutions.values() for o in v]
            )
            day = period.end + datetime.timedelta(days=rng.randint(20, 60))
            meeting = services.save_meeting(
                Meeting(group=group, start_date=day, period=period, place="Synthetic city"), acting_user=user
            )
            for p in range(PARTICIPANTS):
                services.save_participant(
                    Participant(
                        meeting=meeting,
                        name=f"Participant {p + 1}",
                        organisation=rng.choice(orgs),
                        sex=rng.choice("fm"),
                        attendance=rng.choice([Attendance.PRESENT, Attendance.PRESENT, Attendance.EXCUSED]),
                    ),
                    acting_user=user,
                )
            for order, title in enumerate(AGENDA, start=1):
                services.save_agenda_item(
                    AgendaItem(meeting=meeting, order=order, title=title), acting_user=user
                )
            # No pack is rendered for synthetic meetings (the benchmarks render packs on demand), so the
            # status moves on directly.
            Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.PACK_CIRCULATED)
            meeting.status = MeetingStatus.PACK_CIRCULATED
            services.record_decision(
                Decision(
                    meeting=meeting, kind=Decision.Kind.WORK_PLAN_ENDORSED, text="Endorsed the work plan."
                ),
                acting_user=user,
            )
            # Some earlier action points are settled at this meeting, the others stay open.
            for earlier in [p for p in open_points if p.meeting.group_id == group.pk and rng.random() < 0.6]:
                services.close_action_point(earlier, acting_user=user, note="Done.", closed_at=meeting)
                open_points.remove(earlier)
            for a in range(3):
                open_points.append(
                    services.record_action_point(
                        ActionPoint(
                            meeting=meeting,
                            text=f"Synthetic action {n + 1}.{a + 1}",
                            owner_organisation=rng.choice(orgs),
                            due_date=day + datetime.timedelta(days=rng.randint(30, 180)),
                        ),
                        acting_user=user,
                    )
                )
            services.hold_meeting(meeting, acting_user=user)
