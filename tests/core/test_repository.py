"""What must never be committed: signing keys and the embedded defaults' state under a var/ folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def tracked_files() -> list[PurePosixPath]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: there is no list of tracked files to check")
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout
    return [PurePosixPath(name) for name in listing.split("\0") if name]


def test_no_key_file_and_nothing_under_a_var_folder_is_tracked() -> None:
    offending = [
        str(path) for path in tracked_files() if path.name == "secret_key" or "var" in path.parts[:-1]
    ]
    assert offending == [], f"tracked files that must stay out of git: {offending}"


def test_git_ignores_var_folders_anywhere() -> None:
    tracked_files()  # skips outside a checkout
    for candidate in ("var/secret_key", "steerco/var/secret_key", "some/where/var/steerco.sqlite3"):
        result = subprocess.run(
            ["git", "check-ignore", "--no-index", "-q", candidate], cwd=ROOT, capture_output=True
        )
        assert result.returncode == 0, f"{candidate} is not ignored by .gitignore"
