"""What waits for a person: every rule of the task inbox, in one place.

`tasks_for(user, today)` lists, within the user's scope, what each of their roles asks of them, each
task with the address where it is done. It runs a fixed number of queries whatever the data size
(one per kind of task, plus the user's memberships), and `task_count` keeps the header's number
until the next write to one of the user's programmes (or the user opens a thread or a pack).

Roles come from the memberships (`steerco.core.roles.Role`), scopes from `restrict`:

- country coordinators: values missing for the current and the last closed period of their
  country, updates returned to them, drafts not submitted, events planned in the past and still
  "planned", procurement steps overdue;
- M&E officers: updates waiting for approval, by country, oldest first;
- national counterparts: handovers to their institution to acknowledge, open action points owned by
  their organisation;
- those who steer (managers and the countries' secretariats): meetings in the next 30 days and whether
  their pack is out, overdue action points of the meetings they steer; managers also the stretches
  of the programme no reporting period covers;
- observers: packs circulated since they last opened the meeting;
- everyone: new comments in the threads they wrote in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from steerco.accounts.models import Membership
from steerco.core.roles import Action, Role
from steerco.programmes.models import Programme, ReportingPeriod

MEETINGS_AHEAD_DAYS = 30
# A stretch without a period counts once it starts within this many days.
PERIOD_GAP_NOTICE_DAYS = 90
# Another process's writes reach the header's count within this time; this process's at once.
COUNT_KEPT_SECONDS = 60

SECTIONS = {
    "results": gettext_lazy("Results to enter"),
    "returned": gettext_lazy("Returned to you"),
    "drafts": gettext_lazy("Drafts not submitted"),
    "events": gettext_lazy("Events to mark held or cancelled"),
    "procurement": gettext_lazy("Procurement steps overdue"),
    "approvals": gettext_lazy("Updates waiting for approval"),
    "handovers": gettext_lazy("Handovers to acknowledge"),
    "points_owned": gettext_lazy("Action points of your organisation"),
    "meetings": gettext_lazy("Meetings in the next 30 days"),
    "points_overdue": gettext_lazy("Action points overdue"),
    "periods": gettext_lazy("Reporting periods missing"),
    "packs": gettext_lazy("Packs circulated since your last visit"),
    "comments": gettext_lazy("New comments"),
}


@dataclass
class Task:
    section: str
    title: str
    url: str
    programme: Programme
    detail: str = ""
    lines: list[str] = field(default_factory=list)
    when: datetime.date | None = None


@dataclass
class Section:
    key: str
    label: str
    tasks: list[Task]


def _pairs_q(pairs: Iterable[tuple[int, str]], programme_path: str, country_path: str) -> Q:
    q = Q(pk__in=[])
    for programme_id, country in pairs:
        q |= Q(**{programme_path: programme_id, country_path: country})
    return q


@dataclass
class _Roles:
    programmes: dict[int, Programme]
    coordinator: list[tuple[int, str]]  # (programme, country)
    me_officer: set[int]
    counterpart: set[int]
    steers: set[int]
    manager: set[int]
    observer: set[int]


def _roles(user: Any) -> _Roles:
    roles = _Roles({}, [], set(), set(), set(), set(), set())
    for m in (
        Membership.objects.filter(user_id=user.pk).select_related("programme").order_by("programme__code")
    ):
        roles.programmes[m.programme_id] = m.programme
        country = str(m.country or "")
        if m.role == Role.COORDINATOR:
            if country:
                roles.coordinator.append((m.programme_id, country))
            roles.steers.add(m.programme_id)
        elif m.role == Role.ME_OFFICER:
            roles.me_officer.add(m.programme_id)
        elif m.role == Role.COUNTERPART:
            roles.counterpart.add(m.programme_id)
        elif m.role == Role.MANAGER:
            roles.manager.add(m.programme_id)
            roles.steers.add(m.programme_id)
        elif m.role == Role.OBSERVER:
            roles.observer.add(m.programme_id)
    return roles


def _country_name(code: str) -> str:
    from django_countries import countries

    return str(countries.name(code)) if code else str(_("the programme"))


def _entry_url(programme: Programme, country: str, period_id: int) -> str:
    if country:
        return reverse("results:country_entry", args=[programme.slug, country.lower(), period_id])
    return reverse("results:programme_entry", args=[programme.slug, period_id])


def tasks_for(user: Any, today: datetime.date | None = None) -> list[Section]:
    """The user's tasks, by section, in the order of SECTIONS; sections without tasks are left out."""
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return []
    roles = _roles(user)
    found: list[Task] = []
    periods: dict[int, list[ReportingPeriod]] = {}
    if roles.coordinator or roles.manager:
        for period in ReportingPeriod.objects.filter(
            programme_id__in={p for p, _c in roles.coordinator} | roles.manager
        ).order_by("start", "end", "id"):
            periods.setdefault(period.programme_id, []).append(period)
    if roles.coordinator:
        found += _coordinator_tasks(user, roles, periods, today)
    if roles.me_officer:
        found += _approval_tasks(user, roles)
    if roles.counterpart and getattr(user, "organisation_id", None):
        found += _counterpart_tasks(user, roles)
    if roles.steers:
        found += _steering_tasks(user, roles, today)
    if roles.manager:
        found += _period_tasks(roles, periods, today)
    if roles.observer:
        found += _observer_tasks(user, roles)
    found += _comment_tasks(user)
    sections = []
    for key, label in SECTIONS.items():
        tasks = [t for t in found if t.section == key]
        if tasks:
            sections.append(Section(key, str(label), tasks))
    return sections


