"""In the browser: a double click on Save records one risk; two tabs editing the same risk, the second
is shown the first's value and saves over it only when sent again."""

from __future__ import annotations

from typing import Any

import pytest

from steerco.core.roles import Role
from steerco.programmes.models import Risk
from tests import factories as f

from ..conftest import screenshot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_double_click_records_one_risk_and_a_stale_tab_is_told(live_server: Any, browser_page: Any) -> None:
    programme = f.programme(slug="border")
    f.country(programme, "KZ")
    f.user("risk.manager", (programme, "", Role.MANAGER))
    page = browser_page
    sign_in(page, live_server.url, "risk.manager", "pw")
    page.goto(f"{live_server.url}/programmes/border/risks/add/")
    page.fill("#id_title_en", "Floods close the crossing")
    page.fill("#id_likelihood", "2")
    page.fill("#id_impact", "4")
    page.dblclick("button[type=submit].primary")
    page.wait_for_load_state("networkidle")
    # Whichever answer the browser shows last (the list, or "already saved" for the second click),
    # the risk is there once.
    assert page.inner_text("h1") in ("Risk register", "Already saved")
    assert Risk.objects.filter(title="Floods close the crossing").count() == 1

    risk = Risk.objects.get(title="Floods close the crossing")
    edit = f"{live_server.url}/programmes/border/risks/{risk.pk}/edit/"
    tab = page.context.browser.new_context()  # a second tab of the same signed-in person
    tab.add_cookies(page.context.cookies())
    other = tab.new_page()
    page.goto(edit)
    other.goto(edit)
    page.fill("#id_mitigation_en", "Sandbags at the post")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/risks/")
    other.fill("#id_mitigation_en", "Move the post uphill")
    other.click("button[type=submit].primary")
    other.wait_for_load_state()
    assert "Saved meanwhile: Sandbags at the post" in other.inner_text("#id_mitigation_en_error")
    screenshot(other, "stale-risk-edit")
    assert Risk.objects.get(pk=risk.pk).mitigation == "Sandbags at the post"
    other.click("button[type=submit].primary")
    other.wait_for_url("**/risks/")
    assert Risk.objects.get(pk=risk.pk).mitigation == "Move the post uphill"
    tab.close()
