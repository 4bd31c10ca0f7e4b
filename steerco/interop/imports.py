"""Excel in: templates made from the live programme, and their import with a dry run first.

Two kinds so far: indicator **updates** of one country (or programme-wide) over chosen periods,
and indicator **targets** per period and country. Each kind writes its template for the reader's
scope and language, and plans an uploaded file: row by row what would be created, changed
(old → new) or left as it is, and every problem, found in one pass. Nothing is written until the
plan is confirmed; then everything is written in one transaction through the services that the
pages use (their checks, audit entries with the file's name and SHA-256 as rationale), or nothing.
Rows match on stable keys (indicator code, period label, ISO country code), never on position.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries as country_names

from steerco.audit.services import audit_rationale
from steerco.core.content import CONTENT_LANGUAGES
from steerco.core.number_input import parse_number
from steerco.core.numbers import format_number
from steerco.core.roles import Action
from steerco.core.scoping import can
from steerco.programmes.models import Programme, ReportingPeriod
from steerco.results import selectors, services
from steerco.results.models import Indicator, IndicatorUpdate, Target, UpdateState
from steerco.results.rules import PROGRAMME, CountryRule, Measure
from steerco.results.targets import target_error

from .workbook import FileRefused, OpenedWorkbook, Stamp, cell_name, open_template, write_stamp

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"


@dataclass
class Problem:
    row: int
    column: int | None  # from 1; None for the whole row
    message: str

    def where(self, sheet: str) -> str:
        return (
            f"{sheet}!{cell_name(self.column, self.row)}" if self.column else f"{sheet}!{self.row}:{self.row}"
        )


@dataclass
class Change:
    row: int
    what: str
    action: str  # "create", "change", "unchanged"
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


@dataclass
class Plan:
    kind: str
    filename: str
    sha256: str
    sheet: str
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    apply: Callable[[], int] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def rationale(self) -> str:
        return _("Imported from %(name)s (SHA-256 %(sha)s)") % {"name": self.filename, "sha": self.sha256}

    def problem_lines(self) -> list[str]:
        return [f"{p.where(self.sheet)} — {p.message}" for p in sorted(self.problems, key=_problem_order)]


def _problem_order(problem: Problem) -> tuple[int, int]:
    return (problem.row, problem.column or 0)


class ImportRefused(Exception):
    """Confirming found what the preview did not (someone changed the data meanwhile): nothing written."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


# ---- reading cells ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class CellError(Exception):
    pass


