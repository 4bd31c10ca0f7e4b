"""The demo world's steering groups and meetings: BOMCA 10's RSG and 2023 NSGs, EU4IBM-Resilience's PSG.

Dates, places and what each meeting reviewed follow the public record; participants are listed by
position, except the people the public record names (who opened, moderated and spoke, with the
positions it gives), and the action points, their owners and follow-up are illustrative.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from steerco.core.demo import ensure
from steerco.programmes.models import Organisation, Person, Programme, ReportingPeriod

from . import services
from .models import (
    ActionPoint,
    ActionPointNote,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Participant,
    Speaker,
    SteeringGroup,
)

D = datetime.date
K = Decision.Kind


@dataclass
class Point:
    key: str
    text: str
    owner: str  # organisation short name
    due: datetime.date
    person: str = ""
    email: str = ""
    # (status, note, the day it was written)
    follow_up: list[tuple[str, str, datetime.date]] = field(default_factory=list)
    closed_on: datetime.date | None = None
    note: str = ""
    closed_at: str = ""  # key of the meeting that closed it; empty when closed between meetings


@dataclass
class DemoMeeting:
    key: str
    group: str
    number: int
    start: datetime.date
    period: str
    place: str = ""
    mode: str = MeetingMode.IN_PERSON
    end: datetime.date | None = None
    opened_by: str = ""
    moderator: str = ""
    highlights: list[str] = field(default_factory=list)
    participants: list[tuple[str, str]] = field(default_factory=list)  # (position, organisation)
    agenda: list[tuple[str, str]] = field(default_factory=list)  # (item, presenter)
    decisions: list[tuple[str, str]] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    closes: list[tuple[str, str]] = field(default_factory=list)  # (point key, closing note)
    status: str = MeetingStatus.MINUTES_APPROVED
    # The people of the public record, by name (steerco.programmes.demo.PEOPLE).
    opened_by_person: str = ""
    moderated_by_person: str = ""
    attending: dict[str, str] = field(default_factory=dict)  # participant's position: person
    also_attending: list[str] = field(default_factory=list)  # people beyond the listed participants
    presenters: dict[str, str] = field(default_factory=dict)  # agenda item: person presenting
    speakers: list[tuple[str, str, str]] = field(default_factory=list)  # (agenda item, person, message)


MADALINSKI = "Maciej Adam Madalinski"
AITMAKHANOV = "Nurzhan Aitmakhanov"
ZAK = "Radim Žák"


TEAM = "manager@demo.steerco.invalid"
NSG_ROUND = "National Steering Groups held in Kazakhstan, Tajikistan and Turkmenistan in autumn 2023."

RSG = "Regional Steering Group"
NSG = {
    "KZ": "National Steering Group of Kazakhstan",
    "KG": "National Steering Group of Kyrgyzstan",
    "TJ": "National Steering Group of Tajikistan",
    "TM": "National Steering Group of Turkmenistan",
    "UZ": "National Steering Group of Uzbekistan",
}
PSG = "Project Steering Group"

RSG_PARTICIPANTS = [
    ("Head of Cooperation", "EU"),
    ("Programme Team Leader", "SBG Latvia"),
    ("Component 2 lead", "SBGS Lithuania"),
    ("Component 3 lead", "SRS Latvia"),
    ("Component 4 lead", "ICMPD"),
    ("Representative", "KZ Border Service"),
    ("Representative", "KG Border Service"),
    ("Representative", "TJ Border Troops"),
    ("Representative", "TM Border Service"),
    ("Representative", "UZ Border Troops"),
]

BOMCA_MEETINGS = [
    DemoMeeting(
        key="rsg1",
        group=RSG,
        number=1,
        start=D(2021, 12, 6),
        period="Year 1",
        mode=MeetingMode.ONLINE,
        participants=RSG_PARTICIPANTS,
        agenda=[
            ("Opening and adoption of the agenda", "EU Delegation"),
            ("Inception report", "Programme Team Leader"),
            ("Work plan for the first year", "Component leads"),
        ],
        decisions=[
            (K.REPORT_APPROVED, "Approved the inception report."),
            (K.WORK_PLAN_ENDORSED, "Endorsed the work plan for the first implementation year."),
        ],
        points=[
            Point(
                "focal-points",
                "Each beneficiary country to nominate a national focal point for the programme",
                "SBG Latvia",
                D(2022, 2, 28),
                person="Programme Team Leader",
                email=TEAM,
                closed_on=D(2022, 11, 23),
                note="Focal points nominated by all five countries.",
                closed_at="rsg2",
            ),
            Point(
                "russian-work-plan",
                "Circulate the endorsed work plan in Russian to all beneficiary institutions",
                "ICMPD",
                D(2022, 1, 31),
                email=TEAM,
                closed_on=D(2022, 1, 20),
                note="Sent to all focal points on 20 January 2022.",
            ),
        ],
    ),
    DemoMeeting(
        key="rsg2",
        group=RSG,
        number=2,
        start=D(2022, 11, 23),
        period="Year 1",
        mode=MeetingMode.ONLINE,
        highlights=["93 activities held by September 2022, with over 1,400 participants"],
        participants=RSG_PARTICIPANTS,
        agenda=[
            ("Progress of the first implementation year", "Programme Team Leader"),
            ("Progress by component", "Component leads"),
            ("Work plan for the second year", "Programme Team Leader"),
        ],
        decisions=[(K.WORK_PLAN_ENDORSED, "Endorsed the work plan for the second implementation year.")],
        closes=[("focal-points", "Focal points nominated by all five countries.")],
        points=[
            Point(
                "nsg-round",
                "Hold a second round of National Steering Groups before the next Regional Steering Group",
                "ICMPD",
                D(2023, 10, 31),
                email=TEAM,
                closed_on=D(2023, 11, 14),
                note=NSG_ROUND,
                closed_at="rsg3",
            ),
        ],
    ),
    DemoMeeting(
        key="nsg-kz",
        group=NSG["KZ"],
        number=2,
        start=D(2023, 9, 11),
        period="Year 2",
        place="Astana",
        opened_by=(
            "the Head of the Political, Press and Information Section of the EU Delegation to Kazakhstan"
        ),
        opened_by_person=MADALINSKI,
        attending={
            "Head of the Political, Press and Information Section": MADALINSKI,
            "Department of Europe": AITMAKHANOV,
        },
        presenters={"Opening": MADALINSKI},
        speakers=[
            (
                "Opening",
                MADALINSKI,
                "Stressed the respect of the international sanctions regime and the impact assessment.",
            ),
            (
                "Opening",
                AITMAKHANOV,
                "Placed the programme within the cooperation under the Enhanced Partnership and Cooperation "
                "Agreement, which covers 29 areas including security; named advanced training, automation "
                "and the modernisation of border control as Kazakhstan's priorities.",
            ),
        ],
        participants=[
            ("Head of the Political, Press and Information Section", "EUD Kazakhstan"),
            ("Deputy Head of Department", "KZ Border Service"),
            ("Department of Europe", "KZ MFA"),
            ("Representative", "KZ SRC"),
            ("Programme Team Leader", "SBG Latvia"),
            ("Country coordinator for Kazakhstan", "ICMPD"),
        ],
        agenda=[
            ("Opening", "EU Delegation to Kazakhstan"),
            ("Results of the second implementation year in Kazakhstan", "Country coordinator"),
            ("Proposals of Kazakhstan for the next work plan", "Border Service"),
            ("Preparation of the Regional Steering Group of November 2023", "Programme Team Leader"),
        ],
        decisions=[
            (K.OTHER, "Took note of the results of the second implementation year in Kazakhstan."),
            (
                K.OTHER,
                "Agreed the proposals of Kazakhstan for the next work plan, to be presented to the Regional "
                "Steering Group in November 2023.",
            ),
        ],
        points=[
            Point(
                "kz-training-needs",
                "Submit the Border Service's training needs for 2024 to the programme team",
                "KZ Border Service",
                D(2023, 10, 20),
                closed_on=D(2023, 11, 14),
                note="List received on 18 October 2023 and built into the draft work plan.",
                closed_at="rsg3",
            ),
            Point(
                "kz-canine-trainers",
                "Nominate trainers for the canine training-of-trainers course",
                "KZ Border Service",
                D(2024, 1, 31),
                follow_up=[
                    (
                        ActionStatus.IN_PROGRESS,
                        "Two candidates identified; approval pending.",
                        D(2023, 10, 25),
                    )
                ],
            ),
            Point(
                "kz-study-visits",
                "Agree the schedule of 2024 study visits to Latvia and Lithuania",
                "KZ MFA",
                D(2023, 12, 15),
            ),
        ],
    ),
    DemoMeeting(
        key="nsg-tj",
        group=NSG["TJ"],
        number=2,
        start=D(2023, 10, 5),
        period="Year 2",
        place="Dushanbe",
        participants=[
            ("Representative", "TJ Border Troops"),
            ("Representative", "TJ Customs"),
            ("Representative", "TJ DCA"),
            ("Representative", "TJ MFA"),
            ("Country coordinator for Tajikistan", "ICMPD"),
        ],
        agenda=[
            ("Results of the second implementation year in Tajikistan", "Country coordinator"),
            ("Equipment for the Poytakht Training Centre", "Component 1 lead"),
        ],
        decisions=[(K.OTHER, "Took note of the results of the second implementation year in Tajikistan.")],
        points=[
            Point(
                "tj-canine",
                "Confirm the canine units of the Drug Control Agency for the 2024 courses",
                "TJ DCA",
                D(2023, 12, 31),
                closed_on=D(2024, 1, 15),
                note="Units confirmed in writing.",
            ),
        ],
    ),
    DemoMeeting(
        key="nsg-tm",
        group=NSG["TM"],
        number=2,
        start=D(2023, 10, 18),
        period="Year 2",
        place="Ashgabat",
        participants=[
            ("Representative", "TM Border Service"),
            ("Representative", "TM Customs"),
            ("Representative", "TM MFA"),
            ("Country coordinator for Turkmenistan", "ICMPD"),
        ],
        agenda=[("Results of the second implementation year in Turkmenistan", "Country coordinator")],
        decisions=[(K.OTHER, "Took note of the results of the second implementation year in Turkmenistan.")],
        points=[
            Point(
                "tm-expert-access",
                "Confirm dates for expert missions to border areas in 2024",
                "TM MFA",
                D(2024, 3, 31),
            ),
        ],
    ),
    DemoMeeting(
        key="rsg3",
        group=RSG,
        number=3,
        start=D(2023, 11, 14),
        period="Year 2",
        place="Tashkent",
        participants=RSG_PARTICIPANTS,
        agenda=[
            ("Conclusions of the National Steering Groups", "Country coordinators"),
            ("Progress by component", "Component leads"),
            ("Work plan for the third year", "Programme Team Leader"),
        ],
        decisions=[(K.WORK_PLAN_ENDORSED, "Endorsed the work plan for the third implementation year.")],
        closes=[
            ("nsg-round", NSG_ROUND),
            ("kz-training-needs", "List received on 18 October 2023 and built into the draft work plan."),
        ],
        points=[
            Point(
                "verification-plan",
                "Present a plan for verifying that handed-over equipment is in use",
                "SBG Latvia",
                D(2024, 3, 31),
                person="Programme Team Leader",
                email=TEAM,
                closed_on=D(2025, 2, 20),
                note="Verification visits carried out in four countries; findings presented.",
                closed_at="rsg4",
            ),
            Point(
                "uz-gps-sites",
                "Confirm the crossing points for the GPS transit trackers",
                "UZ Customs",
                D(2024, 2, 29),
                closed_on=D(2025, 2, 20),
                note="Sites confirmed; trackers handed over to the Customs Committee.",
                closed_at="rsg4",
            ),
        ],
    ),
    DemoMeeting(
        key="rsg4",
        group=RSG,
        number=4,
        start=D(2025, 2, 20),
        period="Year 3",
        place="Ashgabat",
        participants=RSG_PARTICIPANTS,
        highlights=[
            "306 events held since the start, 275 of them thematic and 77 jointly with other international "
            "organisations",
            "over 6,000 participants",
            "about 90 % of the planned activities done",
        ],
        agenda=[
            ("Results since the start of the programme", "Programme Team Leader"),
            ("Verification of equipment in use", "Component 1 lead"),
            ("Work plan to the end of the programme", "Programme Team Leader"),
        ],
        decisions=[
            (K.WORK_PLAN_ENDORSED, "Endorsed the work plan for the final months, to September 2025."),
            (K.OTHER, "Agreed to prepare the final report and a closing conference."),
        ],
        closes=[
            ("verification-plan", "Verification visits carried out in four countries; findings presented."),
            ("uz-gps-sites", "Sites confirmed; trackers handed over to the Customs Committee."),
        ],
        points=[
            Point(
                "final-report",
                "Circulate the draft final report to the national focal points",
                "SBG Latvia",
                D(2025, 8, 31),
                person="Programme Team Leader",
                email=TEAM,
            ),
        ],
        status=MeetingStatus.HELD,
    ),
]

PSG_PARTICIPANTS = [
    ("Head of Cooperation", "EUD Ukraine"),
    ("Representative", "SBGS"),
    ("Representative", "SCS"),
    ("Representative", "VRU Secretariat"),
    ("Representative", "SMS"),
    ("Representative", "UA MFA"),
    ("Project Manager", "ICMPD"),
]

EU4IBM_MEETINGS = [
    DemoMeeting(
        key="psg2",
        group=PSG,
        number=2,
        start=D(2023, 5, 23),
        end=D(2023, 5, 25),
        period="2022-11/2023-04",
        place="Kyiv",
        moderator="ICMPD",
        participants=PSG_PARTICIPANTS,
        highlights=["32 mobile mini-scanners delivered to the State Border Guard Service"],
        agenda=[
            ("Progress of the first six months", "Project Manager"),
            ("Procurement plan for large mobile scanners", "Component 2 lead"),
        ],
        decisions=[(K.OTHER, "Took note of the progress of the first six months.")],
        points=[
            Point(
                "scanner-tender",
                "Launch the tender for a large mobile cargo scanner",
                "ICMPD",
                D(2023, 9, 30),
                person="Project Manager",
                email=TEAM,
                closed_on=D(2023, 11, 2),
                note="Scanner procured; delivery expected in spring 2024.",
                closed_at="psg3",
            ),
            Point(
                "canine-teams",
                "Nominate customs canine teams for the 2023 training cycle",
                "SCS",
                D(2023, 7, 31),
                closed_on=D(2023, 11, 2),
                note="80 customs canine teams trained since spring 2023.",
                closed_at="psg3",
            ),
        ],
    ),
    DemoMeeting(
        key="psg3",
        group=PSG,
        number=3,
        start=D(2023, 11, 2),
        period="2023-05/2023-10",
        place="Kyiv",
        moderator="ICMPD",
        moderated_by_person=ZAK,
        participants=PSG_PARTICIPANTS,
        also_attending=[ZAK],
        speakers=[
            (
                "Component 4: secured operation of the legislature",
                ZAK,
                "Reported the cooperation with the Parliament of Ukraine on cloud services for parliamentary "
                "data and on the procurement of armoured vehicles.",
            ),
            (
                "Top-up and extension of the project",
                ZAK,
                "Recalled the beneficiaries' high assessment of the project and announced the upcoming "
                "top-up and the extension until mid-2025.",
            ),
        ],
        highlights=[
            # The handovers of the period (radio stations, mini-scanners, rehabilitation equipment)
            # come from the delivery records; these are the results no record counts.
            "more than 20 anti-corruption consultations and webinars shared Lithuanian practice",
            "the rehabilitation equipment came with training for the staff who use it",
            "the asset-management process of the State Border Guard Service and 20 of its sub-processes were "
            "analysed and re-engineered",
            "80 customs canine teams have been trained since spring 2023",
            "a large mobile cargo scanner was procured, with delivery expected in spring 2024",
        ],
        agenda=[
            ("Component 1: border management resilience", "Project Manager"),
            ("Component 2: trade facilitation", "Component 2 lead"),
            ("Component 3: sector management support", "Component 3 lead"),
            ("Component 4: secured operation of the legislature", "Component 4 lead"),
            ("Top-up and extension of the project", "EU Delegation to Ukraine"),
        ],
        decisions=[
            (
                K.TOP_UP_REQUESTED,
                "Welcomed the announced budget top-up for more large mobile scanners, UPS units for the "
                "stationary scanners and further rehabilitation support.",
            ),
            (K.EXTENSION_REQUESTED, "Supported the extension of the project until mid-2025."),
            (K.WORK_PLAN_ENDORSED, "Endorsed the work plan for the next six months by component."),
        ],
        closes=[
            ("scanner-tender", "Scanner procured; delivery expected in spring 2024."),
            ("canine-teams", "80 customs canine teams trained since spring 2023."),
        ],
        points=[
            Point(
                "two-scanners",
                "Contract two more large mobile scanners for delivery by January 2025",
                "ICMPD",
                D(2024, 6, 30),
                person="Project Manager",
                email=TEAM,
                closed_on=D(2024, 6, 28),
                note="Both contracts signed.",
            ),
            Point(
                "ups-units",
                "Procure UPS units for the stationary scanners against power cuts",
                "ICMPD",
                D(2024, 4, 30),
                person="Project Manager",
                email=TEAM,
                follow_up=[
                    (ActionStatus.IN_PROGRESS, "Tender published; evaluation under way.", D(2024, 4, 8))
                ],
            ),
            Point(
                "rehab-use",
                "Report on the use of the rehabilitation equipment delivered",
                "SBGS",
                D(2024, 2, 29),
            ),
            Point(
                "scanner-site",
                "Confirm the crossing point where the first large mobile scanner will work",
                "SCS",
                D(2024, 3, 31),
                closed_on=D(2024, 6, 25),
                note="The scanner arrived at the Chop crossing point on 25 June 2024.",
            ),
        ],
    ),
]

MEMBERS = {
    RSG: [
        ("Head of Cooperation", "EU", "chair"),
        ("Programme Team Leader", "SBG Latvia", "secretariat"),
        ("Component 2 lead", "SBGS Lithuania", "member"),
        ("Component 3 lead", "SRS Latvia", "member"),
        ("Component 4 lead", "ICMPD", "member"),
        ("Head of the national delegation", "KZ Border Service", "member"),
        ("Head of the national delegation", "KG Border Service", "member"),
        ("Head of the national delegation", "TJ Border Troops", "member"),
        ("Head of the national delegation", "TM Border Service", "member"),
        ("Head of the national delegation", "UZ Border Troops", "member"),
    ],
    NSG["KZ"]: [
        ("Head of the Political, Press and Information Section", "EUD Kazakhstan", "co_chair"),
        ("Deputy Head of Department", "KZ Border Service", "co_chair"),
        ("Department of Europe", "KZ MFA", "member"),
        ("Representative", "KZ SRC", "member"),
        ("Aigerim Sadykova, country coordinator", "ICMPD", "secretariat"),
    ],
    PSG: [
        ("Head of Cooperation", "EUD Ukraine", "chair"),
        ("Representative", "SBGS", "member"),
        ("Representative", "SCS", "member"),
        ("Representative", "VRU Secretariat", "member"),
        ("Representative", "SMS", "member"),
        ("Representative", "UA MFA", "member"),
        ("Representative", "MinInfra", "observer"),
        ("Project Manager", "ICMPD", "secretariat"),
    ],
}


def load(*, acting_user: Any) -> None:
    orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    bomca = Programme.objects.get(slug="bomca10")
    eu4ibm = Programme.objects.get(slug="eu4ibm-resilience")
    groups = {RSG: _group(acting_user, bomca, RSG, GroupKind.REGIONAL, "")}
    for code, name in NSG.items():
        groups[name] = _group(acting_user, bomca, name, GroupKind.NATIONAL, code)
    groups[PSG] = _group(acting_user, eu4ibm, PSG, GroupKind.PROJECT, "")
    for name, members in MEMBERS.items():
        group = groups[name]
        for person, org, role in members:
            ensure(
                GroupMember,
                services.save_group_member,
                acting_user=acting_user,
                lookup={"group": group, "person": person, "organisation": orgs[org]},
                defaults={"role": role},
            )
    _load_meetings(acting_user, bomca, groups, orgs, BOMCA_MEETINGS)
    _load_meetings(acting_user, eu4ibm, groups, orgs, EU4IBM_MEETINGS)


def _group(acting_user: Any, programme: Programme, name: str, kind: str, country: str) -> SteeringGroup:
    return ensure(
        SteeringGroup,
        services.save_steering_group,
        acting_user=acting_user,
        lookup={"programme": programme, "name": name},
        defaults={"kind": kind, "country": country},
    )


def _load_meetings(
    acting_user: Any,
    programme: Programme,
    groups: dict[str, SteeringGroup],
    orgs: dict[str, Organisation],
    meetings: list[DemoMeeting],
) -> None:
    periods = {p.label: p for p in ReportingPeriod.objects.filter(programme=programme)}
    people = {p.name: p for p in Person.objects.filter(programme=programme)}
    by_key: dict[str, Meeting] = {}
    points: dict[str, ActionPoint] = {}
    written: set[tuple[str, str]] = set()  # (point key, note) of the follow-ups written
    for spec in meetings:
        group = groups[spec.group]
        existing = Meeting.objects.filter(group=group, number=spec.number).first()
        if existing is not None:
            by_key[spec.key] = existing
            continue
        meeting = services.save_meeting(
            Meeting(
                group=group,
                number=spec.number,
                start_date=spec.start,
                end_date=spec.end,
                place=spec.place,
                mode=spec.mode,
                period=periods[spec.period],
                opened_by=spec.opened_by,
                moderator=orgs.get(spec.moderator),
                opened_by_person=people.get(spec.opened_by_person),
                moderated_by_person=people.get(spec.moderated_by_person),
                highlights="\n".join(spec.highlights),
            ),
            acting_user=acting_user,
        )
        by_key[spec.key] = meeting
        for position, org in spec.participants:
            person = people.get(spec.attending.get(position, ""))
            services.save_participant(
                Participant(
                    meeting=meeting,
                    person=person,
                    name="" if person else position,
                    organisation=orgs[org],
                    attendance=Attendance.PRESENT,
                ),
                acting_user=acting_user,
            )
        for name in spec.also_attending:
            person = people[name]
            services.save_participant(
                Participant(
                    meeting=meeting,
                    person=person,
                    organisation=person.organisation,
                    attendance=Attendance.PRESENT,
                ),
                acting_user=acting_user,
            )
        items = {}
        for order, (title, presenter) in enumerate(spec.agenda, start=1):
            items[title] = services.save_agenda_item(
                AgendaItem(
                    meeting=meeting,
                    order=order,
                    title=title,
                    presenter=presenter,
                    presenter_person=people.get(spec.presenters.get(title, "")),
                ),
                acting_user=acting_user,
            )
        for title, name, message in spec.speakers:
            services.save_speaker(
                Speaker(agenda_item=items[title], person=people[name], key_message=message),
                acting_user=acting_user,
            )
        # The pack went out ten days before the meeting; what was settled by then is closed first.
        circulated_on = spec.start - datetime.timedelta(days=10)
        _close_between_meetings(acting_user, meetings, points, before=circulated_on)
        _follow_up(acting_user, meetings, points, written, before=circulated_on)
        circulated = timezone.make_aware(datetime.datetime.combine(circulated_on, datetime.time(9, 0)))
        services.circulate_pack(meeting, acting_user=acting_user, generated_at=circulated)
        for kind, text in spec.decisions:
            services.record_decision(Decision(meeting=meeting, kind=kind, text=text), acting_user=acting_user)
        for point_spec in spec.points:
            points[point_spec.key] = services.record_action_point(
                ActionPoint(
                    meeting=meeting,
                    text=point_spec.text,
                    owner_organisation=orgs[point_spec.owner],
                    owner_person=point_spec.person,
                    owner_email=point_spec.email,
                    due_date=point_spec.due,
                ),
                acting_user=acting_user,
            )
        services.hold_meeting(meeting, acting_user=acting_user)
        for key, note in spec.closes:
            services.close_action_point(
                points[key],
                acting_user=acting_user,
                note=note,
                closed_on=meeting.start_date,
                closed_at=meeting,
            )
            _written_on(points[key].notes.filter(status=ActionStatus.CLOSED), meeting.start_date)
        if spec.status == MeetingStatus.MINUTES_APPROVED:
            services.approve_minutes(meeting, acting_user=acting_user)
    _close_between_meetings(acting_user, meetings, points, before=None)
    _follow_up(acting_user, meetings, points, written, before=None)


def _follow_up(
    acting_user: Any,
    meetings: list[DemoMeeting],
    points: dict[str, ActionPoint],
    written: set[tuple[str, str]],
    *,
    before: datetime.date | None,
) -> None:
    """Write the follow-up notes dated before `before` (all of them when None) not yet written."""
    for spec in meetings:
        for point_spec in spec.points:
            point = points.get(point_spec.key)
            if point is None:
                continue
            for status, note, written_on in point_spec.follow_up:
                if (point_spec.key, note) in written or (before is not None and written_on >= before):
                    continue
                follow_up = services.update_action_point_status(
                    point, acting_user=acting_user, status=status, note=note
                )
                _written_on(ActionPointNote.objects.filter(pk=follow_up.pk), written_on)
                written.add((point_spec.key, note))


def _written_on(notes: QuerySet[ActionPointNote], day: datetime.date) -> None:
    """Date follow-up notes on the story's day rather than the day the demo is loaded, so that a pack
    of a past meeting shows the notes written by its date and none written after."""
    notes.update(at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0))))


def _close_between_meetings(
    acting_user: Any,
    meetings: list[DemoMeeting],
    points: dict[str, ActionPoint],
    *,
    before: datetime.date | None,
) -> None:
    """Close the action points settled between meetings, up to `before` (all of them when None)."""
    for spec in meetings:
        for point_spec in spec.points:
            point = points.get(point_spec.key)
            if point is None or point.is_closed or point_spec.closed_at or not point_spec.closed_on:
                continue
            if before is None or point_spec.closed_on < before:
                services.close_action_point(
                    point, acting_user=acting_user, note=point_spec.note, closed_on=point_spec.closed_on
                )
                _written_on(point.notes.filter(status=ActionStatus.CLOSED), point_spec.closed_on)
