"""What is left to translate in a programme: the texts with a version in some language but not in another.

One query per kind of record, whatever the programme's size: each reads the versions of its texts
(`name_en`, `name_ru`, ...) within the reader's scope for the action its edit page asks, so a
country coordinator sees their country's records and nobody sees one they could not edit.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from steerco.accounts.models import Membership
from steerco.core.content import (
    CONTENT_LANGUAGES,
    fallback_order,
    has_value,
    localized_name,
    translated_fields,
)
from steerco.core.roles import WRITES_CONTENT, Action
from steerco.core.scoping import grants
from steerco.delivery.models import Event, ProcurementLot, Recommendation, WorkPlanItem
from steerco.programmes.models import BudgetLine, Component, Programme, ReportingPeriod, Risk
from steerco.results.models import DisaggregationCategory, Indicator, Result
from steerco.steering.models import ActionPoint, AgendaItem, Decision, Meeting, MeetingStatus, SteeringGroup


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    model: type[Model]
    action: str
    programme: str  # the path to the programme's id
    edit: Callable[[str, dict[str, Any]], str]
    meeting: str | None = None  # the path to the meeting's id, for the records of a meeting
    extra: tuple[str, ...] = ()  # further columns the address needs


def _url(name: str, *keys: str) -> Callable[[str, dict[str, Any]], str]:
    return lambda slug, row: reverse(name, args=[slug, *(row[k] for k in keys)])


KINDS: tuple[Kind, ...] = (
    Kind(
        "agenda",
        _("Agenda items"),
        AgendaItem,
        Action.STEER,
        "meeting__group__programme_id",
        _url("steering:agenda_edit", "meeting_id", "pk"),
        meeting="meeting_id",
        extra=("meeting_id",),
    ),
    Kind(
        "decisions",
        _("Decisions"),
        Decision,
        Action.STEER,
        "meeting__group__programme_id",
        _url("steering:decision_edit", "meeting_id", "pk"),
        meeting="meeting_id",
        extra=("meeting_id",),
    ),
    Kind(
        "action_points",
        _("Action points"),
        ActionPoint,
        Action.STEER,
        "meeting__group__programme_id",
        _url("steering:action_point_edit", "pk"),
        meeting="meeting_id",
        extra=("meeting_id",),
    ),
    Kind(
        "meetings",
        _("Meetings"),
        Meeting,
        Action.STEER,
        "group__programme_id",
        _url("steering:meeting_edit", "pk"),
        meeting="pk",
    ),
    Kind(
        "groups",
        _("Steering groups"),
        SteeringGroup,
        Action.STEER,
        "programme_id",
        _url("steering:group_edit", "pk"),
    ),
    Kind(
        "indicators",
        _("Indicators"),
        Indicator,
        Action.RESULTS,
        "result__programme_id",
        _url("results:indicator_edit", "pk"),
    ),
    Kind("results", _("Results"), Result, Action.RESULTS, "programme_id", _url("results:result_edit", "pk")),
    Kind(
        "categories",
        _("Disaggregation categories"),
        DisaggregationCategory,
        Action.RESULTS,
        "programme_id",
        _url("results:category_edit", "pk"),
    ),
    Kind(
        "programme",
        _("Programme"),
        Programme,
        Action.SETUP,
        "pk",
        lambda slug, row: reverse("programmes:edit", args=[slug]),
    ),
    Kind(
        "components",
        _("Components"),
        Component,
        Action.SETUP,
        "programme_id",
        _url("programmes:component_edit", "pk"),
    ),
    Kind(
        "periods",
        _("Reporting periods"),
        ReportingPeriod,
        Action.SETUP,
        "programme_id",
        _url("programmes:period_edit", "pk"),
    ),
    Kind("risks", _("Risks"), Risk, Action.SETUP, "programme_id", _url("programmes:risk_edit", "pk")),
    Kind(
        "budget_lines",
        _("Budget lines"),
        BudgetLine,
        Action.SETUP,
        "programme_id",
        _url("programmes:budget_line_edit", "pk"),
    ),
    Kind("events", _("Events"), Event, Action.RECORD, "programme_id", _url("delivery:event_edit", "pk")),
    Kind(
        "lots",
        _("Procurement lots"),
        ProcurementLot,
        Action.RECORD,
        "programme_id",
        _url("delivery:lot_edit", "pk"),
    ),
    Kind(
        "recommendations",
        _("Recommendations"),
        Recommendation,
        Action.RECORD,
        "programme_id",
        _url("delivery:recommendation_edit", "pk"),
    ),
    Kind(
        "workplan",
        _("Work-plan lines"),
        WorkPlanItem,
        Action.RECORD,
        "programme_id",
        _url("delivery:workplan_edit", "pk"),
    ),
)


@dataclass
class Missing:
    """One record with texts missing in some language: what it is, where to edit it, what lacks."""

    label: str
    url: str
    fields: list[tuple[str, list[str]]]  # (the text's name, the languages it has no version in)


@dataclass
class Group:
    key: str
    label: str
    rows: list[Missing] = field(default_factory=list)


@dataclass
class MissingTranslations:
    languages: list[str]
    counts: dict[str, int]
    groups: list[Group]
    meetings: list[Meeting]
    next_meeting: Meeting | None
    language: str | None
    meeting: Meeting | None

    @property
    def per_language(self) -> list[tuple[str, str, int]]:
        """(code, name, how many texts lack it), the main language first."""
        names = dict(settings.LANGUAGES)
        return [(code, str(names.get(code, code)), self.counts[code]) for code in self.languages]

    @property
    def total(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def may_see(user: Any, programme: Programme) -> bool:
    """Whether `user` writes texts of `programme` anywhere in it (programme-wide or in a country)."""
    if user.is_superuser:
        return True
    return any(p == programme.pk for action in WRITES_CONTENT for p, _country in grants(user, action))


def languages_of(programme: Programme) -> list[str]:
    """The programme's main language first, then the languages its members read in (all, when unknown)."""
    chosen = {
        code or settings.LANGUAGE_CODE
        for code in Membership.objects.filter(programme=programme)
        .values_list("user__language", flat=True)
        .distinct()
    }
    order = fallback_order(programme.language)
    shown = [code for code in order if code == programme.language or code in chosen]
    return shown if len(shown) > 1 else list(order)


