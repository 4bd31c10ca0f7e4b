"""Pages of the steering cycle: groups, meetings, packs, minutes, news drafts and action points."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from steerco.audit import versions
from steerco.core import edits
from steerco.core.roles import Action
from steerco.core.scoping import can
from steerco.core.uploads import download_response as _download
from steerco.core.uploads import serve_stored_file
from steerco.core.views import Editing, edit_page, posted, save_posted, scoped_edit, scoped_remove
from steerco.programmes.models import Programme
from steerco.programmes.selectors import programme_for
from steerco.reports.export import export_name, export_response, requested_format
from steerco.reports.minutes import build_minutes
from steerco.reports.news import choices as news_choices
from steerco.reports.news import draft_news
from steerco.reports.pack import build_pack, carried_forward_action_points, pack_date
from steerco.reports.render import render_docx, render_html, render_pdf
from steerco.work.comments import mark_seen

from . import exports, selectors, services
from .contradictions import contradictions_in
from .forms import (
    ActionPointForm,
    AgendaItemForm,
    CloseForm,
    DecisionForm,
    FollowUpForm,
    GroupMemberForm,
    MeetingForm,
    NewsDraftForm,
    NewsMaterialForm,
    ParticipantForm,
    SpeakerForm,
    SteeringGroupForm,
)
from .models import (
    ActionPoint,
    AgendaItem,
    Decision,
    GroupMember,
    Meeting,
    MeetingPack,
    MeetingStatus,
    NewsDraft,
    Participant,
    Speaker,
    SteeringGroup,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORM = "programmes/form.html"


def _stem(meeting: Meeting, what: str) -> str:
    return f"{meeting.group.programme.slug}-{meeting.group.name}-{meeting.number}-{what}".replace(
        " ", "-"
    ).lower()


def _post_status(request: HttpRequest, form: Any) -> int:
    if request.method != "POST":
        return 200
    return 409 if getattr(form, "stale", False) else 400


def _meeting_url(meeting: Meeting) -> str:
    return reverse("steering:meeting", args=[meeting.group.programme.slug, meeting.pk])


# ---- steering groups ----------------------------------------------------------------------------


@login_required
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    return render(
        request,
        "steering/group_list.html",
        {
            "programme": programme,
            "groups": selectors.groups_with_members(request.user, programme),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
        },
    )


@login_required
def group_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    group = selectors.group_for(request.user, programme, pk)
    return render(
        request,
        "steering/group_detail.html",
        {
            "programme": programme,
            "group": group,
            "members": list(group.members.select_related("organisation", "person_record")),
            "meetings": list(group.meetings.select_related("period")),
            "may_steer": SteeringGroup.objects.restrict(request.user, Action.STEER)
            .filter(pk=group.pk)
            .exists(),
        },
    )


@login_required
def group_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP if pk is None else Action.VIEW,
        new=lambda p: SteeringGroup(programme=p),
        existing=lambda p, pk: selectors.group_for(request.user, p, pk, Action.STEER),
        form_class=SteeringGroupForm,
        form_kwargs=lambda e: {"programme": e.programme, "user": e.user},
        service=services.save_steering_group,
        success=lambda e, g: reverse("steering:group", args=[e.programme.slug, g.pk]),
        back=lambda e: (
            reverse("steering:groups", args=[e.programme.slug])
            if e.adding
            else reverse("steering:group", args=[e.programme.slug, e.instance.pk])
        ),
        title=_("Steering group"),
    )


@login_required
def member_edit(request: HttpRequest, slug: str, pk: int, member: int | None = None) -> HttpResponse:
    def to_group(e: Editing, *_result: object) -> str:
        return reverse("steering:group", args=[e.programme.slug, e.instance.group_id])

    return scoped_edit(
        request,
        slug,
        member,
        item_action=Action.STEER,
        new=lambda p: GroupMember(group=selectors.group_for(request.user, p, pk, Action.STEER)),
        existing=lambda p, _member: GroupMember.objects.filter(
            group=selectors.group_for(request.user, p, pk, Action.STEER)
        ),
        form_class=GroupMemberForm,
        service=services.save_group_member,
        success=to_group,
        back=to_group,
        title=lambda e: _("Member of %(group)s") % {"group": e.instance.group.name},
    )


# ---- meetings -----------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    today = datetime.date.today()

    def lists() -> dict[str, list[Meeting]]:
        meetings = selectors.meetings_of(request.user, programme)
        return {
            "coming": sorted([m for m in meetings if m.last_day >= today], key=lambda m: m.start_date),
            "past": [m for m in meetings if m.last_day < today],
        }

    if fmt := requested_format(request):
        visible = selectors.meetings_of(request.user, programme)
        decisions = Decision.objects.filter(meeting__in=selectors.visible_meetings(request.user, programme))
        tables = [exports.meetings_table(visible), exports.decisions_table(decisions)]
        name = export_name(programme, "meetings")
        return export_response(tables, fmt, name, chosen=request.GET.get("table"))
    # Read only when the page's {% memo %} fragment is not kept already.
    meetings = SimpleLazyObject(lists)
    return render(
        request,
        "steering/meeting_list.html",
        {
            "programme": programme,
            "coming": SimpleLazyObject(lambda: meetings["coming"]),
            "past": SimpleLazyObject(lambda: meetings["past"]),
            "may_schedule": SimpleLazyObject(
                lambda: selectors.steerable_groups(request.user, programme).exists()
            ),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    def new(p: Programme) -> Meeting:
        groups = selectors.steerable_groups(request.user, p)
        if not groups.exists():
            raise Http404
        instance = Meeting()
        chosen = request.GET.get("group", "")
        if chosen.isdigit():
            instance.group = groups.filter(pk=int(chosen)).first()  # type: ignore[assignment]
        return instance

    return scoped_edit(
        request,
        slug,
        pk,
        new=new,
        existing=lambda p, pk: selectors.meeting_for(request.user, p, pk, Action.STEER),
        form_class=MeetingForm,
        form_kwargs=lambda e: {
            "programme": e.programme,
            "groups": selectors.steerable_groups(request.user, e.programme),
        },
        service=services.save_meeting,
        success=lambda _e, meeting: _meeting_url(meeting),
        back=lambda e: (
            reverse("steering:meetings", args=[e.programme.slug]) if e.adding else _meeting_url(e.instance)
        ),
        title=_("Meeting") if pk else _("Schedule a meeting"),
    )


@login_required
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk)
    context = selectors.meeting_page(meeting)
    may_steer = selectors.may_steer(request.user, meeting)
    today = timezone.localdate()
    return render(
        request,
        "steering/meeting_detail.html",
        {
            "programme": programme,
            "meeting": meeting,
            **context,
            "may_steer": may_steer,
            "may_record": may_steer and meeting.status in services.RECORDING_STATUSES,
            "circulated": context["packs"][0] if context["packs"] else None,
            "today": datetime.date.today(),
            "pack_as_of": pack_date(meeting, today),  # the day a pack made now is read as of
            "pack_as_of_today": pack_date(meeting, today) == today,
            "steps": MeetingStatus.choices,
            "may_circulate": may_steer
            and meeting.status in (MeetingStatus.PLANNED, MeetingStatus.PACK_CIRCULATED),
            "may_hold": may_steer and meeting.status == MeetingStatus.PACK_CIRCULATED,
            "may_approve": may_steer and meeting.status == MeetingStatus.HELD,
        },
    )


@login_required
@require_POST
def meeting_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk, Action.STEER)
    change = {
        MeetingStatus.HELD: services.hold_meeting,
        MeetingStatus.MINUTES_APPROVED: services.approve_minutes,
    }.get(request.POST.get("to", ""))  # type: ignore[call-overload]
    if change is None:
        messages.error(request, _("Choose what happened to the meeting."))
    else:
        try:
            change(meeting, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The meeting is now %(status)s.") % {"status": meeting.get_status_display().lower()},
            )
    return HttpResponseRedirect(_meeting_url(meeting))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_circulate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Confirm the circulation, with the contradictions found in the pack; then circulate (POST)."""
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk, Action.STEER)
    if request.method == "GET":
        return render(
            request,
            "steering/circulate.html",
            {"programme": programme, "meeting": meeting, "contradictions": contradictions_in(meeting)},
        )
    try:
        with transaction.atomic():
            # A second press of the button (the pack takes a while to make) circulates nothing more.
            taken = edits.take_token(edits.token_posted(request), request.user)
            pack = services.circulate_pack(
                meeting, acting_user=request.user, reason=request.POST.get("reason", "")
            )
            edits.note_result(taken, _meeting_url(meeting), pack)
    except edits.DuplicateSubmission as duplicate:
        return render(request, "core/duplicate.html", {"first": duplicate.first}, status=409)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Version %(version)s of the pack is circulated and frozen.") % {"version": pack.version},
        )
    return HttpResponseRedirect(_meeting_url(meeting))


