"""Every URL of the site, with who may open it: the permission matrix walks this for every persona.

Add an entry for each new URL pattern; `test_permission_matrix` fails for a pattern without one.
An entry is a list of cases; a case names the personas that get `ok`, every other persona gets `denied`
(404: outside-scope and not-allowed look the same), and an anonymous visitor is sent to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from .base import PERSONAS
from .delivery.world import delivery_world as dw
from .results.world import results_world
from .steering.world import steering_world as sw

ALL = frozenset(PERSONAS)
READERS = ALL - {"outsider"}  # every persona with a BOMCA membership, and the administrator
SETUP = frozenset({"admin", "manager"})
KZ_READERS = READERS - {"kg_coordinator"}
KG_READERS = READERS - {"kz_coordinator", "kz_counterpart"}
ADMIN = frozenset({"admin"})
# The regional group is for programme-wide members and the country secretariats, not counterparts.
RSG_READERS = READERS - {"kz_counterpart"}
KZ_STEER = frozenset({"admin", "manager", "kz_coordinator"})
STEERS = frozenset({"admin", "manager", "kz_coordinator", "kg_coordinator"})
RECORDERS = frozenset({"admin", "manager", "me_officer", "kz_coordinator", "kg_coordinator"})
KZ_RECORDERS = RECORDERS - {"kg_coordinator"}
KG_RECORDERS = RECORDERS - {"kz_coordinator"}
RESULTS = frozenset({"admin", "manager", "me_officer"})  # edit the logframe; record programme-wide values
APPROVERS = frozenset({"admin", "me_officer"})
BUDGET = frozenset({"admin", "manager", "me_officer", "observer"})  # read the budget; only SETUP changes it


@dataclass
class Case:
    url: Callable[[Any], str]
    allowed: frozenset[str]
    method: str = "get"
    ok: int = 200
    denied: int = 404
    data: dict[str, str] = field(default_factory=dict)
    anonymous: int = 302  # redirected to the sign-in page


def r(name: str, *args: Callable[[Any], Any] | str) -> Callable[[Any], str]:
    """A URL built when the test runs, from attributes of the test case (`lambda t: t.bomca.slug`)."""
    return lambda t: reverse(name, args=[a(t) if callable(a) else a for a in args])


B = "bomca"


def w(name: str) -> Callable[[Any], Any]:
    """The primary key of an object of the results world (`tests/results/world.py`)."""
    return lambda t: getattr(results_world(t), name).pk


def records_url(country: str = "") -> Callable[[Any], str]:
    return lambda t: r("results:records", B, w("events"))(t) + (f"?country={country}" if country else "")


MATRIX: dict[str, list[Case]] = {
    "home": [Case(r("home"), ALL, ok=302)],
    "ping": [Case(r("ping"), ALL)],
    "accounts:login": [Case(r("accounts:login"), ALL, ok=302, anonymous=200)],
    "accounts:logout": [Case(r("accounts:logout"), ALL, method="post", ok=302)],
    "accounts:password_change": [Case(r("accounts:password_change"), ALL)],
    "accounts:password_reset": [Case(r("accounts:password_reset"), ALL, anonymous=200)],
    "accounts:password_reset_done": [Case(r("accounts:password_reset_done"), ALL, anonymous=200)],
    "accounts:password_reset_confirm": [
        Case(r("accounts:password_reset_confirm", "MQ", "set-password"), ALL, anonymous=200)
    ],
    "accounts:password_reset_complete": [Case(r("accounts:password_reset_complete"), ALL, anonymous=200)],
    "accounts:unlock": [
        Case(r("accounts:unlock"), ADMIN, method="post", ok=302, data={"username": "kz_coordinator"})
    ],
    "accounts:set_language": [
        Case(r("accounts:set_language"), ALL, method="post", ok=302, data={"language": "ru"}, anonymous=302)
    ],
    "accounts:users": [Case(r("accounts:users"), ADMIN)],
    "accounts:user_add": [Case(r("accounts:user_add"), ADMIN)],
    "accounts:user_edit": [Case(r("accounts:user_edit", lambda t: t.kz_coordinator.pk), ADMIN)],
    "accounts:membership_add": [Case(r("accounts:membership_add", lambda t: t.kz_coordinator.pk), ADMIN)],
    "accounts:membership_remove": [
        Case(
            r(
                "accounts:membership_remove",
                lambda t: t.kz_coordinator.pk,
                lambda t: t.kz_coordinator.memberships.get().pk,
            ),
            ADMIN,
            method="post",
            ok=302,
        )
    ],
    "programmes:list": [Case(r("programmes:list"), ALL)],
    "programmes:create": [Case(r("programmes:create"), SETUP)],
    "programmes:overview": [
        Case(r("programmes:overview", B), READERS),
        Case(r("programmes:overview", "ukraine"), ADMIN),
    ],
    "programmes:edit": [Case(r("programmes:edit", B), SETUP), Case(r("programmes:edit", "ukraine"), ADMIN)],
    "programmes:country_add": [Case(r("programmes:country_add", B), SETUP)],
    "programmes:country": [
        Case(r("programmes:country", B, "kz"), KZ_READERS),
        Case(r("programmes:country", B, "kg"), KG_READERS),
        Case(r("programmes:country", "ukraine", "ua"), ADMIN),
        Case(r("programmes:country", B, "KZ"), frozenset()),  # addresses are lower-case only
    ],
    "programmes:country_edit": [Case(r("programmes:country_edit", B, "kz"), SETUP)],
    "programmes:component_add": [Case(r("programmes:component_add", B), SETUP)],
    "programmes:component_edit": [Case(r("programmes:component_edit", B, lambda t: t.c1.pk), SETUP)],
    "programmes:amendments": [Case(r("programmes:amendments", B), READERS)],
    "programmes:amendment_add": [Case(r("programmes:amendment_add", B), SETUP)],
    "programmes:amendment_edit": [
        Case(r("programmes:amendment_edit", B, lambda t: t.amendment.pk), SETUP),
        Case(
            r("programmes:amendment_edit", B, lambda t: t.ua_amendment.pk), frozenset()
        ),  # another programme's
    ],
    "programmes:periods": [Case(r("programmes:periods", B), READERS)],
    "programmes:period_add": [Case(r("programmes:period_add", B), SETUP)],
    "programmes:period_edit": [Case(r("programmes:period_edit", B, lambda t: t.year1.pk), SETUP)],
    "programmes:risks": [Case(r("programmes:risks", B), READERS)],
    "programmes:risk_add": [Case(r("programmes:risk_add", B), SETUP)],
    "programmes:risk_edit": [
        Case(r("programmes:risk_edit", B, lambda t: t.kz_risk.pk), SETUP),
        Case(r("programmes:risk_edit", B, lambda t: t.ua_risk.pk), frozenset()),  # another programme's risk
    ],
    "programmes:organisations": [Case(r("programmes:organisations"), ALL)],
    "programmes:organisation_add": [Case(r("programmes:organisation_add"), SETUP)],
    "programmes:organisation_edit": [
        Case(r("programmes:organisation_edit", lambda t: t.bomca.donor_id), SETUP)
    ],
    "audit:history": [Case(r("audit:history", B), READERS), Case(r("audit:history", "ukraine"), ADMIN)],
    # steering
    "steering:groups": [Case(r("steering:groups", B), READERS), Case(r("steering:groups", "ukraine"), ADMIN)],
    "steering:group_add": [Case(r("steering:group_add", B), SETUP)],
    "steering:group": [
        Case(r("steering:group", B, lambda t: sw(t).rsg.pk), RSG_READERS),
        Case(r("steering:group", B, lambda t: sw(t).kz_nsg.pk), KZ_READERS),
        Case(r("steering:group", B, lambda t: sw(t).kg_nsg.pk), KG_READERS),
        Case(r("steering:group", "ukraine", lambda t: sw(t).ua_psg.pk), ADMIN),
    ],
    "steering:group_edit": [
        Case(r("steering:group_edit", B, lambda t: sw(t).kz_nsg.pk), KZ_STEER),
        Case(r("steering:group_edit", B, lambda t: sw(t).rsg.pk), SETUP),
    ],
    "steering:member_add": [Case(r("steering:member_add", B, lambda t: sw(t).kz_nsg.pk), KZ_STEER)],
    "steering:member_edit": [
        Case(r("steering:member_edit", B, lambda t: sw(t).kz_nsg.pk, lambda t: sw(t).kz_member.pk), KZ_STEER)
    ],
    "steering:meetings": [
        Case(r("steering:meetings", B), READERS),
        Case(r("steering:meetings", "ukraine"), ADMIN),
    ],
    "steering:meeting_add": [Case(r("steering:meeting_add", B), STEERS)],
    "steering:meeting": [
        Case(r("steering:meeting", B, lambda t: sw(t).kz_meeting.pk), KZ_READERS),
        Case(r("steering:meeting", B, lambda t: sw(t).kg_meeting.pk), KG_READERS),
        Case(r("steering:meeting", B, lambda t: sw(t).rsg_meeting.pk), RSG_READERS),
        Case(r("steering:meeting", B, lambda t: sw(t).ua_meeting.pk), frozenset()),  # another programme's
        Case(r("steering:meeting", "ukraine", lambda t: sw(t).ua_meeting.pk), ADMIN),
    ],
    "steering:meeting_edit": [
        Case(r("steering:meeting_edit", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER),
        Case(r("steering:meeting_edit", B, lambda t: sw(t).rsg_meeting.pk), SETUP),
    ],
    "steering:meeting_status": [
        Case(
            r("steering:meeting_status", B, lambda t: sw(t).kz_meeting.pk),
            KZ_STEER,
            method="post",
            ok=302,
            data={"to": "minutes_approved"},
        )
    ],
    "steering:meeting_circulate": [
        Case(
            r("steering:meeting_circulate", B, lambda t: sw(t).rsg_meeting.pk), SETUP, method="post", ok=302
        ),
        Case(r("steering:meeting_circulate", B, lambda t: sw(t).rsg_meeting.pk), SETUP),  # the confirmation
    ],
    "steering:pack": [
        Case(r("steering:pack", B, lambda t: sw(t).kz_meeting.pk), KZ_READERS),
        Case(r("steering:pack", B, lambda t: sw(t).rsg_meeting.pk), RSG_READERS),
    ],
    "steering:pack_download": [
        Case(r("steering:pack_download", B, lambda t: sw(t).kz_meeting.pk, "docx"), KZ_READERS)
    ],
    "steering:pack_file": [
        Case(r("steering:pack_file", B, lambda t: sw(t).kz_meeting.pk, 1, "pdf"), KZ_READERS),
        Case(
            r("steering:pack_file", B, lambda t: sw(t).kz_meeting.pk, 2, "pdf"), frozenset()
        ),  # no such version
    ],
    "steering:minutes": [Case(r("steering:minutes", B, lambda t: sw(t).kz_meeting.pk, "docx"), KZ_READERS)],
    "steering:news": [Case(r("steering:news", B, lambda t: sw(t).kz_meeting.pk), KZ_READERS)],
    "steering:participant_add": [
        Case(r("steering:participant_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER)
    ],
    "steering:participant_edit": [
        Case(
            r(
                "steering:participant_edit",
                B,
                lambda t: sw(t).kz_meeting.pk,
                lambda t: sw(t).kz_participant.pk,
            ),
            KZ_STEER,
        )
    ],
    "steering:agenda_add": [Case(r("steering:agenda_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER)],
    "steering:agenda_edit": [
        Case(
            r("steering:agenda_edit", B, lambda t: sw(t).kz_meeting.pk, lambda t: sw(t).kz_agenda_item.pk),
            KZ_STEER,
        )
    ],
    "steering:decision_add": [Case(r("steering:decision_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER)],
    "steering:action_point_add": [
        Case(r("steering:action_point_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER)
    ],
    "steering:action_points": [
        Case(r("steering:action_points", B), READERS),
        Case(r("steering:action_points", "ukraine"), ADMIN),
    ],
    "steering:action_point": [
        Case(r("steering:action_point", B, lambda t: sw(t).kz_point.pk), KZ_READERS),
        Case(r("steering:action_point", B, lambda t: sw(t).kg_point.pk), KG_READERS),
        Case(r("steering:action_point", B, lambda t: sw(t).rsg_point.pk), RSG_READERS),
        Case(
            r("steering:action_point", B, lambda t: sw(t).kz_point.pk),
            frozenset({"admin", "manager", "kz_coordinator", "kz_counterpart"}),
            method="post",
            ok=302,
            data={"status": "in_progress", "note": "Work started."},
        ),
    ],
    "steering:action_point_edit": [
        Case(r("steering:action_point_edit", B, lambda t: sw(t).kz_point.pk), KZ_STEER)
    ],
    "steering:action_point_close": [
        Case(r("steering:action_point_close", B, lambda t: sw(t).kz_point.pk), KZ_STEER),
        Case(r("steering:action_point_close", B, lambda t: sw(t).rsg_point.pk), SETUP),
    ],
    # budget (programmes)
    "programmes:budget": [
        Case(r("programmes:budget", B), BUDGET),
        Case(r("programmes:budget", "ukraine"), ADMIN),
    ],
    "programmes:budget_line_add": [Case(r("programmes:budget_line_add", B), SETUP)],
    "programmes:budget_line_edit": [
        Case(r("programmes:budget_line_edit", B, lambda t: sw(t).budget_line.pk), SETUP)
    ],
    "programmes:expenditure_add": [Case(r("programmes:expenditure_add", B), SETUP)],
    "programmes:expenditure_edit": [
        Case(r("programmes:expenditure_edit", B, lambda t: sw(t).expenditure.pk), SETUP)
    ],
    "results:logframe": [
        Case(r("results:logframe", B), READERS),
        Case(r("results:logframe", "ukraine"), ADMIN),
    ],
    "results:result_add": [Case(r("results:result_add", B), RESULTS)],
    "results:result_edit": [
        Case(r("results:result_edit", B, w("output")), RESULTS),
        Case(r("results:result_edit", B, w("ua_result")), frozenset()),  # another programme's result
    ],
    "results:indicator_add": [Case(r("results:indicator_add", B, w("output")), RESULTS)],
    "results:indicator": [
        Case(r("results:indicator", B, w("trained")), READERS),
        Case(r("results:indicator", B, w("ua_indicator")), frozenset()),
        Case(r("results:indicator", "ukraine", w("ua_indicator")), ADMIN),
    ],
    "results:indicator_edit": [Case(r("results:indicator_edit", B, w("trained")), RESULTS)],
    "results:targets": [Case(r("results:targets", B, w("trained")), RESULTS)],
    "results:records": [Case(records_url(), READERS), Case(records_url("kz"), KZ_READERS)],
    "results:categories": [Case(r("results:categories", B), READERS)],
    "results:category_add": [Case(r("results:category_add", B), RESULTS)],
    "results:category_edit": [Case(r("results:category_edit", B, w("sex")), RESULTS)],
    "results:programme_entry": [Case(r("results:programme_entry", B, lambda t: t.year1.pk), RESULTS)],
    "results:country_entry": [
        Case(r("results:country_entry", B, "kz", lambda t: t.year1.pk), KZ_RECORDERS),
        Case(r("results:country_entry", B, "kg", lambda t: t.year1.pk), KG_RECORDERS),
        Case(r("results:country_entry", B, "KZ", lambda t: t.year1.pk), frozenset()),
    ],
    "results:evidence": [Case(r("results:evidence", B, w("evidence")), KZ_READERS)],
    "results:approvals": [Case(r("results:approvals", B), APPROVERS)],
    "results:review": [
        Case(
            r("results:review", B, w("kz_update")),
            APPROVERS,
            method="post",
            ok=302,
            data={"decision": "approve", "version": "1", "note": ""},
        )
    ],
    "results:dashboard": [
        Case(r("results:dashboard", B), READERS),
        Case(r("results:dashboard", "ukraine"), ADMIN),
    ],
    "results:country_dashboard": [
        Case(r("results:country_dashboard", B, "kz"), KZ_READERS),
        Case(r("results:country_dashboard", B, "kg"), KG_READERS),
        Case(r("results:country_dashboard", B, "KZ"), frozenset()),
    ],
    # delivery: records are per country; the KZ ones are reached by KZ readers and recorders only
    "delivery:dashboard": [
        Case(r("delivery:dashboard", B), READERS),
        Case(r("delivery:dashboard", "ukraine"), ADMIN),
    ],
    "delivery:country": [
        Case(r("delivery:country", B, "kz"), KZ_READERS),
        Case(r("delivery:country", B, "kg"), KG_READERS),
        Case(r("delivery:country", B, "KZ"), frozenset()),
    ],
    "delivery:events": [Case(r("delivery:events", B), READERS)],
    "delivery:event_add": [
        Case(r("delivery:event_add", B), RECORDERS),
        Case(r("delivery:event_add", B), RECORDERS, method="post", ok=400),
    ],
    "delivery:event": [
        Case(r("delivery:event", B, lambda t: dw(t).kz_event.pk), KZ_READERS),
        Case(r("delivery:event", B, lambda t: dw(t).kg_event.pk), KG_READERS),
        Case(r("delivery:event", B, lambda t: dw(t).ua_event.pk), frozenset()),  # another programme's event
    ],
    "delivery:event_edit": [
        Case(r("delivery:event_edit", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS),
        Case(r("delivery:event_edit", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS, method="post", ok=400),
    ],
    "delivery:attachment_add": [
        Case(r("delivery:attachment_add", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS)
    ],
    "delivery:attachment": [Case(r("delivery:attachment", B, lambda t: dw(t).kz_attachment.pk), KZ_READERS)],
    "delivery:workplan": [Case(r("delivery:workplan", B), READERS)],
    "delivery:workplan_add": [Case(r("delivery:workplan_add", B), RECORDERS)],
    "delivery:workplan_edit": [
        Case(r("delivery:workplan_edit", B, lambda t: dw(t).kz_item.pk), KZ_RECORDERS),
        Case(r("delivery:workplan_edit", B, lambda t: dw(t).kg_item.pk), RECORDERS - {"kz_coordinator"}),
    ],
    "delivery:recommendations": [Case(r("delivery:recommendations", B), READERS)],
    "delivery:recommendation_add": [Case(r("delivery:recommendation_add", B), RECORDERS)],
    "delivery:recommendation": [
        Case(r("delivery:recommendation", B, lambda t: dw(t).kz_recommendation.pk), KZ_READERS),
        Case(r("delivery:recommendation", B, lambda t: dw(t).kg_recommendation.pk), KG_READERS),
    ],
    "delivery:recommendation_edit": [
        Case(r("delivery:recommendation_edit", B, lambda t: dw(t).kz_recommendation.pk), KZ_RECORDERS)
    ],
    "delivery:recommendation_status": [
        Case(r("delivery:recommendation_status", B, lambda t: dw(t).kz_recommendation.pk), KZ_RECORDERS)
    ],
    "delivery:recommendation_evidence": [
        Case(r("delivery:recommendation_evidence", B, lambda t: dw(t).kz_change.pk), KZ_READERS)
    ],
    "delivery:procurement": [
        Case(r("delivery:procurement", B), READERS),
        Case(r("delivery:procurement", "ukraine"), ADMIN),
    ],
    "delivery:lot_add": [Case(r("delivery:lot_add", B), RECORDERS)],
    "delivery:lot": [
        Case(r("delivery:lot", B, lambda t: dw(t).kz_lot.pk), KZ_READERS),
        Case(r("delivery:lot", B, lambda t: dw(t).kg_lot.pk), KG_READERS),
        Case(r("delivery:lot", B, lambda t: dw(t).ua_lot.pk), frozenset()),
    ],
    "delivery:lot_edit": [
        Case(r("delivery:lot_edit", B, lambda t: dw(t).kz_lot.pk), KZ_RECORDERS),
        Case(r("delivery:lot_edit", B, lambda t: dw(t).kg_lot.pk), RECORDERS - {"kz_coordinator"}),
    ],
    "delivery:step_edit": [
        Case(r("delivery:step_edit", B, lambda t: dw(t).kz_lot.pk, "delivered"), KZ_RECORDERS),
        Case(r("delivery:step_edit", B, lambda t: dw(t).kz_lot.pk, "shipped"), frozenset()),  # no such stage
    ],
    "delivery:handover_add": [Case(r("delivery:handover_add", B, lambda t: dw(t).kz_lot.pk), KZ_RECORDERS)],
    "delivery:asset_add": [Case(r("delivery:asset_add", B, lambda t: dw(t).kz_lot.pk), KZ_RECORDERS)],
    "delivery:handover_acknowledge": [
        Case(
            r("delivery:handover_acknowledge", B, lambda t: dw(t).kz_handover.pk),
            frozenset({"admin", "kz_counterpart"}),
        ),
        Case(
            r("delivery:handover_acknowledge", B, lambda t: dw(t).kz_handover.pk),
            frozenset({"admin", "kz_counterpart"}),
            method="post",
            ok=302,
        ),
        Case(r("delivery:handover_acknowledge", B, lambda t: dw(t).kg_handover.pk), ADMIN),
    ],
    "delivery:handover_document": [
        Case(r("delivery:handover_document", B, lambda t: dw(t).kz_handover.pk), KZ_READERS)
    ],
    "delivery:verification_add": [
        Case(r("delivery:verification_add", B, lambda t: dw(t).kz_handover.pk), KZ_RECORDERS)
    ],
    "delivery:verification_photo": [
        Case(r("delivery:verification_photo", B, lambda t: dw(t).kz_visit.pk), KZ_READERS)
    ],
    "delivery:assets": [Case(r("delivery:assets", B), READERS)],
}