# --- country coordinators -------------------------------------------------------------------------


def _coordinator_tasks(
    user: Any, roles: _Roles, periods: dict[int, list[ReportingPeriod]], today: datetime.date
) -> list[Task]:
    from steerco.delivery.models import Event, EventStatus, ProcurementLot
    from steerco.delivery.selectors import late_lots
    from steerco.results.models import Indicator, IndicatorUpdate, UpdateState
    from steerco.results.rules import CountryRule
    from steerco.results.selectors import natural_key

    tasks: list[Task] = []
    pairs = roles.coordinator
    programme_ids = {p for p, _c in pairs}
    # The current period (running today, or the last one started) and the last one closed.
    wanted: dict[int, list[ReportingPeriod]] = {}
    for programme_id in programme_ids:
        started = [p for p in periods.get(programme_id, []) if p.start <= today]
        closed = [p for p in started if p.end < today]
        chosen = [
            p for p in ([started[-1]] if started else []) + ([closed[-1]] if closed else []) if not p.locked
        ]
        wanted[programme_id] = sorted({p.pk: p for p in chosen}.values(), key=lambda p: p.start, reverse=True)
    indicators: dict[int, list[Indicator]] = {}
    for indicator in (
        Indicator.objects.restrict(user)
        .filter(result__programme_id__in=programme_ids, computation="")
        .exclude(country_rule=CountryRule.NONE)
        .select_related("result")
    ):
        indicators.setdefault(indicator.result.programme_id, []).append(indicator)
    period_ids = [p.pk for ps in wanted.values() for p in ps]
    done = set(
        IndicatorUpdate.objects.restrict(user, Action.RECORD)
        .filter(period_id__in=period_ids, state__in=[UpdateState.SUBMITTED, UpdateState.APPROVED])
        .values_list("indicator_id", "period_id", "country")
    )
    for programme_id, country in pairs:
        programme = roles.programmes[programme_id]
        reported = sorted(
            indicators.get(programme_id, []), key=lambda i: (natural_key(i.result.code), natural_key(i.code))
        )
        for period in wanted.get(programme_id, []):
            missing = [i for i in reported if (i.pk, period.pk, country) not in done]
            if not missing:
                continue
            tasks.append(
                Task(
                    "results",
                    ngettext(
                        "%(count)s indicator value missing for %(period)s, %(country)s",
                        "%(count)s indicator values missing for %(period)s, %(country)s",
                        len(missing),
                    )
                    % {"count": len(missing), "period": period.label, "country": _country_name(country)},
                    _entry_url(programme, country, period.pk),
                    programme,
                    lines=[f"{i.code} {i.name}" for i in missing],
                    when=period.end,
                )
            )
    updates = IndicatorUpdate.objects.restrict(user, Action.RECORD).filter(
        _pairs_q(pairs, "indicator__result__programme_id", "country")
    )
    for update in (
        updates.filter(state=UpdateState.RETURNED)
        .select_related("indicator", "period", "reviewed_by")
        .order_by("reviewed_at", "id")
    ):
        programme = roles.programmes[update.period.programme_id]
        tasks.append(
            Task(
                "returned",
                _("%(indicator)s, %(period)s, %(country)s")
                % {
                    "indicator": f"{update.indicator.code} {update.indicator.name}",
                    "period": update.period.label,
                    "country": _country_name(str(update.country)),
                },
                _entry_url(programme, str(update.country), update.period_id),
                programme,
                detail=_("%(who)s: %(note)s")
                % {"who": update.reviewed_by or _("the reviewer"), "note": update.review_note},
                when=timezone.localdate(update.reviewed_at) if update.reviewed_at else None,
            )
        )
    for programme_id, country, period_id, label, n in (
        updates.filter(state=UpdateState.DRAFT)
        .order_by()
        .values_list("indicator__result__programme_id", "country", "period_id", "period__label")
        .annotate(n=Count("id"))
        .order_by("period__start", "country")
    ):
        programme = roles.programmes[programme_id]
        tasks.append(
            Task(
                "drafts",
                ngettext(
                    "%(count)s draft not submitted for %(period)s, %(country)s",
                    "%(count)s drafts not submitted for %(period)s, %(country)s",
                    n,
                )
                % {"count": n, "period": label, "country": _country_name(str(country))},
                _entry_url(programme, str(country), period_id),
                programme,
            )
        )
    for event in (
        Event.objects.restrict(user, Action.RECORD)
        .filter(_pairs_q(pairs, "programme_id", "country"), status=EventStatus.PLANNED, end_date__lt=today)
        .order_by("end_date", "id")
    ):
        programme = roles.programmes[event.programme_id]
        tasks.append(
            Task(
                "events",
                event.title,
                reverse("delivery:event_edit", args=[programme.slug, event.pk]),
                programme,
                detail=_("Planned for %(date)s, %(country)s: was it held or cancelled?")
                % {"date": event.end_date.isoformat(), "country": _country_name(str(event.country))},
                when=event.end_date,
            )
        )
    lots = list(
        ProcurementLot.objects.restrict(user, Action.RECORD)
        .filter(_pairs_q(pairs, "programme_id", "country"))
        .prefetch_related("steps")
        .order_by("id")
    )
    for late in late_lots(lots, today):
        programme = roles.programmes[late.lot.programme_id]
        tasks.append(
            Task(
                "procurement",
                str(late.lot),
                reverse("delivery:step_edit", args=[programme.slug, late.lot.pk, late.step.stage]),
                programme,
                detail=ngettext(
                    "%(stage)s was due by %(date)s: %(days)s day late",
                    "%(stage)s was due by %(date)s: %(days)s days late",
                    late.days,
                )
                % {
                    "stage": late.step.get_stage_display(),
                    "date": late.step.planned_label,
                    "days": late.days,
                },
                when=late.step.deadline,
            )
        )
    return tasks


