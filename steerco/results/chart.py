"""Target against actual across periods, drawn as a small inline SVG."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from steerco.core.numbers import format_number

WIDTH = 600
HEIGHT = 220
LEFT = 56
RIGHT = 590
TOP = 14
BOTTOM = 180


def progress_chart_svg(
    rows: Sequence[tuple[str, Decimal | None, Decimal | None]], unit: str = ""
) -> SafeString:
    """`rows` are (period label, actual to date, expected to date); a missing actual leaves a gap."""
    values = [v for _label, a, t in rows for v in (a, t) if v is not None]
    top = max(values, default=Decimal(0))
    top = top * Decimal("1.1") if top > 0 else Decimal(1)
    n = max(len(rows), 1)
    step = (RIGHT - LEFT) / n

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(v: Decimal) -> float:
        return BOTTOM - float(v / top) * (BOTTOM - TOP)

    bars = []
    for i, (_label, actual, _target) in enumerate(rows):
        if actual is not None:
            bars.append(
                (
                    f"{x(i) - step * 0.3:.1f}",
                    f"{y(actual):.1f}",
                    f"{step * 0.6:.1f}",
                    f"{BOTTOM - y(actual):.1f}",
                    format_number(actual, 1),
                )
            )
    target_points = " ".join(f"{x(i):.1f},{y(t):.1f}" for i, (_l, _a, t) in enumerate(rows) if t is not None)
    labels = ((f"{x(i):.1f}", BOTTOM + 16, label) for i, (label, _a, _t) in enumerate(rows))
    title = _("Target and actual to date, by period") + (f" ({unit})" if unit else "")
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{title}">'
        '<line x1="{l}" x2="{r}" y1="{b}" y2="{b}" class="ch-axis"/>'
        '<text x="{lx}" y="{ty}" text-anchor="end" class="ch-label">{top}</text>'
        '<text x="{lx}" y="{b}" text-anchor="end" class="ch-label">0</text>'
        "{bars}{target}{labels}"
        '<g class="ch-legend"><rect x="{l}" y="{ly}" width="10" height="10" class="ch-actual"/>'
        '<text x="{l2}" y="{lt}" class="ch-label">{actual_label}</text>'
        '<line x1="{l3}" x2="{l4}" y1="{lm}" y2="{lm}" class="ch-target"/>'
        '<text x="{l5}" y="{lt}" class="ch-label">{target_label}</text></g>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        l=LEFT,
        r=RIGHT,
        b=BOTTOM,
        lx=LEFT - 6,
        ty=TOP + 4,
        top=format_number(top / Decimal("1.1") if values else Decimal(0), 0),
        bars=format_html_join(
            "",
            '<rect x="{0}" y="{1}" width="{2}" height="{3}" class="ch-actual"><title>{4}</title></rect>',
            bars,
        ),
        target=format_html('<polyline points="{}" class="ch-target"/>', target_points)
        if target_points
        else "",
        labels=format_html_join(
            "", '<text x="{0}" y="{1}" text-anchor="middle" class="ch-label">{2}</text>', labels
        ),
        ly=HEIGHT - 16,
        lt=HEIGHT - 7,
        l2=LEFT + 14,
        l3=LEFT + 120,
        l4=LEFT + 140,
        lm=HEIGHT - 11,
        l5=LEFT + 146,
        actual_label=_("actual to date"),
        target_label=_("target to date"),
    )