def _describe(model: type[Model], row: dict[str, Any], names: tuple[str, ...], main: str) -> str:
    for name in names:
        for code in fallback_order(main):
            value = row.get(localized_name(name, code))
            if has_value(value):
                text = " / ".join(str(v) for v in value) if isinstance(value, list) else str(value)
                code_value = row.get("code") or ""
                return Truncator(f"{code_value} {text}".strip()).chars(90)
    return str(row["pk"])


def missing_translations(
    user: Any, programme: Programme, *, language: str | None = None, meeting_id: int | None = None
) -> MissingTranslations:
    """Every text of `programme` within `user`'s scope that has no version in one of its languages."""
    languages = languages_of(programme)
    wanted = [language] if language in languages else languages
    meetings = list(
        Meeting.objects.restrict(user, Action.STEER)
        .filter(group__programme_id=programme.pk)
        .select_related("group")
        .order_by("start_date", "pk")
    )
    today = datetime.date.today()
    upcoming = [m for m in meetings if m.start_date >= today and m.status == MeetingStatus.PLANNED]
    next_meeting = upcoming[0] if upcoming else None
    chosen = next((m for m in meetings if m.pk == meeting_id), None)
    counts = dict.fromkeys(languages, 0)
    groups: list[Group] = []
    next_agenda = Group("next_agenda", "")
    if next_meeting is not None and chosen is None:
        next_agenda.label = str(_("Agenda of the next meeting: %(meeting)s") % {"meeting": next_meeting})
        groups.append(next_agenda)
    for kind in KINDS:
        if chosen is not None and kind.meeting is None:
            continue
        names = translated_fields(kind.model)
        columns = [localized_name(n, code) for n in names for code in CONTENT_LANGUAGES]
        has_code = any(f.name == "code" for f in kind.model._meta.fields)
        manager: Any = kind.model._default_manager
        queryset = manager.restrict(user, kind.action).filter(**{kind.programme: programme.pk})
        if chosen is not None and kind.meeting is not None:
            queryset = queryset.filter(**{kind.meeting: chosen.pk})
        values = ["pk", *kind.extra, *(["code"] if has_code else []), *columns]
        group = Group(kind.key, str(kind.label))
        for row in queryset.order_by("pk").values(*values):
            lacking = []
            for name in names:
                versions = {code: has_value(row[localized_name(name, code)]) for code in CONTENT_LANGUAGES}
                if not any(versions.values()):
                    continue  # an empty text: nothing to translate
                for code in languages:
                    counts[code] += not versions[code]
                absent = [code for code in wanted if not versions[code]]
                if absent:
                    label = getattr(kind.model._meta.get_field(name), "verbose_name", name)
                    lacking.append((str(label), absent))
            if not lacking:
                continue
            found = Missing(
                _describe(kind.model, row, names, programme.language), kind.edit(programme.slug, row), lacking
            )
            if (
                kind.key == "agenda"
                and next_meeting is not None
                and chosen is None
                and row["meeting_id"] == next_meeting.pk
            ):
                next_agenda.rows.append(found)
            else:
                group.rows.append(found)
        if group.rows:
            groups.append(group)
    return MissingTranslations(
        languages=languages,
        counts=counts,
        groups=[g for g in groups if g.rows],
        meetings=meetings,
        next_meeting=next_meeting,
        language=language if language in languages else None,
        meeting=chosen,
    )
