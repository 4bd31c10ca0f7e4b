"""The delivery lists as export tables, built from the rows the pages themselves show."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Row, Table

from .models import (
    STAGE_ORDER,
    Asset,
    Event,
    EventAgencyParticipants,
    Handover,
    ProcurementLot,
    Recommendation,
    Stage,
    WorkPlanItem,
)
from .selectors import Completion, CompletionTable


def country_text(iso: Any) -> str:
    """A record's country as the lists show it: its code, or "Regional" for programme-wide records."""
    code = getattr(iso, "code", iso) or ""
    return str(code) if code else _("Regional")


def events_table(events: QuerySet[Event]) -> Table:
    """Events with participants by sex and one column per agency that sent any of them."""
    events = events.prefetch_related(
        Prefetch(
            "agency_participants",
            queryset=EventAgencyParticipants.objects.select_related("organisation").order_by("id"),
        )
    )
    rows = list(events)
    agencies: dict[int | None, str] = {}
    for event in rows:
        for part in event.agency_participants.all():
            org = part.organisation
            agencies.setdefault(org.pk if org else None, str(org) if org else "")
    named = [k for k in agencies if k is not None]
    order: list[int | None] = sorted(named, key=lambda k: agencies[k].lower())
    if None in agencies:
        order.append(None)
    columns = [
        Column(_("Start date"), "date"),
        Column(_("End date"), "date"),
        Column(_("Event")),
        Column(_("Kind")),
        Column(_("Place")),
        Column(_("Country")),
        Column(_("Component")),
        Column(_("Status")),
        Column(_("Beneficiary institutions")),
        Column(_("Participants"), "number"),
        Column(_("Women"), "number"),
        Column(_("Men"), "number"),
        Column(_("Sex not disclosed"), "number"),
    ]
    columns += [Column(agencies[k] if k is not None else _("Other agencies"), "number") for k in order]

    def lines() -> Iterator[Row]:
        for e in rows:
            by_agency = {p.organisation_id: p.participants for p in e.agency_participants.all()}
            yield Row(
                (
                    e.start_date,
                    e.end_date,
                    e.title,
                    e.get_kind_display(),
                    e.place,
                    country_text(e.country),
                    e.component.code if e.component else "",
                    e.get_status_display(),
                    ", ".join(str(b) for b in e.beneficiaries.all()),
                    e.participants_total,
                    e.participants_female,
                    e.participants_male,
                    e.participants_undisclosed,
                    *(by_agency.get(k) for k in order),
                )
            )

    return Table(_("Events"), columns, lines())


def work_plan_table(items: Iterable[WorkPlanItem]) -> Table:
    columns = [
        Column(_("Year"), "number"),
        Column(_("Quarter")),
        Column(_("Country")),
        Column(_("Component")),
        Column(_("Activity")),
        Column(_("Kind")),
        Column(_("Done")),
        Column(_("Events")),
    ]
    rows = (
        (
            i.year,
            f"Q{i.quarter}",
            country_text(i.country),
            i.component.code if i.component else "",
            i.title,
            i.get_kind_display() if i.kind else "",
            _("done") if getattr(i, "done", False) else _("open"),
            "; ".join(e.title for e in i.events.all()),
        )
        for i in items
    )
    return Table(_("Work plan"), columns, rows, name="lines")


def completion_table(completion: CompletionTable) -> Table:
    """The page's plan completion: countries down, each component's lines fulfilled, lines and share
    across, then every component together; the last row is every country."""
    per = [
        Column(_("Fulfilled"), "number"),
        Column(_("Lines"), "number"),
        Column(_("Completion"), "percent", 1),
    ]
    columns = [Column(_("Country"))]
    groups: list[tuple[str, int]] = [("", 1)]
    for component in [*completion.components, _("All")]:
        columns += per
        groups.append((component or "—", len(per)))

    def cells(parts: Sequence[Completion]) -> list[Any]:
        return [v for c in parts for v in (c.done, c.total, c.percent if c.total else None)]

    rows = [
        Row((country_text(country), *cells([*parts, total]))) for country, parts, total in completion.rows()
    ]
    rows.append(Row((_("All"), *cells([*completion.totals(), completion.overall]))))
    return Table(_("Plan completion"), columns, rows, groups=groups, name="completion")