# --- M&E officers ---------------------------------------------------------------------------------


def _approval_tasks(user: Any, roles: _Roles) -> list[Task]:
    from steerco.results.models import IndicatorUpdate, UpdateState

    tasks = []
    for programme_id, country, n, oldest in (
        IndicatorUpdate.objects.restrict(user, Action.APPROVE)
        .filter(indicator__result__programme_id__in=roles.me_officer, state=UpdateState.SUBMITTED)
        .order_by()
        .values_list("indicator__result__programme_id", "country")
        .annotate(n=Count("id"), oldest=Min("submitted_at"))
        .order_by("oldest", "country")
    ):
        programme = roles.programmes[programme_id]
        tasks.append(
            Task(
                "approvals",
                ngettext(
                    "%(count)s update from %(country)s waiting for approval",
                    "%(count)s updates from %(country)s waiting for approval",
                    n,
                )
                % {"count": n, "country": _country_name(str(country))},
                reverse("results:approvals", args=[programme.slug]),
                programme,
                detail=_("the oldest submitted on %(date)s")
                % {"date": timezone.localdate(oldest).isoformat()}
                if oldest
                else "",
                when=timezone.localdate(oldest) if oldest else None,
            )
        )
    return tasks


# --- national counterparts ------------------------------------------------------------------------


