"""The risk register and the budget as export tables, from the rows their pages show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Row, Table, Typed

from .budget import BudgetAsOf
from .models import Expenditure, Risk


def country_name(risk: Risk) -> str:
    return str(risk.country.name) if risk.country else _("Programme-wide")  # type: ignore[attr-defined]


def risks_table(risks: Sequence[Risk]) -> Table:
    columns = [
        Column(_("Severity"), "number"),
        Column(_("Likelihood"), "number"),
        Column(_("Impact"), "number"),
        Column(_("Risk")),
        Column(_("Description")),
        Column(_("Scope")),
        Column(_("Component")),
        Column(_("Mitigation")),
        Column(_("Owner")),
        Column(_("Status")),
        Column(_("Raised on"), "date"),
    ]
    rows = (
        (
            r.severity,
            r.likelihood,
            r.impact,
            r.title,
            r.description,
            country_name(r),
            r.component.code if r.component else "",
            r.mitigation,
            r.owner,
            r.get_status_display(),
            r.raised_on,
        )
        for r in risks
    )
    return Table(_("Risks"), columns, rows)


def budget_tables(budget: BudgetAsOf, expenditures: Sequence[Expenditure]) -> list[Table]:
    """What the budget page shows as of its date: the summary, the budget lines with the spend of each
    reporting period across (line × period), and the spend recorded, with its country."""
    as_of = _("As of %(date)s") % {"date": budget.as_of.isoformat()}
    summary = [
        (_("Current budget"), Typed(budget.current_budget, "money", 0)),
        (_("Allocated to budget lines"), Typed(budget.allocated, "money", 0)),
        (_("Not allocated"), Typed(budget.unallocated, "money", 0)),
        (_("Over-allocated"), Typed(budget.over_allocated, "money", 0)),
        (_("Spent to date"), Typed(budget.spent_to_date, "money", 0)),
        (_("Budget used"), Typed(budget.used, "percent", 1)),
        (_("Time elapsed"), Typed(budget.elapsed, "percent", 1)),
    ]
    summary_table = Table(
        _("Summary"),
        [Column(_("Figure")), Column(_("Value (%(currency)s or %%)") % {"currency": budget.currency})],
        [Row(row) for row in summary],
        preamble=[_("Budget"), as_of],
        name="summary",
    )
    spent = Table(
        _("Spend"),
        [
            Column(_("Period")),
            Column(_("Period start"), "date"),
            Column(_("Component")),
            Column(_("Line")),
            Column(_("Country")),
            Column(_("Amount (%(currency)s)") % {"currency": budget.currency}, "money"),
            Column(_("Note")),
        ],
        (
            Row(
                (
                    e.period.label,
                    e.period.start,
                    e.budget_line.component.code if e.budget_line.component else "",
                    e.budget_line.label,
                    str(e.country.name) if e.country else _("Programme-wide"),  # type: ignore[attr-defined]
                    e.amount,
                    e.note,
                )
            )
            for e in expenditures
        ),
        preamble=[_("Spend"), as_of],
        name="spend",
    )
    return [budget_table(budget, expenditures), spent, summary_table]


def budget_table(budget: BudgetAsOf, expenditures: Sequence[Expenditure]) -> Table:
    """Budget lines down, reporting periods across: what was spent on each line in each period, then
    the rows the page ends with (total of the lines, what is not allocated, the current budget)."""
    periods = sorted({e.period for e in expenditures}, key=lambda p: (p.start, p.end, p.pk))
    spent: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for e in expenditures:
        spent[(e.budget_line_id, e.period_id)] += e.amount
    currency = budget.currency
    columns = [
        Column(_("Component")),
        Column(_("Budget line")),
        Column(_("Amount (%(currency)s)") % {"currency": currency}, "money"),
        *(Column(p.label, "money") for p in periods),
        Column(_("Spent to date"), "money"),
        Column(_("Used"), "percent", 1),
    ]
    per_period = [sum((v for (_l, pk), v in spent.items() if pk == p.pk), Decimal(0)) for p in periods]

    def lines() -> Any:
        for use in budget.lines:
            line = use.line
            yield Row(
                (
                    line.component.code if line.component else "",
                    line.label,
                    line.amount,
                    *(spent.get((line.pk, p.pk)) for p in periods),
                    use.to_date,
                    use.used,
                )
            )
        blank = [None] * len(periods)
        if budget.lines and budget.allocated != budget.current_budget:
            yield Row(
                (
                    "",
                    _("Total of the lines"),
                    budget.allocated,
                    *per_period,
                    budget.spent_to_date,
                    budget.used_of_lines,
                )
            )
        if budget.unallocated:
            yield Row(("", _("Not allocated to a line"), budget.unallocated, *blank, None, None))
        yield Row(
            ("", _("Current budget"), budget.current_budget, *per_period, budget.spent_to_date, budget.used)
        )

    preamble = [_("Budget lines"), _("As of %(date)s") % {"date": budget.as_of.isoformat()}]
    return Table(_("Budget lines"), columns, lines(), preamble=preamble, name="lines")


def spend_table(spend: Iterable[Expenditure], currency: str) -> Table:
    """The spend list: one row per line, period and country, as the filters and the search chose them."""
    columns = [
        Column(_("Period")),
        Column(_("Start date"), "date"),
        Column(_("Component")),
        Column(_("Budget line")),
        Column(_("Country")),
        Column(_("Amount (%(currency)s)") % {"currency": currency}, "money", 2),
        Column(_("Note")),
    ]
    rows = (
        (
            e.period.label,
            e.period.start,
            e.budget_line.component.code if e.budget_line.component else "",
            e.budget_line.label,
            str(e.country.name) if e.country else _("Programme-wide"),  # type: ignore[attr-defined]
            e.amount,
            e.note,
        )
        for e in spend
    )
    return Table(_("Spend"), columns, rows)