def _child_edit(
    request: HttpRequest,
    slug: str,
    pk: int,
    item: int | None,
    *,
    model: type[Any],
    form_class: type[Any],
    save: Any,
    title: str,
    form_kwargs: Any = None,
    remove: str = "",
) -> HttpResponse:
    """Add or change one row of a meeting (participant, agenda item, decision, action point); `remove`
    names the URL of the row's removal page, when it has one."""

    def meeting_of(p: Programme) -> Meeting:
        return selectors.meeting_for(request.user, p, pk, Action.STEER)

    def to_meeting(e: Editing, *_result: object) -> str:
        return _meeting_url(e.instance.meeting)

    return scoped_edit(
        request,
        slug,
        item,
        new=lambda p: model(meeting=meeting_of(p)),
        existing=lambda p, _item: model.objects.filter(meeting=meeting_of(p)),
        form_class=form_class,
        form_kwargs=(lambda e: form_kwargs(e.instance.meeting)) if form_kwargs else None,
        service=save,
        success=to_meeting,
        back=to_meeting,
        title=lambda e: f"{title} · {e.instance.meeting}",
        remove=(lambda e: reverse(remove, args=[slug, pk, e.instance.pk])) if remove else None,
    )


def _child_remove(
    request: HttpRequest,
    slug: str,
    pk: int,
    item: int,
    *,
    model: type[Any],
    service: Any,
    refusal: Any,
    fields: tuple[str, ...],
    title: str,
) -> HttpResponse:
    """Remove one row of a meeting entered by mistake (participant, agenda item, decision)."""

    def meeting_of(p: Programme) -> Meeting:
        return selectors.meeting_for(request.user, p, pk, Action.STEER)

    return scoped_remove(
        request,
        slug,
        item,
        existing=lambda p, _item: model.objects.filter(meeting=meeting_of(p)),
        service=service,
        refusal=refusal,
        fields=fields,
        back=lambda e: _meeting_url(e.instance.meeting),
        title=title,
    )


