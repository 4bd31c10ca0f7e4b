"""The overdue action points box that dashboards show."""

from __future__ import annotations

import datetime
from typing import Any

from django import template

from steerco.programmes.models import Programme
from steerco.steering import selectors

register = template.Library()


@register.inclusion_tag("steering/_overdue.html", takes_context=True)
def overdue_action_points(context: dict[str, Any], programme: Programme, country: str = "") -> dict[str, Any]:
    """Open action points past due in what the reader sees, one query; on a country page, that country's."""
    today = datetime.date.today()
    points = selectors.overdue_action_points(context["request"].user, programme, today)
    if country:
        code = str(country).upper()
        points = [p for p in points if str(p.country) == code]
    return {"programme": programme, "points": points, "today": today}
