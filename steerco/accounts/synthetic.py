"""Synthetic users: per programme a manager, an M&E officer, an observer, and per country a coordinator
and a counterpart."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from steerco.core.roles import Role
from steerco.core.synthetic import COUNTRIES, Portfolio

from . import services
from .models import Membership, User

PASSWORD = "synthetic"


def generate(portfolio: Portfolio) -> None:
    user = portfolio.acting_user
    hashed = make_password(PASSWORD)  # hashing once keeps generation fast; every user gets the same hash
    for n, programme in enumerate(portfolio.step("users", portfolio.programmes), start=1):
        people = [("manager", "", Role.MANAGER), ("me", "", Role.ME_OFFICER), ("observer", "", Role.OBSERVER)]
        people += [(f"{code.lower()}.coordinator", code, Role.COORDINATOR) for code in COUNTRIES]
        people += [(f"{code.lower()}.counterpart", code, Role.COUNTERPART) for code in COUNTRIES]
        for name, country, role in people:
            person = services.save_user(User(username=f"syn{n}.{name}", password=hashed), acting_user=user)
            services.add_membership(
                Membership(user=person, programme=programme, country=country, role=role), acting_user=user
            )