@login_required
def participant_remove(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    return _child_remove(
        request,
        slug,
        pk,
        item,
        model=Participant,
        service=services.remove_participant,
        refusal=services.participant_removal_refusal,
        fields=("name", "position", "organisation", "sex", "attendance"),
        title=_("Participant"),
    )


@login_required
def agenda_remove(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    return _child_remove(
        request,
        slug,
        pk,
        item,
        model=AgendaItem,
        service=services.remove_agenda_item,
        refusal=services.agenda_item_removal_refusal,
        fields=("order", "title", "presenter", "duration_minutes", "notes"),
        title=_("Agenda item"),
    )


@login_required
def decision_remove(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    return _child_remove(
        request,
        slug,
        pk,
        item,
        model=Decision,
        service=services.remove_decision,
        refusal=services.decision_removal_refusal,
        fields=("kind", "text"),
        title=_("Decision"),
    )


@login_required
def participant_edit(request: HttpRequest, slug: str, pk: int, item: int | None = None) -> HttpResponse:
    return _child_edit(
        request,
        slug,
        pk,
        item,
        model=Participant,
        form_class=ParticipantForm,
        save=services.save_participant,
        title=_("Participant"),
        remove="steering:participant_remove",
    )


@login_required
def agenda_edit(request: HttpRequest, slug: str, pk: int, item: int | None = None) -> HttpResponse:
    return _child_edit(
        request,
        slug,
        pk,
        item,
        model=AgendaItem,
        form_class=AgendaItemForm,
        save=services.save_agenda_item,
        title=_("Agenda item"),
        form_kwargs=lambda m: {"meeting": m, "open_points": carried_forward_action_points(m)},
        remove="steering:agenda_remove",
    )


@login_required
def speaker_edit(
    request: HttpRequest, slug: str, pk: int, item: int, speaker: int | None = None
) -> HttpResponse:
    """Who spoke to an agenda item and their key message."""

    def agenda_item_of(p: Programme) -> AgendaItem:
        meeting = selectors.meeting_for(request.user, p, pk, Action.STEER)
        return get_object_or_404(
            AgendaItem.objects.select_related("meeting__group"), meeting=meeting, pk=item
        )

    def to_meeting(e: Editing, *_result: object) -> str:
        return _meeting_url(e.instance.agenda_item.meeting)

    return scoped_edit(
        request,
        slug,
        speaker,
        item_action=Action.STEER,
        new=lambda p: Speaker(agenda_item=agenda_item_of(p)),
        existing=lambda p, _speaker: Speaker.objects.filter(agenda_item=agenda_item_of(p)),
        form_class=SpeakerForm,
        service=services.save_speaker,
        success=to_meeting,
        back=to_meeting,
        title=lambda e: _("Speaker · %(item)s") % {"item": e.instance.agenda_item.title},
    )


@login_required
def decision_add(request: HttpRequest, slug: str, pk: int, item: int | None = None) -> HttpResponse:
    return _child_edit(
        request,
        slug,
        pk,
        item,
        model=Decision,
        form_class=DecisionForm,
        save=services.record_decision,
        title=_("Decision"),
    )


@login_required
def action_point_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _child_edit(
        request,
        slug,
        pk,
        None,
        model=ActionPoint,
        form_class=ActionPointForm,
        save=services.record_action_point,
        title=_("Action point"),
    )


# ---- pack, minutes, news ------------------------------------------------------------------------


@login_required
def pack_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk)
    document = build_pack(meeting)
    return render(
        request,
        "steering/pack.html",
        {
            "programme": programme,
            "meeting": meeting,
            "report": render_html(document),
            "may_circulate": selectors.may_steer(request.user, meeting)
            and meeting.status in (MeetingStatus.PLANNED, MeetingStatus.PACK_CIRCULATED),
            "packs": list(MeetingPack.objects.filter(meeting=meeting)),
        },
    )


@login_required
def pack_download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk)
    document = build_pack(meeting)
    if fmt == "pdf":
        return _download(render_pdf(document), _stem(meeting, "pack") + ".pdf", "application/pdf")
    return _download(render_docx(document), _stem(meeting, "pack") + ".docx", DOCX)


@login_required
def pack_file(request: HttpRequest, slug: str, pk: int, version: int, fmt: str) -> HttpResponseBase:
    """A circulated pack exactly as it was frozen."""
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk)
    pack = MeetingPack.objects.filter(meeting=meeting, version=version).first()
    if pack is None or fmt not in ("pdf", "docx"):
        raise Http404
    stored = pack.pdf if fmt == "pdf" else pack.docx
    mark_seen(request.user, meeting)  # the pack is read: it leaves the observer's tasks
    return serve_stored_file(stored, download_name=f"{_stem(meeting, 'pack')}-v{version}.{fmt}")


