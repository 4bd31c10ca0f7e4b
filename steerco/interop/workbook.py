"""Workbooks that come back: the checks a file passes before a cell is read, and reading it by stream.

A template made by steerco carries a hidden sheet with its stamp (kind, programme, country,
format version, signed), so an outdated, foreign or other kind of template is recognised. A file
that is not a template, or is dangerous or odd (macros, external links, a zip bomb, merged cells,
hidden rows), is refused with one sentence before anything else is read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import iterparse  # noqa: S405 -- zip members are size-checked first

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FORMAT_VERSION = 1
STAMP_SHEET = "steerco"
STAMP_SALT = "steerco.import-template"
# What the parts of a workbook may hold once unpacked, and how much more than the file itself.
UNPACKED_MAX_BYTES = 200 * 1024 * 1024
UNPACKED_MAX_RATIO = 200


class FileRefused(Exception):
    """The whole file is refused, with one sentence saying why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Stamp:
    kind: str
    programme: str
    country: str
    language: str
    sheet: str
    columns: tuple[tuple[str, str], ...]  # (key, header label) in the order written
    version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def signed(self) -> str:
        return signing.dumps(
            {
                "kind": self.kind,
                "programme": self.programme,
                "country": self.country,
                "language": self.language,
                "sheet": self.sheet,
                "columns": [list(c) for c in self.columns],
                "version": self.version,
                "extra": self.extra,
            },
            salt=STAMP_SALT,
            compress=True,
        )

    @classmethod
    def read(cls, text: str) -> Stamp:
        data = signing.loads(text, salt=STAMP_SALT)
        return cls(
            kind=str(data["kind"]),
            programme=str(data["programme"]),
            country=str(data["country"]),
            language=str(data["language"]),
            sheet=str(data["sheet"]),
            columns=tuple((str(k), str(v)) for k, v in data["columns"]),
            version=int(data["version"]),
            extra=dict(data.get("extra") or {}),
        )


def write_stamp(book: Any, stamp: Stamp) -> None:
    """Put the stamp on a hidden sheet of an XlsxWriter workbook."""
    sheet = book.add_worksheet(STAMP_SHEET)
    sheet.write_string(0, 0, stamp.signed())
    sheet.hide()


def cell_name(column: int, row: int) -> str:
    """`C14` for the third column of the fourteenth row (both counted from 1)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _check_archive(content: bytes) -> zipfile.ZipFile:
    if len(content) > settings.UPLOAD_MAX_BYTES:
        from steerco.core.uploads import size_and_limit

        size, limit = size_and_limit(len(content), settings.UPLOAD_MAX_BYTES)
        raise FileRefused(_("The file is %(size)s; the limit is %(limit)s.") % {"size": size, "limit": limit})
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileRefused(
            _("This is not an Excel workbook (.xlsx): download the template and fill it in.")
        ) from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileRefused(_("This is not an Excel workbook (.xlsx): download the template and fill it in."))
    unpacked = sum(m.file_size for m in members)
    if unpacked > UNPACKED_MAX_BYTES or unpacked > UNPACKED_MAX_RATIO * max(len(content), 1):
        raise FileRefused(
            _("The workbook unpacks to far more data than a template holds; it is refused as unsafe.")
        )
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in archive.read(
        "[Content_Types].xml"
    ):
        raise FileRefused(
            _("The workbook contains macros; save it as a plain .xlsx workbook and upload it again.")
        )
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise FileRefused(
            _(
                "The workbook links to other files; copy the values in (Paste special → Values) and upload "
                "it again."
            )
        )
    return archive


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part holding it."""
    rels: dict[str, str] = {}
    for _event, element in iterparse(archive.open("xl/_rels/workbook.xml.rels")):
        if element.tag.endswith("Relationship"):
            target = element.get("Target", "")
            target = target.lstrip("/")
            rels[element.get("Id", "")] = target if target.startswith("xl/") else f"xl/{target}"
    parts = {}
    for _event, element in iterparse(archive.open("xl/workbook.xml")):
        if element.tag.endswith("}sheet"):
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            parts[element.get("name", "")] = rels.get(rid, "")
    return parts


@dataclass
class SheetOddities:
    hidden_rows: list[int]
    merged: list[str]


def _oddities(archive: zipfile.ZipFile, part: str) -> SheetOddities:
    hidden: list[int] = []
    merged: list[str] = []
    for _event, element in iterparse(archive.open(part)):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "row":
            if element.get("hidden") in ("1", "true"):
                hidden.append(int(element.get("r", "0")))
            element.clear()
        elif tag == "mergeCell":
            merged.append(element.get("ref", ""))
    return SheetOddities(hidden, merged)


