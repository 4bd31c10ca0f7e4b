"""Excel in: templates from the live programme, a preview that names every bad cell, and an import
that writes everything through the services in one transaction, or nothing."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.results.models import IndicatorUpdate, Target, UpdateState
from tests.base import SteercoTestCase
from tests.results.world import results_world

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(content: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(content))


def saved(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column(sheet: Any, header: str) -> int:
    for cell in sheet[1]:
        if str(cell.value or "").rstrip(" *") == header:
            return int(cell.column)
    raise AssertionError(f"no column {header}")


def row_of(sheet: Any, code: str) -> int:
    for cell in sheet["A"]:
        if cell.value == code:
            return int(cell.row)
    raise AssertionError(f"no row {code}")


class ImportTestCase(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def url(self, kind: str = "updates", iso: str | None = "kz") -> str:
        if iso is None:
            return reverse("interop:import", args=["bomca", kind])
        return reverse("interop:country_import", args=["bomca", iso, kind])

    def template(self, kind: str = "updates", iso: str | None = "kz") -> Any:
        query = {"template": "1"} if kind == "targets" else {"template": "1", "period": self.year1.pk}
        response = self.client.get(self.url(kind, iso), query)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], XLSX)
        return workbook(response.content)

    def upload(
        self, content: bytes, kind: str = "updates", iso: str | None = "kz", name: str = "kz.xlsx"
    ) -> Any:
        return self.client.post(self.url(kind, iso), {"file": SimpleUploadedFile(name, content, XLSX)})

    def confirm(self, preview: Any, kind: str = "updates", iso: str | None = "kz") -> Any:
        return self.client.post(
            self.url(kind, iso),
            {"reference": preview.context["reference"], "digest": preview.context["digest"], "confirm": "1"},
        )


class UpdatesTemplateTest(ImportTestCase):
    def test_the_template_holds_the_countrys_lines_with_their_stored_values_and_a_hidden_stamp(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        self.assertIn("Instructions", book.sheetnames)
        self.assertEqual(book["steerco"].sheet_state, "hidden")
        self.assertEqual(book["Lists"].sheet_state, "hidden")
        sheet = book["Updates"]
        row = row_of(sheet, "1.1.1a")
        self.assertEqual(sheet.cell(row, column(sheet, "Value")).value, 20)
        self.assertEqual(sheet.cell(row, column(sheet, "Sex: Women")).value, 8)
        self.assertEqual(sheet.cell(row, column(sheet, "Country")).value, "KZ")
        self.assertEqual(sheet.cell(1, column(sheet, "Indicator code")).value, "Indicator code *")
        codes = [c.value for c in sheet["A"][1:]]
        # Computed and programme-wide indicators are not the country's to type in.
        self.assertNotIn("1.1.1c", codes)
        self.assertNotIn("1.1.1b", codes)

    def test_an_approved_value_is_shown_locked(self) -> None:
        IndicatorUpdate.objects.filter(pk=self.w.kz_update.pk).update(state=UpdateState.APPROVED)
        self.login("kz_coordinator")
        sheet = self.template()["Updates"]
        row = row_of(sheet, "1.1.1a")
        self.assertTrue(sheet.protection.sheet)
        self.assertTrue(sheet.cell(row, column(sheet, "Value")).protection.locked)

    def test_another_countrys_template_answers_404(self) -> None:
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(self.url(iso="kg"), {"template": "1"}).status_code, 404)
        self.login("observer")
        self.assertEqual(self.client.get(self.url(), {"template": "1"}).status_code, 404)


class UpdatesImportTest(ImportTestCase):
    def filled(self, value: Any = 25, women: Any = 10, men: Any = 15) -> bytes:
        book = self.template()
        sheet = book["Updates"]
        row = row_of(sheet, "1.1.1a")
        sheet.cell(row, column(sheet, "Value")).value = value
        sheet.cell(row, column(sheet, "Sex: Women")).value = women
        sheet.cell(row, column(sheet, "Sex: Men")).value = men
        sheet.cell(row, column(sheet, "Narrative")).value = "Two more courses."
        return saved(book)

    def test_preview_writes_nothing_and_confirm_writes_through_the_service_with_the_file_as_rationale(
        self,
    ) -> None:
        self.login("kz_coordinator")
        content = self.filled()
        before = AuditEntry.objects.count()
        preview = self.upload(content)
        self.assertEqual(preview.status_code, 200)
        self.assertContains(preview, "To create: 0 · to change: 1 · unchanged: 0.")
        self.assertContains(preview, "20 → 25")
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, Decimal(20))
        self.assertEqual(AuditEntry.objects.count(), before)
        response = self.confirm(preview)
        self.assertEqual(response.status_code, 302)
        stored = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)
        self.assertEqual(stored.value, Decimal(25))
        self.assertEqual(stored.disaggregated[str(self.w.sex.pk)], {"Women": "10", "Men": "15"})
        self.assertEqual(stored.state, UpdateState.DRAFT)  # changed after submission: submit again
        entry = AuditEntry.objects.filter(object_id=str(stored.pk)).latest("pk")
        import hashlib

        self.assertIn("kz.xlsx", entry.rationale)
        self.assertIn(hashlib.sha256(content).hexdigest(), entry.rationale)

    def test_importing_the_same_file_again_changes_nothing(self) -> None:
        self.login("kz_coordinator")
        content = self.filled()
        self.confirm(self.upload(content))
        before = AuditEntry.objects.count()
        again = self.upload(content)
        self.assertContains(again, "To create: 0 · to change: 0 · unchanged: 1.")
        self.assertContains(again, "Nothing to import")
        self.assertEqual(AuditEntry.objects.count(), before)

    def test_every_bad_cell_is_named_in_one_pass_and_nothing_is_written(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        sheet = book["Updates"]
        row = row_of(sheet, "1.1.1a")
        sheet.cell(row, column(sheet, "Value")).value = "7,5"
        extra = sheet.max_row + 1
        for col, value in enumerate(["1.1.1a", "", "Year 9", "KZ"], start=1):
            sheet.cell(extra, col).value = value
        other = extra + 1
        for col, value in enumerate(["1.1.1a", "", "Year 1", "KG"], start=1):
            sheet.cell(other, col).value = value
        before = list(IndicatorUpdate.objects.order_by("pk").values())
        response = self.upload(saved(book))
        self.assertEqual(response.status_code, 400)
        value_cell = f"{openpyxl.utils.get_column_letter(column(sheet, 'Value'))}{row}"
        self.assertContains(response, f"Updates!{value_cell} — ", status_code=400)
        self.assertContains(response, "Write 7.5 for a decimal number", status_code=400)
        self.assertContains(
            response, f"Updates!C{extra} — period “Year 9” is outside the programme", status_code=400
        )
        self.assertContains(
            response, f"Updates!D{other} — a row of Kyrgyzstan in a template of Kazakhstan", status_code=400
        )
        self.assertNotContains(response, "Confirm and import", status_code=400)
        self.assertEqual(list(IndicatorUpdate.objects.order_by("pk").values()), before)

    def test_a_split_that_does_not_add_up_is_named_at_its_cells(self) -> None:
        self.login("kz_coordinator")
        response = self.upload(self.filled(value=25, women=10, men=10))
        self.assertContains(response, "The values by Sex add up to 20, but the total is 25.", status_code=400)

    def test_the_file_comes_back_with_its_problems_marked(self) -> None:
        self.login("kz_coordinator")
        response = self.upload(self.filled(value="lots"))
        marked = self.client.get(self.url(), {"marked": response.context["reference"]})
        self.assertEqual(marked.status_code, 200)
        sheet = workbook(marked.content)["Updates"]
        row = row_of(sheet, "1.1.1a")
        bad = sheet.cell(row, column(sheet, "Value"))
        self.assertEqual(bad.fill.start_color.rgb, "FFF4B6B6")
        self.assertIn("not a number", bad.comment.text)
        self.assertIn("1 problem", sheet.cell(row, 1).comment.text)

    def test_an_approved_value_is_never_changed_by_an_import(self) -> None:
        self.login("kz_coordinator")
        content = self.filled()
        IndicatorUpdate.objects.filter(pk=self.w.kz_update.pk).update(state=UpdateState.APPROVED)
        response = self.upload(content)
        self.assertContains(response, "is approved: an import never changes it", status_code=400)
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, Decimal(20))

    def test_a_locked_period_refuses_its_rows(self) -> None:
        self.login("kz_coordinator")
        content = self.filled()
        type(self.year1).objects.filter(pk=self.year1.pk).update(locked=True)
        response = self.upload(content)
        self.assertContains(response, "is locked", status_code=400)

    def test_a_change_made_between_preview_and_confirm_asks_for_a_new_preview(self) -> None:
        self.login("kz_coordinator")
        preview = self.upload(self.filled())
        IndicatorUpdate.objects.filter(pk=self.w.kz_update.pk).update(value=Decimal(21))
        response = self.confirm(preview)
        self.assertEqual(response.status_code, 409)
        self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, Decimal(21))

    def test_another_users_upload_reference_is_not_found(self) -> None:
        self.login("kz_coordinator")
        preview = self.upload(self.filled())
        self.login("admin")
        self.assertEqual(self.confirm(preview).status_code, 404)


class StructuralRefusalTest(ImportTestCase):
    def refused(
        self,
        content: bytes,
        message: str,
        kind: str = "updates",
        iso: str | None = "kz",
        name: str = "kz.xlsx",
    ) -> None:
        before = list(IndicatorUpdate.objects.order_by("pk").values())
        response = self.upload(content, kind, iso, name)
        self.assertContains(response, message, status_code=400)
        self.assertEqual(list(IndicatorUpdate.objects.order_by("pk").values()), before)

    def test_not_a_workbook(self) -> None:
        self.login("kz_coordinator")
        self.refused(
            b"%PDF-1.4 not a workbook", "kz.xlsx is not a .xlsx file: its content does not match its name."
        )
        self.refused(b"%PDF-1.4 a report", "is not an .xlsx workbook: only the template", name="report.pdf")

    def test_a_workbook_that_is_not_a_template(self) -> None:
        self.login("kz_coordinator")
        self.refused(saved(openpyxl.Workbook()), "This workbook is not a steerco template")

    def test_a_template_of_another_kind(self) -> None:
        self.login("me_officer")
        targets = saved(self.template("targets", None))
        self.refused(targets, "This is a template of another kind", "updates", "kz")

    def test_a_template_of_another_country(self) -> None:
        self.login("me_officer")
        kg = self.client.get(self.url(iso="kg"), {"template": "1", "period": self.year1.pk}).content
        self.refused(kg, "This template is for Kyrgyzstan")

    def test_a_renamed_column(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        book["Updates"].cell(1, column(book["Updates"], "Value")).value = "Amount"
        self.refused(saved(book), "The column “Value” is missing from sheet Updates")

    def test_an_extra_sheet(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        book.create_sheet("My notes")
        self.refused(saved(book), "The sheet “My notes” is not part of this template")

    def test_merged_cells(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        book["Updates"].merge_cells("F2:G2")
        self.refused(saved(book), "Cells F2:G2 of sheet Updates are merged")

    def test_a_hidden_row(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        book["Updates"].row_dimensions[2].hidden = True
        self.refused(saved(book), "Row 2 of sheet Updates is hidden")

    def test_macros(self) -> None:
        self.login("kz_coordinator")
        content = saved(self.template())
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            target.writestr("xl/vbaProject.bin", b"\x00" * 64)
        self.refused(out.getvalue(), "The workbook contains macros")

    def test_a_zip_bomb(self) -> None:
        self.login("kz_coordinator")
        content = saved(self.template())
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(content)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            target.writestr("xl/media/padding.bin", b"\x00" * (40 * 1024 * 1024))
        self.refused(out.getvalue(), "unpacks to far more data than a template holds")

    def test_a_formula_is_refused_at_its_cell(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        sheet = book["Updates"]
        sheet.cell(row_of(sheet, "1.1.1a"), column(sheet, "Value")).value = "=10+15"
        self.refused(saved(book), "holds a formula (=10+15): type its value instead")

    def test_far_more_rows_than_the_programme_has_are_refused_at_once(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        sheet = book["Updates"]
        for n in range(2, 400):
            sheet.cell(n + 1, 1).value = "1.1.1a"
        self.refused(saved(book), "has more than")

    def test_empty_trailing_rows_are_ignored(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        sheet = book["Updates"]
        for n in range(sheet.max_row + 1, sheet.max_row + 50):
            sheet.cell(n, 1).value = ""
        response = self.upload(saved(book))
        self.assertContains(response, "unchanged: 1")


class TargetsImportTest(ImportTestCase):
    def test_round_trip_unchanged_then_one_cell_changes_exactly_that(self) -> None:
        self.login("me_officer")
        book = self.template("targets", None)
        content = saved(book)
        preview = self.upload(content, "targets", None, "targets.xlsx")
        self.assertContains(preview, "to change: 0")
        sheet = book["Targets"]
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, 1).value == "1.1.1a" and sheet.cell(row, 5).value == "KZ":
                sheet.cell(row, 6).value = 35
        before = AuditEntry.objects.count()
        preview = self.upload(saved(book), "targets", None, "targets.xlsx")
        self.assertContains(preview, "30 → 35")
        self.assertEqual(self.confirm(preview, "targets", None).status_code, 302)
        self.assertEqual(Target.objects.get(indicator=self.w.trained, country="KZ").value, Decimal(35))
        self.assertEqual(AuditEntry.objects.count(), before + 1)

    def test_a_coordinator_may_not_import_targets(self) -> None:
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(self.url("targets", None), {"template": "1"}).status_code, 404)


class CommandLineTest(ImportTestCase):
    def test_preview_then_commit_from_the_command_line(self) -> None:
        import tempfile
        from io import StringIO

        from django.core.management import CommandError, call_command

        self.login("kz_coordinator")
        book = self.template()
        sheet = book["Updates"]
        sheet.cell(row_of(sheet, "1.1.1a"), column(sheet, "Value")).value = 25
        sheet.cell(row_of(sheet, "1.1.1a"), column(sheet, "Sex: Men")).value = 17
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(saved(book))
            handle.flush()
            args = [
                "updates",
                handle.name,
                "--programme",
                "bomca",
                "--user",
                "kz_coordinator",
                "--country",
                "KZ",
            ]
            out = StringIO()
            call_command("import_xlsx", *args, stdout=out)
            self.assertIn("Preview only: 0 to create, 1 to change", out.getvalue())
            self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, Decimal(20))
            call_command("import_xlsx", *args, "--commit", stdout=StringIO())
            self.assertEqual(IndicatorUpdate.objects.get(pk=self.w.kz_update.pk).value, Decimal(25))
            with self.assertRaisesMessage(CommandError, "may not import"):
                call_command("import_xlsx", *args[:-1], "KG", stdout=StringIO())


class MixedMeasuresTest(ImportTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from tests.results.world import indicator

        cls.law = indicator(
            cls.w.output,
            "1.1.1e",
            name="Law drafted",
            measure="milestone",
            milestone_statuses=["none", "drafted"],
        )

    def test_a_milestone_takes_its_status_from_the_list_and_nothing_in_the_value_column(self) -> None:
        self.login("kz_coordinator")
        book = self.template()
        sheet = book["Updates"]
        row = row_of(sheet, "1.1.1e")
        self.assertTrue(sheet.cell(row, column(sheet, "Value")).protection.locked)
        sheet.cell(row, column(sheet, "Value")).value = 3
        response = self.upload(saved(book))
        self.assertContains(response, "indicator 1.1.1e takes nothing in this column", status_code=400)
        sheet.cell(row, column(sheet, "Value")).value = None
        sheet.cell(row, column(sheet, "Status")).value = "drafted"
        preview = self.upload(saved(book))
        self.assertContains(preview, "To create: 1")
        self.assertEqual(self.confirm(preview).status_code, 302)
        self.assertEqual(IndicatorUpdate.objects.get(indicator=self.law, country="KZ").status, 1)
