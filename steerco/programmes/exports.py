"""The risk register and the budget as export tables, from the rows their pages show."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Row, Table

from .budget import BudgetAsOf
from .models import Expenditure, Person, Risk


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


def budget_table(budget: BudgetAsOf, expenditures: Sequence[Expenditure]) -> Table:
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


def people_table(people: Sequence[Person]) -> Table:
    """The people of a programme; an anonymised person shows the neutral label and no contact."""
    columns = [
        Column(_("Name")),
        Column(_("Position")),
        Column(_("Organisation")),
        Column(_("Sex")),
        Column(_("E-mail")),
        Column(_("Phone")),
        Column(_("Languages")),
    ]
    rows = (
        (
            str(p),
            p.position,
            str(p.organisation or ""),
            p.get_sex_display() if p.sex else "",
            p.email,
            p.phone,
            ", ".join(p.languages or []),
        )
        for p in people
    )
    return Table(_("People"), columns, rows)
