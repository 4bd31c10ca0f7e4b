"""`steerco generate --scale N`: build a synthetic portfolio in the current database."""

from __future__ import annotations

import importlib
import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from steerco.core.synthetic import SYNTHETIC_MODULES, Portfolio, Progress
from steerco.programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Build a synthetic portfolio: N BOMCA-sized programmes with their logframes, delivery and meetings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, default=1, help="how many BOMCA-sized programmes (default 1)"
        )
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same portfolio")

    def handle(self, *args: Any, scale: int, seed: int, **options: Any) -> None:
        if scale < 1:
            raise CommandError("--scale must be 1 or more")
        if Programme.objects.filter(slug__startswith="synthetic-").exists():
            raise CommandError("This database already holds a synthetic portfolio; use a fresh database.")
        portfolio = Portfolio(scale=scale, rng=random.Random(seed), progress=Progress())
        started = time.perf_counter()
        for name in SYNTHETIC_MODULES:
            importlib.import_module(name).generate(portfolio)
        # Fresh statistics for the planner, as autovacuum would gather them on a live database
        # (VACUUM cannot run inside a transaction, as when a test calls the command).
        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(portfolio.programmes)} programme(s) at scale {scale} "
                f"in {time.perf_counter() - started:.0f} s."
            )
        )
