"""Every persona's main pages, checked by axe-core in Chromium against WCAG 2.1 A and AA, and at the
narrowest phone width (320 px) for sideways scrolling; the skip link and the focus ring, as a keyboard
user meets them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from .conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROWEST = {"width": 320, "height": 640}


def main_pages() -> dict[str, list[str]]:
    """The pages each demo persona opens first, read from the loaded demo world."""
    from steerco.delivery.models import Event, ProcurementLot
    from steerco.programmes.models import ReportingPeriod
    from steerco.results.models import Indicator, IndicatorUpdate, UpdateState

    period = ReportingPeriod.objects.filter(programme__slug="bomca10").order_by("start").first()
    indicator = Indicator.objects.filter(result__programme__slug="bomca10").order_by("pk").first()
    event = Event.objects.filter(programme__slug="bomca10", country="KZ").order_by("pk").first()
    lot = ProcurementLot.objects.filter(programme__slug="bomca10", country="KZ").order_by("pk").first()
    assert period and indicator and event and lot
    waiting = IndicatorUpdate.objects.filter(
        indicator__result__programme__slug="bomca10", state=UpdateState.SUBMITTED
    ).values_list("pk", flat=True)
    ticked = "&".join(f"update={pk}" for pk in waiting)
    b = "/programmes/bomca10"
    return {
        "admin": ["/programmes/", "/organisations/", "/accounts/users/", f"{b}/risks/add/"],
        "manager": [
            f"{b}/",
            f"{b}/risks/",
            f"{b}/budget/",
            f"{b}/budget/spend/?sort=-amount",
            f"{b}/meetings/",
            f"{b}/history/",
            f"{b}/amendments/",
            f"{b}/risks/add/",
            f"{b}/translations/",
        ],
        "me.officer": [
            f"{b}/logframe/",
            f"{b}/approvals/",
            f"{b}/approvals/?country=KG",
            f"{b}/approvals/approve/?{ticked}",
            f"{b}/dashboard/",
            f"{b}/indicators/{indicator.pk}/",
            f"{b}/indicators/{indicator.pk}/edit/",
        ],
        "kz.coordinator": [
            f"{b}/countries/kz/dashboard/",
            f"{b}/countries/kz/updates/{period.pk}/",
            f"{b}/events/",
            f"{b}/events/?q=training&sort=-participants&page=2",
            f"{b}/events/{event.pk}/",
            f"{b}/events/add/",
            f"{b}/workplan/",
            f"{b}/delivery/",
        ],
        "kz.counterpart": [f"{b}/procurement/", f"{b}/procurement/{lot.pk}/", f"{b}/action-points/"],
        "eu.observer": [f"{b}/", f"{b}/dashboard/", "/programmes/eu4ibm-resilience/"],
    }


@pytest.fixture
def demo_world() -> None:
    call_command("demo", no_migrate=True, verbosity=0)


def _violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}})
    found = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        found.append(f"{violation['id']} ({len(violation['nodes'])}): {'; '.join(targets)}")
    return found


def test_no_page_of_any_persona_breaks_a_wcag_21_a_or_aa_rule(
    demo_world: None, live_server: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    page.goto(f"{base}/accounts/login/")
    failures = [f"/accounts/login/: {v}" for v in _violations(page)]
    pages = main_pages()
    checked = 1
    for persona, paths in pages.items():
        page.context.clear_cookies()
        sign_in(page, base, persona)
        for path in paths:
            response = page.goto(f"{base}{path}")
            assert response.status == 200, f"{persona} {path}: {response.status}"
            failures += [f"{persona} {path}: {v}" for v in _violations(page)]
            checked += 1
    assert checked >= 18
    assert not failures, "\n".join(failures)
    # The check sees what it is there for: the old amber on the old green's wash fails it.
    page.evaluate(
        """() => { const p = document.createElement('p'); p.textContent = 'Draft';
        p.style.color = '#b26a00'; p.style.background = '#e3f3e9';
        document.querySelector('main').appendChild(p); }"""
    )
    assert any(v.startswith("color-contrast") for v in _violations(page))


def test_no_page_scrolls_sideways_at_320_pixels(
    demo_world: None, live_server: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    page.set_viewport_size(NARROWEST)
    too_wide = []
    for persona, paths in main_pages().items():
        page.context.clear_cookies()
        sign_in(page, base, persona)
        for path in paths:
            page.goto(f"{base}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                too_wide.append(f"{persona} {path}: {overflow}px")
                screenshot(page, "narrow-" + path.strip("/").replace("/", "-"))
    assert not too_wide, "\n".join(too_wide)


def test_the_skip_link_comes_first_and_leads_to_the_content(
    demo_world: None, live_server: Any, browser_page: Any
) -> None:
    page, base = browser_page, live_server.url
    sign_in(page, base, "kz.coordinator")
    page.goto(f"{base}/programmes/bomca10/events/add/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    # Our own focus ring, not the browser's default.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "3px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    # The demo banner is inside the main landmark, not loose in the page.
    assert page.locator("main [role=note]").count() == 1
    # The next stop is the first field of the form, not the header and navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
