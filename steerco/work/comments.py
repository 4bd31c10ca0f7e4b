"""Comment threads on updates, indicators, action points, procurement lots and meetings.

A thread is read by whoever may see its object (the object's own selector decides) and written by
the same people, except read-only observers, who write only in the threads of meetings and action
points. Every comment is audited; a new one appears in the tasks of those who wrote in the thread
before, until they open it again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.audit.services import save_audited, scope_of
from steerco.core.permissions import OutsideScope, ensure_may, person
from steerco.core.roles import Action
from steerco.core.scoping import get_scoped_or_404, grants
from steerco.programmes.models import Programme

from .models import Comment, Seen

MAX_LENGTH = 5000
# Actions that make someone more than a reader of a programme: they may write in every thread they see.
WRITING_ACTIONS = (Action.SETUP, Action.RESULTS, Action.RECORD, Action.APPROVE, Action.STEER, Action.RESPOND)


@dataclass(frozen=True)
class ThreadKind:
    key: str
    model: Callable[[], type[models.Model]]
    find: Callable[[Any, Programme, int], models.Model]  # the object, or 404 outside the reader's scope
    page: Callable[[Programme, Any], str]  # where the object is shown
    readers_write: bool = False  # read-only observers write here too


def _update(user: Any, programme: Programme, pk: int) -> Any:
    from steerco.results.models import IndicatorUpdate

    return get_scoped_or_404(
        IndicatorUpdate.objects.select_related("indicator__result__programme", "period"),
        user,
        Action.VIEW,
        pk=pk,
        indicator__result__programme=programme,
    )


def _indicator(user: Any, programme: Programme, pk: int) -> Any:
    from steerco.results.selectors import indicator_for

    return indicator_for(user, programme, pk)


def _action_point(user: Any, programme: Programme, pk: int) -> Any:
    from steerco.steering.selectors import action_point_for

    return action_point_for(user, programme, pk)


def _lot(user: Any, programme: Programme, pk: int) -> Any:
    from steerco.delivery.models import ProcurementLot

    return get_scoped_or_404(ProcurementLot.objects.all(), user, Action.VIEW, pk=pk, programme=programme)


def _meeting(user: Any, programme: Programme, pk: int) -> Any:
    from steerco.steering.selectors import meeting_for

    return meeting_for(user, programme, pk)


def _model(path: str) -> Callable[[], type[models.Model]]:
    def load() -> type[models.Model]:
        from django.apps import apps

        return apps.get_model(path)

    return load


def _entry(programme: Programme, update: Any) -> str:
    from .notify import entry_path

    return entry_path(update)


KINDS: dict[str, ThreadKind] = {
    "update": ThreadKind("update", _model("results.IndicatorUpdate"), _update, _entry),
    "indicator": ThreadKind(
        "indicator",
        _model("results.Indicator"),
        _indicator,
        lambda p, o: reverse("results:indicator", args=[p.slug, o.pk]),
    ),
    "action-point": ThreadKind(
        "action-point",
        _model("steering.ActionPoint"),
        _action_point,
        lambda p, o: reverse("steering:action_point", args=[p.slug, o.pk]),
        readers_write=True,
    ),
    "lot": ThreadKind(
        "lot",
        _model("delivery.ProcurementLot"),
        _lot,
        lambda p, o: reverse("delivery:lot", args=[p.slug, o.pk]),
    ),
    "meeting": ThreadKind(
        "meeting",
        _model("steering.Meeting"),
        _meeting,
        lambda p, o: reverse("steering:meeting", args=[p.slug, o.pk]),
        readers_write=True,
    ),
}


def kind_of(obj: models.Model) -> ThreadKind:
    for kind in KINDS.values():
        if isinstance(obj, kind.model()):
            return kind
    raise LookupError(f"no comment thread for {obj._meta.label}")


def find(user: Any, programme: Programme, key: str, pk: int) -> tuple[ThreadKind, models.Model]:
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind, kind.find(user, programme, pk)


def thread_url(comment_or_obj: Any) -> str:
    """The thread's own page: for a comment, the thread it is in."""
    if isinstance(comment_or_obj, Comment):
        model = ContentType.objects.get_for_id(comment_or_obj.content_type_id).model_class()
        kind = next(k for k in KINDS.values() if k.model() is model)
        return reverse(
            "work:thread", args=[comment_or_obj.programme.slug, kind.key, comment_or_obj.object_id]
        )
    kind = kind_of(comment_or_obj)
    programme_id, _country = scope_of(comment_or_obj)
    if programme_id is None:
        raise LookupError("no thread outside a programme")
    slug = Programme.objects.filter(pk=programme_id).values_list("slug", flat=True).get()
    return reverse("work:thread", args=[slug, kind.key, comment_or_obj.pk])


