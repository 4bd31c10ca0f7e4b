"""The synthetic portfolio behind `steerco generate`: believable programmes at any scale, no network.

Each app contributes a `synthetic.py` with `generate(portfolio)`, run in the order of
`SYNTHETIC_MODULES`. Everything is drawn from one seeded random generator, so a seed always gives
the same portfolio.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

_T = TypeVar("_T")

SYNTHETIC_MODULES = [
    "steerco.programmes.synthetic",
    "steerco.accounts.synthetic",
    "steerco.steering.synthetic",
]

# Per programme, at every scale: one BOMCA-sized regional programme. The scale multiplies programmes,
# and with them every dimension that grows in real life (indicators, periods, events, lots, meetings,
# users), while each programme stays the size real programmes are.
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]
COMPONENTS = 4
INDICATORS = 60
QUARTERS = 20
EVENTS = 300
LOTS = 100
MEETINGS = 10


@dataclass
class Portfolio:
    scale: int
    rng: random.Random
    acting_user: Any = None
    programmes: list[Any] = field(default_factory=list)
    progress: Progress | None = None

    def step(self, label: str, items: Iterable[_T], total: int | None = None) -> Iterator[_T]:
        if self.progress is None:
            yield from items
            return
        yield from self.progress.track(label, items, total)


class Progress:
    """A one-line progress bar on a terminal; plain start and end lines elsewhere."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.tty = stream.isatty()

    def track(self, label: str, items: Iterable[_T], total: int | None = None) -> Iterator[_T]:
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        if not self.tty:
            self.stream.write(f"{label}…\n")
        for done, item in enumerate(items, start=1):
            yield item
            if self.tty and total and (done == total or done % max(total // 50, 1) == 0):
                filled = int(30 * done / total)
                self.stream.write(f"\r{label:<28} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                self.stream.flush()
        if self.tty:
            self.stream.write("\n")
