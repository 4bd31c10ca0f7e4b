"""The personas of every permission test, in one world built once per test class.

BOMCA (`self.bomca`) works in Kazakhstan and Kyrgyzstan; Ukraine (`self.ukraine`) is a second,
single-country programme that most personas must not see.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, ClassVar

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from steerco.core.roles import Role

from . import factories as f

# The base risks are on the register before the first period and every meeting of the tests' worlds.
RISKS_RAISED = datetime.date(2021, 3, 15)

PERSONAS = [
    "admin",
    "manager",
    "me_officer",
    "kz_coordinator",
    "kg_coordinator",
    "kz_counterpart",
    "observer",
    "outsider",
]


class SteercoTestCase(TestCase):
    personas: ClassVar[dict[str, Any]]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.bomca = f.programme(slug="bomca", code="BOMCA")
        cls.kz = f.country(cls.bomca, "KZ", institutions=2)
        cls.kg = f.country(cls.bomca, "KG")
        cls.c1 = f.component(cls.bomca, code="C1")
        cls.year1 = f.period(cls.bomca, datetime.date(2021, 4, 1), datetime.date(2022, 3, 31), label="Year 1")
        cls.kz_risk = f.risk(cls.bomca, country="KZ", title="KZ risk", raised_on=RISKS_RAISED)
        cls.kg_risk = f.risk(cls.bomca, country="KG", title="KG risk", raised_on=RISKS_RAISED)
        cls.regional_risk = f.risk(cls.bomca, title="Regional risk", raised_on=RISKS_RAISED)
        cls.amendment = f.amendment(cls.bomca)

        cls.ukraine = f.programme(slug="ukraine", code="UKR")
        cls.ua = f.country(cls.ukraine, "UA")
        cls.ua_risk = f.risk(cls.ukraine, country="UA", title="UA risk", raised_on=RISKS_RAISED)
        cls.ua_amendment = f.amendment(cls.ukraine)

        B, U = cls.bomca, cls.ukraine
        cls.personas = {
            "admin": f.user("admin", is_superuser=True, is_staff=True),
            "manager": f.user("manager", (B, "", Role.MANAGER)),
            "me_officer": f.user("me_officer", (B, "", Role.ME_OFFICER)),
            "kz_coordinator": f.user("kz_coordinator", (B, "KZ", Role.COORDINATOR)),
            "kg_coordinator": f.user("kg_coordinator", (B, "KG", Role.COORDINATOR)),
            "kz_counterpart": f.user("kz_counterpart", (B, "KZ", Role.COUNTERPART)),
            "observer": f.user("observer", (B, "", Role.OBSERVER)),
            "outsider": f.user("outsider"),
        }
        cls.ua_manager = f.user("ua_manager", (U, "", Role.MANAGER))
        for name, user in cls.personas.items():
            setattr(cls, name, user)

    def login(self, persona: str | Any) -> Any:
        user = self.personas[persona] if isinstance(persona, str) else persona
        self.client.force_login(user)
        return user

    def count_queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(ctx.captured_queries)

    def assert_constant_queries(self, url: str, grow: Callable[[], None], persona: str = "manager") -> int:
        """The page runs as many queries after `grow()` adds data as before; returns the count."""
        self.login(persona)
        self.client.get(url)  # warm caches that are per process, not per request (content types)
        small = self.count_queries(url)
        grow()
        large = self.count_queries(url)
        self.assertEqual(small, large, f"{url}: {small} queries before growing the data, {large} after")
        return large