def may_comment(user: Any, kind: ThreadKind, programme_id: int) -> bool:
    """For someone who sees the object: anyone who does more than read the programme, and readers too
    in the threads of meetings and action points."""
    if user.is_superuser or kind.readers_write:
        return True
    return any(p == programme_id for action in WRITING_ACTIONS for p, _c in grants(user, action))


def thread_of(obj: models.Model) -> QuerySet[Comment]:
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("author")


@transaction.atomic
def add_comment(obj: models.Model, text: str, *, acting_user: Any) -> Comment:
    """Write a comment in the thread of `obj`, which the caller has found through its selector."""
    kind = kind_of(obj)
    programme_id, country = scope_of(obj)
    if programme_id is None:
        raise OutsideScope("comments are written on the objects of a programme")
    comment = Comment(
        programme_id=programme_id,
        country=country,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        author=person(acting_user),
        subject=str(obj)[:255],
        text=text.strip(),
    )
    ensure_may(acting_user, Action.VIEW, comment)
    if not getattr(acting_user, "is_superuser", False) and not may_comment(acting_user, kind, programme_id):
        raise OutsideScope("read-only observers comment on meetings and action points only")
    if not comment.text:
        raise ValidationError({"text": _("Write something before sending.")})
    if len(comment.text) > MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("A comment holds at most %(max)s characters; this one has %(count)s.")
                % {"max": MAX_LENGTH, "count": len(comment.text)}
            }
        )
    save_audited(comment, acting_user=acting_user)
    return comment


def mark_seen(user: Any, obj: models.Model, newest: datetime.datetime | None = None) -> None:
    """The user opened the thread (or the meeting): what was there is no longer new to them.

    `newest` is the time of the latest thing shown (comment, pack); the header's count is recounted
    only when it was new to the user, so reading an old thread again costs one query."""
    if not getattr(user, "pk", None):
        return
    from .tasks import forget_count

    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    seen = Seen.objects.filter(user_id=user.pk, content_type=content_type, object_id=obj.pk)
    before = None
    if newest is not None:
        before = seen.values_list("at", flat=True).first()
        if before is not None and before >= newest:
            return
    if not seen.update(at=now):
        Seen.objects.get_or_create(
            user_id=user.pk, content_type=content_type, object_id=obj.pk, defaults={"at": now}
        )
    forget_count(user)


def register_history_rules() -> None:
    """The history hides the comments on meetings and action points that the steering pages hide."""
    from steerco.audit.selectors import hide_from_history

    def hidden(user: Any, programme: Programme) -> QuerySet[Comment] | None:
        from steerco.steering.models import ActionPoint, Meeting
        from steerco.steering.selectors import visible_action_points, visible_meetings

        if user.is_superuser or any(p == programme.pk and not c for p, c in grants(user, Action.VIEW)):
            return None
        meetings = Meeting.objects.filter(group__programme=programme).exclude(
            pk__in=visible_meetings(user, programme).values("pk")
        )
        points = ActionPoint.objects.filter(meeting__group__programme=programme).exclude(
            pk__in=visible_action_points(user, programme).values("pk")
        )
        return Comment.objects.filter(programme=programme).filter(
            Q(content_type=ContentType.objects.get_for_model(Meeting), object_id__in=meetings.values("pk"))
            | Q(
                content_type=ContentType.objects.get_for_model(ActionPoint), object_id__in=points.values("pk")
            )
        )

    hide_from_history(Comment, hidden)
