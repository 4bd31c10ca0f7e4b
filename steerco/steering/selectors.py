"""Reads of steering groups, meetings and action points, each starting from `restrict`.

Who sees a group: its scope as `restrict` says, except that a regional group's meetings are for
the people who take part in them (programme-wide members and the country secretariats), not for
national counterparts, who follow their own country's group.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from steerco.core.roles import Action
from steerco.core.scoping import get_scoped_or_404, grants, scope_q
from steerco.programmes.models import Programme

from .models import (
    ActionPoint,
    ActionPointNote,
    ActionStatus,
    AgendaItem,
    Decision,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingPack,
    NewsDraft,
    Participant,
    Speaker,
    SteeringGroup,
)


def _sees_regional(user: Any, programme: Programme) -> bool:
    if user.is_superuser:
        return True
    wide_view = any(p == programme.pk and not c for p, c in grants(user, Action.VIEW))
    return wide_view or any(p == programme.pk for p, _c in grants(user, Action.STEER))


def visible_groups(user: Any, programme: Programme) -> QuerySet[SteeringGroup]:
    groups = SteeringGroup.objects.restrict(user, Action.VIEW).filter(programme=programme)
    if not _sees_regional(user, programme):
        groups = groups.exclude(kind=GroupKind.REGIONAL)
    return groups


def groups_with_members(user: Any, programme: Programme) -> list[SteeringGroup]:
    return list(
        visible_groups(user, programme)
        .prefetch_related(
            Prefetch("members", queryset=GroupMember.objects.select_related("organisation", "person_record"))
        )
        .annotate(meeting_count=Count("meetings"))
    )


def group_for(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> SteeringGroup:
    groups = (
        visible_groups(user, programme)
        if action == Action.VIEW
        else SteeringGroup.objects.filter(programme=programme)
    )
    return get_scoped_or_404(groups, user, action, pk=pk)


def steerable_groups(user: Any, programme: Programme) -> QuerySet[SteeringGroup]:
    return SteeringGroup.objects.restrict(user, Action.STEER).filter(programme=programme)


def visible_meetings(user: Any, programme: Programme) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group__in=visible_groups(user, programme))


def meetings_of(user: Any, programme: Programme) -> list[Meeting]:
    return list(
        visible_meetings(user, programme)
        .select_related("group", "period")
        .annotate(
            open_points=Count(
                "action_points", filter=~Q(action_points__status=ActionStatus.CLOSED), distinct=True
            ),
            pack_count=Count("packs", distinct=True),
        )
        .order_by("-start_date", "group__name")
    )


def meeting_for(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> Meeting:
    meetings = (
        visible_meetings(user, programme)
        if action == Action.VIEW
        else Meeting.objects.filter(group__programme=programme)
    )
    return get_scoped_or_404(
        meetings.select_related(
            "group__programme",
            "period",
            "moderator",
            "opened_by_person__organisation",
            "moderated_by_person__organisation",
        ),
        user,
        action,
        pk=pk,
    )


def may_steer(user: Any, meeting: Meeting) -> bool:
    return Meeting.objects.restrict(user, Action.STEER).filter(pk=meeting.pk).exists()


def meeting_page(meeting: Meeting) -> dict[str, Any]:
    """Everything the meeting page shows, in a fixed number of queries."""
    from steerco.reports.pack import carried_forward_action_points

    return {
        "participants": list(
            Participant.objects.filter(meeting=meeting).select_related("organisation", "person")
        ),
        "agenda": list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("component", "action_point", "indicator", "procurement_lot", "presenter_person")
            .prefetch_related(
                Prefetch("speakers", queryset=Speaker.objects.select_related("person__organisation"))
            )
        ),
        "decisions": list(Decision.objects.filter(meeting=meeting)),
        "raised": list(
            ActionPoint.objects.filter(meeting=meeting)
            .select_related("owner_organisation", "owner_record")
            .order_by("id")
        ),
        "carried": carried_forward_action_points(meeting),
        "packs": list(MeetingPack.objects.filter(meeting=meeting).select_related("generated_by")),
    }


def visible_action_points(user: Any, programme: Programme) -> QuerySet[ActionPoint]:
    """Action points of the meetings the user sees, and those answered in the user's country."""
    if not user.is_authenticated or not user.is_active:
        return ActionPoint.objects.none()
    points = ActionPoint.objects.filter(meeting__group__programme=programme)
    in_scope = scope_q(ActionPoint, user, Action.VIEW)
    if in_scope is None:
        return points
    answered_here = in_scope & ~Q(country="")
    return points.filter(Q(meeting__group__in=visible_groups(user, programme)) | answered_here)


