"""`steerco restore`: check a backup archive against its manifest, then put its database and files back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from steerco.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `steerco backup` into this instance. A damaged archive is refused; "
        "an instance that already holds data is refused unless --replace is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the .tar.gz written by `steerco backup`")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the data and uploaded files this instance already holds",
        )

    def handle(self, *args: Any, archive: str, replace: bool = False, **options: Any) -> None:
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = restore_backup(path, replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup made {result['made']} (steerco {result['steerco']}): "
            f"the database and {result['restored_files']} uploaded files."
        )
