"""`{% comment_thread object %}`: an object's comments and the form to add one; `{% task_count %}`."""

from __future__ import annotations

from typing import Any

from django import template

from steerco.work import comments
from steerco.work.forms import CommentForm
from steerco.work.tasks import task_count as count_tasks

register = template.Library()


@register.inclusion_tag("work/_comments.html", takes_context=True)
def comment_thread(context: template.Context, obj: Any, form: Any = None) -> dict[str, Any]:
    """The thread of `obj`, which the page has already found through its selector. Showing it marks it
    read for the reader: its comments leave their tasks."""
    request = context["request"]
    kind = comments.kind_of(obj)
    programme = context["programme"]
    thread = list(comments.thread_of(obj))
    shown = [c.created for c in thread if c.author_id != request.user.pk]
    # A meeting page shows its packs too: opening it reads them (the observer's task).
    shown += [p.generated_at for p in context.get("packs") or [] if getattr(p, "meeting_id", None) == obj.pk]
    if shown:
        comments.mark_seen(request.user, obj, newest=max(shown))
    return {
        "request": request,
        "thread": thread,
        "may_comment": comments.may_comment(request.user, kind, programme.pk),
        "form": form or CommentForm(initial={"next": request.get_full_path()}),
        "action": _thread_action(programme, kind, obj),
        "csrf_token": context.get("csrf_token"),
    }


def _thread_action(programme: Any, kind: Any, obj: Any) -> str:
    from django.urls import reverse

    return reverse("work:thread", args=[programme.slug, kind.key, obj.pk])


@register.simple_tag(takes_context=True)
def task_count(context: template.Context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_steerco_task_count", None)
    if cached is None:
        cached = count_tasks(user)
        request._steerco_task_count = cached  # type: ignore[union-attr]
    return int(cached)