def action_point_list(
    user: Any, programme: Programme, *, show: str = "open", today: datetime.date | None = None
) -> list[ActionPoint]:
    points = visible_action_points(user, programme).select_related(
        "meeting__group", "owner_organisation", "owner_record", "closed_at__group"
    )
    today = today or datetime.date.today()
    if show == "open":
        points = points.exclude(status=ActionStatus.CLOSED)
    elif show == "overdue":
        points = points.exclude(status=ActionStatus.CLOSED).filter(due_date__lt=today)
    return list(points.order_by("due_date", "id"))


def action_point_for(user: Any, programme: Programme, pk: int) -> ActionPoint:
    # Visibility is already decided by `visible_action_points`; `get_scoped_or_404` would narrow it
    # to the user's country again and hide the regional group's points from its secretariats.
    point = (
        visible_action_points(user, programme)
        .select_related("meeting__group", "owner_organisation", "owner_record", "closed_at__group")
        .filter(pk=pk)
        .first()
    )
    if point is None:
        raise Http404
    return point


def notes_of(point: ActionPoint) -> list[ActionPointNote]:
    return list(ActionPointNote.objects.filter(action_point=point).select_related("author"))


def may_respond(user: Any, point: ActionPoint) -> bool:
    """Counterparts answer for the action points their organisation owns."""
    if not user.organisation_id or user.organisation_id != point.owner_organisation_id:
        return False
    return ActionPoint.objects.restrict(user, Action.RESPOND).filter(pk=point.pk).exists()


def overdue_action_points(
    user: Any, programme: Programme, today: datetime.date | None = None
) -> list[ActionPoint]:
    return action_point_list(user, programme, show="overdue", today=today)


def _regional_hidden(model: type[Any], group_path: str) -> Any:
    """The history's version of `visible_groups`: a regional group's objects, for readers it excludes."""

    def hidden(user: Any, programme: Programme) -> QuerySet[Any] | None:
        if _sees_regional(user, programme):
            return None
        prefix = f"{group_path}__" if group_path else ""
        return model.objects.filter(**{f"{prefix}programme": programme, f"{prefix}kind": GroupKind.REGIONAL})

    return hidden


def _hidden_action_points(user: Any, programme: Programme) -> QuerySet[ActionPoint] | None:
    if _sees_regional(user, programme):
        return None
    return ActionPoint.objects.filter(meeting__group__programme=programme).exclude(
        pk__in=visible_action_points(user, programme).values("pk")
    )


def _hidden_notes(user: Any, programme: Programme) -> QuerySet[ActionPointNote] | None:
    points = _hidden_action_points(user, programme)
    return None if points is None else ActionPointNote.objects.filter(action_point__in=points.values("pk"))


def register_history_rules() -> None:
    """Tell the history which steering objects a reader may not read beyond what their scope says."""
    from steerco.audit.selectors import hide_from_history

    hide_from_history(SteeringGroup, _regional_hidden(SteeringGroup, ""))
    hide_from_history(GroupMember, _regional_hidden(GroupMember, "group"))
    hide_from_history(Meeting, _regional_hidden(Meeting, "group"))
    for model in (Participant, AgendaItem, Decision, MeetingPack, NewsDraft):
        hide_from_history(model, _regional_hidden(model, "meeting__group"))
    hide_from_history(ActionPoint, _hidden_action_points)
    hide_from_history(ActionPointNote, _hidden_notes)
