"""One object of every kind in the other programme (Ukraine), for the permission matrix's
"another programme's object" cases: an address of BOMCA naming one of them answers 404 to everybody.

Built on first use on top of the steering, delivery and results worlds, and kept on the test.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile

from steerco.programmes.models import BudgetLine, Expenditure
from steerco.results.models import Evidence, UpdateState
from steerco.steering.models import AgendaItem, Decision, GroupMember, Participant

from . import factories as f
from .delivery.world import delivery_world
from .results.world import category, results_world, update
from .steering.world import point, steering_world


def elsewhere(t: Any) -> SimpleNamespace:
    cached = t.__dict__.get("_elsewhere")
    if cached is not None:
        return cached
    sw, dw, rw = steering_world(t), delivery_world(t), results_world(t)
    ua_org = t.ua.institutions.first()
    period = sw.ua_meeting.period
    component = f.component(t.ukraine, code="UC1")
    line = BudgetLine.objects.create(
        programme=t.ukraine, component=component, label="Radios", amount=Decimal(1)
    )
    ua_update = update(rw.ua_indicator, period, "UA", value=Decimal(1), state=UpdateState.SUBMITTED)
    evidence = Evidence(update=ua_update, name="ua.pdf")
    evidence.file.save("ua.pdf", ContentFile(b"%PDF-1.4 ua"), save=False)
    evidence.save()
    world = SimpleNamespace(
        component=component,
        period=period,
        budget_line=line,
        expenditure=Expenditure.objects.create(
            budget_line=line, period=period, country="UA", amount=Decimal(1)
        ),
        category=category(t.ukraine, name="Agency"),
        update=ua_update,
        evidence=evidence,
        member=GroupMember.objects.create(group=sw.ua_psg, person="Chair", organisation=ua_org, role="chair"),
        participant=Participant.objects.create(
            meeting=sw.ua_meeting, name="Delegate UA", organisation=ua_org
        ),
        agenda_item=AgendaItem.objects.create(meeting=sw.ua_meeting, order=1, title="Results in UA"),
        decision=Decision.objects.create(meeting=sw.ua_meeting, text="Endorsed the UA plan."),
        point=point(sw.ua_meeting, "Ukrainian service reports", ua_org, datetime.date(2022, 1, 31)),
        meeting=sw.ua_meeting,
        group=sw.ua_psg,
        event=dw.ua_event,
        attachment=dw.ua_attachment,
        item=dw.ua_item,
        recommendation=dw.ua_recommendation,
        change=dw.ua_change,
        lot=dw.ua_lot,
        handover=dw.ua_handover,
        visit=dw.ua_visit,
        result=rw.ua_result,
        indicator=rw.ua_indicator,
        amendment=t.ua_amendment,
        risk=t.ua_risk,
    )
    t.__dict__["_elsewhere"] = world
    return world