@dataclass
class OpenedWorkbook:
    stamp: Stamp
    rows: Iterator[tuple[int, tuple[Any, ...]]]  # (row number, values) of the data sheet after the header
    header: tuple[Any, ...]
    positions: dict[str, int]  # column key → position (from 0) in the file
    book: Any

    def close(self) -> None:
        self.book.close()


def open_template(content: bytes, *, kind: str, programme: str) -> OpenedWorkbook:
    """Check `content` is a template of `kind` for `programme` and open its data sheet by stream."""
    import openpyxl

    archive = _check_archive(content)
    parts = _sheet_parts(archive)
    if STAMP_SHEET not in parts:
        raise FileRefused(
            _("This workbook is not a steerco template: download the template from this page and fill it in.")
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(_("The workbook cannot be read: it is damaged or not an .xlsx file.")) from exc
    try:
        stamp_text = book[STAMP_SHEET]["A1"].value
        stamp = Stamp.read(str(stamp_text or ""))
    except (signing.BadSignature, KeyError, ValueError, TypeError) as exc:
        book.close()
        raise FileRefused(
            _("The template's stamp is damaged or not steerco's: download a new template.")
        ) from exc
    if stamp.version != FORMAT_VERSION:
        book.close()
        raise FileRefused(
            _("This template is of an older format: download a new one and copy the values into it.")
        )
    if stamp.kind != kind:
        book.close()
        raise FileRefused(
            _("This is a template of another kind: download this page's template and fill it in.")
        )
    if stamp.programme != programme:
        book.close()
        raise FileRefused(_("This template belongs to another programme."))
    known = {stamp.sheet, STAMP_SHEET, *stamp.extra.get("sheets", [])}
    extra = [name for name in book.sheetnames if name not in known]
    if extra:
        book.close()
        raise FileRefused(
            _(
                "The sheet “%(sheet)s” is not part of this template and cannot be read: delete it and "
                "upload again."
            )
            % {"sheet": extra[0]}
        )
    if stamp.sheet not in book.sheetnames:
        book.close()
        raise FileRefused(_("The sheet “%(sheet)s” is missing from the workbook.") % {"sheet": stamp.sheet})
    odd = _oddities(archive, parts[stamp.sheet])
    if odd.merged:
        book.close()
        raise FileRefused(
            _("Cells %(cells)s of sheet %(sheet)s are merged: unmerge them and upload again.")
            % {"cells": ", ".join(odd.merged[:3]), "sheet": stamp.sheet}
        )
    sheet = book[stamp.sheet]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, ())
    positions: dict[str, int] = {}
    labels = [str(v).strip() if v is not None else "" for v in header]
    for key, label in stamp.columns:
        if label not in labels:
            book.close()
            raise FileRefused(
                _(
                    "The column “%(column)s” is missing from sheet %(sheet)s (renamed or deleted): use the "
                    "template's headers."
                )
                % {"column": label, "sheet": stamp.sheet}
            )
        positions[key] = labels.index(label)
    hidden = set(odd.hidden_rows)

    def numbered() -> Iterator[tuple[int, tuple[Any, ...]]]:
        for number, values in enumerate(rows, start=2):
            if number in hidden and any(v not in (None, "") for v in values):
                raise FileRefused(
                    _("Row %(row)s of sheet %(sheet)s is hidden: show it (or delete it) and upload again.")
                    % {"row": number, "sheet": stamp.sheet}
                )
            yield number, values

    return OpenedWorkbook(stamp=stamp, rows=numbered(), header=tuple(header), positions=positions, book=book)


FORMULA = re.compile(r"^=")


def mark_problems(content: bytes, sheet_name: str, problems: list[tuple[int, int | None, str]]) -> bytes:
    """The user's own workbook with each bad cell filled red, its message as a comment, and a flag in
    the first cell of each row with a problem. `problems`: (row, column from 1 or None, message)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book[sheet_name]
    red = PatternFill("solid", start_color="FFF4B6B6", end_color="FFF4B6B6")
    flagged: dict[int, list[str]] = {}
    for row, column, message in problems:
        flagged.setdefault(row, []).append(message)
        if column is None:
            continue
        cell = sheet.cell(row=row, column=column)
        cell.fill = red
        text = message if cell.comment is None else f"{cell.comment.text}\n{message}"
        cell.comment = Comment(text, "steerco")
    for row, messages in flagged.items():
        first = sheet.cell(row=row, column=1)
        first.fill = red
        summary = ngettext(
            "This row has %(count)s problem:", "This row has %(count)s problems:", len(messages)
        ) % {"count": len(messages)}
        first.comment = Comment("\n".join([summary, *messages]), "steerco")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
