"""The procurement pipeline drawn as an inline SVG: per lot, planned windows against actual dates."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from steerco.core.dates import within_window

from .models import ProcurementLot

WIDTH = 760
LABEL = 170
RIGHT = 750
ROW = 24
TOP = 22


def pipeline_svg(lots: Sequence[ProcurementLot], today: datetime.date) -> SafeString:
    """One row per lot: a light box for each planned window, a dot for each actual date, red for delay.

    Reads the lots' prefetched steps only.
    """
    rows = [(lot, list(lot.steps.all())) for lot in lots]
    days = [within_window(today)]
    for _lot, steps in rows:
        for step in steps:
            # A value stored before the date window was kept is drawn at the window's edge.
            days += [within_window(d) for d in (step.planned_date, step.deadline, step.actual_date) if d]
    if not rows:
        return SafeString("")
    start = datetime.date(min(days).year, 1, 1)
    end = datetime.date(max(days).year + 1, 1, 1)
    span = (end - start).days

    def x(day: datetime.date) -> float:
        return LABEL + (RIGHT - LABEL) * (within_window(day) - start).days / span

    height = TOP + ROW * len(rows) + 8
    ticks = format_html_join(
        "",
        '<line x1="{0}" x2="{0}" y1="14" y2="{1}" class="pl-grid"/>'
        '<text x="{2}" y="12" class="tl-label" text-anchor="middle">{3}</text>',
        (
            (f"{x(datetime.date(year, 1, 1)):.1f}", height, f"{x(datetime.date(year, 7, 1)):.1f}", year)
            for year in range(start.year, end.year)
        ),
    )
    parts = []
    for index, (lot, steps) in enumerate(rows):
        y = TOP + ROW * index + ROW / 2
        shapes = []
        for step in steps:
            label = step.get_stage_display()
            deadline = step.deadline
            if step.planned_date and deadline:
                shapes.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="10" class="pl-planned">'
                        "<title>{}: {} {}</title></rect>",
                        f"{x(step.planned_date):.1f}",
                        f"{y - 5:.1f}",
                        f"{max(x(deadline) - x(step.planned_date), 3):.1f}",
                        label,
                        _("planned"),
                        step.planned_label,
                    )
                )
            delay = step.delay_days(today)
            if deadline and delay and delay > 0:
                until = step.actual_date or today
                shapes.append(
                    format_html(
                        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="pl-late{}"/>',
                        f"{x(deadline):.1f}",
                        f"{x(until):.1f}",
                        f"{y:.1f}",
                        f"{y:.1f}",
                        "" if step.actual_date else " open",
                    )
                )
            if step.actual_date:
                shapes.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="4" class="pl-actual"><title>{}: {}</title></circle>',
                        f"{x(step.actual_date):.1f}",
                        f"{y:.1f}",
                        label,
                        step.actual_date.isoformat(),
                    )
                )
        parts.append(
            format_html(
                '<g><text x="4" y="{}" class="pl-lot">{}</text>{}</g>',
                f"{y + 4:.1f}",
                (lot.reference or lot.title)[:26],
                SafeString("".join(shapes)),
            )
        )
    return format_html(
        '<svg class="pipeline" viewBox="0 0 {w} {h}" role="img" aria-label="{title}">{ticks}'
        '<line x1="{today}" x2="{today}" y1="14" y2="{h}" class="tl-today"/>{rows}</svg>',
        w=WIDTH,
        h=height,
        title=_("Procurement pipeline: planned windows and actual dates"),
        ticks=ticks,
        today=f"{x(today):.1f}",
        rows=SafeString("".join(parts)),
    )
