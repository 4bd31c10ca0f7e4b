"""The steering part of the test world, built on the personas' world the first time a test asks for it.

BOMCA gets a regional group and national groups for Kazakhstan and Kyrgyzstan, each with a held
meeting (with a frozen pack) and action points; the regional group has a planned meeting after them.
Ukraine gets a project group. `kz_counterpart` works for the Kazakh institution that owns `kz_point`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from steerco.programmes.models import BudgetLine, Expenditure, Organisation, Person
from steerco.steering.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingPack,
    MeetingStatus,
    Participant,
    Speaker,
    SteeringGroup,
)

D = datetime.date


@dataclass
class SteeringWorld:
    rsg: SteeringGroup
    kz_nsg: SteeringGroup
    kg_nsg: SteeringGroup
    ua_psg: SteeringGroup
    kz_member: GroupMember
    kz_meeting: Meeting
    kg_meeting: Meeting
    rsg_meeting: Meeting
    ua_meeting: Meeting
    kz_point: ActionPoint
    kg_point: ActionPoint
    rsg_point: ActionPoint
    kz_participant: Participant
    kz_agenda_item: AgendaItem
    kz_pack: MeetingPack
    budget_line: BudgetLine
    expenditure: Expenditure
    kz_org: Organisation
    kg_org: Organisation
    kz_person: Person
    kz_speaker: Speaker


def meeting(group: SteeringGroup, number: int, day: datetime.date, period: Any, **fields: Any) -> Meeting:
    return Meeting.objects.create(group=group, number=number, start_date=day, period=period, **fields)


def point(
    at: Meeting, text: str, owner: Organisation | None, due: datetime.date, **fields: Any
) -> ActionPoint:
    country = at.group.country or (owner.country if owner is not None else "")
    return ActionPoint.objects.create(
        meeting=at, text=text, owner_organisation=owner, due_date=due, country=country, **fields
    )


def steering_world(t: Any) -> SteeringWorld:
    cached = t.__dict__.get("_steering_world")
    if cached is not None:
        return cached
    bomca, ukraine, year1 = t.bomca, t.ukraine, t.year1
    kz_org = t.kz.institutions.first()
    kg_org = t.kg.institutions.first()
    t.kz_counterpart.organisation = kz_org
    t.kz_counterpart.save()
    rsg = SteeringGroup.objects.create(programme=bomca, kind=GroupKind.REGIONAL, name="RSG")
    kz_nsg = SteeringGroup.objects.create(
        programme=bomca, kind=GroupKind.NATIONAL, country="KZ", name="NSG KZ"
    )
    kg_nsg = SteeringGroup.objects.create(
        programme=bomca, kind=GroupKind.NATIONAL, country="KG", name="NSG KG"
    )
    ua_psg = SteeringGroup.objects.create(programme=ukraine, kind=GroupKind.PROJECT, name="PSG")
    ua_period = ukraine.periods.first() or ukraine.periods.create(
        label="Y1", kind="year", start=D(2021, 4, 1), end=D(2022, 3, 31)
    )
    kz_member = GroupMember.objects.create(
        group=kz_nsg, person="Secretary", organisation=kz_org, role="secretariat"
    )
    kz_meeting = meeting(kz_nsg, 1, D(2021, 11, 10), year1, place="Astana", status=MeetingStatus.HELD)
    kg_meeting = meeting(kg_nsg, 1, D(2021, 11, 20), year1, place="Bishkek", status=MeetingStatus.HELD)
    rsg_meeting = meeting(rsg, 1, D(2022, 2, 15), year1, place="Tashkent")
    ua_meeting = meeting(ua_psg, 1, D(2021, 12, 1), ua_period, place="Kyiv", status=MeetingStatus.HELD)
    kz_participant = Participant.objects.create(
        meeting=kz_meeting, name="Delegate KZ", organisation=kz_org, sex="f", attendance=Attendance.PRESENT
    )
    kz_agenda_item = AgendaItem.objects.create(meeting=kz_meeting, order=1, title="Results of the year in KZ")
    Decision.objects.create(
        meeting=kz_meeting, kind=Decision.Kind.WORK_PLAN_ENDORSED, text="Endorsed the KZ plan."
    )
    kz_point = point(kz_meeting, "Kazakh border service submits its training needs", kz_org, D(2022, 1, 31))
    kg_point = point(kg_meeting, "Kyrgyz customs confirms the scanner site", kg_org, D(2022, 1, 31))
    rsg_point = point(
        rsg_meeting, "Programme team circulates the regional plan", None, D(2022, 6, 30), owner_person="Team"
    )
    kz_person = Person.objects.create(
        programme=bomca, name="Speaker of KZ", position="Head of Unit", organisation=kz_org, sex="f"
    )
    kz_speaker = Speaker.objects.create(
        agenda_item=kz_agenda_item, person=kz_person, key_message="Training comes first.", order=1
    )
    kz_pack = MeetingPack(meeting=kz_meeting, version=1, generated_at=timezone.now(), content_hash="0" * 64)
    kz_pack.pdf.save("kz-pack-v1.pdf", ContentFile(b"%PDF-1.4 frozen"), save=False)
    kz_pack.docx.save("kz-pack-v1.docx", ContentFile(b"frozen docx"), save=False)
    kz_pack.save()
    budget_line = BudgetLine.objects.create(
        programme=bomca, component=t.c1, label="Training", amount=Decimal("100000")
    )
    expenditure = Expenditure.objects.create(
        budget_line=budget_line, period=year1, country="KZ", amount=Decimal("2500")
    )
    world = SteeringWorld(
        rsg=rsg,
        kz_nsg=kz_nsg,
        kg_nsg=kg_nsg,
        ua_psg=ua_psg,
        kz_member=kz_member,
        kz_meeting=kz_meeting,
        kg_meeting=kg_meeting,
        rsg_meeting=rsg_meeting,
        ua_meeting=ua_meeting,
        kz_point=kz_point,
        kg_point=kg_point,
        rsg_point=rsg_point,
        kz_participant=kz_participant,
        kz_agenda_item=kz_agenda_item,
        kz_pack=kz_pack,
        budget_line=budget_line,
        expenditure=expenditure,
        kz_org=kz_org,
        kg_org=kg_org,
        kz_person=kz_person,
        kz_speaker=kz_speaker,
    )
    t.__dict__["_steering_world"] = world
    return world
