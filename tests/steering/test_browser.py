"""In the browser: the Kazakhstan NSG secretariat runs a meeting; the RSG pack shows its action point."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections

from steerco.steering.models import ActionPoint, Meeting, MeetingPack, MeetingStatus
from tests.conftest import screenshot, sign_in

ACTION = "Border Service to share the canine training curriculum with Kyrgyz colleagues"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_nsg_secretariat_runs_a_meeting_and_the_rsg_pack_shows_its_action_point(
    browser_page: Any, live_server: Any
) -> None:
    call_command("demo", no_migrate=True, stdout=None)
    page, base = browser_page, live_server.url
    sign_in(page, base, "kz.coordinator")

    page.goto(f"{base}/programmes/bomca10/meetings/")
    page.click("text=Schedule a meeting")
    page.select_option("#id_group", label="National Steering Group of Kazakhstan")
    page.fill("#id_start_date", "2025-01-28")
    page.fill("#id_place_en", "Astana")
    page.select_option("#id_period", label="Year 3")
    page.click("button[type=submit].primary")
    page.wait_for_selector("h1:has-text('National Steering Group of Kazakhstan 3')")

    page.click("text=Pack as of 2025-01-28")
    page.wait_for_selector("#section-action_points")
    assert "Nominate trainers for the canine training-of-trainers course" in page.inner_text(
        "#section-action_points"
    )
    screenshot(page, "steering-nsg-pack")
    page.click("a:has-text('Circulate the pack')")  # the confirmation page, with any contradictions
    page.click("form button[type=submit].primary")
    page.wait_for_selector("text=Version 1 of the pack was circulated on")
    page.click("button:has-text('Mark as held')")
    page.wait_for_selector(".tag:has-text('Held')")

    page.click("text=Record an action point")
    page.fill("#id_text_en", ACTION)
    page.select_option("#id_owner_organisation", label="KZ Border Service")
    page.fill("#id_due_date", "2025-04-30")
    page.click("button[type=submit].primary")
    page.wait_for_selector(f"#action-points >> text={ACTION}")
    screenshot(page, "steering-nsg-meeting-held")

    meeting = Meeting.objects.get(group__name="National Steering Group of Kazakhstan", number=3)
    assert meeting.status == MeetingStatus.HELD
    assert MeetingPack.objects.filter(meeting=meeting, version=1).exists()
    point = ActionPoint.objects.get(text=ACTION)
    assert (point.meeting_id, point.country, point.status) == (meeting.pk, "KZ", "open")

    rsg4 = Meeting.objects.get(group__name="Regional Steering Group", number=4)
    page.goto(f"{base}/programmes/bomca10/meetings/{rsg4.pk}/pack/")
    row = page.locator("#section-action_points tr", has_text=ACTION)
    assert row.count() == 1
    assert "National Steering Group of Kazakhstan 3" in row.inner_text()
    assert "Open" in row.inner_text()
    screenshot(page, "steering-rsg-pack")
    # Playwright runs this body in its own context, whose database connection Django would not close.
    connections.close_all()
