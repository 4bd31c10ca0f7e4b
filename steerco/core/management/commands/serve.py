"""`steerco serve`: migrate, then serve on 127.0.0.1:8000 with the development server.

For production run gunicorn behind a reverse proxy instead (see the README).
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Apply migrations and serve steerco on this machine (development server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        # --insecure lets the development server hand out the stylesheet when DEBUG is off.
        call_command("runserver", addrport, insecure_serving=True, use_reloader=False)