def _number(value: Any) -> Decimal | None:
    """A number cell: a real number, or text written as the reader's language writes numbers."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not a number") % {"value": value})
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        raise CellError(_("this cell holds a date, not a number"))
    if isinstance(value, (int, float)):
        try:
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation as exc:
            raise CellError(_("“%(value)s” is not a number") % {"value": value}) from exc
    text = str(value).strip()
    if text.startswith("="):
        raise CellError(
            _("this cell holds a formula (%(formula)s): type its value instead") % {"formula": text[:40]}
        )
    try:
        return parse_number(text, field=_("this cell"))
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from exc


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format_number(value, 4)


def _formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _period_lookup(programme: Programme) -> dict[str, ReportingPeriod]:
    """Periods by every version of their label (a template made in Russian names them in Russian)."""
    found: dict[str, ReportingPeriod] = {}
    for period in ReportingPeriod.objects.filter(programme=programme):
        for code in CONTENT_LANGUAGES:
            label = getattr(period, f"label_{code}", None)
            if label:
                found.setdefault(str(label).strip().lower(), period)
        found.setdefault(str(period.label).strip().lower(), period)
    return found


def _status_lookup(indicator: Indicator) -> dict[str, int]:
    found: dict[str, int] = {}
    for code in CONTENT_LANGUAGES:
        statuses = getattr(indicator, f"milestone_statuses_{code}", None) or []
        for index, status in enumerate(statuses):
            found.setdefault(str(status).strip().lower(), index)
    for index, status in enumerate(indicator.milestone_statuses or []):
        found.setdefault(str(status).strip().lower(), index)
    return found


def _country_name(iso: str) -> str:
    return str(country_names.name(iso)) if iso else _("programme-wide")


def _bounded(
    rows: Iterable[tuple[int, tuple[Any, ...]]], limit: int, sheet: str
) -> Iterable[tuple[int, tuple[Any, ...]]]:
    """The rows with something in them; refused once there are more than a template of this scope holds."""
    seen = 0
    for number, values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue  # empty rows (also the trailing ones spreadsheets keep) are skipped
        seen += 1
        if seen > limit:
            raise FileRefused(
                _(
                    "Sheet %(sheet)s has more than %(limit)s filled rows; this template holds at most that "
                    "many."
                )
                % {"sheet": sheet, "limit": limit}
            )
        yield number, values


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _lists_and_formats(book: Any) -> tuple[Any, dict[str, Any]]:
    lists = book.add_worksheet(LISTS_SHEET)
    lists.hide()
    formats = {
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDE5EE", "border": 1, "text_wrap": True, "locked": True}
        ),
        "required": book.add_format(
            {"bold": True, "bg_color": "#F6E3B4", "border": 1, "text_wrap": True, "locked": True}
        ),
        "fixed": book.add_format({"bg_color": "#F2F2F2", "locked": True}),
        "locked": book.add_format({"bg_color": "#D9D9D9", "font_color": "#404040", "locked": True}),
        "open": book.add_format({"locked": False}),
        "number": book.add_format({"locked": False, "num_format": "0.####"}),
        "locked_number": book.add_format(
            {"bg_color": "#D9D9D9", "font_color": "#404040", "locked": True, "num_format": "0.####"}
        ),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    return lists, formats


def _finished(
    book: Any,
    buffer: io.BytesIO,
    data: Any,
    kind: str,
    programme: str,
    country: str,
    sheet_name: str,
    columns: list[tuple[str, str, bool]],
    rows: int,
) -> bytes:
    """Close a template: the data sheet protected (locked cells stay locked, the rest may be sorted and
    filtered), filtered, and the stamp that lets an upload be recognised."""
    data.protect(
        "",
        {
            "format_columns": True,
            "format_rows": True,
            "sort": True,
            "autofilter": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
        },
    )
    data.autofilter(0, 0, max(rows, 1), len(columns) - 1)
    write_stamp(
        book,
        Stamp(
            kind=kind,
            programme=programme,
            country=country,
            language=translation.get_language() or "en",
            sheet=sheet_name,
            columns=tuple((c[0], f"{c[1]} *" if c[2] else c[1]) for c in columns),
            extra={"rows": rows, "sheets": [INSTRUCTIONS_SHEET, LISTS_SHEET]},
        ),
    )
    book.close()
    return buffer.getvalue()


def _status_lists(lists: Any, indicators: Iterable[Indicator], *, first_column: int) -> dict[int, str]:
    """Each milestone's statuses in a column of the hidden lists sheet, from `first_column` on: the
    source of its dropdown, by indicator id."""
    ranges: dict[int, str] = {}
    column = first_column
    for indicator in indicators:
        if indicator.measure == Measure.MILESTONE and indicator.milestone_statuses:
            for n, status in enumerate(indicator.milestone_statuses):
                lists.write_string(n, column, str(status))
            letter = cell_name(column + 1, 1)[:-1]
            ranges[indicator.pk] = f"={LISTS_SHEET}!${letter}$1:${letter}${len(indicator.milestone_statuses)}"
            column += 1
    return ranges


def _instructions(book: Any, formats: dict[str, Any], title: str, lines: list[str]) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_SHEET)
    sheet.set_column(0, 0, 110)
    sheet.write_string(0, 0, title, formats["title"])
    for n, line in enumerate(lines, start=2):
        sheet.write_string(n, 0, line, formats["wrap"])
    sheet.activate()


def _common_instructions() -> list[str]:
    return [
        _("Columns with a yellow header are required. Grey cells are for information and are not read."),
        _(
            "Rows are matched on their codes (indicator code, period, country), not on their position: you "
            "may sort or filter the sheet, but do not rename, add or delete columns or sheets."
        ),
        _(
            "Type numbers as numbers (7.5); text that reads as a number in the language you upload in (7,5 "
            "in Russian or Ukrainian) is accepted too. Do not leave formulas: type their values."
        ),
        _(
            "Upload the file on the page you downloaded it from. Nothing is saved until you have read the "
            "preview and confirmed it; a file with problems can be downloaded back with each problem "
            "marked in red."
        ),
    ]


# The columns of an updates row that are there to say what the row is, not to be typed in.
INFORMATION = ("code", "indicator", "period", "country", "unit", "state")
_BY_MEASURE = {
    Measure.NUMBER: {"value"},
    Measure.PERCENTAGE: {"numerator", "denominator"},
    Measure.MILESTONE: {"status"},
    Measure.QUALITATIVE: {"text"},
}


def _applies(indicator: Indicator, key: str) -> bool:
    """Whether an updates column is one this indicator's row is filled in."""
    if key == "narrative":
        return True
    if key.startswith("dis_"):
        if indicator.measure not in (Measure.NUMBER, Measure.PERCENTAGE):
            return False
        category_id = key.split("_")[1]
        return any(str(c.pk) == category_id for c in indicator.disaggregations.all())
    return key in _BY_MEASURE.get(Measure(indicator.measure), set())


