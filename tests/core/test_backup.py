"""`steerco backup` and `steerco restore`: a restore into an empty instance gives back every table and
every uploaded file; a damaged archive and a non-empty instance are refused with a clear message."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase, override_settings

from steerco.core.backup import MANIFEST
from steerco.core.roles import Role
from tests import factories as f


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in a stable order, as the database returns them."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            tables[table] = sorted(cursor.fetchall(), key=repr)
    return tables


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class BackupAndRestoreTest(TransactionTestCase):
    def setUp(self) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="steerco-backup-test-"))
        self.addCleanup(shutil.rmtree, self.work, ignore_errors=True)
        self.media = self.work / "media"
        self.media.mkdir()
        media = override_settings(MEDIA_ROOT=str(self.media))
        media.enable()
        self.addCleanup(media.disable)
        programme = f.programme(slug="bomca", code="BOMCA")
        f.country(programme, "KZ", institutions=2)
        f.risk(programme, country="KZ", title="Риск: границы")
        f.user("kz_coordinator", (programme, "KZ", Role.COORDINATOR), email="kz@example.org")
        (self.media / "evidence" / "2024").mkdir(parents=True)
        (self.media / "evidence" / "2024" / "act.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)))
        (self.media / "packs").mkdir()
        (self.media / "packs" / "Пакет RSG 4.docx").write_bytes(b"PK\x03\x04 word")
        self.archive = self.work / "backup.tar.gz"

    def backup(self) -> None:
        out = io.StringIO()
        call_command("backup", output=str(self.archive), stdout=out)
        self.assertIn("2 uploaded files", out.getvalue())

    def empty_the_instance(self) -> None:
        """A freshly migrated instance: no data, no uploads, only what migrate itself writes."""
        call_command("flush", interactive=False, verbosity=0)
        for path in sorted(self.media.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()

    def test_a_restore_into_an_empty_instance_gives_back_every_table_and_file(self) -> None:
        tables, files = every_table(), files_under(self.media)
        self.backup()
        self.empty_the_instance()
        self.assertNotEqual(every_table(), tables)
        call_command("restore", str(self.archive), stdout=io.StringIO())
        restored = every_table()
        self.assertEqual(sorted(restored), sorted(tables))
        for table in tables:
            self.assertEqual(restored[table], tables[table], table)
        self.assertEqual(files_under(self.media), files)

    def test_the_manifest_lists_every_member_with_its_hash(self) -> None:
        self.backup()
        with tarfile.open(self.archive) as archive:
            names = set(archive.getnames())
            manifest = json.loads(archive.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        self.assertEqual(names - {MANIFEST}, set(manifest["files"]))
        self.assertIn("media/packs/Пакет RSG 4.docx", manifest["files"])
        self.assertTrue(all(len(h) == 64 for h in manifest["files"].values()))

    def test_a_non_empty_instance_is_refused_unless_told_to_replace_it(self) -> None:
        self.backup()
        f.risk(f.programme(slug="later"), title="written after the backup")
        with self.assertRaisesMessage(CommandError, "this instance is not empty"):
            call_command("restore", str(self.archive), stdout=io.StringIO())
        self.assertTrue(every_table())  # untouched
        call_command("restore", str(self.archive), replace=True, stdout=io.StringIO())
        from steerco.programmes.models import Programme

        self.assertEqual(list(Programme.objects.values_list("slug", flat=True)), ["bomca"])

    def test_a_damaged_archive_is_refused_and_nothing_is_touched(self) -> None:
        self.backup()
        self.empty_the_instance()
        before = every_table()
        damaged = self.work / "damaged.tar.gz"
        with tarfile.open(self.archive) as source, tarfile.open(damaged, "w:gz") as target:
            for member in source.getmembers():
                data = source.extractfile(member).read()  # type: ignore[union-attr]
                if member.name == "media/evidence/2024/act.pdf":
                    data = data[:-1] + b"X"
                target.addfile(member, io.BytesIO(data))
        with self.assertRaisesMessage(
            CommandError, "media/evidence/2024/act.pdf does not match its SHA-256 in the manifest"
        ):
            call_command("restore", str(damaged), stdout=io.StringIO())
        truncated = self.work / "truncated.tar.gz"
        truncated.write_bytes(self.archive.read_bytes()[:200])
        with self.assertRaisesMessage(CommandError, "cannot be read as a backup archive"):
            call_command("restore", str(truncated), stdout=io.StringIO())
        self.assertEqual(every_table(), before)
        self.assertEqual(files_under(self.media), {})