@login_required
def minutes_download(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk)
    document = build_minutes(meeting)
    if fmt == "pdf":
        return _download(render_pdf(document), _stem(meeting, "minutes") + ".pdf", "application/pdf")
    return _download(render_docx(document), _stem(meeting, "minutes") + ".docx", DOCX)


@login_required
def news_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from django.conf import settings

    programme = programme_for(request.user, slug)
    meeting = selectors.meeting_for(request.user, programme, pk)
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    if language not in languages:
        language = settings.LANGUAGE_CODE
    may_steer = selectors.may_steer(request.user, meeting)
    saved = NewsDraft.objects.filter(meeting=meeting, language=language).first()
    draft = saved or NewsDraft(meeting=meeting, language=language)
    # The material ticked in the form above the draft (indicators, lots in progress, risks) goes
    # into a draft written again from the meeting's data.
    material_form = NewsMaterialForm(
        request.GET if request.GET.get("regenerate") else None, choices=news_choices(meeting)
    )
    if saved is None or request.GET.get("regenerate"):
        text = draft_news(meeting.pk, language, material_form.material())
        with translation.override(language):  # the draft's own language's versions
            draft.title, draft.body = text.title, text.body
    if request.method == "POST" and not may_steer:
        raise Http404
    form = NewsDraftForm(posted(request), instance=draft)
    # The version of the saved draft, or of none: a draft saved meanwhile by someone else is seen.
    edits.carry_version(form, lambda: versions.version_of([saved] if saved else []))
    if request.method == "POST":
        answer = save_posted(
            request,
            form,
            save=lambda f: services.save_news_draft(
                f.instance, acting_user=request.user, seen_version=edits.seen_version(f)
            ),
            success_url=reverse("steering:news", args=[programme.slug, meeting.pk]) + f"?lang={language}",
            saved_message=_("The draft news item is saved."),
        )
        if answer is not None:
            return answer
    return render(
        request,
        "steering/news.html",
        {
            "programme": programme,
            "meeting": meeting,
            "form": form,
            "saved": saved,
            "language": language,
            "news_languages": settings.LANGUAGES,
            "may_steer": may_steer,
            "material_form": material_form,
            "paragraphs": [
                p for p in (_in_language(form.instance, "body", language) or "").split("\n\n") if p.strip()
            ],
            "draft_title": _in_language(form.instance, "title", language),
        },
        status=_post_status(request, form),
    )


