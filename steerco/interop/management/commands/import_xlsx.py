"""`steerco import_xlsx KIND FILE --programme SLUG --user NAME [--country KZ] [--commit]`.

Reads a filled template as the upload page does and prints the preview: what each row would
create or change, and every problem with its cell. With `--commit` (and no problem) it writes,
acting as the named user, within their scope: the same checks, audit entries and transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from steerco.core.roles import Action
from steerco.interop.imports import FileRefused, ImportRefused, TargetsImport, UpdatesImport
from steerco.programmes.models import Programme
from steerco.results.rules import PROGRAMME


class Command(BaseCommand):
    help = "Preview, and with --commit import, a filled steerco Excel template (updates or targets)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["updates", "targets"])
        parser.add_argument("file", help="The filled .xlsx template.")
        parser.add_argument("--programme", required=True, help="The programme's address name, e.g. bomca10.")
        parser.add_argument("--user", required=True, help="The user name the import acts as.")
        parser.add_argument(
            "--country", default="", help="For updates: the ISO code of the template's country."
        )
        parser.add_argument(
            "--commit", action="store_true", help="Write the changes (default: preview only)."
        )

    def handle(self, *args: Any, kind: str, file: str, programme: str, user: str, **options: Any) -> None:
        try:
            actor = get_user_model().objects.get(username=user, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"--user: no active user {user!r}") from exc
        found = Programme.objects.restrict(actor, Action.VIEW).filter(slug=programme).first()
        if found is None:
            raise CommandError(f"--programme: {user} has no programme {programme!r}")
        country = (options.get("country") or "").upper()
        importer: Any = (
            UpdatesImport(actor, found, country or PROGRAMME)
            if kind == "updates"
            else TargetsImport(actor, found)
        )
        if not importer.may():
            raise CommandError(f"{user} may not import {kind} here")
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            plan = importer.plan(content, path.name)
        except FileRefused as refused:
            raise CommandError(refused.message) from refused
        for change in plan.changes:
            details = "; ".join(f"{label}: {old or '—'} → {new or '—'}" for label, old, new in change.fields)
            self.stdout.write(
                f"{plan.sheet}!{change.row}: {change.action} {change.what}"
                + (f" ({details})" if details else "")
            )
        for line in plan.problem_lines():
            self.stderr.write(line)
        counts = {a: plan.count(a) for a in ("create", "change", "unchanged")}
        summary = (
            f"{counts['create']} to create, {counts['change']} to change, {counts['unchanged']} unchanged"
        )
        if plan.problems:
            raise CommandError(f"{len(plan.problems)} problem(s), nothing written ({summary})")
        if not options.get("commit"):
            self.stdout.write(f"Preview only: {summary}. Run again with --commit to write.")
            return
        try:
            assert plan.apply is not None
            written = plan.apply()
        except ImportRefused as refused:
            raise CommandError("nothing written: " + "; ".join(refused.messages)) from refused
        self.stdout.write(
            self.style.SUCCESS(f"Imported {path.name}: {summary}; {written} record(s) written.")
        )
