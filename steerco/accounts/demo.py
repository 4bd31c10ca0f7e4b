"""The demo world's users: one per persona of the design, all with the password "demo"."""

from __future__ import annotations

from typing import Any

from steerco.core.roles import Role
from steerco.programmes.models import Organisation, Programme

from . import services
from .models import Membership, User

BOTH = ("bomca10", "eu4ibm-resilience")

# username, first name, last name, organisation short name, superuser, [(programme, country, role)]
DEMO_USERS: list[tuple[str, str, str, str, bool, list[tuple[str, str, str]]]] = [
    ("admin", "Site", "Administrator", "", True, []),
    ("manager", "Marta", "Ozola", "ICMPD", False, [(p, "", Role.MANAGER) for p in BOTH]),
    ("me.officer", "Jonas", "Petrauskas", "ICMPD", False, [(p, "", Role.ME_OFFICER) for p in BOTH]),
    ("kz.coordinator", "Aigerim", "Sadykova", "ICMPD", False, [("bomca10", "KZ", Role.COORDINATOR)]),
    ("kg.coordinator", "Bakyt", "Asanov", "ICMPD", False, [("bomca10", "KG", Role.COORDINATOR)]),
    ("ua.coordinator", "Olena", "Kovalenko", "ICMPD", False, [("eu4ibm-resilience", "UA", Role.COORDINATOR)]),
    (
        "kz.counterpart",
        "Nurlan",
        "Zhakupov",
        "KZ Border Service",
        False,
        [("bomca10", "KZ", Role.COUNTERPART)],
    ),
    ("eu.observer", "Claire", "Dubois", "EUD Kazakhstan", False, [(p, "", Role.OBSERVER) for p in BOTH]),
    ("outsider", "Otto", "Outsider", "", False, []),
]


def load(*, acting_user: Any) -> None:
    programmes = {p.slug: p for p in Programme.objects.filter(slug__in=BOTH)}
    organisations = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    for username, first, last, org, superuser, memberships in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.save_user(
                User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo.steerco.invalid",
                    organisation=organisations.get(org),
                    is_superuser=superuser,
                    is_staff=superuser,
                ),
                acting_user=acting_user,
                password="demo",
            )
        for slug, country, role in memberships:
            if not Membership.objects.filter(
                user=user, programme=programmes[slug], country=country, role=role
            ).exists():
                services.add_membership(
                    Membership(user=user, programme=programmes[slug], country=country, role=role),
                    acting_user=acting_user,
                )
