"""The bad-input corpus: every hostile value, posted to every form of the site that takes such a field.

The forms are found, not listed: every page of the permission matrix is opened as the administrator,
and each page that shows a form gets, field by field, the hostile values for that kind of field, the
other fields keeping what the page offered. Whatever is posted, nothing answers 5xx; a value that must
be refused is refused at its field with a message, with no row and no audit entry written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, models, transaction
from django.db.models.fields.files import FieldFile

from steerco.audit.models import AuditEntry

from .base import SteercoTestCase
from .uploads import PDF
from .url_matrix import MATRIX

REFUSE = "refuse"  # must be refused at the field, nothing written
ANY = "any"  # may be accepted or refused, but never a server error

CSS_BREAKER = (
    "NSG css\f; background: url(http://127.0.0.1:9/x); } } body { background: url(http://127.0.0.1:9/y) } x {"
)
TEXTS: list[tuple[str, str, str]] = [
    ("100,000 characters", "x" * 100_000, REFUSE),
    ("a NUL byte", "before\x00after", REFUSE),
    ("CSS-breaking text", CSS_BREAKER, ANY),
    ("a formula", '=HYPERLINK("http://127.0.0.1:9/x","open")', ANY),
    ("a formula with a sign", "+1+cmd|' /C calc'!A0", ANY),
    ("CR, LF and quotes", "Line one\r\nLine \"two\" 'three'", ANY),
    ("a form feed and an escape", "Name\f\x1b[31m", ANY),
    ("markup", '<img src="http://127.0.0.1:9/x"><script>alert(1)</script>', ANY),
    ("a far month", "9999-12", ANY),
    ("only spaces", "   ", ANY),
]
DATES: list[tuple[str, str, str]] = [
    ("the year 9999", "9999-12-31", REFUSE),
    ("the year 1900", "1900-01-01", REFUSE),
    ("the year 1", "0001-01-01", REFUSE),
    ("just after the window", "2101-01-01", REFUSE),
    ("a five-digit year", "99999-01-01", REFUSE),
    ("the 30th of February", "2024-02-30", REFUSE),
]
NUMBERS: list[tuple[str, str, str]] = [
    ("an absurd number", "99999999999999999999999", REFUSE),
    ("an exponent", "1e400", REFUSE),
    ("not a number", "NaN", REFUSE),
    ("infinity", "Infinity", REFUSE),
    ("a decimal comma in English", "7,5", REFUSE),
]
CHOICES: list[tuple[str, str, str]] = [
    ("no such choice", "no-such-choice", REFUSE),
    ("no such object", "987654321", REFUSE),
]
INVALID_UTF8 = "%FF%FEbad%C3"  # percent-encoded bytes that are not UTF-8


@dataclass
class FoundForm:
    url_name: str
    url: str
    form: forms.BaseForm


def plain(value: Any) -> Any:
    """A value as a browser would post it back."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | int | float):
        return str(value)
    return "" if value is None else str(value)