def _in_language(draft: NewsDraft, field: str, language: str) -> str:
    with translation.override(language):
        return str(getattr(draft, field) or "")


# ---- action points ------------------------------------------------------------------------------


@login_required
def action_point_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    show = request.GET.get("show", "open")
    if show not in ("open", "overdue", "all"):
        show = "open"
    today = datetime.date.today()
    points = selectors.action_point_list(request.user, programme, show=show, today=today)
    if fmt := requested_format(request):
        table = exports.action_points_table(points, today)
        return export_response(table, fmt, export_name(programme, "action-points"))
    return render(
        request,
        "steering/action_points.html",
        {
            "programme": programme,
            "points": points,
            "show": show,
            "today": today,
        },
    )


def _may_steer_point(user: Any, point: ActionPoint) -> bool:
    return selectors.may_steer(user, point.meeting)


@login_required
def action_point_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The action point, its follow-up notes, and (for its owner or the secretariat) a follow-up form."""
    programme = programme_for(request.user, slug)
    point = selectors.action_point_for(request.user, programme, pk)
    may_steer = _may_steer_point(request.user, point)
    may_follow_up = not point.is_closed and (may_steer or selectors.may_respond(request.user, point))
    if request.method == "POST" and not may_follow_up:
        raise Http404
    form = FollowUpForm(posted(request), initial={"status": point.status})
    edits.carry_version(form, lambda: versions.stored_version(point))
    edits.carry_token(form)
    if request.method == "POST":

        def follow_up(f: FollowUpForm) -> Any:
            versions.expect_version(point, edits.seen_version(f))
            return services.update_action_point_status(
                point, acting_user=request.user, status=f.cleaned_data["status"], note=f.cleaned_data["note"]
            )

        answer = save_posted(
            request,
            form,
            save=follow_up,
            success_url=reverse("steering:action_point", args=[programme.slug, point.pk]),
            saved_message=_("Follow-up recorded."),
            show_stale=lambda f, stale: {"status": cast(ActionPoint, stale.current[0]).get_status_display()},
        )
        if answer is not None:
            return answer
    return render(
        request,
        "steering/action_point.html",
        {
            "programme": programme,
            "point": point,
            "notes": selectors.notes_of(point),
            "form": form if may_follow_up else None,
            "may_steer": may_steer and not point.is_closed,
            "today": datetime.date.today(),
        },
        status=_post_status(request, form),
    )


@login_required
def action_point_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def point_of(p: Programme, pk: int) -> ActionPoint:
        point = selectors.action_point_for(request.user, p, pk)
        if not _may_steer_point(request.user, point):
            raise Http404
        return point

    def to_point(e: Editing, *_result: object) -> str:
        return reverse("steering:action_point", args=[e.programme.slug, e.instance.pk])

    return scoped_edit(
        request,
        slug,
        pk,
        existing=point_of,
        form_class=ActionPointForm,
        service=services.record_action_point,
        success=to_point,
        back=to_point,
        title=_("Action point"),
    )


@login_required
def action_point_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    point = selectors.action_point_for(request.user, programme, pk)
    if not _may_steer_point(request.user, point):
        raise Http404
    meetings = _closing_meetings(programme, point)
    form = CloseForm(posted(request), meetings=meetings)

    def close(f: CloseForm) -> ActionPoint:
        versions.expect_version(point, edits.seen_version(f))
        return services.close_action_point(
            point,
            acting_user=request.user,
            note=f.cleaned_data["closing_note"],
            closed_on=f.cleaned_data["closed_on"],
            closed_at=f.cleaned_data["closed_at"],
        )

    return edit_page(
        request,
        form=form,
        save=close,
        version=lambda: versions.stored_version(point),
        template=FORM,
        success_url=reverse("steering:action_point", args=[programme.slug, point.pk]),
        context={
            "programme": programme,
            "title": _("Close the action point"),
            "cancel_url": reverse("steering:action_point", args=[programme.slug, point.pk]),
        },
        saved_message=_("The action point is closed."),
    )


def _closing_meetings(programme: Programme, point: ActionPoint) -> Any:
    """Meetings an action point can be closed at: later meetings of its group or of the regional group."""
    from django.db.models import Q

    from .models import GroupKind

    return (
        Meeting.objects.filter(
            Q(group=point.meeting.group) | Q(group__programme=programme, group__kind=GroupKind.REGIONAL),
            start_date__gte=point.meeting.start_date,
        )
        .select_related("group")
        .exclude(pk=point.meeting_id)
    )
