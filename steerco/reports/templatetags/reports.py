"""Template helpers for report documents."""

from __future__ import annotations

from django import template

from steerco.reports.charts import chart_data_uri
from steerco.reports.document import Chart

register = template.Library()


@register.filter
def chart_uri(chart: Chart) -> str:
    return chart_data_uri(chart)


@register.inclusion_tag("reports/_export.html", takes_context=True)
def export_links(context: dict) -> dict:  # type: ignore[type-arg]
    """The "Export" control of a list page: the page's own address and filters, asking for a file."""
    request = context["request"]
    query = request.GET.copy()
    for key in ("page", "export"):
        query.pop(key, None)
    links = []
    for fmt in ("xlsx", "csv"):
        query["export"] = fmt
        links.append((fmt, "?" + query.urlencode()))
    return {"links": links}
