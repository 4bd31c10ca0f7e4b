"""Meetings, their decisions and the action points as export tables, from what the pages read."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Table

from .models import ActionPoint, ActionStatus, Decision, Meeting


def action_points_table(points: Sequence[ActionPoint], today: datetime.date) -> Table:
    columns = [
        Column(_("Action")),
        Column(_("Raised at")),
        Column(_("Meeting date"), "date"),
        Column(_("Owner")),
        Column(_("Due"), "date"),
        Column(_("Status")),
        Column(_("Overdue")),
        Column(_("Closed on"), "date"),
        Column(_("Closing note")),
    ]
    rows = (
        (
            p.text,
            str(p.meeting),
            p.meeting.start_date,
            p.owner,
            p.due_date,
            p.get_status_display(),
            _("overdue") if p.status != ActionStatus.CLOSED and p.due_date < today else "",
            p.closed_on,
            p.closing_note,
        )
        for p in points
    )
    return Table(_("Action points"), columns, rows)


def meetings_table(meetings: Sequence[Meeting]) -> Table:
    columns = [
        Column(_("Meeting")),
        Column(_("Group")),
        Column(_("Date"), "date"),
        Column(_("Place")),
        Column(_("Period reviewed")),
        Column(_("Status")),
        Column(_("Open action points"), "number"),
    ]
    rows = (
        (
            str(m),
            str(m.group),
            m.start_date,
            m.place,
            m.period.label if m.period else "",
            m.get_status_display(),
            getattr(m, "open_points", None),
        )
        for m in meetings
    )
    return Table(_("Meetings"), columns, rows, name="meetings")


def decisions_table(decisions: QuerySet[Decision]) -> Table:
    columns = [Column(_("Meeting")), Column(_("Date"), "date"), Column(_("Kind")), Column(_("Decision"))]
    rows = (
        (str(d.meeting), d.meeting.start_date, d.get_kind_display(), d.text)
        for d in decisions.select_related("meeting__group").order_by("meeting__start_date", "id")
    )
    return Table(_("Decisions"), columns, rows, name="decisions")