def recommendations_table(recommendations: QuerySet[Recommendation]) -> Table:
    columns = [
        Column(_("Given on"), "date"),
        Column(_("Recommendation")),
        Column(_("Institution")),
        Column(_("Country")),
        Column(_("From")),
        Column(_("Status")),
    ]
    rows = (
        (
            r.given_on,
            r.text,
            str(r.institution),
            country_text(r.country),
            r.event.title if r.event else "",
            r.get_status_display(),
        )
        for r in recommendations
    )
    return Table(_("Recommendations"), columns, rows)


def lots_table(lots: Sequence[ProcurementLot]) -> Table:
    """Each lot with the planned (as typed) and actual date of each of its stages."""
    columns = [
        Column(_("Lot")),
        Column(_("Country")),
        Column(_("Category")),
        Column(_("Quantity"), "number"),
        Column(_("Unit")),
        Column(_("Estimated value"), "money"),
        Column(_("Contracted value"), "money"),
        Column(_("Currency")),
        Column(_("Beneficiary")),
        Column(_("Stage reached")),
        Column(_("Days late"), "number"),
    ]
    groups: list[tuple[str, int]] = [("", len(columns))]
    for stage in Stage:
        columns += [Column(_("planned")), Column(_("actual date"), "date")]
        groups.append((str(stage.label), 2))

    def lines() -> Iterator[tuple[Any, ...]]:
        for lot in lots:
            steps = {s.stage: s for s in lot.steps.all()}
            stage = lot.current_stage()
            dates: list[Any] = []
            for key in STAGE_ORDER:
                step = steps.get(key)
                dates += [step.planned_label if step else "", step.actual_date if step else None]
            yield (
                str(lot),
                country_text(lot.country),
                lot.get_category_display(),
                lot.quantity,
                lot.unit,
                lot.estimated_value,
                lot.contracted_value,
                lot.currency,
                str(lot.beneficiary or ""),
                _("Cancelled") if lot.cancelled_on else (Stage(stage).label if stage else ""),
                getattr(lot, "late_days", None),
                *dates,
            )

    return Table(_("Procurement"), columns, lines(), groups=groups, name="lots")


def handovers_table(handovers: QuerySet[Handover]) -> Table:
    columns = [
        Column(_("Date"), "date"),
        Column(_("Act number")),
        Column(_("Lot")),
        Column(_("Country")),
        Column(_("Recipient")),
        Column(_("Units"), "number"),
        Column(_("Value"), "money"),
        Column(_("Currency")),
        Column(_("Place")),
        Column(_("Acknowledged on"), "date"),
    ]
    rows = (
        (
            h.handed_over_on,
            h.act_number,
            str(h.lot),
            country_text(h.lot.country),
            str(h.recipient),
            h.quantity,
            h.value,
            h.currency,
            h.place,
            h.acknowledged_at.date() if h.acknowledged_at else None,
        )
        for h in handovers.select_related("lot", "recipient").order_by("handed_over_on", "id")
    )
    return Table(_("Handovers"), columns, rows, name="handovers")


def assets_table(assets: Sequence[Asset]) -> Table:
    columns = [
        Column(_("Serial number")),
        Column(_("Description")),
        Column(_("Lot")),
        Column(_("Country")),
        Column(_("Held by")),
        Column(_("Location")),
        Column(_("Handed over"), "date"),
        Column(_("Last verification"), "date"),
        Column(_("In use")),
    ]

    def lines() -> Iterator[tuple[Any, ...]]:
        for a in assets:
            visit = (
                a.handover.verifications.all()[0] if a.handover and a.handover.verifications.all() else None
            )
            yield (
                a.serial_number,
                a.description,
                str(a.lot),
                country_text(a.lot.country),
                str(a.handover.recipient if a.handover else a.lot.beneficiary or ""),
                a.location,
                a.handover.handed_over_on if a.handover else None,
                visit.visited_on if visit else None,
                "" if visit is None else (_("in use") if visit.in_use else _("not in use")),
            )

    return Table(_("Asset register"), columns, lines())
