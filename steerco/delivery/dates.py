"""Expected dates known only to the month or the season ("spring 2024"): parsing, display, deadline."""

from __future__ import annotations

import calendar
import datetime
import re

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steerco.core.dates import EARLIEST, LATEST


class Precision(models.TextChoices):
    DAY = "day", gettext_lazy("Day")
    MONTH = "month", gettext_lazy("Month")
    SEASON = "season", gettext_lazy("Season")


# Meteorological seasons, by the month they start in; winter 2024 runs December 2024 to February 2025.
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
SEASON_OF_START = {month: name for name, month in SEASON_START.items()}
SEASON_ALIASES = {"fall": "autumn"}


def season_label(name: str) -> str:
    labels = {"spring": _("spring"), "summer": _("summer"), "autumn": _("autumn"), "winter": _("winter")}
    return labels[name]


def _season_words() -> dict[str, str]:
    """Season names in English and in the active language, so people may type either."""
    words = {name: name for name in SEASON_START}
    words.update(SEASON_ALIASES)
    words.update({season_label(name).lower(): name for name in SEASON_START})
    return words


def parse_planned(text: str) -> tuple[datetime.date, str]:
    """'2024-06-25', '2024-06' or 'spring 2024' as (first day of the window, precision).

    Raises ValueError with a message for people when the text is none of these, or when the date
    lies outside the window every date field keeps (`steerco.core.dates`).
    """
    start, precision = _parse_planned(text)
    if not EARLIEST <= start <= LATEST:
        raise ValueError(
            _("Enter a date between %(earliest)s and %(latest)s; “%(text)s” is outside that range.")
            % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat(), "text": text.strip()}
        )
    return start, precision


def _parse_planned(text: str) -> tuple[datetime.date, str]:
    value = " ".join(text.strip().lower().split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value), Precision.DAY
        except ValueError:
            pass
    elif re.fullmatch(r"\d{4}-\d{1,2}", value):
        year, month = (int(p) for p in value.split("-"))
        if 1 <= month <= 12 and year >= datetime.MINYEAR:
            return datetime.date(year, month, 1), Precision.MONTH
    else:
        match = re.fullmatch(r"(\w+) (\d{4})", value)
        words = _season_words()
        if match and match.group(1) in words and int(match.group(2)) >= datetime.MINYEAR:
            name = words[match.group(1)]
            return datetime.date(int(match.group(2)), SEASON_START[name], 1), Precision.SEASON
    raise ValueError(
        _(
            "Enter a date (2024-06-25), a month (2024-06) or a season (spring 2024); "
            "“%(text)s” is none of these."
        )
        % {"text": text.strip()}
    )


def window_end(start: datetime.date, precision: str) -> datetime.date:
    """The last day a date of this precision still covers: the deadline for counting a delay."""
    if precision == Precision.MONTH:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == Precision.SEASON:
        month = start.month + 2
        year = start.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        if year > datetime.MAXYEAR:  # a winter of 9999 stored before the window was kept
            return datetime.date.max
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return start


def format_planned(start: datetime.date | None, precision: str) -> str:
    if start is None:
        return ""
    if precision == Precision.MONTH:
        return start.strftime("%Y-%m")
    if precision == Precision.SEASON:
        return _("%(season)s %(year)s") % {
            "season": season_label(SEASON_OF_START.get(start.month, "spring")),
            "year": start.year,
        }
    return start.isoformat()


def format_planned_english(start: datetime.date, precision: str) -> str:
    """The text `parse_planned` reads back, whatever the active language: the value put in a form."""
    if precision == Precision.SEASON:
        return f"{SEASON_OF_START.get(start.month, 'spring')} {start.year}"
    return format_planned(start, precision)
