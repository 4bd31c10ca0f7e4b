"""`steerco backup` and `steerco restore`: the database and the uploaded files in one archive.

The archive is a gzipped tar holding `manifest.json`, the database (`database/steerco.sqlite3`, a
copy made with SQLite's online backup, or `database/steerco.pgdump`, pg_dump's custom format) and
every file under MEDIA_ROOT (`media/…`). The manifest lists each member with its SHA-256, so a
restore can tell a damaged or altered archive and refuse it before touching anything.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

import steerco

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/steerco.sqlite3"
POSTGRES_MEMBER = "database/steerco.pgdump"
# Rows a freshly migrated instance already has; they do not make it "not empty".
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the person running it."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _postgres_command(program: str) -> tuple[list[str], dict[str, str]]:
    params = connection.settings_dict
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (on Debian: apt-get install postgresql-client)")
    args = [program, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [flag, str(params[key])]
    environ = dict(os.environ)
    if params.get("PASSWORD"):
        environ["PGPASSWORD"] = str(params["PASSWORD"])
    if params.get("OPTIONS", {}).get("sslmode"):
        environ["PGSSLMODE"] = str(params["OPTIONS"]["sslmode"])
    return args, environ


def _copy_database(folder: Path) -> str:
    if engine() == "sqlite":
        target = folder / SQLITE_MEMBER
        target.parent.mkdir(parents=True)
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # The online backup copies a consistent state even while others write.
            connection.connection.backup(copy)  # type: ignore[union-attr]
        finally:
            copy.close()
        return SQLITE_MEMBER
    target = folder / POSTGRES_MEMBER
    target.parent.mkdir(parents=True)
    args, environ = _postgres_command("pg_dump")
    args += ["--format=custom", "--file", str(target), str(connection.settings_dict["NAME"])]
    result = subprocess.run(args, env=environ, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return POSTGRES_MEMBER


def media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def make_backup(output: Path) -> dict[str, Any]:
    """Write the archive to `output` and return its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="steerco-backup-") as work:
        folder = Path(work)
        database_member = _copy_database(folder)
        members: dict[str, Path] = {database_member: folder / database_member}
        for path in media_files(media_root):
            members[(PurePosixPath("media") / path.relative_to(media_root).as_posix()).as_posix()] = path
        manifest = {
            "format": FORMAT,
            "made": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "steerco": steerco.__version__,
            "engine": engine(),
            "database": database_member,
            "files": {name: sha256_of(path) for name, path in members.items()},
        }
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                archive.add(path, arcname=name, recursive=False)
        partial.replace(output)  # a half-written archive never carries the final name
    return manifest


@dataclass
class CheckedArchive:
    manifest: dict[str, Any]
    folder: Path  # where the verified members were extracted


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def verify_and_extract(archive_path: Path, folder: Path) -> CheckedArchive:
    """Extract the archive into `folder`, refusing it unless every member matches the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
            by_name = {m.name: m for m in members}
            if MANIFEST not in by_name:
                raise BackupError(f"{archive_path} is not a steerco backup: it has no {MANIFEST}")
            handle = archive.extractfile(by_name[MANIFEST])
            assert handle is not None
            try:
                manifest = json.loads(handle.read().decode("utf-8"))
                listed: dict[str, str] = manifest["files"]
            except (ValueError, KeyError, TypeError) as exc:
                raise BackupError(f"{archive_path}: its manifest cannot be read ({exc})") from exc
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{archive_path}: backup format {manifest.get('format')!r} is not {FORMAT}")
            present = {m.name for m in members if m.name != MANIFEST}
            if missing := sorted(set(listed) - present):
                raise BackupError(
                    f"the archive is damaged: {missing[0]} is in the manifest but not in the archive"
                )
            if extra := sorted(present - set(listed)):
                raise BackupError(
                    f"the archive is damaged: {extra[0]} is in the archive but not in the manifest"
                )
            if manifest.get("database") not in listed:
                raise BackupError("the archive is damaged: its manifest names no database copy")
            for member in members:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_member_name(member.name):
                    raise BackupError(
                        f"the archive is damaged: {member.name!r} is not a plain file inside it"
                    )
                target = folder / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                assert source is not None
                with target.open("wb") as out:
                    shutil.copyfileobj(source, out)
                if sha256_of(target) != listed[member.name]:
                    raise BackupError(
                        f"the archive is damaged: {member.name} does not match its SHA-256 in the manifest"
                    )
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as exc:
        raise BackupError(f"{archive_path} cannot be read as a backup archive ({exc})") from exc
    return CheckedArchive(manifest, folder)


def what_is_here() -> list[str]:
    """What makes this instance not empty: tables with rows, uploaded files."""
    held = []
    for model in apps.get_models():
        if model._meta.label_lower in MADE_BY_MIGRATE or model._meta.proxy:
            continue
        count = model._default_manager.count()
        if count:
            held.append(f"{count} {model._meta.verbose_name_plural}")
    files = media_files(Path(settings.MEDIA_ROOT))
    if files:
        held.append(f"{len(files)} uploaded files")
    return held


def _restore_database(checked: CheckedArchive) -> None:
    member = checked.manifest["database"]
    source = checked.folder / member
    if checked.manifest.get("engine") != engine():
        raise BackupError(
            f"this backup holds a {checked.manifest.get('engine')} database; this instance runs on {engine()}"
        )
    if engine() == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(source)
        try:
            copy.backup(connection.connection)  # type: ignore[arg-type]
        finally:
            copy.close()
        return
    connection.close()  # pg_restore replaces the tables; keep no transaction of ours open on them
    args, environ = _postgres_command("pg_restore")
    args += ["--clean", "--if-exists", "--single-transaction", "--exit-on-error"]
    args += ["--dbname", str(connection.settings_dict["NAME"]), str(source)]
    result = subprocess.run(args, env=environ, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_media(checked: CheckedArchive) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    for path in media_files(media_root):
        path.unlink()
    restored = 0
    source_root = checked.folder / "media"
    for name in checked.manifest["files"]:
        if not name.startswith("media/"):
            continue
        target = media_root / PurePosixPath(name).relative_to("media")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_root / PurePosixPath(name).relative_to("media"), target)
        restored += 1
    return restored


def restore_backup(archive_path: Path, *, replace: bool = False) -> dict[str, Any]:
    """Verify the archive, then replace this instance's database and uploaded files with its contents.

    Refuses a damaged archive, and a non-empty instance unless `replace` is given."""
    with tempfile.TemporaryDirectory(prefix="steerco-restore-") as work:
        checked = verify_and_extract(archive_path, Path(work))
        if not replace and (held := what_is_here()):
            raise BackupError(
                "this instance is not empty ("
                + ", ".join(held[:5])
                + (", …" if len(held) > 5 else "")
                + "); "
                "restoring replaces all of it: run again with --replace to do so"
            )
        _restore_database(checked)
        files = _restore_media(checked)
    return {**checked.manifest, "restored_files": files}
