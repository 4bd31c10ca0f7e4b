"""Template helpers for report documents."""

from __future__ import annotations

from django import template

from steerco.reports.charts import chart_data_uri
from steerco.reports.document import Chart

register = template.Library()


@register.filter
def chart_uri(chart: Chart) -> str:
    return chart_data_uri(chart)