# ---- updates ----------------------------------------------------------------------------------------


class UpdatesImport:
    kind = "updates"
    title = gettext_lazy("Indicator updates from Excel")

    def __init__(self, user: Any, programme: Programme, country: str) -> None:
        self.user = user
        self.programme = programme
        self.country = country
        self.frame = selectors.frame_of(user, programme)

    def may(self) -> bool:
        return can(self.user, Action.RECORD, self.programme.pk, self.country)

    def _columns(self, indicators: list[Indicator]) -> list[tuple[str, str, bool]]:
        """(key, header, required) of every column the indicators need."""
        measures = {i.measure for i in indicators}
        columns = [
            ("code", _("Indicator code"), True),
            ("indicator", _("Indicator"), False),
            ("period", _("Period"), True),
            ("country", _("Country"), True),
            ("unit", _("Unit"), False),
            ("state", _("State"), False),
        ]
        if Measure.NUMBER in measures:
            columns.append(("value", _("Value"), False))
        if Measure.PERCENTAGE in measures:
            columns += [("numerator", _("Numerator"), False), ("denominator", _("Denominator"), False)]
        if Measure.MILESTONE in measures:
            columns.append(("status", _("Status"), False))
        if Measure.QUALITATIVE in measures:
            columns.append(("text", _("Qualitative value"), False))
        seen: set[int] = set()
        for indicator in indicators:
            if indicator.measure not in (Measure.NUMBER, Measure.PERCENTAGE):
                continue
            for category in indicator.disaggregations.all():
                if category.pk in seen:
                    continue
                seen.add(category.pk)
                for n, option in enumerate(category.options):
                    columns.append(
                        (f"dis_{category.pk}_{n}", f"{category.name}: {category.option_label(option)}", False)
                    )
        columns.append(("narrative", _("Narrative"), False))
        return columns

    def template(self, periods: list[ReportingPeriod]) -> bytes:
        import xlsxwriter

        sheet_name = _("Updates")[:31]
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False})
        lists, formats = _lists_and_formats(book)
        where = _country_name(self.country)
        _instructions(
            book,
            formats,
            _("Indicator updates of %(programme)s — %(country)s")
            % {"programme": self.programme.code, "country": where},
            [
                _(
                    "One row per indicator and period. Fill in the value (for percentages the numerator "
                    "and denominator, for milestones the status from the list), each disaggregation, and a "
                    "narrative."
                ),
                _(
                    "Rows of approved values and of locked periods are greyed and locked: an import never "
                    "changes them. An update changed by the import becomes a draft, to be submitted on the "
                    "entry screen."
                ),
                *_common_instructions(),
            ],
        )
        data = book.add_worksheet(sheet_name)
        sheets = selectors.entry_sheets(self.user, self.programme, self.country, periods)
        lines_by_period = [(p, sheets[p.pk]) for p in periods]
        indicators = {line.indicator.pk: line.indicator for _p, lines in lines_by_period for line in lines}
        columns = self._columns(list(indicators.values()))
        keys = [c[0] for c in columns]
        for n, (_key, header, required) in enumerate(columns):
            data.write_string(
                0, n, f"{header} *" if required else header, formats["required" if required else "header"]
            )
            data.set_column(n, n, 34 if _key in ("indicator", "narrative") else 14)
        data.freeze_panes(1, 2)
        # Lists for the dropdowns: the period labels, the country, each milestone's statuses.
        labels = [str(p.label) for p in periods]
        for n, label in enumerate(labels):
            lists.write_string(n, 0, label)
        lists.write_string(0, 1, self.country or "")
        status_ranges = _status_lists(lists, indicators.values(), first_column=2)
        row = 1
        for period, lines in lines_by_period:
            for line in lines:
                update = line.update
                indicator = line.indicator
                locked = period.locked or (update is not None and update.state == UpdateState.APPROVED)
                values = self._row_values(indicator, period, update)
                for n, key in enumerate(keys):
                    value = values.get(key)
                    fixed = key in INFORMATION or not _applies(indicator, key)
                    style = formats["locked"] if locked else formats["fixed"] if fixed else formats["open"]
                    if isinstance(value, Decimal):
                        data.write_number(
                            row, n, float(value), formats["locked_number" if locked else "number"]
                        )
                    elif value is None or value == "":
                        data.write_blank(row, n, None, style)
                    else:
                        data.write_string(row, n, str(value), style)
                    if not locked and key == "status" and indicator.pk in status_ranges:
                        data.data_validation(
                            row, n, row, n, {"validate": "list", "source": status_ranges[indicator.pk]}
                        )
                row += 1
        if row > 1:
            period_col = keys.index("period")
            data.data_validation(
                1,
                period_col,
                row - 1,
                period_col,
                {"validate": "list", "source": f"={LISTS_SHEET}!$A$1:$A${max(len(labels), 1)}"},
            )
            country_col = keys.index("country")
            data.data_validation(
                1, country_col, row - 1, country_col, {"validate": "list", "source": f"={LISTS_SHEET}!$B$1"}
            )
        return _finished(
            book, buffer, data, self.kind, self.programme.slug, self.country, sheet_name, columns, row - 1
        )

    def _row_values(
        self, indicator: Indicator, period: ReportingPeriod, update: IndicatorUpdate | None
    ) -> dict[str, Any]:
        values: dict[str, Any] = {
            "code": indicator.code,
            "indicator": indicator.name,
            "period": str(period.label),
            "country": self.country,
            "unit": indicator.unit,
            "state": update.get_state_display() if update else "",
        }
        if update is None:
            return values
        values["value"] = update.value
        values["numerator"] = update.numerator
        values["denominator"] = update.denominator
        if update.status is not None and indicator.milestone_statuses:
            values["status"] = (
                indicator.status_label(update.status)
                if hasattr(indicator, "status_label")
                else str(indicator.milestone_statuses[update.status])
            )
        values["text"] = update.text
        values["narrative"] = update.narrative
        for category in indicator.disaggregations.all():
            parts = (update.disaggregated or {}).get(str(category.pk), {})
            for n, option in enumerate(category.options):
                if option in parts:
                    try:
                        values[f"dis_{category.pk}_{n}"] = Decimal(str(parts[option]))
                    except InvalidOperation:
                        values[f"dis_{category.pk}_{n}"] = str(parts[option])
        return values

    def plan(self, content: bytes, filename: str) -> Plan:
        opened = open_template(content, kind=self.kind, programme=self.programme.slug)
        try:
            return self._plan(opened, content, filename)
        finally:
            opened.close()

    def _plan(self, opened: OpenedWorkbook, content: bytes, filename: str) -> Plan:
        stamp = opened.stamp
        plan = Plan(self.kind, filename, _sha256(content), stamp.sheet)
        if stamp.country != self.country:
            raise FileRefused(
                _("This template is for %(theirs)s; upload it on the page of %(theirs)s, not %(ours)s.")
                % {"theirs": _country_name(stamp.country), "ours": _country_name(self.country)}
            )
        if not self.may():
            raise FileRefused(
                _("You may not record values for %(country)s.") % {"country": _country_name(self.country)}
            )
        pos = opened.positions
        col = {key: index + 1 for key, index in pos.items()}
        periods = _period_lookup(self.programme)
        sheets: dict[int, dict[str, selectors.EntryLine]] = {}
        groups: dict[int, list[tuple[int, services.Entry, IndicatorUpdate | None]]] = {}
        seen: dict[tuple[int, int], int] = {}
        limit = max(2 * int(stamp.extra.get("rows", 0)), int(stamp.extra.get("rows", 0)) + 200)

        def cell(values: tuple[Any, ...], key: str) -> Any:
            index = pos.get(key)
            return values[index] if index is not None and index < len(values) else None

        for number, values in _bounded(opened.rows, limit, stamp.sheet):
            problems_before = len(plan.problems)

            def problem(key: str | None, message: str, _n: int = number) -> None:
                plan.problems.append(Problem(_n, col.get(key) if key else None, message))

            for key, index in pos.items():
                if (
                    key not in ("indicator", "unit", "state")
                    and index < len(values)
                    and _formula(values[index])
                ):
                    problem(
                        key,
                        _("this cell holds a formula (%(formula)s): type its value instead")
                        % {"formula": str(values[index])[:40]},
                    )
            if len(plan.problems) > problems_before:
                continue
            code = _text(cell(values, "code"))
            label = _text(cell(values, "period"))
            iso = _text(cell(values, "country")).upper()
            if iso != self.country:
                problem(
                    "country",
                    _("a row of %(row)s in a template of %(template)s")
                    % {
                        "row": _country_name(iso) if iso else _("no country"),
                        "template": _country_name(self.country),
                    },
                )
                continue
            period = periods.get(label.lower())
            if period is None:
                problem("period", _("period “%(label)s” is outside the programme") % {"label": label})
                continue
            if not sheets:
                # Every period's lines in one go: the rows may name any of the programme's periods.
                every = list({p.pk: p for p in periods.values()}.values())
                for period_id, lines in selectors.entry_sheets(
                    self.user, self.programme, self.country, every
                ).items():
                    sheets[period_id] = {ln.indicator.code.lower(): ln for ln in lines}
            line = sheets[period.pk].get(code.lower())
            if line is None:
                problem(
                    "code",
                    _("there is no indicator “%(code)s” that %(country)s reports by typing values in")
                    % {"code": code, "country": _country_name(self.country)},
                )
                continue
            seen_key = (period.pk, line.indicator.pk)
            if seen_key in seen:
                problem(
                    "code",
                    _("indicator %(code)s, period %(period)s is also on row %(row)s")
                    % {"code": line.indicator.code, "period": period.label, "row": seen[seen_key]},
                )
                continue
            seen[seen_key] = number
            stray = [
                key
                for key in pos
                if key not in INFORMATION
                and not _applies(line.indicator, key)
                and _text(cell(values, key)) != ""
            ]
            for key in stray:
                problem(
                    key,
                    _("indicator %(code)s takes nothing in this column (it is measured as: %(measure)s)")
                    % {"code": line.indicator.code, "measure": line.indicator.get_measure_display()},
                )
            if stray:
                continue
            mine = self._typed(line.indicator, values, cell, problem)
            if mine is None:
                continue
            stored = line.update
            named = f"{line.indicator.code} {line.indicator.name}"
            what = f"{named} · {period.label} · {_country_name(self.country)}"
            changes = self._differences(line.indicator, stored, mine)
            if not changes:
                plan.changes.append(Change(number, what, "unchanged"))
                continue
            if stored is not None and stored.state == UpdateState.APPROVED:
                problem(
                    None,
                    _(
                        "the value of %(what)s is approved: an import never changes it; ask the M&E "
                        "officer to return it first"
                    )
                    % {"what": what},
                )
                continue
            if period.locked:
                problem("period", services.locked_message(period))
                continue
            plan.changes.append(Change(number, what, "change" if stored is not None else "create", changes))
            groups.setdefault(period.pk, []).append(
                (number, services.Entry(mine, stored.version if stored else 0), stored)
            )
        # The rules of the services (splits that add up, values in range), for every row at once.
        by_pk = {p.pk: p for p in periods.values()}
        for period_id, entries in groups.items():
            errors = services.entry_errors(
                by_pk[period_id], self.country, [e for _n, e, _s in entries], acting_user=self.user
            )
            rows = {e.update.indicator_id: n for n, e, _s in entries}
            for indicator_id, error in errors.items():
                self._rule_problems(plan, rows[indicator_id], error, col)
        if plan.problems:
            return plan

        def apply() -> int:
            written = 0
            with transaction.atomic(), audit_rationale(plan.rationale):
                for period_id, entries in groups.items():
                    try:
                        saved = services.save_entries(
                            by_pk[period_id],
                            self.country,
                            [e for _n, e, _s in entries],
                            acting_user=self.user,
                        )
                    except services.EntriesRefused as refused:
                        rows = {e.update.indicator_id: n for n, e, _s in entries}
                        messages = [
                            f"{stamp.sheet}!{rows[i]}:{rows[i]} — " + " ".join(err.messages)
                            for i, err in refused.errors.items()
                        ] + [
                            f"{stamp.sheet}!{rows[i]}:{rows[i]} — "
                            + _("changed by someone else since the preview")
                            for i in refused.conflicts
                        ]
                        raise ImportRefused(messages) from refused
                    written += len(saved)
            return written

        plan.apply = apply
        return plan

    def _typed(
        self,
        indicator: Indicator,
        values: tuple[Any, ...],
        cell: Callable[[tuple[Any, ...], str], Any],
        problem: Callable[..., None],
    ) -> IndicatorUpdate | None:
        update = IndicatorUpdate(indicator=indicator)
        ok = True
        measure = indicator.measure
        number_keys: list[str] = {
            Measure.NUMBER: ["value"],
            Measure.PERCENTAGE: ["numerator", "denominator"],
        }.get(Measure(measure), [])
        for key in number_keys:
            try:
                setattr(update, key, _number(cell(values, key)))
            except CellError as exc:
                problem(key, str(exc))
                ok = False
        if measure == Measure.MILESTONE:
            typed = _text(cell(values, "status"))
            if typed:
                index = _status_lookup(indicator).get(typed.lower())
                if index is None:
                    problem(
                        "status",
                        _("“%(value)s” is not a status of indicator %(code)s; choose one from the list")
                        % {"value": typed, "code": indicator.code},
                    )
                    ok = False
                update.status = index
        if measure == Measure.QUALITATIVE:
            update.text = _text(cell(values, "text"))
        update.narrative = _text(cell(values, "narrative"))
        disaggregated: dict[str, dict[str, str]] = {}
        if measure in (Measure.NUMBER, Measure.PERCENTAGE):
            for category in indicator.disaggregations.all():
                parts: dict[str, str] = {}
                for n, option in enumerate(category.options):
                    key = f"dis_{category.pk}_{n}"
                    try:
                        part = _number(cell(values, key))
                    except CellError as exc:
                        problem(key, str(exc))
                        ok = False
                        continue
                    if part is not None:
                        parts[option] = _plain_number(part)
                if parts:
                    disaggregated[str(category.pk)] = parts
        update.disaggregated = disaggregated
        return update if ok else None

    def _differences(
        self, indicator: Indicator, stored: IndicatorUpdate | None, mine: IndicatorUpdate
    ) -> list[tuple[str, str, str]]:
        if stored is None:
            if mine.is_empty and not mine.narrative:
                return []
            stored = IndicatorUpdate(indicator=indicator)
        changes: list[tuple[str, str, str]] = []
        labels = {"value": _("Value"), "numerator": _("Numerator"), "denominator": _("Denominator")}
        for key, label in labels.items():
            old, new = getattr(stored, key), getattr(mine, key)
            if (old is None) != (new is None) or (old is not None and Decimal(old) != Decimal(new)):
                changes.append((str(label), _plain(old), _plain(new)))
        if stored.status != mine.status:
            changes.append(
                (_("Status"), _status_text(indicator, stored.status), _status_text(indicator, mine.status))
            )
        if (stored.text or "") != (mine.text or ""):
            changes.append((_("Qualitative value"), stored.text or "", mine.text or ""))
        if (stored.narrative or "") != (mine.narrative or ""):
            changes.append((_("Narrative"), stored.narrative or "", mine.narrative or ""))
        if _normal_parts(stored.disaggregated) != _normal_parts(mine.disaggregated):
            changes.append(
                (
                    _("Disaggregation"),
                    _parts_text(indicator, stored.disaggregated),
                    _parts_text(indicator, mine.disaggregated),
                )
            )
        return changes

    def _rule_problems(self, plan: Plan, row: int, error: ValidationError, col: dict[str, int]) -> None:
        if not hasattr(error, "error_dict"):
            plan.problems.append(Problem(row, None, " ".join(error.messages)))
            return
        for key, errors in error.error_dict.items():
            column = col.get(key) or col.get(f"{key}_0")
            for message in ValidationError(errors).messages:
                plan.problems.append(Problem(row, column, message))