def _counterpart_tasks(user: Any, roles: _Roles) -> list[Task]:
    from steerco.delivery.models import Handover
    from steerco.steering.models import ActionPoint, ActionStatus

    tasks = []
    for handover in (
        Handover.objects.restrict(user, Action.RESPOND)
        .filter(
            lot__programme_id__in=roles.counterpart, recipient_id=user.organisation_id, acknowledged_at=None
        )
        .select_related("lot")
        .order_by("handed_over_on", "id")
    ):
        programme = roles.programmes[handover.lot.programme_id]
        tasks.append(
            Task(
                "handovers",
                str(handover),
                reverse("delivery:lot", args=[programme.slug, handover.lot_id]),
                programme,
                detail=_("%(quantity)s %(unit)s: confirm that you received them")
                % {"quantity": handover.quantity, "unit": handover.lot.unit},
                when=handover.handed_over_on,
            )
        )
    for point in (
        ActionPoint.objects.restrict(user, Action.RESPOND)
        .filter(
            meeting__group__programme_id__in=roles.counterpart, owner_organisation_id=user.organisation_id
        )
        .exclude(status=ActionStatus.CLOSED)
        .select_related("meeting__group")
        .order_by("due_date", "id")
    ):
        programme = roles.programmes[point.meeting.group.programme_id]
        tasks.append(
            Task(
                "points_owned",
                str(point),
                reverse("steering:action_point", args=[programme.slug, point.pk]),
                programme,
                detail=_("%(status)s, due %(date)s")
                % {"status": point.get_status_display(), "date": point.due_date.isoformat()},
                when=point.due_date,
            )
        )
    return tasks


# --- secretariats and managers --------------------------------------------------------------------


def _steering_tasks(user: Any, roles: _Roles, today: datetime.date) -> list[Task]:
    from steerco.steering.models import ActionPoint, ActionStatus, Meeting, MeetingStatus

    tasks = []
    steered = Meeting.objects.restrict(user, Action.STEER).filter(group__programme_id__in=roles.steers)
    for meeting in (
        steered.filter(
            start_date__gte=today, start_date__lte=today + datetime.timedelta(days=MEETINGS_AHEAD_DAYS)
        )
        .select_related("group")
        .order_by("start_date", "id")
    ):
        programme = roles.programmes[meeting.group.programme_id]
        circulated = meeting.status != MeetingStatus.PLANNED
        tasks.append(
            Task(
                "meetings",
                str(meeting),
                reverse("steering:meeting", args=[programme.slug, meeting.pk])
                if circulated
                else reverse("steering:meeting_circulate", args=[programme.slug, meeting.pk]),
                programme,
                detail=_("on %(date)s; the pack is circulated") % {"date": meeting.start_date.isoformat()}
                if circulated
                else _("on %(date)s; the pack is not circulated yet")
                % {"date": meeting.start_date.isoformat()},
                when=meeting.start_date,
            )
        )
    # The open points of the meetings one steers; which are overdue is the action point's own rule.
    open_points = (
        ActionPoint.objects.filter(meeting__in=steered)
        .exclude(status=ActionStatus.CLOSED)
        .select_related("meeting__group", "owner_organisation", "owner_record")
        .order_by("due_date", "id")
    )
    for point in open_points:
        if not point.is_overdue(today):
            continue
        programme = roles.programmes[point.meeting.group.programme_id]
        days = (today - point.due_date).days
        tasks.append(
            Task(
                "points_overdue",
                str(point),
                reverse("steering:action_point", args=[programme.slug, point.pk]),
                programme,
                detail=ngettext(
                    "%(owner)s; due %(date)s, %(days)s day ago",
                    "%(owner)s; due %(date)s, %(days)s days ago",
                    days,
                )
                % {"owner": point.owner, "date": point.due_date.isoformat(), "days": days},
                when=point.due_date,
            )
        )
    return tasks


