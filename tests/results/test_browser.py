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
    teams = Indicator.objects.get(result__programme__slug="bomca10", name="Canine teams trained")
    year5 = ReportingPeriod.objects.get(programme__slug="bomca10", label="Year 5")
    sex = DisaggregationCategory.objects.get(programme__slug="bomca10", name="Sex")
    agency = DisaggregationCategory.objects.get(programme__slug="bomca10", name="Agency")

    sign_in(page, base, "me.officer")
    page.goto(f"{base}/programmes/bomca10/logframe/")
    assert "\t18\nYear 4" in row_text(page, "Canine teams trained", "tr.indicator")
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "kz.coordinator")
    page.goto(f"{base}/programmes/bomca10/countries/kz/dashboard/")
    assert "trained\t5\t" in row_text(page, "Canine teams trained")
    page.click(f"a[href='/programmes/bomca10/countries/kz/updates/{year5.pk}/']")
    prefix = f"#id_i{teams.pk}"
    page.fill(f"{prefix}-value", "4")
    page.fill(f"{prefix}-dis_{sex.pk}_0", "1")
    page.fill(f"{prefix}-dis_{sex.pk}_1", "2")  # 3: does not add up
    page.fill(f"{prefix}-dis_{agency.pk}_0", "2")
    page.fill(f"{prefix}-dis_{agency.pk}_1", "2")
    page.fill(f"{prefix}-dis_{agency.pk}_2", "0")
    page.click("button[name=submit]")
    assert "add up to 3, but the total is 4" in page.inner_text(f"#indicator-{teams.pk}")
    screenshot(page, "results-entry-refused")
    page.fill(f"{prefix}-dis_{sex.pk}_1", "3")
    page.click("button[name=submit]")
    assert "Submitted for approval." in page.inner_text(".messages")
    screenshot(page, "results-entry-submitted")
    update = IndicatorUpdate.objects.get(indicator=teams, period=year5, country="KZ")
    assert update.state == UpdateState.SUBMITTED
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "me.officer")
    page.goto(f"{base}/programmes/bomca10/approvals/")
    section = page.locator(f"#update-{update.pk}")
    assert "Women 1, Men 3" in section.inner_text()
    section.locator("textarea").fill("Matches the certificates of the canine centre.")
    screenshot(page, "results-approval-queue")
    section.locator("button[value=approve]").click()
    assert "Approved" in page.inner_text(".messages")
    page.goto(f"{base}/programmes/bomca10/logframe/")
    assert "\t22\nYear 5" in row_text(page, "Canine teams trained", "tr.indicator")
    assert "Year 5" in row_text(page, "Canine teams trained", "tr.indicator")
    screenshot(page, "results-logframe-after-approval")
    page.click("button:has-text('Sign out')")

    sign_in(page, base, "kz.coordinator")
    page.goto(f"{base}/programmes/bomca10/countries/kz/dashboard/")
    assert "trained\t9\t" in row_text(page, "Canine teams trained")
    screenshot(page, "results-kazakhstan-dashboard")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_narrows_the_queue_to_kyrgyzstan_and_approves_two_updates_at_once(
    live_server: Any, browser_page: Any
) -> None:
    call_command("demo", no_migrate=True, stdout=io.StringIO())
    page, base = browser_page, live_server.url
    waiting = list(
        IndicatorUpdate.objects.filter(
            indicator__result__programme__slug="bomca10", country="KG", state=UpdateState.SUBMITTED
        ).order_by("submitted_at", "id")
    )
    assert len(waiting) >= 2, "the demo world has updates of Kyrgyzstan waiting"
    first, second = waiting[:2]
    sign_in(page, base, "me.officer")
    page.goto(f"{base}/programmes/bomca10/approvals/")
    page.click("p.filters a:has-text('Kyrgyzstan')")
    page.wait_for_url("**/approvals/?country=KG")
    assert page.locator("section.review").count() == len(waiting)
    section = page.locator(f"#update-{first.pk}")
    assert "previous (" in section.inner_text()
    assert "History of this indicator" in section.inner_text()
    for update in (first, second):
        page.locator(f"#update-{update.pk} input[name=update]").check()
    screenshot(page, "results-approval-queue-ticked")
    page.click("button:has-text('Approve the ticked updates')")
    assert "2 updates are listed for approval." in page.inner_text("main")
    assert page.locator("tbody tr").count() == 2
    screenshot(page, "results-approve-many-confirm")
    page.fill("textarea[name=note]", "Checked against the national reports.")
    page.click("button[name=confirm]")
    page.wait_for_url("**/approvals/?country=KG")
    assert "Approved 2 updates." in page.inner_text(".messages")
    states = {u.pk: u.state for u in IndicatorUpdate.objects.filter(pk__in=[first.pk, second.pk])}
    assert set(states.values()) == {UpdateState.APPROVED}
    assert page.locator("section.review").count() == len(waiting) - 2
