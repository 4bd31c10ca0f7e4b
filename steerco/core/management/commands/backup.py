"""`steerco backup`: the database and the uploaded files in one archive with a manifest of hashes."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from steerco.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Copy the database (consistently, while steerco runs) and the uploaded files into one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="the archive to write (default: var/backups/steerco-<UTC date and time>.tar.gz)",
        )

    def handle(self, *args: Any, output: str | None = None, **options: Any) -> None:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
        path = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"steerco-{stamp}.tar.gz"
        try:
            manifest = make_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Backup written to {path}: the {manifest['engine']} database and {files} uploaded files."
        )
