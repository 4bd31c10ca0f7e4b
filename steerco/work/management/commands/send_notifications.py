"""`steerco send_notifications`: the daily digests, the action points due within a week, and the retries."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from steerco.work import notify


class Command(BaseCommand):
    help = (
        "Write the reminders of action points due within seven days, send the notifications that failed "
        "before, and send each person's daily digest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Count due dates from this day (YYYY-MM-DD); today by default.")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--date: {date!r} is not a date in the form YYYY-MM-DD") from exc
        due = notify.action_points_due_soon(today)
        sent, failed = notify.send_at_once()
        digests, digests_failed = notify.send_digests()
        self.stdout.write(
            f"{due} reminder(s) of action points due within 7 days written; "
            f"{sent} mail(s) sent, {failed} failed; {digests} digest(s) sent, {digests_failed} failed."
        )
