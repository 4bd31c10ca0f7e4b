"""`steerco demo`: load the demo world (BOMCA 10 and EU4IBM-Resilience); safe to run again."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from steerco.accounts.views import DEMO_LOGINS
from steerco.core.demo import DEMO_MODULES
from steerco.core.models import SiteFlag
from steerco.core.permissions import SYSTEM


class Command(BaseCommand):
    help = "Load the demo world: two programmes from public facts and one user per persona (password: demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-migrate", action="store_true", help="Do not apply migrations first.")

    def handle(self, *args: Any, no_migrate: bool = False, **options: Any) -> None:
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            for name in DEMO_MODULES:
                importlib.import_module(name).load(acting_user=SYSTEM)
            SiteFlag.objects.update_or_create(key=SiteFlag.DEMO_LOADED, defaults={"value": "1"})
        self.stdout.write(
            self.style.SUCCESS("Demo world loaded. Sign in with any of these users, password 'demo':")
        )
        for username, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<16} {description}")
