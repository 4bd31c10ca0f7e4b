"""Under the Content-Security-Policy, in Debian's Chromium: the main pages load with no violation,
our script (the language switch) and htmx still work."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from steerco.results.models import Indicator
from steerco.steering.models import Meeting

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded in the page before any of its own script runs, so a refused script or style is caught too.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def main_pages() -> list[str]:
    meeting = Meeting.objects.filter(group__programme__slug="bomca10", packs__isnull=False).first()
    indicator = Indicator.objects.filter(result__programme__slug="bomca10").exclude(computation="").first()
    assert meeting is not None and indicator is not None
    slug = "bomca10"
    return [
        reverse("programmes:list"),
        reverse("programmes:overview", args=[slug]),
        reverse("programmes:organisations"),
        reverse("results:logframe", args=[slug]),
        reverse("results:dashboard", args=[slug]),
        reverse("results:country_dashboard", args=[slug, "kz"]),
        reverse("results:indicator", args=[slug, indicator.pk]),
        reverse("results:approvals", args=[slug]),
        reverse("delivery:dashboard", args=[slug]),
        reverse("delivery:procurement", args=[slug]),
        reverse("steering:meetings", args=[slug]),
        reverse("steering:meeting", args=[slug, meeting.pk]),
        reverse("steering:pack", args=[slug, meeting.pk]),
        reverse("steering:action_points", args=[slug]),
        reverse("audit:history", args=[slug]),
        reverse("accounts:users"),
    ]


def test_the_main_pages_load_under_the_policy_and_scripts_still_work(
    live_server: Any, browser_page: Any
) -> None:
    call_command("demo", no_migrate=True, verbosity=0)
    page, base = browser_page, live_server.url
    page.add_init_script(WATCH_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    page.goto(f"{base}/accounts/login/")
    sign_in(page, base, "admin")
    for path in main_pages():
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        assert page.evaluate("window.__cspViolations") == [], path
    assert [m for m in console if "Content Security Policy" in m] == []

    # htmx loaded from /static/ and makes its requests under the policy.
    assert page.evaluate("typeof htmx") == "object"
    page.evaluate("htmx.ajax('GET', '/ping/', {target: 'main', swap: 'innerHTML'})")
    page.wait_for_selector("main >> text=steerco is running.")

    # Our own script: the language switch sends its form when a language is chosen.
    with page.expect_navigation():
        page.select_option("#language-switch", "uk")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.evaluate("window.__cspViolations") == []


def test_the_policy_refuses_inline_script_a_page_might_be_tricked_into(
    live_server: Any, browser_page: Any
) -> None:
    page = browser_page
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend",
             '<img src="/static/none.png" onerror="window.__ran = 1"><div style="color: red">x</div>')"""
    )
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__ran") is None
    violations = page.evaluate("window.__cspViolations")
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("style-src") for v in violations), violations
