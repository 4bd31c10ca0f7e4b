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
def export_links(context: dict, *parts: str) -> dict:  # type: ignore[type-arg]
    """The "Export" control of a list page: the page's own address and filters, asking for a file.

    A page with several tables names them as pairs of key and title
    (`{% export_links "lots" _("Procurement") "handovers" _("Handovers") %}`): the workbook holds them
    all, a sheet each, and a CSV file is offered for each table, since a CSV file holds one table."""
    request = context["request"]
    query = request.GET.copy()
    for key in ("page", "export", "table"):
        query.pop(key, None)
    links = []
    for fmt in ("xlsx", "csv"):
        query["export"] = fmt
        links.append((fmt, "?" + query.urlencode()))
    tables = []
    query["export"] = "csv"
    for key, title in zip(parts[::2], parts[1::2], strict=True):
        query["table"] = key
        tables.append((title, "?" + query.urlencode()))
    if tables:
        links = links[:1]
    return {"links": links, "tables": tables}
