"""In the browser: a coordinator records a held training with participants; the delivery dashboard,
the computed "officials trained" indicator and the country dashboard of results show it, and the
indicator's drill-down lists it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Sum

from steerco.delivery.models import Event
from steerco.programmes.models import ReportingPeriod
from steerco.results.models import Indicator

from ..conftest import screenshot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_records_a_held_training_and_the_dashboard_shows_it(
    live_server: Any, browser_page: Any
) -> None:
    call_command("demo", no_migrate=True, verbosity=0)
    page = browser_page
    trained = Indicator.objects.get(result__programme__slug="bomca10", name="Officials trained")
    year5 = ReportingPeriod.objects.get(programme__slug="bomca10", label="Year 5")
    kz_trainings = Event.objects.filter(
        programme__slug="bomca10", country="KZ", kind="training", status="held"
    ).aggregate(n=Sum("participants_total"))["n"]
    sign_in(page, live_server.url, "kz.coordinator")
    page.goto(f"{live_server.url}/programmes/bomca10/countries/kz/dashboard/")
    assert f"{kz_trainings:,}" in key_row(page, "Officials trained")
    page.goto(f"{live_server.url}/programmes/bomca10/events/add/")
    page.select_option("#id_kind", "training")
    page.fill("#id_title_en", "Training on risk profiles at Khorgos")
    page.select_option("#id_status", "held")
    page.fill("#id_start_date", "2025-06-10")
    page.fill("#id_end_date", "2025-06-12")
    page.fill("#id_place", "Khorgos")
    page.select_option("#id_place_kind", "bcp")
    page.select_option("#id_country", "KZ")
    page.select_option("#id_component", label="C2 Improvement of detection capacities")
    page.fill("#id_participants_total", "24")
    page.fill("#id_participants_female", "9")
    page.fill("#id_participants_male", "14")
    page.fill("#id_participants_undisclosed", "0")
    agency_inputs = page.locator("fieldset.agencies input")
    # The split first does not add up: the form says so next to the total and keeps what was typed.
    agency_inputs.nth(0).fill("20")
    page.click("button[type=submit].primary")
    assert "add up to 23, not to the 24 participants" in page.inner_text("#id_participants_total_error")
    screenshot(page, "delivery-event-form-error")
    page.fill("#id_participants_male", "15")
    agency_inputs.nth(1).fill("4")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/events/*/")
    assert "Training on risk profiles at Khorgos" in page.inner_text("h1")
    event = Event.objects.get(title="Training on risk profiles at Khorgos")
    assert (event.participants_total, event.participants_female, event.country) == (24, 9, "KZ")
    screenshot(page, "delivery-event")

    page.goto(f"{live_server.url}/programmes/bomca10/countries/kz/")
    page.click("text=Delivery dashboard")
    page.wait_for_url("**/countries/kz/delivery/")
    assert "Training on risk profiles at Khorgos" in page.inner_text("main")
    screenshot(page, "delivery-country-dashboard")
    page.click("main table a:has-text('Training')")
    assert "Training on risk profiles at Khorgos" in page.inner_text("main table")
    screenshot(page, "delivery-events-drilldown")

    # The computed indicator counts the 24 new participants: on the country dashboard of results …
    page.goto(f"{live_server.url}/programmes/bomca10/countries/kz/dashboard/")
    assert f"{kz_trainings + 24:,}" in key_row(page, "Officials trained")
    screenshot(page, "delivery-results-country-dashboard")
    # … on the logframe, which a coordinator sees for their country …
    page.goto(f"{live_server.url}/programmes/bomca10/logframe/")
    assert (
        f"{kz_trainings + 24:,}"
        in page.locator("tr.indicator", has_text="1.1.1.1 Officials trained").inner_text()
    )
    screenshot(page, "delivery-results-logframe")
    # … and on the indicator page, whose Year 5 figure for Kazakhstan opens the events behind it.
    page.click("tr.indicator a:has-text('1.1.1.1 Officials trained')")
    page.click(f"a[href$='?period={year5.pk}&country=kz']")
    page.wait_for_url(f"**/indicators/{trained.pk}/records/**")
    listed = page.inner_text("main table")
    assert "Training on risk profiles at Khorgos" in listed
    assert set(page.locator("main table tbody td:nth-child(3)").all_inner_texts()) == {"KZ"}
    screenshot(page, "delivery-results-drilldown")


def key_row(page: Any, name: str) -> str:
    return page.locator("tr", has_text=name).first.inner_text()
