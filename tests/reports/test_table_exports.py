"""Pages with several tables export them all: a sheet each in the workbook, a CSV file each (chosen by
the page's links, or all of them in one .zip); dashboards and the budget export what they show."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
from django.urls import reverse
from django.utils import timezone

from steerco.programmes.budget import budget_as_of
from steerco.programmes.models import BudgetLine, Expenditure
from steerco.reports.iptt import add_months
from steerco.results import selectors as results
from steerco.results.models import IndicatorUpdate, UpdateState
from steerco.results.rules import Status, number

from .. import factories as f
from ..base import SteercoTestCase
from ..delivery.world import D, delivery_world, handover, lot
from ..results.world import results_world, update
from ..steering.world import steering_world


def sheets(response: Any) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def csv_of(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def zipped(response: Any) -> dict[str, list[list[str]]]:
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: csv_of(archive.read(name)) for name in archive.namelist()}


def table_links(page: str) -> dict[str, str]:
    """The page's CSV links, one per table: key → address."""
    return {
        m.group(2): m.group(1).replace("&amp;", "&")
        for m in re.finditer(r'href="\?([^"]*table=([\w-]+)[^"]*)"', page)
    }


def as_text(cell: Any) -> str:
    """A workbook cell as the CSV file writes it."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%Y-%m-%d %H:%M") if cell.time() != datetime.time() else cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def every_table_in_csv(
    self: SteercoTestCase, url: str, keys: list[str], persona: Any
) -> dict[str, list[list[str]]]:
    """Every table of the page is offered as a CSV file of its own, which holds the rows of its
    sheet; the CSV address without a choice answers all of them in one .zip."""
    self.login(persona)
    page = self.client.get(url).content.decode()
    links = table_links(page)
    self.assertEqual(list(links), keys)
    book = sheets(self.client.get(url, {"export": "xlsx"}))
    self.assertEqual(len(book), len(keys))
    files: dict[str, list[list[str]]] = {}
    for key, sheet in zip(keys, book.values(), strict=True):
        response = self.client.get(url + "?" + links[key])
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"-{key}.csv", response["Content-Disposition"])
        rows = csv_of(response.content)
        body = [r for r in sheet if any(c is not None for c in r)]
        # The sheet's last len(rows) - 1 rows are the CSV's body, cell for cell.
        expected = body[len(body) - len(rows) + 1 :]
        self.assertEqual(len(rows) - 1, len(expected), key)
        for line, cells in zip(rows[1:], expected, strict=True):
            line = line + [""] * (len(cells) - len(line))
            self.assertTrue(all(same(a, b) for a, b in zip(line, cells, strict=True)), (key, line, cells))
        files[key] = rows
    archive = zipped(self.client.get(url, {"export": "csv"}))
    self.assertEqual(len(archive), len(keys))
    for key in keys:
        name = next(n for n in archive if n.endswith(f"-{key}.csv"))
        self.assertEqual(archive[name], files[key])
    return files


def same(text: str, cell: Any) -> bool:
    """A CSV cell says what its workbook cell holds (a share as 21 in one, 0.21 in the other)."""
    if text == as_text(cell):
        return True
    try:
        return isinstance(cell, (int, float)) and abs(float(text) / 100 - cell) < 1e-9
    except ValueError:
        return False


class MultiTableExportTest(SteercoTestCase):
    def setUp(self) -> None:
        self.d = delivery_world(self)
        self.s = steering_world(self)
        self.w = results_world(self)

    def test_procurement_exports_its_lots_and_its_handovers(self) -> None:
        url = reverse("delivery:procurement", args=["bomca"])
        files = every_table_in_csv(self, url, ["lots", "handovers"], self.manager)
        self.assertEqual(sorted(r[0] for r in files["lots"][1:]), ["Radios for KG", "Radios for KZ"])
        self.assertEqual([r[2] for r in files["handovers"][1:]], ["Radios for KZ", "Radios for KG"])
        # The country filter applies to both.
        rows = csv_of(self.client.get(url, {"export": "csv", "country": "kg", "table": "handovers"}).content)
        self.assertEqual([r[3] for r in rows[1:]], ["KG"])

    def test_a_coordinators_procurement_files_hold_their_country_only(self) -> None:
        handover(self, lot(self, "KG", title="Scanners for KG"), value=Decimal("777"))
        url = reverse("delivery:procurement", args=["bomca"])
        files = every_table_in_csv(self, url, ["lots", "handovers"], self.kz_coordinator)
        cells = {c for rows in files.values() for r in rows for c in r}
        self.assertIn("Radios for KZ", cells)
        self.assertFalse({"Radios for KG", "Scanners for KG", "777", "KG"} & cells)

    def test_meetings_export_their_decisions(self) -> None:
        url = reverse("steering:meetings", args=["bomca"])
        files = every_table_in_csv(self, url, ["meetings", "decisions"], self.manager)
        self.assertEqual([r[3] for r in files["decisions"][1:]], ["Endorsed the KZ plan."])

    def test_a_csv_never_leaves_a_table_out(self) -> None:
        self.login(self.manager)
        url = reverse("delivery:procurement", args=["bomca"])
        response = self.client.get(url, {"export": "csv", "table": "nothing-such"})
        self.assertEqual(len(zipped(response)), 2)


class DashboardExportTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = results_world(self)
        self.w.kz_update.state = UpdateState.APPROVED
        self.w.kz_update.save()
        update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.SUBMITTED)
        update(self.w.regional, self.year1, "", status=1, state=UpdateState.DRAFT)

    def board(self, user: Any, country: str | None) -> Any:
        frame = results.frame_of(user, self.bomca)
        return results.dashboard(user, frame, timezone.localdate(), country=country)

    def test_every_table_of_the_programme_dashboard_with_the_pages_figures(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        keys = ["standing", "key", "off-track", "missing", "backlog"]
        files = every_table_in_csv(self, url, keys, self.manager)
        d = self.board(self.manager, None)
        standing = {r[0]: int(r[1]) for r in files["standing"][1:]}
        self.assertEqual(standing, {str(s.label): d.counts[s.value] for s in Status if d.counts[s.value]})
        self.assertEqual(sum(standing.values()), 3)
        key = files["key"]
        row = next(r for r in key[1:] if r[0] == "1.1.1a")
        value = number(d.key[0].progress.actual, "number")
        self.assertEqual(Decimal(row[key[0].index("Value to date")]), value)
        self.assertEqual(value, Decimal(20))  # KZ's approved 20; KG's 7 waits for approval
        self.assertEqual([r[0] for r in files["off-track"][1:]], [r.indicator.code for r in d.off_track])
        missing = [(r[0], r[2], r[3]) for r in files["missing"][1:]]
        expected = [(m.indicator.code, iso or "Programme-wide", s) for m in d.missing for iso, s in m.where]
        self.assertEqual(len(missing), len(expected))
        self.assertIn(("1.1.1b", "Programme-wide", "draft"), missing)
        self.assertEqual(files["missing"][0], ["Code", "Indicator", "Country", "Entered"])
        self.assertEqual([(r[0], int(r[1])) for r in files["backlog"][1:]], d.backlog)
        self.assertEqual(d.backlog, [("KG", 1)])

    def test_a_country_dashboard_adds_its_updates_by_period(self) -> None:
        url = reverse("results:country_dashboard", args=["bomca", "kz"])
        keys = ["standing", "key", "off-track", "missing", "backlog", "periods"]
        files = every_table_in_csv(self, url, keys, self.kz_coordinator)
        periods = files["periods"]
        self.assertEqual(periods[0], ["Period", "Locked", "Draft", "Submitted", "Returned", "Approved"])
        self.assertEqual(periods[1], ["Year 1", "", "", "", "", "1"])
        self.assertEqual(
            IndicatorUpdate.objects.filter(
                country="KZ", period=self.year1, state=UpdateState.APPROVED
            ).count(),
            1,
        )

    def test_a_coordinators_dashboard_files_hold_no_other_countrys_figure(self) -> None:
        self.login(self.kz_coordinator)
        for url in (
            reverse("results:dashboard", args=["bomca"]),
            reverse("results:country_dashboard", args=["bomca", "kz"]),
        ):
            book = sheets(self.client.get(url, {"export": "xlsx"}))
            cells = {c for rows in book.values() for r in rows for c in r if c is not None}
            self.assertIn(20, cells)
            self.assertFalse({"KG", "Kyrgyzstan", 7, 27} & cells, url)
        self.assertEqual(
            self.client.get(
                reverse("results:country_dashboard", args=["bomca", "kg"]), {"export": "xlsx"}
            ).status_code,
            404,
        )

    def test_dashboard_exports_run_constant_queries(self) -> None:
        def grow() -> None:
            for n in range(4):
                period = f.period(self.bomca, D(2022 + n, 4, 1), D(2023 + n, 3, 31), label=f"Y{n}")
                for country in ("KZ", "KG"):
                    update(self.w.trained, period, country, value=Decimal(n), state=UpdateState.SUBMITTED)

        for url in (
            reverse("results:dashboard", args=["bomca"]) + "?export=xlsx",
            reverse("results:country_dashboard", args=["bomca", "kz"]) + "?export=csv",
        ):
            with self.subTest(url=url):
                self.assert_constant_queries(url, grow)
                IndicatorUpdate.objects.exclude(period=self.year1).delete()
                self.bomca.periods.exclude(pk=self.year1.pk).delete()


class BudgetExportTest(SteercoTestCase):
    def setUp(self) -> None:
        self.line = BudgetLine.objects.create(
            programme=self.bomca, component=self.c1, label="Courses", amount=Decimal("1000")
        )
        self.year2 = f.period(self.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        Expenditure.objects.create(
            budget_line=self.line, period=self.year1, country="KZ", amount=Decimal("125")
        )
        Expenditure.objects.create(
            budget_line=self.line, period=self.year2, country="KG", amount=Decimal("75")
        )
        Expenditure.objects.create(budget_line=self.line, period=self.year2, country="", amount=Decimal("10"))
        self.url = reverse("programmes:budget", args=["bomca"])

    def test_lines_by_period_spend_and_summary_as_of_the_date_asked(self) -> None:
        files = every_table_in_csv(
            self, self.url + "?on=2023-01-31", ["lines", "spend", "summary"], self.observer
        )
        lines = files["lines"]
        self.assertEqual(lines[0][:5], ["Component", "Budget line", "Amount (EUR)", "Year 1", "Year 2"])
        courses = next(r for r in lines if r[1] == "Courses")
        self.assertEqual(courses[2:7], ["1000", "125", "85", "210", "21"])
        budget = budget_as_of(self.bomca, D(2023, 1, 31))
        current = next(r for r in lines if r[1] == "Current budget")
        self.assertEqual(Decimal(current[2]), budget.current_budget)
        self.assertEqual(Decimal(current[5]), budget.spent_to_date)
        spend = files["spend"]  # in the page's order
        self.assertEqual(
            [(r[0], r[4], r[5]) for r in spend[1:]],
            [
                ("Year 1", "Kazakhstan", "125"),
                ("Year 2", "Programme-wide", "10"),
                ("Year 2", "Kyrgyzstan", "75"),
            ],
        )
        summary = {r[0]: r[1] for r in files["summary"][1:]}
        self.assertEqual(Decimal(summary["Spent to date"]), budget.spent_to_date)
        self.assertEqual(Decimal(summary["Current budget"]), budget.current_budget)
        # As of a day before Year 2 begins, its spend is not in.
        self.login(self.observer)
        book = sheets(self.client.get(self.url, {"on": "2022-03-31", "export": "xlsx"}))
        first = book["Budget lines"]
        header = next(r for r in first if r and r[0] == "Component")
        self.assertNotIn("Year 2", header)
        courses = next(r for r in first if r[1] == "Courses")
        self.assertEqual(courses[3:5], [125, 125])
        self.assertEqual(first[1][0], "As of 2022-03-31")

    def test_budget_exports_run_constant_queries(self) -> None:
        def grow() -> None:
            rounds = BudgetLine.objects.count()
            for n in range(4):
                line = BudgetLine.objects.create(
                    programme=self.bomca, label=f"L{rounds}-{n}", amount=Decimal(10)
                )
                Expenditure.objects.create(
                    budget_line=line, period=self.year2, country="KZ", amount=Decimal(1)
                )

        for fmt in ("csv", "xlsx"):
            self.assert_constant_queries(self.url + f"?export={fmt}", grow, "observer")


class WorkPlanAndApprovalsExportTest(SteercoTestCase):
    def setUp(self) -> None:
        self.d = delivery_world(self)
        self.w = results_world(self)

    def test_the_work_plan_exports_its_completion_table(self) -> None:
        from steerco.delivery.selectors import plan_completion

        url = reverse("delivery:workplan", args=["bomca"])
        files = every_table_in_csv(self, url, ["lines", "completion"], self.manager)
        completion = plan_completion(self.manager, self.bomca)
        header = files["completion"][0]
        self.assertEqual(header[:4], ["Country", "C1 · Fulfilled", "C1 · Lines", "C1 · Completion"])
        rows = {r[0]: r for r in files["completion"][1:]}
        self.assertEqual(set(rows), {"KZ", "KG", "All"})
        for iso in ("KZ", "KG"):
            total = completion.by_country[iso]
            self.assertEqual(rows[iso][-3:-1], [str(total.done), str(total.total)])
        self.assertEqual(rows["All"][-3:-1], [str(completion.overall.done), str(completion.overall.total)])
        files = every_table_in_csv(self, url, ["lines", "completion"], self.kz_coordinator)
        self.assertEqual([r[0] for r in files["completion"][1:]], ["KZ", "All"])
        self.assertEqual({r[2] for r in files["lines"][1:]}, {"KZ"})

    def test_the_approvals_export_the_queue_and_the_recently_decided(self) -> None:
        self.w.kz_update.state = UpdateState.APPROVED
        self.w.kz_update.reviewed_at = timezone.now()
        self.w.kz_update.reviewed_by = self.me_officer
        self.w.kz_update.review_note = "Checked against the attendance lists"
        self.w.kz_update.save()
        update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.SUBMITTED)
        url = reverse("results:approvals", args=["bomca"])
        files = every_table_in_csv(self, url, ["queue", "decided"], self.me_officer)
        self.assertEqual([r[2] for r in files["queue"][1:]], ["KG"])
        decided = files["decided"]
        self.assertEqual(decided[0], ["When", "Indicator", "Country", "Period", "Decision", "By", "Note"])
        self.assertEqual(
            decided[1][1:],
            ["1.1.1a", "KZ", "Year 1", "Approved", "me_officer", "Checked against the attendance lists"],
        )

    def test_approvals_and_donor_table_files_run_constant_queries(self) -> None:
        rounds = iter(range(1, 100))

        def grow() -> None:
            n = next(rounds)
            for q in range(4):
                start = D(2022 + n, 1 + 3 * q, 1)
                end = add_months(start, 3) - datetime.timedelta(days=1)
                period = f.period(self.bomca, start, end, label=f"R{n} Q{q + 1}", kind="quarter")
                for country in ("KZ", "KG"):
                    state = UpdateState.SUBMITTED if country == "KG" else UpdateState.APPROVED
                    update(self.w.trained, period, country, value=Decimal(q), state=state)

        for url, persona in (
            (reverse("results:approvals", args=["bomca"]) + "?export=xlsx", "me_officer"),
            (reverse("reports:iptt_file", args=["bomca", "xlsx"]) + "?kind=quarter&rows=country", "manager"),
            (reverse("reports:logframe_file", args=["bomca", "xlsx"]) + "?milestones=1", "manager"),
        ):
            with self.subTest(url=url):
                self.assert_constant_queries(url, grow, persona)
