"""In the browser: a coordinator enters and submits a value with its breakdown, the M&E officer
approves it, and the country dashboard and the regional logframe show the new value."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from steerco.programmes.models import ReportingPeriod
from steerco.results.models import DisaggregationCategory, Indicator, IndicatorUpdate, UpdateState
from tests.conftest import screenshot, sign_in


def row_text(page: Any, name: str, row: str = "tr") -> str:
    return page.locator(row, has_text=name).first.inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_value_goes_from_kazakhstan_to_the_regional_logframe(live_server: Any, browser_page: Any) -> None:
    call_command("demo", no_migrate=True, stdout=io.StringIO())
    page, base = browser_page, live_server.url
    trained = Indicator.objects.get(result__programme__slug="bomca10", name="Officials trained")
    year5 = ReportingPeriod.objects.get(programme__slug="bomca10", label="Year 5")
    sex = DisaggregationCategory.objects.get(programme__slug="bomca10", name="Sex")
    agency = DisaggregationCategory.objects.get(programme__slug="bomca10", name="Agency")

    sign_in(page, base, "me.officer")
    page.goto(f"{base}/programmes/bomca10/logframe/")
    assert "6,100" in row_text(page, "Officials trained", "tr.indicator")
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "kz.coordinator")
    page.goto(f"{base}/programmes/bomca10/countries/kz/dashboard/")
    assert "1,370" in row_text(page, "Officials trained")
    page.click(f"a[href='/programmes/bomca10/countries/kz/updates/{year5.pk}/']")
    prefix = f"#id_i{trained.pk}"
    page.fill(f"{prefix}-value", "150")
    page.fill(f"{prefix}-dis_{sex.pk}_0", "60")
    page.fill(f"{prefix}-dis_{sex.pk}_1", "80")  # 140: does not add up
    page.fill(f"{prefix}-dis_{agency.pk}_0", "100")
    page.fill(f"{prefix}-dis_{agency.pk}_1", "40")
    page.fill(f"{prefix}-dis_{agency.pk}_2", "10")
    page.click("button[name=submit]")
    assert "add up to 140, but the total is 150" in page.inner_text(f"#indicator-{trained.pk}")
    screenshot(page, "results-entry-refused")
    page.fill(f"{prefix}-dis_{sex.pk}_1", "90")
    page.click("button[name=submit]")
    assert "Submitted for approval." in page.inner_text(".messages")
    screenshot(page, "results-entry-submitted")
    update = IndicatorUpdate.objects.get(indicator=trained, period=year5, country="KZ")
    assert update.state == UpdateState.SUBMITTED
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "me.officer")
    page.goto(f"{base}/programmes/bomca10/approvals/")
    section = page.locator(f"#update-{update.pk}")
    assert "Women 60, Men 90" in section.inner_text()
    section.locator("textarea").fill("Matches the attendance lists.")
    screenshot(page, "results-approval-queue")
    section.locator("button[value=approve]").click()
    assert "Approved" in page.inner_text(".messages")
    page.goto(f"{base}/programmes/bomca10/logframe/")
    assert "6,250" in row_text(page, "Officials trained", "tr.indicator")
    assert "Year 5" in row_text(page, "Officials trained", "tr.indicator")
    screenshot(page, "results-logframe-after-approval")
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "kz.coordinator")
    page.goto(f"{base}/programmes/bomca10/countries/kz/dashboard/")
    assert "1,520" in row_text(page, "Officials trained")
    screenshot(page, "results-kazakhstan-dashboard")
