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
from .elsewhere import elsewhere
from .results.world import results_world
from .steering.world import steering_world as sw

# The matrix walks the personas and the manager of the other programme, who must see nothing of BOMCA.
WALKED = [*PERSONAS, "ua_manager"]
ALL = frozenset(WALKED)
READERS = ALL - {"outsider", "ua_manager"}  # every persona with a BOMCA membership, and the administrator
SETUP = frozenset({"admin", "manager"})
UA = frozenset({"admin", "ua_manager"})  # Ukraine's pages
SETS_UP_SOMEWHERE = SETUP | {"ua_manager"}  # new programmes and the shared organisations
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
    # A form page: an empty POST by an allowed persona answers `post` (400: the form with its messages;
    # 302 only where the form has nothing to fill in), and changes nothing for every other persona.
    post: int | None = None
    post_allowed: frozenset[str] | None = None  # who may POST, when fewer than may GET
    elsewhere: bool = False  # names an object of the other programme: refused to everybody


def e(name: str) -> Callable[[Any], Any]:
    """The primary key of an object of the other programme (`tests/elsewhere.py`)."""
    return lambda t: getattr(elsewhere(t), name).pk


NOBODY = frozenset[str]()


def r(name: str, *args: Callable[[Any], Any] | str | int) -> Callable[[Any], str]:
    """A URL built when the test runs, from attributes of the test case (`lambda t: t.bomca.slug`)."""
    return lambda t: reverse(name, args=[a(t) if callable(a) else a for a in args])


B = "bomca"


