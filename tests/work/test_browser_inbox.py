"""In the browser: the header counts what waits, the inbox leads to where it is done, and what is done
leaves it; the M&E officer's landing page opens on the updates waiting for approval."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connections
from django.utils import timezone

from steerco.core.roles import Role
from steerco.results.models import Indicator, IndicatorUpdate, Level, Result
from steerco.results.services import Entry, save_entries
from tests import factories as f
from tests.conftest import screenshot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_inbox_leads_to_the_work_and_empties_as_it_is_done(browser_page: Any, live_server: Any) -> None:
    today = timezone.localdate()
    programme = f.programme(slug="bomca", code="BOMCA", planned_end=today + datetime.timedelta(days=700))
    f.country(programme, "KZ")
    period = f.period(
        programme,
        today - datetime.timedelta(days=20),
        today + datetime.timedelta(days=70),
        kind="quarter",
        label="This quarter",
    )
    output = Result.objects.create(programme=programme, level=Level.OUTPUT, code="1", statement="Trained")
    indicator = Indicator.objects.create(result=output, code="1.1", name="Officials trained")
    coordinator = f.user("coordinator", (programme, "KZ", Role.COORDINATOR))
    f.user("officer", (programme, "", Role.ME_OFFICER))
    page, base = browser_page, live_server.url

    sign_in(page, base, "coordinator", "pw")
    count = page.locator("[data-task-count]")
    assert int(count.inner_text()) >= 1
    page.click("a.tasks-link")
    task = page.locator("[data-task=results] a")
    assert "1 indicator value missing for This quarter, Kazakhstan" in task.inner_text()
    assert "1.1 Officials trained" in page.inner_text("[data-task=results]")
    screenshot(page, "work-inbox-coordinator")
    task.click()
    page.wait_for_url(f"**/programmes/bomca/countries/kz/updates/{period.pk}/")

    # Submitted (as the entry screen does): the task leaves the inbox and reaches the officer's.
    save_entries(
        period,
        "KZ",
        [Entry(IndicatorUpdate(indicator=indicator, period=period, country="KZ", value=Decimal(7)), 0)],
        acting_user=coordinator,
        submit=True,
    )
    page.goto(f"{base}/tasks/")
    assert page.locator("[data-task=results]").count() == 0

    page.click("button:has-text('Sign out')")
    sign_in(page, base, "officer", "pw")
    page.goto(f"{base}/")
    waiting = page.locator("section.waiting [data-task=approvals] a")
    assert "1 update from Kazakhstan waiting for approval" in waiting.inner_text()
    screenshot(page, "work-landing-officer")
    waiting.click()
    page.wait_for_url("**/programmes/bomca/approvals/")
    page.click("button[value=approve]")
    page.wait_for_selector("text=Approved:")
    page.goto(f"{base}/tasks/")
    assert page.locator("[data-task=approvals]").count() == 0
    assert page.inner_text("[data-task-count]") == "0"
    screenshot(page, "work-inbox-empty")
    connections.close_all()
