"""The minutes of a meeting: attendance, agenda notes, decisions and action points, from one assembly."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from steerco.core.content import DEFAULT_LANGUAGE, document_language
from steerco.programmes.models import Sex
from steerco.steering.models import ActionPoint, AgendaItem, Decision, Meeting, Participant, Speaker

from .document import BulletList, Cell, Paragraph, ReportDocument, Section, Table
from .pack import iso, meeting_label


def build_minutes(
    meeting: Meeting | int, *, generated_at: datetime.datetime | None = None, language: str | None = None
) -> ReportDocument:
    """The minutes in `language` (the active one by default), with the texts' versions in it."""
    programme = meeting.group.programme if isinstance(meeting, Meeting) else None
    with document_language(language or get_language() or DEFAULT_LANGUAGE, programme):
        return _build_minutes(meeting, generated_at=generated_at)


def _build_minutes(
    meeting: Meeting | int, *, generated_at: datetime.datetime | None = None
) -> ReportDocument:
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    m = Meeting.objects.select_related(
        "group__programme",
        "period",
        "moderator",
        "opened_by_person__organisation",
        "moderated_by_person__organisation",
    ).get(pk=meeting_id)
    participants = list(Participant.objects.filter(meeting=m).select_related("organisation", "person"))
    agenda = list(
        AgendaItem.objects.filter(meeting=m)
        .select_related(
            "component", "action_point", "indicator", "procurement_lot", "presenter_person__organisation"
        )
        .prefetch_related(
            Prefetch("speakers", queryset=Speaker.objects.select_related("person__organisation"))
        )
    )
    decisions = list(Decision.objects.filter(meeting=m))
    raised = list(
        ActionPoint.objects.filter(meeting=m)
        .select_related("owner_organisation", "owner_record")
        .order_by("id")
    )
    closed = list(
        ActionPoint.objects.filter(closed_at=m)
        .select_related("meeting__group", "owner_organisation", "owner_record")
        .order_by("id")
    )
    present = [p for p in participants if p.attended]
    women, men = count_women_and_men(participants)
    organisations = sorted({str(p.organisation) for p in present})
    generated_at = generated_at or timezone.now()
    dates = m.start_date.isoformat() + (f" – {m.end_date.isoformat()}" if m.end_date else "")
    facts = [
        (_("Date"), dates),
        (_("Place"), " · ".join(p for p in (m.place, str(m.get_mode_display()).lower()) if p)),
        (_("Period reviewed"), m.period.label),
        (_("Status"), str(m.get_status_display())),
    ]
    if m.opened_by_shown:
        facts.append((_("Opened by"), m.opened_by_shown))
    if m.moderated_by_shown:
        facts.append((_("Moderated by"), m.moderated_by_shown))
    sections = [
        Section(
            key="attendance",
            title=_("Attendance"),
            blocks=[
                Paragraph(
                    _("%(present)s present (%(women)s women, %(men)s men) from %(orgs)s organisations.")
                    % {"present": len(present), "women": women, "men": men, "orgs": len(organisations)}
                ),
                Table(
                    columns=[_("Name"), _("Position"), _("Organisation"), _("Attendance")],
                    rows=[
                        [
                            Cell(p.shown_name),
                            Cell(p.shown_position or "—"),
                            Cell(str(p.organisation)),
                            Cell(str(p.get_attendance_display()), tone="" if p.attended else "none"),
                        ]
                        for p in participants
                    ],
                    empty=_("No participant recorded."),
                ),
            ],
        ),
        Section(
            key="agenda",
            title=_("Agenda and discussion"),
            blocks=[
                Table(
                    columns=[_("No."), _("Item"), _("Concerns"), _("Presenter"), _("Notes")],
                    rows=[
                        [
                            Cell(str(item.order)),
                            Cell(item.title, strong=True),
                            Cell(item.subject or "—"),
                            Cell(item.shown_presenter or "—"),
                            Cell(item.notes or "—"),
                        ]
                        for item in agenda
                    ],
                    numeric=frozenset({0}),
                    empty=_("No agenda recorded."),
                ),
                *key_messages(agenda),
            ],
        ),
        Section(
            key="decisions",
            title=_("Decisions"),
            blocks=[
                BulletList([f"{d.get_kind_display()}: {d.text}" for d in decisions])
                if decisions
                else Paragraph(_("No decision recorded."), tone="note")
            ],
        ),
        Section(
            key="action_points",
            title=_("Action points"),
            blocks=[
                Table(
                    columns=[_("Action"), _("Owner"), _("Due"), _("Status")],
                    rows=[
                        [
                            Cell(p.text, strong=True),
                            Cell(p.owner),
                            Cell(p.due_date.isoformat()),
                            Cell(str(p.get_status_display())),
                        ]
                        for p in raised
                    ],
                    empty=_("No action point recorded."),
                ),
                Table(
                    columns=[_("Action"), _("Raised at"), _("Closed on"), _("Closing note")],
                    rows=[
                        [
                            Cell(p.text),
                            Cell(meeting_label(p.meeting)),
                            Cell(iso(p.closed_on)),
                            Cell(p.closing_note),
                        ]
                        for p in closed
                    ],
                    caption=_("Action points closed at this meeting"),
                    empty=_("None."),
                ),
            ],
        ),
    ]
    return ReportDocument(
        title=_("Minutes: %(meeting)s") % {"meeting": str(m)},
        subtitle=f"{m.group.programme.code} · {m.group.programme.title}",
        facts=facts,
        sections=sections,
        generated_at=generated_at,
        footer=_("Minutes of %(meeting)s") % {"meeting": meeting_label(m)},
        language=get_language() or "en",
    )


def count_women_and_men(participants: list[Participant]) -> tuple[int, int]:
    """Women and men present: a participant recorded as a person counts with the person's sex, one
    who is not with the sex recorded on the participant; a person listed twice counts once."""
    seen: set[int] = set()
    women = men = 0
    for p in participants:
        if not p.attended:
            continue
        if p.person_id is not None:
            if p.person_id in seen:
                continue
            seen.add(p.person_id)
        sex = p.shown_sex
        women += sex == Sex.FEMALE
        men += sex == Sex.MALE
    return women, men


def key_messages(agenda: list[AgendaItem]) -> list[Table]:
    """The speakers of each agenda item with their key messages, when any is recorded."""
    rows = [
        [
            Cell(f"{item.order}. {item.title}" if n == 0 else ""),
            Cell(s.person.name_and_position, strong=True),
            Cell(s.key_message or "—"),
        ]
        for item in agenda
        for n, s in enumerate(item.speakers.all())
    ]
    if not rows:
        return []
    return [
        Table(
            columns=[_("Item"), _("Speaker"), _("Key message")],
            rows=rows,
            caption=_("Speakers and their key messages"),
            empty="",
        )
    ]