def period_gaps(
    programme: Programme, periods: list[ReportingPeriod], end: datetime.date
) -> list[tuple[str, datetime.date, datetime.date]]:
    """For each kind of period the programme uses, the stretches from its start to `end` that no period
    of that kind covers: (kind, first day, last day)."""
    one = datetime.timedelta(days=1)
    gaps = []
    for kind in sorted({p.kind for p in periods}):
        cursor = programme.planned_start
        for period in sorted((p for p in periods if p.kind == kind), key=lambda p: (p.start, p.end)):
            if period.start > cursor:
                gaps.append((kind, cursor, period.start - one))
            cursor = max(cursor, period.end + one)
        if cursor <= end:
            gaps.append((kind, cursor, end))
    return gaps


def _period_tasks(
    roles: _Roles, periods: dict[int, list[ReportingPeriod]], today: datetime.date
) -> list[Task]:
    from steerco.programmes.models import Amendment, PeriodKind

    amendments: dict[int, list[Amendment]] = {}
    for amendment in Amendment.objects.filter(programme_id__in=roles.manager).order_by("signed_on", "id"):
        amendments.setdefault(amendment.programme_id, []).append(amendment)
    tasks = []
    notice = today + datetime.timedelta(days=PERIOD_GAP_NOTICE_DAYS)
    for programme_id in sorted(roles.manager):
        programme = roles.programmes[programme_id]
        end = programme.current_terms(amendments.get(programme_id, [])).end
        for kind, first, last in period_gaps(programme, periods.get(programme_id, []), end):
            if first > notice:
                continue
            tasks.append(
                Task(
                    "periods",
                    _("No %(kind)s period covers %(first)s to %(last)s")
                    % {
                        "kind": PeriodKind(kind).label.lower(),
                        "first": first.isoformat(),
                        "last": last.isoformat(),
                    },
                    reverse("programmes:period_add", args=[programme.slug]),
                    programme,
                    detail=_("the programme runs until %(end)s") % {"end": end.isoformat()},
                    when=first,
                )
            )
    return tasks


# --- observers ------------------------------------------------------------------------------------


def _observer_tasks(user: Any, roles: _Roles) -> list[Task]:
    from steerco.steering.models import Meeting, MeetingPack
    from steerco.steering.selectors import visible_groups

    from .models import Seen

    groups = Q(pk__in=[])
    for programme_id in roles.observer:
        groups |= Q(group__in=visible_groups(user, roles.programmes[programme_id]))
    meetings = Meeting.objects.filter(groups)
    seen = Seen.objects.filter(
        user_id=user.pk,
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=OuterRef("meeting_id"),
    ).values("at")[:1]
    packs = (
        MeetingPack.objects.filter(meeting__in=meetings, generated_at__gt=user.date_joined)
        .annotate(seen_at=Subquery(seen))
        .filter(Q(seen_at=None) | Q(generated_at__gt=F("seen_at")))
        .select_related("meeting__group")
        .order_by("-generated_at", "-id")
    )
    tasks = []
    for pack in packs:
        programme = roles.programmes[pack.meeting.group.programme_id]
        tasks.append(
            Task(
                "packs",
                str(pack.meeting),
                reverse("steering:meeting", args=[programme.slug, pack.meeting_id]),
                programme,
                detail=_("version %(version)s, circulated on %(date)s")
                % {"version": pack.version, "date": timezone.localdate(pack.generated_at).isoformat()},
                when=timezone.localdate(pack.generated_at),
            )
        )
    return tasks


# --- comments -------------------------------------------------------------------------------------


