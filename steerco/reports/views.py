"""The donor tables: the IPTT and the EU logframe matrix, as a page and as files."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from steerco.core.uploads import download_response
from steerco.programmes.selectors import programme_for
from steerco.results.models import Level

from .export import XLSX_TYPE, export_name, render_xlsx
from .grid import render_grid_docx, render_grid_html, render_grid_pdf, shown
from .iptt import KINDS, IpttOptions, build_iptt
from .logframe_matrix import assemble_logframe_matrix, document_table, workbook_table
from .translations import may_see
from .translations import missing_translations as missing_in

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("xlsx", "docx", "pdf")


@login_required
def iptt(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    programme = programme_for(request.user, slug)
    if fmt and fmt not in FORMATS:
        raise Http404
    kinds = {p.kind for p in programme.periods.all()}
    default_kind = kinds.pop() if len(kinds) == 1 else "year"
    options = IpttOptions.from_query(request.GET, default_kind)
    report = build_iptt(request.user, programme, options)
    name = export_name(programme, "iptt" + ("-full" if options.full else ""))
    if fmt == "xlsx":
        return download_response(render_xlsx(report.tables), name + ".xlsx", XLSX_TYPE)
    tables = [shown(t) for t in report.tables]
    title = report.table.preamble[0]
    if fmt == "docx":
        return download_response(render_grid_docx(tables, title), name + ".docx", DOCX_TYPE)
    if fmt == "pdf":
        return download_response(render_grid_pdf(tables, title), name + ".pdf", "application/pdf")
    return render(
        request,
        "reports/iptt.html",
        {
            "programme": programme,
            "options": options,
            "report": report,
            "grid": render_grid_html(tables),
            "query": request.GET.urlencode(),
            "components": list(programme.components.all()),
            "levels": Level.choices,
            "kinds": [(k.value, k.label) for k in KINDS],
            "range_from": _range_choices([(g.start, g.label) for g in report.choices], options.start),
            "range_to": _range_choices([(g.end, g.label) for g in report.choices], options.end),
        },
    )


def _range_choices(
    days: list[tuple[datetime.date, str]], chosen: datetime.date | None
) -> list[tuple[str, str, bool]]:
    """The range's options, the programme's own periods by name; a date from an older link that is
    none of theirs is kept as an option of its own, so the form says what the report shows."""
    options = [(day.isoformat(), label, day == chosen) for day, label in days]
    if chosen is not None and all(day != chosen for day, _label in days):
        options.append((chosen.isoformat(), chosen.isoformat(), True))
        options.sort(key=lambda o: o[0])
    return options


@login_required
def logframe_matrix(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    programme = programme_for(request.user, slug)
    if fmt and fmt not in FORMATS:
        raise Http404
    milestones = request.GET.get("milestones") == "1"
    matrix = assemble_logframe_matrix(request.user, programme, milestones=milestones)
    name = export_name(programme, "logframe-matrix")
    if fmt == "xlsx":
        return download_response(render_xlsx([workbook_table(matrix)]), name + ".xlsx", XLSX_TYPE)
    table = document_table(matrix)
    grid = [shown(table)]
    title = table.preamble[0]
    if fmt == "docx":
        return download_response(render_grid_docx(grid, title), name + ".docx", DOCX_TYPE)
    if fmt == "pdf":
        return download_response(render_grid_pdf(grid, title), name + ".pdf", "application/pdf")
    return render(
        request,
        "reports/logframe_matrix.html",
        {
            "programme": programme,
            "milestones": milestones,
            "grid": render_grid_html(grid),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def missing_translations(request: HttpRequest, slug: str) -> HttpResponse:
    """What is left to translate: for the people who write the programme's texts, within their scope."""
    programme = programme_for(request.user, slug)
    if not may_see(request.user, programme):
        raise Http404
    meeting = request.GET.get("meeting", "")
    report = missing_in(
        request.user,
        programme,
        language=request.GET.get("language") or None,
        meeting_id=int(meeting) if meeting.isdigit() else None,
    )
    return render(request, "reports/translations.html", {"programme": programme, "report": report})
