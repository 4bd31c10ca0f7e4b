"""The programme timeline drawn as a small inline SVG: start, current end, extensions, today."""

from __future__ import annotations

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import AmendmentKind, Programme, ProgrammeTerms

WIDTH = 600
LEFT = 10
RIGHT = 590


def timeline_svg(
    programme: Programme, terms: ProgrammeTerms, today: datetime.date | None = None
) -> SafeString:
    today = today or datetime.date.today()
    start = programme.planned_start
    end = max(terms.end, programme.planned_end)
    span = max((end - start).days, 1)

    def x(day: datetime.date) -> float:
        return LEFT + (RIGHT - LEFT) * min(max((day - start).days, 0), span) / span

    planned = x(programme.planned_end)
    marks = [
        (x(a.new_end_date), a.new_end_date.isoformat(), a.get_kind_display())
        for a, _b, _e in terms.history
        if a.kind in (AmendmentKind.EXTENSION, AmendmentKind.NO_COST_EXTENSION) and a.new_end_date
    ]
    elapsed = x(today)
    title = _("Timeline from %(start)s to %(end)s") % {
        "start": start.isoformat(),
        "end": terms.end.isoformat(),
    }
    return format_html(
        '<svg class="timeline" viewBox="0 0 {w} 66" role="img" aria-label="{title}">'
        "<title>{title}</title>"
        '<rect x="{l}" y="22" width="{pw}" height="16" class="tl-planned"/>'
        '<rect x="{planned}" y="22" width="{ew}" height="16" class="tl-extension"/>'
        '<rect x="{l}" y="33" width="{elapsed_w}" height="5" class="tl-elapsed"/>'
        "{marks}"
        '<line x1="{elapsed}" x2="{elapsed}" y1="17" y2="44" class="tl-today"/>'
        '<text x="{l}" y="62" class="tl-label">{start}</text>'
        '<text x="{r}" y="62" text-anchor="end" class="tl-label">{end}</text>'
        '<text x="{elapsed}" y="14" text-anchor="{anchor}" class="tl-label">{today_label}</text>'
        "</svg>",
        w=WIDTH,
        title=title,
        l=LEFT,
        r=RIGHT,
        pw=f"{planned - LEFT:.1f}",
        planned=f"{planned:.1f}",
        ew=f"{max(x(terms.end) - planned, 0):.1f}",
        elapsed=f"{elapsed:.1f}",
        elapsed_w=f"{elapsed - LEFT:.1f}",
        marks=format_html_join(
            "",
            '<line x1="{0}" x2="{0}" y1="19" y2="42" class="tl-mark"><title>{2} → {1}</title></line>',
            ((f"{mx:.1f}", label, kind) for mx, label, kind in marks),
        ),
        start=start.isoformat(),
        end=terms.end.isoformat(),
        today_label=_("today"),
        anchor="end" if elapsed > RIGHT - 50 else "start" if elapsed < LEFT + 50 else "middle",
    )
