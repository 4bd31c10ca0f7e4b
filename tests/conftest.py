"""Shared fixtures: a Playwright page in Debian's Chromium for the browser tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests: no per-example deadline (a loaded CI machine makes timings meaningless), and the
# same examples on every CI run so a result there is reproducible.
hypothesis_settings.register_profile("steerco", deadline=None, derandomize=bool(os.environ.get("CI")))
hypothesis_settings.load_profile("steerco")

CHROMIUM = os.environ.get("STEERCO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
# Screenshots of the browser tests, kept for people to look at; git ignores the folder.
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing() -> Iterator[None]:
    """Tests make and check many passwords; the production hasher's deliberate slowness buys nothing here."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def page_memo_off() -> Iterator[None]:
    """Tests build their worlds with factories that write no audit entries, which the page memo reads
    as "nothing changed"; tests/core/test_memo.py turns it on to test it."""
    from django.test.utils import override_settings

    with override_settings(STEERCO_PAGE_MEMO=False):
        yield


@pytest.fixture(autouse=True, scope="session")
def audit_guard_installed() -> Iterator[None]:
    """Every change the application makes to a scoped object has its audit entry in the same transaction
    (tests/audit_guard.py says how it is checked and how a test exempts a change on purpose)."""
    from . import audit_guard

    audit_guard.install()
    yield
    audit_guard.uninstall()


@pytest.fixture(autouse=True)
def no_unaudited_change() -> Iterator[None]:
    """Fail the test even when the code under test swallowed the guard's exception."""
    from . import audit_guard

    seen = len(audit_guard.violations)
    yield
    if len(audit_guard.violations) > seen:
        pytest.fail("; ".join(audit_guard.violations[seen:]))


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    """Each test starts in English: a request in another language leaves it active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A fresh page in headless Chromium. Without Chromium the test is skipped, except in CI."""
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM}: install Debian's package with `apt-get install chromium`"
        if os.environ.get("STEERCO_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop; Django refuses ORM calls from a thread with a running
    # loop unless told the calls are made knowingly, as they are in these tests.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            browser.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots/ and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Any, base_url: str, username: str, password: str = "demo") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Files a test stores (frozen packs, uploads) go to a folder of its own, never to var/media."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


# --- The demo world, loaded once for the run (tests/demo_world.py) ----------------------------------


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The classes over the shared demo world run first and one after another (pytest-django has
    already put the database test cases first), so it is loaded once and rolled back once."""
    from tests.demo_world import is_demo_world_test

    items.sort(key=lambda item: 0 if is_demo_world_test(item) else 1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield  # after the class's own transaction has closed
    from tests.demo_world import is_demo_world_test, shared_demo_world

    if shared_demo_world.loaded and (nextitem is None or not is_demo_world_test(nextitem)):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            shared_demo_world.discard()