def offered(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts for the form as the page showed it."""
    data: dict[str, Any] = {}
    for bound in form:
        field = bound.field
        if field.disabled or isinstance(field, forms.FileField):
            continue
        value = bound.value()
        if isinstance(value, FieldFile):
            continue
        if isinstance(field, forms.BooleanField) or isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple) or hasattr(value, "__iter__") and not isinstance(value, str):
            data[bound.html_name] = [plain(v) for v in value]
        else:
            data[bound.html_name] = plain(value)
    return data


def hostile_values(field: forms.Field) -> Iterator[tuple[str, Any, str]]:
    typed = not field.widget.is_hidden and not isinstance(field.widget, forms.PasswordInput)
    if isinstance(field, forms.FileField):
        yield "a program named .pdf", SimpleUploadedFile("act.pdf", b"MZ\x90\x00program"), REFUSE
        yield "a 244-character name", SimpleUploadedFile("n" * 240 + ".pdf", PDF), REFUSE
    elif isinstance(field, forms.DateField):
        for label, value, rule in DATES:
            yield label, value, rule if typed else ANY
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        for label, value, rule in NUMBERS:
            yield label, value, rule if typed else ANY
        minimum = getattr(field, "min_value", None)
        yield "a negative number", "-1", REFUSE if typed and minimum is not None and minimum > -1 else ANY
    elif isinstance(field, forms.ChoiceField | forms.ModelMultipleChoiceField):
        for label, value, rule in CHOICES:
            yield label, [value] if isinstance(field, forms.MultipleChoiceField) else value, rule
    elif isinstance(field, forms.BooleanField):
        yield "a word for a box", "maybe", ANY
    elif isinstance(field, forms.CharField):
        for label, value, rule in TEXTS:
            yield label, value, rule if typed else ANY


def table_counts() -> list[int]:
    """Rows in every table of the project (users, memberships and audit among them), in one query."""
    tables = sorted({m._meta.db_table for m in apps.get_models() if m.__module__.startswith("steerco.")})
    quote_name = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote_name(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchone())


def row_of(form: forms.BaseForm) -> dict[str, Any] | None:
    instance = getattr(form, "instance", None)
    if instance is None or instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).values().first()


class BadInputCorpusTest(SteercoTestCase):
    def discover(self) -> list[FoundForm]:
        self.login("admin")
        found = []
        for name, cases in MATRIX.items():
            for case in cases:
                if case.method != "get" or "admin" not in case.allowed:
                    continue
                url = case.url(self)
                if url.rsplit("/", 1)[-1].rpartition(".")[2] in ("pdf", "docx", "xlsx", "csv", "xml"):
                    continue  # a download, not a page
                response = self.client.get(url)
                form = (response.context or {}).get("form") if response.status_code == 200 else None
                if isinstance(form, forms.BaseForm) and form.fields and self.posts_here(url, form):
                    found.append(FoundForm(name, url, form))
        return found

    def posts_here(self, url: str, form: forms.BaseForm) -> bool:
        """Whether the page's form is answered at the page's own address (some post elsewhere)."""
        with transaction.atomic():
            response = self.post(url, offered(form))
            transaction.set_rollback(True)
        if response.status_code in (301, 302, 303):
            return True
        answered = (response.context or {}).get("form")
        return isinstance(answered, forms.BaseForm) and answered.is_bound

    def post(self, url: str, data: dict[str, Any], raw_tail: str = "") -> Any:
        if raw_tail:
            body = urlencode(data, doseq=True) + raw_tail
            return self.client.post(url, body, content_type="application/x-www-form-urlencoded")
        return self.client.post(url, data)

    def check(
        self, found: FoundForm, field_name: str, label: str, value: Any, rule: str, raw: str = ""
    ) -> None:
        form = found.form
        bound = form[field_name]
        data = offered(form)
        if not raw:
            data[bound.html_name] = value
        else:
            data.pop(bound.html_name, None)
        with transaction.atomic():
            counts, audits, row = table_counts(), AuditEntry.objects.count(), row_of(form)
            response = self.post(found.url, data, raw)
            self.assertLess(response.status_code, 500)
            if rule == REFUSE:
                self.assertIn(response.status_code, (200, 400), "a refused value must not redirect")
                answered = response.context["form"]
                self.assertIn(field_name, answered.errors, f"no message at {field_name}")
                self.assertTrue(all(str(m).strip() for m in answered.errors[field_name]))
                self.assertEqual(table_counts(), counts)
                self.assertEqual(AuditEntry.objects.count(), audits)
                self.assertEqual(row_of(form), row)
            transaction.set_rollback(True)

    def test_every_hostile_value_at_every_field_of_every_form(self) -> None:
        found = self.discover()
        # The walk finds the site's forms; if it found few, the discovery broke, not the forms.
        self.assertGreater(len(found), 40, [f.url_name for f in found])
        self.login("admin")
        tried = 0
        for item in found:
            for field_name, field in item.form.fields.items():
                if field.disabled:
                    continue
                for label, value, rule in hostile_values(field):
                    with self.subTest(form=item.url_name, field=field_name, value=label):
                        self.check(item, field_name, label, value, rule)
                        tried += 1
                if isinstance(field, forms.CharField) and not isinstance(field, forms.FileField):
                    with self.subTest(form=item.url_name, field=field_name, value="invalid UTF-8"):
                        tail = "&" + quote(item.form[field_name].html_name) + "=" + INVALID_UTF8
                        self.check(item, field_name, "invalid UTF-8", None, ANY, raw=tail)
        self.assertGreater(tried, 400)


STORED_TEXT = "Ctl\f\x0b\x1b\x01 \"q\" 's'\r\n<b>x</b> } body { background: url(http://127.0.0.1:9/z) } ="


class StoredHostileTextTest(SteercoTestCase):
    """Text stored before today's rules (or written by an import) must not break a page or a file."""

    def free_text_fields(self) -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
        found = []
        for model in apps.get_models():
            if not model.__module__.startswith("steerco."):
                continue
            for field in model._meta.concrete_fields:
                if (
                    type(field) in (models.CharField, models.TextField)
                    and not field.choices
                    and not field.unique
                    and field.name != "password"  # the reader must stay signed in
                    and (field.max_length is None or field.max_length >= 64)
                ):
                    found.append((model, field))
        return found

    def test_every_page_and_download_answers_with_control_characters_and_css_in_every_text(self) -> None:
        # Addresses naming another programme's object answer 404 to everybody: not pages to read here.
        urls = [
            (n, c.url(self))
            for n, cases in MATRIX.items()
            for c in cases
            if c.method == "get" and not c.elsewhere
        ]
        fields = self.free_text_fields()
        self.assertGreater(len(fields), 40)
        for model, field in fields:
            limit = field.max_length or len(STORED_TEXT)
            try:
                with transaction.atomic():
                    model._default_manager.update(**{field.attname: STORED_TEXT[:limit]})
            except IntegrityError:  # unique together with another field: one text per row
                for pk in model._default_manager.values_list("pk", flat=True):
                    text = STORED_TEXT[: limit - 12] + f" #{pk}"
                    model._default_manager.filter(pk=pk).update(**{field.attname: text})
        self.login("admin")
        answered = []
        for name, url in urls:
            with self.subTest(url=name, path=url):
                status = self.client.get(url).status_code
                self.assertLess(status, 500)
                answered.append(status)
        self.assertGreater(answered.count(200), len(urls) * 3 // 4)  # the pages themselves, not redirects