def _plain_number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _normal_parts(parts: Any) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    for category, values in (parts or {}).items():
        clean = {}
        for option, value in (values or {}).items():
            try:
                clean[str(option)] = Decimal(str(value))
            except InvalidOperation:
                continue
        if clean:
            out[str(category)] = clean
    return out


def _parts_text(indicator: Indicator, parts: Any) -> str:
    names = {str(c.pk): c for c in indicator.disaggregations.all()}
    pieces = []
    for category_id, values in _normal_parts(parts).items():
        category = names.get(category_id)
        for option, value in values.items():
            label = category.option_label(option) if category else option
            pieces.append(f"{label} {format_number(value, 4)}")
    return ", ".join(pieces)


def _status_text(indicator: Indicator, index: int | None) -> str:
    if index is None:
        return ""
    statuses = indicator.milestone_statuses or []
    return str(statuses[index]) if 0 <= index < len(statuses) else str(index)


# ---- targets ----------------------------------------------------------------------------------------


class TargetsImport:
    kind = "targets"
    title = gettext_lazy("Indicator targets from Excel")

    def __init__(self, user: Any, programme: Programme) -> None:
        self.user = user
        self.programme = programme
        self.frame = selectors.frame_of(user, programme)

    def may(self) -> bool:
        return can(self.user, Action.RESULTS, self.programme.pk)

    def _indicators(self) -> list[Indicator]:
        indicators = list(selectors.indicators_of(self.user, self.programme))
        return sorted(
            indicators, key=lambda i: (selectors.natural_key(i.result.code), selectors.natural_key(i.code))
        )

    def _columns_of(self, indicator: Indicator) -> list[str]:
        return ([] if indicator.country_rule == CountryRule.NONE else list(self.frame.isos)) + [PROGRAMME]

    def template(self) -> bytes:
        import xlsxwriter

        sheet_name = _("Targets")[:31]
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False})
        lists, formats = _lists_and_formats(book)
        _instructions(
            book,
            formats,
            _("Indicator targets of %(programme)s") % {"programme": self.programme.code},
            [
                _(
                    "One row per indicator, period and country (an empty country is the programme-wide "
                    "target). Type the target; for milestones, choose the status aimed at from the list. "
                    "Empty the cell to remove a target."
                ),
                _("Rows of locked periods are greyed and locked: an import never changes them."),
                *_common_instructions(),
            ],
        )
        data = book.add_worksheet(sheet_name)
        columns = [
            ("code", _("Indicator code"), True),
            ("indicator", _("Indicator"), False),
            ("unit", _("Unit"), False),
            ("period", _("Period"), True),
            ("country", _("Country"), False),
            ("target", _("Target"), False),
        ]
        for n, (key, header, required) in enumerate(columns):
            data.write_string(
                0, n, f"{header} *" if required else header, formats["required" if required else "header"]
            )
            data.set_column(n, n, 40 if key == "indicator" else 14)
        data.freeze_panes(1, 2)
        indicators = self._indicators()
        current = {
            (t.indicator_id, t.period_id, t.country): t.value
            for t in Target.objects.filter(indicator__in=indicators)
        }
        status_ranges = _status_lists(lists, indicators, first_column=0)
        row = 1
        for indicator in indicators:
            for period in self.frame.periods:
                for iso in self._columns_of(indicator):
                    style = formats["locked"] if period.locked else formats["fixed"]
                    data.write_string(row, 0, indicator.code, style)
                    data.write_string(row, 1, str(indicator.name), style)
                    data.write_string(row, 2, str(indicator.unit or ""), style)
                    data.write_string(row, 3, str(period.label), style)
                    data.write_string(row, 4, iso, style)
                    value = current.get((indicator.pk, period.pk, iso))
                    if indicator.measure == Measure.MILESTONE:
                        text = "" if value is None else _status_text(indicator, int(value))
                        if text:
                            data.write_string(row, 5, text, formats["locked" if period.locked else "open"])
                        else:
                            data.write_blank(row, 5, None, formats["locked" if period.locked else "open"])
                        if not period.locked and indicator.pk in status_ranges:
                            data.data_validation(
                                row, 5, row, 5, {"validate": "list", "source": status_ranges[indicator.pk]}
                            )
                    elif value is None:
                        data.write_blank(row, 5, None, formats["locked" if period.locked else "number"])
                    else:
                        data.write_number(
                            row, 5, float(value), formats["locked_number" if period.locked else "number"]
                        )
                    row += 1
        return _finished(book, buffer, data, self.kind, self.programme.slug, "", sheet_name, columns, row - 1)

    def plan(self, content: bytes, filename: str) -> Plan:
        opened = open_template(content, kind=self.kind, programme=self.programme.slug)
        try:
            return self._plan(opened, content, filename)
        finally:
            opened.close()

    def _plan(self, opened: OpenedWorkbook, content: bytes, filename: str) -> Plan:
        stamp = opened.stamp
        plan = Plan(self.kind, filename, _sha256(content), stamp.sheet)
        if not self.may():
            raise FileRefused(_("You may not set the targets of this programme."))
        pos = opened.positions
        col = {key: index + 1 for key, index in pos.items()}
        periods = _period_lookup(self.programme)
        indicators = {i.code.lower(): i for i in self._indicators()}
        current = {
            (t.indicator_id, t.period_id, t.country): t.value
            for t in Target.objects.filter(indicator__in=indicators.values())
        }
        changes: dict[int, dict[tuple[int, str], Decimal | None]] = {}
        seen: dict[tuple[int, int, str], int] = {}
        limit = max(2 * int(stamp.extra.get("rows", 0)), int(stamp.extra.get("rows", 0)) + 200)

        def cell(values: tuple[Any, ...], key: str) -> Any:
            index = pos.get(key)
            return values[index] if index is not None and index < len(values) else None

        for number, values in _bounded(opened.rows, limit, stamp.sheet):

            def problem(key: str | None, message: str, _n: int = number) -> None:
                plan.problems.append(Problem(_n, col.get(key) if key else None, message))

            code = _text(cell(values, "code"))
            label = _text(cell(values, "period"))
            iso = _text(cell(values, "country")).upper()
            indicator = indicators.get(code.lower())
            if indicator is None:
                problem("code", _("there is no indicator “%(code)s” in this programme") % {"code": code})
                continue
            period = periods.get(label.lower())
            if period is None:
                problem("period", _("period “%(label)s” is outside the programme") % {"label": label})
                continue
            if iso not in self._columns_of(indicator):
                if iso and indicator.country_rule == CountryRule.NONE:
                    problem(
                        "country",
                        _(
                            "indicator %(code)s is reported once for the whole programme: leave the "
                            "country empty"
                        )
                        % {"code": indicator.code},
                    )
                else:
                    problem("country", _("“%(value)s” is not a country of this programme") % {"value": iso})
                continue
            key = (indicator.pk, period.pk, iso)
            if key in seen:
                problem(
                    "code",
                    _("indicator %(code)s, period %(period)s, %(country)s is also on row %(row)s")
                    % {
                        "code": indicator.code,
                        "period": period.label,
                        "country": _country_name(iso),
                        "row": seen[key],
                    },
                )
                continue
            seen[key] = number
            raw = cell(values, "target")
            if _formula(raw):
                problem(
                    "target",
                    _("this cell holds a formula (%(formula)s): type its value instead")
                    % {"formula": str(raw)[:40]},
                )
                continue
            value: Decimal | None
            if indicator.measure == Measure.MILESTONE:
                typed = _text(raw)
                index = _status_lookup(indicator).get(typed.lower()) if typed else None
                if typed and index is None:
                    problem(
                        "target",
                        _("“%(value)s” is not a status of indicator %(code)s; choose one from the list")
                        % {"value": typed, "code": indicator.code},
                    )
                    continue
                value = None if index is None else Decimal(index)
            else:
                try:
                    value = _number(raw)
                except CellError as exc:
                    problem("target", str(exc))
                    continue
                if value is not None:
                    why = target_error(indicator, value)
                    if why:
                        problem("target", why)
                        continue
            old = current.get(key)
            what = f"{indicator.code} {indicator.name} · {period.label} · {_country_name(iso)}"
            if (old is None and value is None) or (
                old is not None and value is not None and Decimal(old) == value
            ):
                plan.changes.append(Change(number, what, "unchanged"))
                continue
            if period.locked:
                problem("period", services.locked_message(period))
                continue
            show = (
                (lambda v, i=indicator: _status_text(i, None if v is None else int(v)))
                if indicator.measure == Measure.MILESTONE
                else _plain
            )
            plan.changes.append(
                Change(
                    number,
                    what,
                    "create" if old is None else "change",
                    [(_("Target"), show(old), show(value))],
                )
            )
            changes.setdefault(indicator.pk, {})[(period.pk, iso)] = value
        if plan.problems:
            return plan
        by_pk = {i.pk: i for i in indicators.values()}

        def apply() -> int:
            written = 0
            with transaction.atomic(), audit_rationale(plan.rationale):
                for indicator_id, values in changes.items():
                    written += services.save_targets(by_pk[indicator_id], values, acting_user=self.user)
            return written

        plan.apply = apply
        return plan


def problems_summary(plan: Plan) -> str:
    count = len(plan.problems)
    return ngettext(
        "%(count)s problem: nothing was imported.", "%(count)s problems: nothing was imported.", count
    ) % {"count": count}


__all__ = ["FileRefused", "ImportRefused", "Plan", "TargetsImport", "UpdatesImport"]