def kz_decision(t: Any) -> int:
    """The decision of the Kazakhstan meeting of the steering world."""
    from steerco.steering.models import Decision

    return Decision.objects.filter(meeting=sw(t).kz_meeting).values_list("pk", flat=True)[0]


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
    # Django's own password view answers an invalid form with 200.
    "accounts:password_change": [Case(r("accounts:password_change"), ALL, post=200)],
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
    "accounts:user_add": [Case(r("accounts:user_add"), ADMIN, post=400)],
    "accounts:user_edit": [Case(r("accounts:user_edit", lambda t: t.kz_coordinator.pk), ADMIN, post=400)],
    "accounts:membership_add": [
        Case(r("accounts:membership_add", lambda t: t.kz_coordinator.pk), ADMIN, post=400)
    ],
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
    "programmes:create": [Case(r("programmes:create"), SETS_UP_SOMEWHERE, post=400)],
    "programmes:overview": [
        Case(r("programmes:overview", B), READERS),
        Case(r("programmes:overview", "ukraine"), UA),
    ],
    "programmes:edit": [
        Case(r("programmes:edit", B), SETUP, post=400),
        Case(r("programmes:edit", "ukraine"), UA),
    ],
    "programmes:country_add": [Case(r("programmes:country_add", B), SETUP, post=400)],
    "programmes:country": [
        Case(r("programmes:country", B, "kz"), KZ_READERS),
        Case(r("programmes:country", B, "kg"), KG_READERS),
        Case(r("programmes:country", "ukraine", "ua"), UA),
        Case(r("programmes:country", B, "KZ"), frozenset()),  # addresses are lower-case only
    ],
    # Every field may be left empty (no institutions, no notes).
    "programmes:country_edit": [Case(r("programmes:country_edit", B, "kz"), SETUP, post=302)],
    "programmes:component_add": [Case(r("programmes:component_add", B), SETUP, post=400)],
    "programmes:component_edit": [
        Case(r("programmes:component_edit", B, lambda t: t.c1.pk), SETUP, post=400)
    ],
    "programmes:amendments": [Case(r("programmes:amendments", B), READERS)],
    "programmes:amendment_add": [Case(r("programmes:amendment_add", B), SETUP, post=400)],
    "programmes:amendment_edit": [
        Case(r("programmes:amendment_edit", B, lambda t: t.amendment.pk), SETUP, post=400),
    ],
    "programmes:amendment_remove": [
        Case(r("programmes:amendment_remove", B, lambda t: t.amendment.pk), SETUP, post=302),
    ],
    "programmes:periods": [Case(r("programmes:periods", B), READERS)],
    "programmes:people": [
        Case(r("programmes:people", B), READERS),
        Case(r("programmes:people", "ukraine"), UA),
    ],
    # A person belongs to the whole programme: every coordinator who steers may record one.
    "programmes:person_add": [Case(r("programmes:person_add", B), STEERS, post=400)],
    "programmes:person_edit": [
        Case(r("programmes:person_edit", B, lambda t: sw(t).kz_person.pk), STEERS, post=400)
    ],
    "programmes:person_anonymise": [
        Case(r("programmes:person_anonymise", B, lambda t: sw(t).kz_person.pk), SETUP),  # the confirmation
        Case(r("programmes:person_anonymise", B, lambda t: sw(t).kz_person.pk), SETUP, method="post", ok=302),
    ],
    "programmes:period_add": [Case(r("programmes:period_add", B), SETUP, post=400)],
    "programmes:period_edit": [Case(r("programmes:period_edit", B, lambda t: t.year1.pk), SETUP, post=400)],
    "programmes:risks": [Case(r("programmes:risks", B), READERS)],
    "programmes:risk_add": [Case(r("programmes:risk_add", B), SETUP, post=400)],
    "programmes:risk_edit": [
        Case(r("programmes:risk_edit", B, lambda t: t.kz_risk.pk), SETUP, post=400),
    ],
    "programmes:organisations": [Case(r("programmes:organisations"), ALL)],
    "programmes:organisation_add": [Case(r("programmes:organisation_add"), SETS_UP_SOMEWHERE, post=400)],
    "programmes:organisation_edit": [
        Case(r("programmes:organisation_edit", lambda t: t.bomca.donor_id), SETS_UP_SOMEWHERE, post=400)
    ],
    "audit:history": [Case(r("audit:history", B), READERS), Case(r("audit:history", "ukraine"), UA)],
    # steering
    "steering:groups": [Case(r("steering:groups", B), READERS), Case(r("steering:groups", "ukraine"), UA)],
    "steering:group_add": [Case(r("steering:group_add", B), SETUP, post=400)],
    "steering:group": [
        Case(r("steering:group", B, lambda t: sw(t).rsg.pk), RSG_READERS),
        Case(r("steering:group", B, lambda t: sw(t).kz_nsg.pk), KZ_READERS),
        Case(r("steering:group", B, lambda t: sw(t).kg_nsg.pk), KG_READERS),
        Case(r("steering:group", "ukraine", lambda t: sw(t).ua_psg.pk), UA),
    ],
    "steering:group_edit": [
        Case(r("steering:group_edit", B, lambda t: sw(t).kz_nsg.pk), KZ_STEER, post=400),
        Case(r("steering:group_edit", B, lambda t: sw(t).rsg.pk), SETUP),
    ],
    "steering:member_add": [Case(r("steering:member_add", B, lambda t: sw(t).kz_nsg.pk), KZ_STEER, post=400)],
    "steering:member_edit": [
        Case(
            r("steering:member_edit", B, lambda t: sw(t).kz_nsg.pk, lambda t: sw(t).kz_member.pk),
            KZ_STEER,
            post=400,
        )
    ],
    "steering:meetings": [
        Case(r("steering:meetings", B), READERS),
        Case(r("steering:meetings", "ukraine"), UA),
    ],
    "steering:meeting_add": [Case(r("steering:meeting_add", B), STEERS, post=400)],
    "steering:meeting": [
        Case(r("steering:meeting", B, lambda t: sw(t).kz_meeting.pk), KZ_READERS),
        Case(r("steering:meeting", B, lambda t: sw(t).kg_meeting.pk), KG_READERS),
        Case(r("steering:meeting", B, lambda t: sw(t).rsg_meeting.pk), RSG_READERS),
        Case(r("steering:meeting", "ukraine", lambda t: sw(t).ua_meeting.pk), UA),
    ],
    "steering:meeting_edit": [
        Case(r("steering:meeting_edit", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER, post=400),
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
    "steering:news": [
        Case(
            r("steering:news", B, lambda t: sw(t).kz_meeting.pk), KZ_READERS, post=400, post_allowed=KZ_STEER
        )
    ],
    "steering:participant_add": [
        Case(r("steering:participant_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER, post=400)
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
            post=400,
        )
    ],
    "steering:participant_remove": [
        Case(
            r(
                "steering:participant_remove",
                B,
                lambda t: sw(t).kz_meeting.pk,
                lambda t: sw(t).kz_participant.pk,
            ),
            KZ_STEER,
            post=302,
        )
    ],
    "steering:agenda_add": [
        Case(r("steering:agenda_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER, post=400)
    ],
    "steering:agenda_edit": [
        Case(
            r("steering:agenda_edit", B, lambda t: sw(t).kz_meeting.pk, lambda t: sw(t).kz_agenda_item.pk),
            KZ_STEER,
            post=400,
        )
    ],
    "steering:speaker_add": [
        Case(
            r("steering:speaker_add", B, lambda t: sw(t).kz_meeting.pk, lambda t: sw(t).kz_agenda_item.pk),
            KZ_STEER,
            post=400,
        )
    ],
    "steering:speaker_edit": [
        Case(
            r(
                "steering:speaker_edit",
                B,
                lambda t: sw(t).kz_meeting.pk,
                lambda t: sw(t).kz_agenda_item.pk,
                lambda t: sw(t).kz_speaker.pk,
            ),
            KZ_STEER,
            post=400,
        )
    ],
    "steering:agenda_remove": [
        Case(
            r("steering:agenda_remove", B, lambda t: sw(t).kz_meeting.pk, lambda t: sw(t).kz_agenda_item.pk),
            KZ_STEER,
            post=409,  # the meeting's pack is circulated
        )
    ],
    "steering:decision_add": [
        Case(r("steering:decision_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER, post=400)
    ],
    "steering:decision_edit": [
        Case(r("steering:decision_edit", B, lambda t: sw(t).kz_meeting.pk, kz_decision), KZ_STEER, post=400)
    ],
    "steering:decision_remove": [
        Case(
            r(
                "steering:decision_remove",
                B,
                lambda t: sw(t).kz_meeting.pk,
                lambda t: sw(t).kz_meeting.decisions.get().pk,
            ),
            KZ_STEER,
            post=409,  # the meeting's pack, made on its first day, lists its decisions
        )
    ],
    "steering:action_point_add": [
        Case(r("steering:action_point_add", B, lambda t: sw(t).kz_meeting.pk), KZ_STEER, post=400)
    ],
    "steering:action_points": [
        Case(r("steering:action_points", B), READERS),
        Case(r("steering:action_points", "ukraine"), UA),
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
        Case(r("steering:action_point_edit", B, lambda t: sw(t).kz_point.pk), KZ_STEER, post=400)
    ],
    "steering:action_point_close": [
        Case(r("steering:action_point_close", B, lambda t: sw(t).kz_point.pk), KZ_STEER, post=400),
        Case(r("steering:action_point_close", B, lambda t: sw(t).rsg_point.pk), SETUP),
    ],
    # budget (programmes)
    "programmes:budget": [
        Case(r("programmes:budget", B), BUDGET),
        Case(r("programmes:budget", "ukraine"), UA),
    ],
    "programmes:spend": [
        Case(r("programmes:spend", B), BUDGET),
        Case(r("programmes:spend", "ukraine"), UA),
    ],
    "programmes:budget_line_add": [Case(r("programmes:budget_line_add", B), SETUP, post=400)],
    "programmes:budget_line_edit": [
        Case(r("programmes:budget_line_edit", B, lambda t: sw(t).budget_line.pk), SETUP, post=400)
    ],
    "programmes:expenditure_add": [Case(r("programmes:expenditure_add", B), SETUP, post=400)],
    "programmes:expenditure_edit": [
        Case(r("programmes:expenditure_edit", B, lambda t: sw(t).expenditure.pk), SETUP, post=400)
    ],
    "programmes:expenditure_remove": [
        Case(r("programmes:expenditure_remove", B, lambda t: sw(t).expenditure.pk), SETUP, post=409)
    ],
    "results:logframe": [
        Case(r("results:logframe", B), READERS),
        Case(r("results:logframe", "ukraine"), UA),
    ],
    "results:result_add": [Case(r("results:result_add", B), RESULTS, post=400)],
    "results:result_edit": [
        Case(r("results:result_edit", B, w("output")), RESULTS, post=400),
    ],
    "results:indicator_add": [Case(r("results:indicator_add", B, w("output")), RESULTS, post=400)],
    "results:indicator": [
        Case(r("results:indicator", B, w("trained")), READERS),
        Case(r("results:indicator", "ukraine", w("ua_indicator")), UA),
    ],
    "results:indicator_edit": [Case(r("results:indicator_edit", B, w("trained")), RESULTS, post=400)],
    # An empty grid is a valid answer: no targets.
    "results:targets": [Case(r("results:targets", B, w("trained")), RESULTS, post=302)],
    "results:records": [Case(records_url(), READERS), Case(records_url("kz"), KZ_READERS)],
    "results:categories": [Case(r("results:categories", B), READERS)],
    "results:category_add": [Case(r("results:category_add", B), RESULTS, post=400)],
    "results:category_edit": [Case(r("results:category_edit", B, w("sex")), RESULTS, post=400)],
    # Nothing typed: nothing to save.
    "results:programme_entry": [
        Case(r("results:programme_entry", B, lambda t: t.year1.pk), RESULTS, post=302)
    ],
    # Nothing typed: nothing to save.
    "results:country_entry": [
        Case(r("results:country_entry", B, "kz", lambda t: t.year1.pk), KZ_RECORDERS, post=302),
        Case(r("results:country_entry", B, "kg", lambda t: t.year1.pk), KG_RECORDERS, post=302),
        Case(r("results:country_entry", B, "KZ", lambda t: t.year1.pk), frozenset()),
    ],
    "results:evidence": [Case(r("results:evidence", B, w("evidence")), KZ_READERS)],
    # An upload without a file is answered with the form and its message.
    "interop:import": [
        Case(r("interop:import", B, "updates"), RESULTS, post=400),
        Case(r("interop:import", B, "targets"), RESULTS, post=400),
        Case(r("interop:import", B, "events"), frozenset()),
    ],
    "interop:country_import": [
        Case(r("interop:country_import", B, "kz", "updates"), KZ_RECORDERS, post=400),
        Case(r("interop:country_import", B, "kg", "updates"), KG_RECORDERS, post=400),
        Case(r("interop:country_import", B, "kz", "targets"), frozenset()),
    ],
    "results:withdraw": [
        Case(r("results:withdraw", B, w("kz_update")), KZ_RECORDERS, method="post", ok=302),
    ],
    # Managers read the queue (without the buttons): the dashboard's link leads them there too.
    "results:approvals": [Case(r("results:approvals", B), APPROVERS | {"manager"})],
    # The confirmation screen of a bulk approval; a POST without ticks goes back to the queue.
    "results:approve_many": [
        Case(lambda t: r("results:approve_many", B)(t) + f"?update={w('kz_update')(t)}", APPROVERS),
        Case(r("results:approve_many", B), APPROVERS, method="post", ok=302),
    ],
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
        Case(r("results:dashboard", "ukraine"), UA),
    ],
    "results:country_dashboard": [
        Case(r("results:country_dashboard", B, "kz"), KZ_READERS),
        Case(r("results:country_dashboard", B, "kg"), KG_READERS),
        Case(r("results:country_dashboard", B, "KZ"), frozenset()),
    ],
    # delivery: records are per country; the KZ ones are reached by KZ readers and recorders only
    "delivery:dashboard": [
        Case(r("delivery:dashboard", B), READERS),
        Case(r("delivery:dashboard", "ukraine"), UA),
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
    ],
    "delivery:event_edit": [
        Case(r("delivery:event_edit", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS),
        Case(r("delivery:event_edit", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS, method="post", ok=400),
    ],
    "delivery:event_remove": [
        Case(r("delivery:event_remove", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS, post=302),
    ],
    "delivery:attachment_add": [
        Case(r("delivery:attachment_add", B, lambda t: dw(t).kz_event.pk), KZ_RECORDERS, post=400)
    ],
    "delivery:attachment": [Case(r("delivery:attachment", B, lambda t: dw(t).kz_attachment.pk), KZ_READERS)],
    "delivery:workplan": [Case(r("delivery:workplan", B), READERS)],
    "delivery:workplan_add": [Case(r("delivery:workplan_add", B), RECORDERS, post=400)],
    "delivery:workplan_edit": [
        Case(r("delivery:workplan_edit", B, lambda t: dw(t).kz_item.pk), KZ_RECORDERS, post=400),
        Case(r("delivery:workplan_edit", B, lambda t: dw(t).kg_item.pk), RECORDERS - {"kz_coordinator"}),
    ],
    "delivery:workplan_remove": [
        Case(r("delivery:workplan_remove", B, lambda t: dw(t).kz_item.pk), KZ_RECORDERS, post=302),
        Case(r("delivery:workplan_remove", B, lambda t: dw(t).kg_item.pk), KG_RECORDERS),
    ],
    "delivery:recommendations": [Case(r("delivery:recommendations", B), READERS)],
    "delivery:recommendation_add": [Case(r("delivery:recommendation_add", B), RECORDERS, post=400)],
    "delivery:recommendation": [
        Case(r("delivery:recommendation", B, lambda t: dw(t).kz_recommendation.pk), KZ_READERS),
        Case(r("delivery:recommendation", B, lambda t: dw(t).kg_recommendation.pk), KG_READERS),
    ],
    "delivery:recommendation_edit": [
        Case(
            r("delivery:recommendation_edit", B, lambda t: dw(t).kz_recommendation.pk), KZ_RECORDERS, post=400
        )
    ],
    "delivery:recommendation_status": [
        Case(
            r("delivery:recommendation_status", B, lambda t: dw(t).kz_recommendation.pk),
            KZ_RECORDERS,
            post=400,
        )
    ],
    "delivery:recommendation_evidence": [
        Case(r("delivery:recommendation_evidence", B, lambda t: dw(t).kz_change.pk), KZ_READERS)
    ],
    "delivery:procurement": [
        Case(r("delivery:procurement", B), READERS),
        Case(r("delivery:procurement", "ukraine"), UA),
    ],
    "delivery:lot_add": [Case(r("delivery:lot_add", B), RECORDERS, post=400)],
    "delivery:lot": [
        Case(r("delivery:lot", B, lambda t: dw(t).kz_lot.pk), KZ_READERS),
        Case(r("delivery:lot", B, lambda t: dw(t).kg_lot.pk), KG_READERS),
    ],
    "delivery:lot_edit": [
        Case(r("delivery:lot_edit", B, lambda t: dw(t).kz_lot.pk), KZ_RECORDERS, post=400),
        Case(r("delivery:lot_edit", B, lambda t: dw(t).kg_lot.pk), RECORDERS - {"kz_coordinator"}),
    ],
    # A stage with neither date planned nor reached yet.
    "delivery:step_edit": [
        Case(r("delivery:step_edit", B, lambda t: dw(t).kz_lot.pk, "delivered"), KZ_RECORDERS, post=302),
        Case(r("delivery:step_edit", B, lambda t: dw(t).kz_lot.pk, "shipped"), frozenset()),  # no such stage
    ],
    "delivery:handover_add": [
        Case(r("delivery:handover_add", B, lambda t: dw(t).kz_lot.pk), KZ_RECORDERS, post=400)
    ],
    "delivery:asset_add": [
        Case(r("delivery:asset_add", B, lambda t: dw(t).kz_lot.pk), KZ_RECORDERS, post=400)
    ],
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
        Case(r("delivery:verification_add", B, lambda t: dw(t).kz_handover.pk), KZ_RECORDERS, post=400)
    ],
    "delivery:verification_photo": [
        Case(r("delivery:verification_photo", B, lambda t: dw(t).kz_visit.pk), KZ_READERS)
    ],
    "delivery:assets": [Case(r("delivery:assets", B), READERS)],
    "reports:iptt": [Case(r("reports:iptt", B), READERS), Case(r("reports:iptt", "ukraine"), UA)],
    # What is left to translate: for those who write texts (each sees the records they may edit).
    "reports:translations": [
        Case(r("reports:translations", B), RECORDERS | {"admin"}),
        Case(r("reports:translations", "ukraine"), UA),
    ],
    "reports:iptt_file": [
        Case(r("reports:iptt_file", B, "xlsx"), READERS),
        Case(r("reports:iptt_file", "ukraine", "docx"), UA),
        Case(r("reports:iptt_file", B, "html"), NOBODY),
    ],
    "reports:logframe": [Case(r("reports:logframe", B), READERS), Case(r("reports:logframe", "ukraine"), UA)],
    "reports:logframe_file": [
        Case(r("reports:logframe_file", B, "docx"), READERS),
        Case(r("reports:logframe_file", "ukraine", "xlsx"), UA),
        Case(r("reports:logframe_file", B, "csv"), NOBODY),
    ],
    "work:tasks": [Case(r("work:tasks"), ALL)],
    "work:preferences": [Case(r("work:preferences"), ALL, post=400)],
    # A thread is read by whoever sees its object; read-only observers write only on meetings and
    # action points (an empty comment answers 400, the form with its message).
    "work:thread": [
        Case(
            r("work:thread", B, "indicator", w("trained")),
            READERS,
            post=400,
            post_allowed=READERS - {"observer"},
        ),
        Case(
            r("work:thread", B, "update", w("kz_update")),
            KZ_READERS,
            post=400,
            post_allowed=KZ_READERS - {"observer"},
        ),
        Case(r("work:thread", B, "meeting", lambda t: sw(t).kz_meeting.pk), KZ_READERS, post=400),
        Case(r("work:thread", B, "meeting", lambda t: sw(t).rsg_meeting.pk), RSG_READERS, post=400),
        Case(r("work:thread", B, "action-point", lambda t: sw(t).kz_point.pk), KZ_READERS, post=400),
        Case(
            r("work:thread", B, "lot", lambda t: dw(t).kg_lot.pk),
            KG_READERS,
            post=400,
            post_allowed=KG_READERS - {"observer"},
        ),
        Case(r("work:thread", B, "nothing", w("trained")), NOBODY),
    ],
}


# An address of BOMCA naming an object of the other programme: missing for everybody, for GET and POST.
ELSEWHERE: dict[str, tuple[Callable[[Any], Any] | str, ...]] = {
    "programmes:component_edit": (e("component"),),
    "programmes:amendment_edit": (e("amendment"),),
    "programmes:amendment_remove": (e("amendment"),),
    "programmes:period_edit": (e("period"),),
    "programmes:risk_edit": (e("risk"),),
    "programmes:person_edit": (e("person"),),
    "programmes:person_anonymise": (e("person"),),
    "programmes:budget_line_edit": (e("budget_line"),),
    "programmes:expenditure_edit": (e("expenditure"),),
    "programmes:expenditure_remove": (e("expenditure"),),
    "results:result_edit": (e("result"),),
    "results:indicator_add": (e("result"),),
    "results:indicator": (e("indicator"),),
    "results:indicator_edit": (e("indicator"),),
    "results:targets": (e("indicator"),),
    "results:records": (e("indicator"),),
    "results:category_edit": (e("category"),),
    "results:programme_entry": (e("period"),),
    "results:country_entry": ("kz", e("period")),
    "results:evidence": (e("evidence"),),
    "results:review": (e("update"),),
    "results:withdraw": (e("update"),),
    "steering:group": (e("group"),),
    "steering:group_edit": (e("group"),),
    "steering:member_add": (e("group"),),
    "steering:member_edit": (e("group"), e("member")),
    "steering:meeting": (e("meeting"),),
    "steering:meeting_edit": (e("meeting"),),
    "steering:meeting_status": (e("meeting"),),
    "steering:meeting_circulate": (e("meeting"),),
    "steering:pack": (e("meeting"),),
    "steering:pack_download": (e("meeting"), "pdf"),
    "steering:pack_file": (e("meeting"), 1, "pdf"),
    "steering:minutes": (e("meeting"), "docx"),
    "steering:news": (e("meeting"),),
    "steering:participant_add": (e("meeting"),),
    "steering:participant_edit": (e("meeting"), e("participant")),
    "steering:participant_remove": (e("meeting"), e("participant")),
    "steering:agenda_add": (e("meeting"),),
    "steering:agenda_edit": (e("meeting"), e("agenda_item")),
    "steering:speaker_add": (e("meeting"), e("agenda_item")),
    "steering:speaker_edit": (e("meeting"), e("agenda_item"), e("speaker")),
    "steering:agenda_remove": (e("meeting"), e("agenda_item")),
    "steering:decision_add": (e("meeting"),),
    "steering:decision_edit": (e("meeting"), kz_decision),
    "steering:decision_remove": (e("meeting"), e("decision")),
    "steering:action_point_add": (e("meeting"),),
    "steering:action_point": (e("point"),),
    "steering:action_point_edit": (e("point"),),
    "steering:action_point_close": (e("point"),),
    "delivery:event": (e("event"),),
    "delivery:event_edit": (e("event"),),
    "delivery:event_remove": (e("event"),),
    "delivery:attachment_add": (e("event"),),
    "delivery:attachment": (e("attachment"),),
    "delivery:workplan_edit": (e("item"),),
    "delivery:workplan_remove": (e("item"),),
    "delivery:recommendation": (e("recommendation"),),
    "delivery:recommendation_edit": (e("recommendation"),),
    "delivery:recommendation_status": (e("recommendation"),),
    "delivery:recommendation_evidence": (e("change"),),
    "delivery:lot": (e("lot"),),
    "delivery:lot_edit": (e("lot"),),
    "delivery:step_edit": (e("lot"), "delivered"),
    "delivery:handover_add": (e("lot"),),
    "delivery:asset_add": (e("lot"),),
    "delivery:handover_acknowledge": (e("handover"),),
    "delivery:handover_document": (e("handover"),),
    "delivery:verification_add": (e("handover"),),
    "delivery:verification_photo": (e("visit"),),
    "work:thread": ("indicator", e("indicator")),
}
for _name, _args in ELSEWHERE.items():
    if all(c.method == "post" for c in MATRIX[_name]):  # answers POST only
        MATRIX[_name].append(Case(r(_name, B, *_args), NOBODY, method="post", elsewhere=True))
    else:
        _writes = any(c.post is not None or c.method == "post" for c in MATRIX[_name])
        MATRIX[_name].append(Case(r(_name, B, *_args), NOBODY, elsewhere=True, post=400 if _writes else None))
# A membership of another user named under this one's address.
MATRIX["accounts:membership_remove"].append(
    Case(
        r(
            "accounts:membership_remove",
            lambda t: t.kz_coordinator.pk,
            lambda t: t.ua_manager.memberships.get().pk,
        ),
        NOBODY,
        method="post",
        elsewhere=True,
    )
)

# List pages that offer `?export=xlsx` and `?export=csv`: the matrix walks each of their cases again
# with the export asked for, and expects the same answer (a file for whoever may read the page).
EXPORTING = (
    "delivery:events",
    "delivery:workplan",
    "delivery:recommendations",
    "delivery:procurement",
    "delivery:assets",
    "programmes:risks",
    "programmes:people",
    "programmes:budget",
    "programmes:spend",
    "steering:meetings",
    "steering:action_points",
    "results:logframe",
    "results:dashboard",
    "results:country_dashboard",
    "results:approvals",
    "audit:history",
)
