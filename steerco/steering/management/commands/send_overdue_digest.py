"""`steerco send_overdue_digest`: e-mail each owner's contact the action points past their due date."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from steerco.steering.digest import send_overdue_digests


class Command(BaseCommand):
    help = "Send one digest e-mail per contact listing the open action points past their due date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Count as overdue what was due before this day (YYYY-MM-DD); today by default."
        )
        parser.add_argument("--programme", help="Only this programme (its address name, e.g. bomca10).")
        parser.add_argument(
            "--base-url", default="", help="Site address for links, e.g. https://steerco.example.org"
        )

    def handle(
        self,
        *args: Any,
        date: str | None = None,
        programme: str | None = None,
        base_url: str = "",
        **options: Any,
    ) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date: {date!r} is not a date in the form YYYY-MM-DD") from exc
        sent, unreachable = send_overdue_digests(
            today, base_url=base_url.rstrip("/"), programme_slug=programme
        )
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
        for point in unreachable:
            # Nobody to write to: the owner has no e-mail and no user of the owner organisation is a member.
            self.stdout.write(
                f"No contact for overdue action point {point.pk} ({point.owner}): {point.text[:60]}"
            )
