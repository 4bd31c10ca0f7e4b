"""Excel in as a coordinator meets it, in Debian's Chromium: download the template, fill it offline,
upload it, read the preview, fix the marked cell, confirm, and find the value on the entry screen."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command

from .conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _value_cell(sheet: Any) -> tuple[int, int, str]:
    """A row the coordinator may still change, with a plain number value: (row, column, its code)."""
    headers = [str(c.value or "").rstrip(" *") for c in sheet[1]]
    value = headers.index("Value") + 1
    unit = headers.index("Unit") + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, value)
        if not cell.protection.locked and sheet.cell(row, unit).value != "%":
            # A line without disaggregation columns filled keeps the test to one number.
            filled = [
                sheet.cell(row, c).value
                for c, h in enumerate(headers, start=1)
                if ":" in h and sheet.cell(row, c).value not in (None, "")
            ]
            if not filled:
                return row, value, str(sheet.cell(row, 1).value)
    raise AssertionError("the template has no open number line")


def test_a_coordinator_fills_the_template_offline_fixes_a_marked_cell_and_imports(
    live_server: Any, browser_page: Any, tmp_path: Path
) -> None:
    call_command("demo", no_migrate=True, verbosity=0)
    from steerco.programmes.models import ReportingPeriod

    period = ReportingPeriod.objects.filter(programme__slug="bomca10", locked=False).order_by("-end").first()
    assert period is not None
    page, base = browser_page, live_server.url
    sign_in(page, base, "kz.coordinator")
    page.goto(f"{base}/programmes/bomca10/countries/kz/updates/{period.pk}/")
    page.get_by_role("link", name="Fill in Excel").click()
    page.wait_for_load_state()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download template (.xlsx)").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    book = openpyxl.load_workbook(template)
    sheet = book["Updates"]
    row, column, code = _value_cell(sheet)
    sheet.cell(row, column).value = "seventeen"
    filled = tmp_path / "kz-filled.xlsx"
    book.save(filled)

    page.set_input_files("#id_file", str(filled))
    with page.expect_navigation():
        page.get_by_role("button", name="Preview the import").click()
    screenshot(page, "import-01-problems")
    alert = page.get_by_role("alert").first
    assert "nothing was imported" in alert.inner_text()
    assert page.get_by_role("button", name="Confirm and import").count() == 0
    with page.expect_download() as marked_info:
        page.get_by_role("link", name="Download the file with its problems marked").click()
    marked = openpyxl.load_workbook(io.BytesIO(Path(marked_info.value.path()).read_bytes()))
    bad = marked["Updates"].cell(row, column)
    assert bad.fill.start_color.rgb == "FFF4B6B6" and "seventeen" in bad.comment.text

    bad.value = 17
    fixed = tmp_path / "kz-fixed.xlsx"
    marked.save(fixed)
    page.set_input_files("#id_file", str(fixed))
    with page.expect_navigation():
        page.get_by_role("button", name="Preview the import").click()
    assert "→ 17" in page.locator("table").last.inner_text()
    screenshot(page, "import-02-preview")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm and import").click()
    assert "Imported kz-fixed.xlsx: 0 created, 1 changed" in page.locator(".messages").inner_text() or (
        "Imported kz-fixed.xlsx: 1 created, 0 changed" in page.locator(".messages").inner_text()
    )

    page.goto(f"{base}/programmes/bomca10/countries/kz/updates/{period.pk}/")
    line = page.locator(f"#indicator-{_indicator_id(code)}")
    assert line.locator("input[name$='-value']").input_value() == "17"
    screenshot(page, "import-03-entry-screen")


def _indicator_id(code: str) -> int:
    from steerco.results.models import Indicator

    return Indicator.objects.get(result__programme__slug="bomca10", code=code).pk
