"""A small world for the task inbox, notifications and comments, on top of the personas' world.

BOMCA gets a second year (the current period on `TODAY`), two typed-in indicators reported by the
countries and a computed one, the Kazakh counterpart working for the Kazakh institution, and e-mail
addresses for every persona, each in a language of its own.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from steerco.core.permissions import SYSTEM
from steerco.results.models import Indicator, IndicatorUpdate, Level, Result
from steerco.results.services import Entry, save_entries
from tests import factories as f

D = datetime.date
TODAY = D(2022, 5, 10)  # in year 2 (the current period); year 1 is the last closed one

LANGUAGES = {
    "me_officer": "ru",
    "kz_coordinator": "uk",
    "kz_counterpart": "ru",
    "manager": "en",
    "observer": "uk",
}


def build(t: Any) -> None:
    t.year2 = f.period(t.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
    t.kz_org = t.kz.institutions.first()
    t.kg_org = t.kg.institutions.first()
    for name, user in t.personas.items():
        user.email = f"{name}@example.org"
        user.language = LANGUAGES.get(name, "")
        if name == "kz_counterpart":
            user.organisation = t.kz_org
        user.save()
    output = Result.objects.create(
        programme=t.bomca, level=Level.OUTPUT, code="1", statement="Officials trained"
    )
    t.trained = Indicator.objects.create(result=output, code="1.1", name="Officials trained", unit="persons")
    t.women = Indicator.objects.create(result=output, code="1.2", name="Women trained", unit="persons")


def enter(
    t: Any, user: Any, country: str = "KZ", period: Any = None, *, submit: bool, value: str = "5"
) -> None:
    """Type a value for both indicators, as the entry screen does."""
    period = period or t.year2
    entries = []
    for indicator in (t.trained, t.women):
        current = IndicatorUpdate.objects.filter(indicator=indicator, period=period, country=country).first()
        update = IndicatorUpdate(indicator=indicator, period=period, country=country, value=Decimal(value))
        entries.append(Entry(update, current.version if current else 0))
    save_entries(period, country, entries, acting_user=user, submit=submit)


def system() -> Any:
    return SYSTEM
