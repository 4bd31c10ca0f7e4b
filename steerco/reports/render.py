"""One report document, three renderings: an HTML fragment for the page, a PDF, a Word document."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt, RGBColor

from .charts import chart_bytes
from .document import BulletList, Chart, Facts, Paragraph, ReportDocument, Table

TONE_COLOURS = {
    "ok": RGBColor(0x2E, 0x7D, 0x4F),
    "bad": RGBColor(0xB3, 0x26, 0x1E),
    "warn": RGBColor(0xB2, 0x6A, 0x00),
}


def render_html(document: ReportDocument) -> str:
    """The document as an HTML fragment, for a page that extends the site's layout."""
    return render_to_string("reports/_document.html", {"doc": document})


def render_pdf(document: ReportDocument) -> bytes:
    from weasyprint import HTML

    from .fetcher import StaticOnlyFetcher

    html = render_to_string("reports/print.html", {"doc": document})
    # No base URL: a relative address in the document resolves to nothing, and the fetcher refuses
    # everything but the project's static files and the charts.
    fetcher = StaticOnlyFetcher()
    return HTML(string=html, url_fetcher=fetcher).write_pdf()  # type: ignore[no-any-return]


# What XML 1.0 cannot hold (control characters but tab and line breaks): python-docx refuses it.
NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: Any) -> Any:
    """The document (or any part of it) with characters XML cannot hold replaced by spaces."""
    if isinstance(value, str):
        return NOT_IN_XML.sub(" ", value)
    if isinstance(value, list):
        return [xml_safe(v) for v in value]
    if isinstance(value, tuple):
        return tuple(xml_safe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        )
    return value


def a4(docx: Any, *, landscape: bool) -> None:
    """Every section of a Word file on A4 (turned when asked), with 15 mm margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    for section in docx.sections:
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(15))


def render_docx(document: ReportDocument) -> bytes:
    # A form feed typed into a group's name must not make the Word file fail.
    document = xml_safe(document)
    docx = new_docx()
    a4(docx, landscape=False)  # python-docx starts from US Letter; the PDF is A4
    style = docx.styles["Normal"]
    style.font.name = "Calibri"  # type: ignore[attr-defined]
    style.font.size = Pt(10)  # type: ignore[attr-defined]
    docx.core_properties.title = document.title
    docx.core_properties.created = document.generated_at
    docx.add_heading(document.title, level=0)
    if document.subtitle:
        docx.add_paragraph(document.subtitle).runs[0].italic = True
    if document.facts:
        _facts(docx, document.facts)
    for number, section in enumerate(document.sections, start=1):
        docx.add_heading(f"{number}. {section.title}", level=1)  # numbered as the page and the PDF are
        for block in section.blocks:
            _block(docx, block)
    footer = docx.sections[0].footer.paragraphs[0]
    footer.text = document.footer or _("Generated on %(date)s") % {
        "date": document.generated_at.strftime("%Y-%m-%d %H:%M")
    }
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _block(docx: Any, block: Any) -> None:
    if isinstance(block, Paragraph):
        paragraph = docx.add_paragraph(block.text)
        if block.tone:
            paragraph.runs[0].italic = True
    elif isinstance(block, BulletList):
        for item in block.items:
            docx.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Facts):
        _facts(docx, block.items)
    elif isinstance(block, Table):
        _table(docx, block)
    elif isinstance(block, Chart):
        docx.add_picture(io.BytesIO(chart_bytes(block, "png")), width=Inches(6))


def _facts(docx: Any, items: list[tuple[str, str]]) -> None:
    table = docx.add_table(rows=0, cols=2)
    for label, value in items:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value
    docx.add_paragraph()


def _table(docx: Any, block: Table) -> None:
    if block.caption:
        docx.add_paragraph(block.caption).runs[0].bold = True
    if not block.rows:
        docx.add_paragraph(block.empty).runs[0].italic = True
        return
    table = docx.add_table(rows=1, cols=len(block.columns))
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, title in enumerate(block.columns):
        table.rows[0].cells[index].text = title
    for row_index, row in enumerate(block.rows):
        cells = table.add_row().cells
        for index, cell in enumerate(row):
            paragraph = cells[index].paragraphs[0]
            run = paragraph.add_run(cell.text)
            run.bold = cell.strong or (block.total_last and row_index == len(block.rows) - 1)
            if cell.tone in TONE_COLOURS:
                run.font.color.rgb = TONE_COLOURS[cell.tone]
            if index in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx.add_paragraph()
