"""The foundation as a person meets it, in Debian's Chromium: scope, 404s, the language switch, the layout."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from .conftest import ARTIFACTS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo_world() -> None:
    call_command("demo", no_migrate=True, verbosity=0)


def test_kz_coordinator_sees_kazakhstan_only_and_reads_it_in_russian(
    demo_world: None, live_server: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    page.goto(f"{base}/accounts/login/")
    assert page.locator(".demo-logins").get_by_text("kz.coordinator").is_visible()
    screenshot(page, "foundation-01-sign-in")

    sign_in(page, base, "kz.coordinator")
    assert page.url == f"{base}/programmes/"
    assert page.get_by_role("heading", name="BOMCA 10").is_visible()
    assert page.get_by_text("EU4IBM-Resilience").count() == 0
    screenshot(page, "foundation-02-programmes")

    response = page.goto(f"{base}/programmes/bomca10/countries/kz/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Kazakhstan"
    assert page.get_by_text("Border Service of the National Security Committee").is_visible()
    assert page.get_by_role("note").inner_text().startswith("Demo data")
    screenshot(page, "foundation-03-kazakhstan")

    for path in ("/programmes/bomca10/countries/kg/", "/programmes/eu4ibm-resilience/"):
        response = page.goto(f"{base}{path}")
        assert response.status == 404, path
        assert page.locator("h1").inner_text() == "Page not found"
    screenshot(page, "foundation-04-not-found")

    page.goto(f"{base}/programmes/bomca10/countries/kz/")
    with page.expect_navigation():
        page.select_option("#language-switch", "ru")
    assert page.url == f"{base}/programmes/bomca10/countries/kz/"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Казахстан"
    assert page.get_by_role("heading", name="Бенефициарные учреждения").is_visible()
    assert page.get_by_role("link", name="Программы").is_visible()
    assert page.get_by_role("note").inner_text().startswith("Демонстрационные данные")
    screenshot(page, "foundation-05-kazakhstan-ru")

    # The choice stays with the account: a fresh browser context (no cookie) signs in to Russian.
    context = page.context.browser.new_context(viewport=LAPTOP, locale="en-GB")
    fresh = context.new_page()
    sign_in(fresh, base, "kz.coordinator")
    assert fresh.locator("html").get_attribute("lang") == "ru"
    assert fresh.locator("h1").inner_text() == "Программы"
    context.close()


PAGES = [
    ("programmes", "/programmes/"),
    ("overview", "/programmes/eu4ibm-resilience/"),
    ("country", "/programmes/bomca10/countries/tj/"),
    ("amendments", "/programmes/eu4ibm-resilience/amendments/"),
    ("periods", "/programmes/bomca10/periods/"),
    ("risks", "/programmes/bomca10/risks/"),
    ("history", "/programmes/eu4ibm-resilience/history/"),
    ("organisations", "/organisations/"),
    ("risk-form", "/programmes/bomca10/risks/add/"),
    ("users", "/accounts/users/"),
]


def test_main_pages_fit_a_laptop_and_a_phone_and_print(
    demo_world: None, live_server: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    sign_in(page, base, "admin")
    for width_name, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        for name, path in PAGES:
            response = page.goto(f"{base}{path}")
            assert response.status == 200, path
            # Nothing pushes the page sideways: wide tables scroll inside themselves.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px too wide at {width_name} width"
            screenshot(page, f"look-{width_name}-{name}")
    page.set_viewport_size(LAPTOP)
    page.goto(f"{base}/programmes/eu4ibm-resilience/")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert page.locator("svg.timeline").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "look-print-overview.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
