"""Production configuration from environment variables: the database URL, the secret key, allowed hosts."""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

import steerco.settings
from steerco.settings import database_from_url

SETTINGS_FILE = steerco.settings.__file__
OUR_VARIABLES = [
    "DATABASE_URL",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "ALLOWED_HOSTS",
    "DEBUG",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_COOKIES",
    "BEHIND_TLS_PROXY",
    "CONN_MAX_AGE",
]


@pytest.fixture
def load_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """Evaluate settings.py afresh under the given environment, without touching the running settings."""

    def load(**environ: str) -> dict[str, Any]:
        for name in OUR_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("STEERCO_VAR_DIR", str(tmp_path / "var"))
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(SETTINGS_FILE)

    return load


def test_a_postgres_url_becomes_a_postgresql_entry() -> None:
    entry = database_from_url("postgres://steer%40co:p%2Fss@db.example.org:6543/steerco?sslmode=require")
    assert entry["ENGINE"] == "django.db.backends.postgresql"
    assert (entry["NAME"], entry["USER"], entry["PASSWORD"]) == ("steerco", "steer@co", "p/ss")
    assert (entry["HOST"], entry["PORT"]) == ("db.example.org", "6543")
    assert entry["OPTIONS"] == {"sslmode": "require"}
    assert entry["CONN_HEALTH_CHECKS"] is True


def test_a_postgres_url_without_password_or_port() -> None:
    for scheme in ("postgres", "postgresql", "pgsql"):
        entry = database_from_url(f"{scheme}://postgres@127.0.0.1/test")
        assert (entry["NAME"], entry["USER"], entry["PASSWORD"], entry["PORT"]) == (
            "test",
            "postgres",
            "",
            "",
        )


def test_a_sqlite_url_becomes_an_sqlite_entry_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "data" / "steerco.sqlite3"
    entry = database_from_url(f"sqlite://{path}")
    assert entry["ENGINE"] == "django.db.backends.sqlite3"
    assert entry["NAME"] == str(path)
    assert path.parent.is_dir()  # made, so the first migrate does not fail
    options: dict[str, Any] = entry["OPTIONS"]  # type: ignore[assignment]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_an_unknown_scheme_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="mysql"):
        database_from_url("mysql://root@localhost/steerco")


def test_without_database_url_sqlite_lives_under_var(load_settings: Any, tmp_path: Path) -> None:
    settings = load_settings()
    assert settings["DATABASES"]["default"]["NAME"] == str(tmp_path / "var" / "steerco.sqlite3")
    assert settings["MEDIA_ROOT"] == tmp_path / "var" / "media"


def test_database_url_is_used(load_settings: Any) -> None:
    settings = load_settings(DATABASE_URL="postgres://steerco:pw@db:5432/steerco")
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings["DATABASES"]["default"]["HOST"] == "db"


def test_secret_key_from_a_file_wins(load_settings: Any, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-the-file\n", encoding="utf-8")
    settings = load_settings(SECRET_KEY_FILE=str(secret), SECRET_KEY="from-the-variable")
    assert settings["SECRET_KEY"] == "from-the-file"
    assert load_settings(SECRET_KEY="from-the-variable")["SECRET_KEY"] == "from-the-variable"


def test_without_a_secret_key_one_is_made_once_and_kept(load_settings: Any, tmp_path: Path) -> None:
    first = load_settings()["SECRET_KEY"]
    assert len(first) >= 50
    assert load_settings()["SECRET_KEY"] == first
    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text(encoding="utf-8").strip() == first
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_allowed_hosts_and_debug(load_settings: Any) -> None:
    settings = load_settings(ALLOWED_HOSTS=" steerco.example.org, www.steerco.example.org ,", DEBUG="true")
    assert settings["ALLOWED_HOSTS"] == ["steerco.example.org", "www.steerco.example.org"]
    assert settings["DEBUG"] is True
    defaults = load_settings()
    assert "127.0.0.1" in defaults["ALLOWED_HOSTS"] and "localhost" in defaults["ALLOWED_HOSTS"]
    assert defaults["DEBUG"] is False


def test_behind_a_tls_proxy(load_settings: Any, tmp_path: Path) -> None:
    settings = load_settings(
        SECURE_COOKIES="1",
        BEHIND_TLS_PROXY="yes",
        CSRF_TRUSTED_ORIGINS="https://steerco.example.org",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://steerco.example.org"]
    assert settings["MEDIA_ROOT"] == tmp_path / "media"


def test_the_default_var_folder_is_the_checkouts_whatever_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in OUR_VARIABLES + ["STEERCO_VAR_DIR"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "not-a-real-key")  # so loading makes no key file
    checkout = Path(SETTINGS_FILE).resolve().parent.parent
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = runpy.run_path(SETTINGS_FILE)
    assert settings["VAR_DIR"] == checkout / "var"
    assert not (elsewhere / "var").exists()
