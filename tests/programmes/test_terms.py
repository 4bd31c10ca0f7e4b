"""The current budget and end date follow from the amendments, whatever order they are read in."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from steerco.programmes.models import Amendment, AmendmentKind, Programme, ProgrammeTerms
from steerco.programmes.timeline import LEFT, RIGHT, timeline_svg

START = datetime.date(2021, 4, 1)
END = datetime.date(2025, 9, 30)

amendments = st.lists(
    st.builds(
        lambda pk, days, kind, delta, extra: Amendment(
            pk=pk,
            signed_on=START + datetime.timedelta(days=days),
            kind=kind,
            budget_delta=Decimal(delta),
            new_end_date=END + datetime.timedelta(days=extra) if extra is not None else None,
        ),
        pk=st.integers(1, 10_000),
        days=st.integers(0, 2000),
        kind=st.sampled_from(list(AmendmentKind)),
        delta=st.integers(-1_000_000, 5_000_000),
        extra=st.none() | st.integers(-900, 900),
    ),
    max_size=8,
    unique_by=lambda a: a.pk,
)


def programme() -> Programme:
    return Programme(planned_start=START, planned_end=END, initial_budget=Decimal("1000000"))


@given(amendments, st.randoms())
def test_terms_do_not_depend_on_the_order_amendments_are_read_in(items: list[Amendment], rnd: object) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = ProgrammeTerms.from_amendments(programme(), items)
    b = ProgrammeTerms.from_amendments(programme(), shuffled)
    assert (a.budget, a.end) == (b.budget, b.end)
    assert [h[0].pk for h in a.history] == [h[0].pk for h in b.history]


@given(amendments)
def test_budget_is_the_initial_budget_plus_every_change_and_the_end_is_the_latest_word(
    items: list[Amendment],
) -> None:
    terms = ProgrammeTerms.from_amendments(programme(), items)
    assert terms.budget == Decimal("1000000") + sum((a.budget_delta for a in items), Decimal(0))
    dated = sorted((a for a in items if a.new_end_date), key=lambda a: (a.signed_on, a.pk))
    assert terms.end == (dated[-1].new_end_date if dated else END)
    if terms.history:
        assert (terms.history[-1][1], terms.history[-1][2]) == (terms.budget, terms.end)


@given(amendments, st.dates(datetime.date(2019, 1, 1), datetime.date(2030, 1, 1)))
def test_the_timeline_stays_inside_its_drawing(items: list[Amendment], today: datetime.date) -> None:
    terms = ProgrammeTerms.from_amendments(programme(), items)
    svg = str(timeline_svg(programme(), terms, today=today))
    for attribute, value in re.findall(r'\b(x|x1|x2|width)="(-?[\d.]+)"', svg):
        number = float(value)
        if attribute == "width":
            assert 0 <= number <= RIGHT - LEFT
        else:
            assert LEFT <= number <= RIGHT
