"""Expected dates known to the day, the month or the season: read back what is shown, deadline inside."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.delivery.dates import (
    Precision,
    format_planned,
    format_planned_english,
    parse_planned,
    window_end,
)

days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31))
windows = st.one_of(
    days.map(lambda d: (d, Precision.DAY)),
    days.map(lambda d: (d.replace(day=1), Precision.MONTH)),
    st.tuples(st.integers(2000, 2099), st.sampled_from([3, 6, 9, 12])).map(
        lambda ym: (datetime.date(ym[0], ym[1], 1), Precision.SEASON)
    ),
)


@given(windows)
def test_what_is_shown_reads_back_to_the_same_window(window: tuple[datetime.date, str]) -> None:
    start, precision = window
    assert parse_planned(format_planned_english(start, precision)) == (start, precision)


@given(windows)
def test_the_window_ends_inside_three_months_of_its_start(window: tuple[datetime.date, str]) -> None:
    start, precision = window
    end = window_end(start, precision)
    assert start <= end
    assert (end - start).days <= 91
    assert (end + datetime.timedelta(days=1)).day == 1 or precision == Precision.DAY


@pytest.mark.parametrize(
    ("text", "expected", "shown"),
    [
        ("2024-06-25", (datetime.date(2024, 6, 25), Precision.DAY), "2024-06-25"),
        ("2024-6", (datetime.date(2024, 6, 1), Precision.MONTH), "2024-06"),
        ("Spring 2024", (datetime.date(2024, 3, 1), Precision.SEASON), "spring 2024"),
        (" fall   2023 ", (datetime.date(2023, 9, 1), Precision.SEASON), "autumn 2023"),
    ],
)
def test_it_reads_days_months_and_seasons(text: str, expected: tuple[datetime.date, str], shown: str) -> None:
    assert parse_planned(text) == expected
    assert format_planned(*expected) == shown


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "monsoon 2024", "next year", ""])
def test_it_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="is none of these"):
        parse_planned(text)


def test_winter_runs_into_the_next_year() -> None:
    assert window_end(datetime.date(2024, 12, 1), Precision.SEASON) == datetime.date(2025, 2, 28)
