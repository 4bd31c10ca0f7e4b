"""`steerco bench_targets`: what `make bench` measures in a synthetic portfolio, as JSON on stdout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch, reverse

from steerco.accounts.synthetic import PASSWORD
from steerco.programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Print the pages and the meeting pack of synthetic programme 1 that the benchmark measures, "
        "and save the pack's print HTML for timing WeasyPrint alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--html", default=str(settings.VAR_DIR / "bench-pack.html"), help="where to save the pack's HTML"
        )

    def handle(self, *args: Any, html: str, **options: Any) -> None:
        programme = Programme.objects.filter(slug="synthetic-1").first()
        if programme is None:
            raise CommandError("No synthetic portfolio here: run `steerco generate --scale N` first.")
        slug = programme.slug
        from steerco.results.models import Indicator

        # A key indicator typed in by countries and broken down: the richest indicator page.
        indicator = (
            Indicator.objects.filter(
                result__programme=programme, computation="", disaggregations__isnull=False
            )
            .order_by("code")
            .first()
        )
        country = str(programme.countries.order_by("country").first().country).lower()  # type: ignore[union-attr]
        pages = {
            "programme dashboard": reverse("results:dashboard", args=[slug]),
            "country dashboard": reverse("results:country_dashboard", args=[slug, country]),
            "logframe": reverse("results:logframe", args=[slug]),
            "indicator page": reverse("results:indicator", args=[slug, indicator.pk]) if indicator else None,
            "meeting list": _reverse_or_none("steering:meetings", slug),
            "history": reverse("audit:history", args=[slug]),
        }
        plan = {
            "username": "syn1.manager",
            "password": PASSWORD,
            "floor": reverse("ping"),
            "pages": {name: path for name, path in pages.items() if path},
            "pack": _pack(programme, Path(html)),
            "reports": {
                # Every country, a row per country under each indicator, quarter by quarter.
                "iptt xlsx": reverse("reports:iptt_file", args=[slug, "xlsx"]) + "?kind=quarter&rows=country",
                "eu logframe docx": reverse("reports:logframe_file", args=[slug, "docx"]),
            },
        }
        self.stdout.write(json.dumps(plan, indent=2))


def _reverse_or_none(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _pack(programme: Programme, html: Path) -> dict[str, str]:
    """The latest regional meeting's pack: its PDF and DOCX addresses, and the print HTML on disk."""
    try:
        from django.template.loader import render_to_string

        from steerco.reports.pack import build_pack
        from steerco.steering.models import GroupKind, Meeting
    except ImportError:
        return {}
    meeting = (
        Meeting.objects.filter(group__programme=programme, group__kind=GroupKind.REGIONAL)
        .order_by("-start_date")
        .first()
    )
    if meeting is None:
        return {}
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(render_to_string("reports/print.html", {"doc": build_pack(meeting)}), encoding="utf-8")
    return {
        "pdf": reverse("steering:pack_download", args=[programme.slug, meeting.pk, "pdf"]),
        "docx": reverse("steering:pack_download", args=[programme.slug, meeting.pk, "docx"]),
        "html_file": str(html),
    }
