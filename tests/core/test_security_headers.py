"""The browser runs only our own static script: a Content-Security-Policy on every page, no inline
script, handler or style in any template, and `steerco check --deploy` clean with the production
settings of the README."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.base import SteercoTestCase

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "steerco" / "templates"
# Rendered by WeasyPrint into a PDF, never served to a browser: its print CSS stays inline.
NOT_SERVED = {"reports/print.html", "reports/grid_print.html"}


def served_templates() -> list[Path]:
    return [p for p in TEMPLATES.rglob("*.html") if p.relative_to(TEMPLATES).as_posix() not in NOT_SERVED]


def test_no_template_carries_inline_script_handlers_or_styles() -> None:
    found = []
    for path in served_templates():
        text = re.sub(
            r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}",
            "",
            path.read_text(encoding="utf-8"),
            flags=re.S,
        )
        for pattern in (
            r"<script(?![^>]*\ssrc=)[^>]*>",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"<style\b",
            "javascript:",
        ):
            found += [
                f"{path.relative_to(TEMPLATES)}: {m.group(0)!r}" for m in re.finditer(pattern, text, re.I)
            ]
    assert found == []


class ContentSecurityPolicyTest(SteercoTestCase):
    def test_every_page_carries_the_policy(self) -> None:
        self.login("kz_coordinator")
        for url in (
            reverse("accounts:login"),
            reverse("programmes:list"),
            reverse("programmes:overview", args=["bomca"]),
        ):
            with self.subTest(url):
                policy = self.client.get(url)["Content-Security-Policy"]
                directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
                self.assertEqual(directives["script-src"], "'self'")
                self.assertEqual(directives["style-src"], "'self'")
                self.assertEqual(directives["frame-ancestors"], "'none'")
                self.assertNotIn("unsafe", policy)

    def test_the_scripts_come_from_static(self) -> None:
        page = self.client.get(reverse("accounts:login")).content.decode()
        sources = re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", page)
        self.assertEqual(len(sources), 2)  # htmx (django-htmx's copy) and steerco.js
        self.assertTrue(all(s.startswith("/static/") for s in sources), sources)
        self.assertEqual(len(re.findall(r"<script", page)), 2)


def deploy_check(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    key = tmp_path / "secret_key"
    key.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    # The browser tests allow Django's ORM under Playwright's event loop for this process; a deployment
    # does not, so that allowance is not handed on.
    dropped = {"DEBUG", "SECURE_COOKIES", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in dropped}
    environ.update(
        # The README's production settings (with SQLite standing in for the database server).
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECRET_KEY_FILE=str(key),
        ALLOWED_HOSTS="steerco.example.org",
        CSRF_TRUSTED_ORIGINS="https://steerco.example.org",
        BEHIND_TLS_PROXY="true",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        STEERCO_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path: Path) -> None:
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["SECURE_HSTS_SECONDS", "SECURE_COOKIES"])
def test_check_deploy_notices_a_weakened_setting(tmp_path: Path, name: str) -> None:
    result = deploy_check(tmp_path, **{name: "0" if name == "SECURE_HSTS_SECONDS" else "false"})
    assert result.returncode != 0
