"""The risk register and the budget as export tables, from the rows their pages show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Row, Table

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


def budget_table(budget: BudgetAsOf, expenditures: Iterable[Expenditure]) -> Table:
    """Budget lines down, reporting periods across: what was spent on each line in each period."""
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
        yield Row(
            (
                "",
                _("Total"),
                budget.allocated,
                *(sum((v for (_l, pk), v in spent.items() if pk == p.pk), Decimal(0)) for p in periods),
                budget.spent_to_date,
                budget.used_of_lines,
            )
        )

    return Table(_("Budget"), columns, lines())


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