def _comment_tasks(user: Any) -> list[Task]:
    from .comments import thread_url
    from .models import Comment, Seen

    mine = Comment.objects.filter(
        author_id=user.pk, content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
    )
    my_last = mine.order_by().values("content_type_id").annotate(last=Max("created")).values("last")[:1]
    seen = Seen.objects.filter(
        user_id=user.pk, content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
    ).values("at")[:1]
    new = (
        Comment.objects.restrict(user)
        .exclude(author_id=user.pk)
        .annotate(my_last=Subquery(my_last), seen_at=Subquery(seen))
        .filter(my_last__isnull=False, created__gt=F("my_last"))
        .filter(Q(seen_at=None) | Q(created__gt=F("seen_at")))
        .select_related("programme", "author")
        .order_by("created", "id")
    )
    threads: dict[tuple[int, int], list[Any]] = {}
    for comment in new:
        threads.setdefault((comment.content_type_id, comment.object_id), []).append(comment)
    tasks = []
    for comments in threads.values():
        last = comments[-1]
        tasks.append(
            Task(
                "comments",
                last.subject,
                thread_url(last),
                last.programme,
                detail=ngettext(
                    "%(count)s new comment, the latest by %(who)s",
                    "%(count)s new comments, the latest by %(who)s",
                    len(comments),
                )
                % {"count": len(comments), "who": last.author or "—"},
                when=timezone.localdate(last.created),
            )
        )
    return tasks


# --- the header's number --------------------------------------------------------------------------


def _generation_key(user_id: int) -> str:
    return f"steerco-tasks-generation:{user_id}"


def forget_count(user: Any) -> None:
    """The user opened something that may take a task away (a thread, a pack): count again."""
    key = _generation_key(user.pk)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


def task_count(user: Any, today: datetime.date | None = None) -> int:
    """How many tasks wait for the user, for the header of every page. Kept per user (in the process)
    for a minute at most, and recounted after any write commits here or after the user opens a thread
    or a pack: a kept count costs no query. The inbox itself always counts afresh."""
    today = today or timezone.localdate()
    if not user.is_authenticated:
        return 0
    key = ":".join(
        str(part)
        for part in (
            "steerco-tasks",
            user.pk,
            user.date_joined.timestamp() if user.date_joined else "",
            today.isoformat(),
            cache.get(_generation_key(user.pk), 0),
            "-".join(str(n) for n in _writes_seen(user)),
        )
    )
    count = cache.get(key)
    if count is None:
        count = sum(len(s.tasks) for s in tasks_for(user, today))
        cache.set(key, count, COUNT_KEPT_SECONDS)
    return int(count)


WRITES_KEY = "steerco-tasks-writes"


def _writes_key(programme_id: int | None) -> str:
    return f"{WRITES_KEY}:{programme_id or 'site'}"


class _CountWrites:
    """After a commit, the kept counts of the readers of one programme are counted again."""

    def __init__(self, programme_id: int | None) -> None:
        self.programme_id = programme_id

    def __call__(self) -> None:
        for key in (_writes_key(self.programme_id), WRITES_KEY):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, None)


def writes_committed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Every audited write: once its transaction commits, the kept counts of its programme's readers
    are counted again (once per transaction and programme, however many entries it writes)."""
    if not created:
        return
    from django.db import transaction

    programme_id = instance.programme_id
    for _sids, callback, _robust in transaction.get_connection().run_on_commit:
        if isinstance(callback, _CountWrites) and callback.programme_id == programme_id:
            return
    transaction.on_commit(_CountWrites(programme_id), robust=True)


def _writes_seen(user: Any) -> tuple[Any, ...]:
    """The write counters that can change the user's tasks: every programme's for an administrator,
    else those of the programmes the user belongs to and of the objects of no programme."""
    if user.is_superuser:
        return (cache.get(WRITES_KEY, 0),)
    from steerco.core.scoping import grants

    grants(user, "")  # fills the user's cached grants
    programmes = sorted({p for pairs in user._steerco_grants.values() for p, _c in pairs})
    keys = [_writes_key(None)] + [_writes_key(p) for p in programmes]
    found = cache.get_many(keys)
    return tuple(found.get(k, 0) for k in keys)
