"""Charts of a report drawn by matplotlib: SVG for the page and the PDF, PNG for the Word document."""

from __future__ import annotations

import base64
import io
from typing import Literal

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from steerco.core.numbers import format_number  # noqa: E402

from .document import Chart  # noqa: E402

# The stylesheet's palette, so charts and pages match.
COLOURS = ["#1f4e79", "#b26a00", "#2e7d4f", "#8a5fbf", "#5b6675"]


def _figure(chart: Chart) -> Figure:
    groups = len(chart.categories)
    bars = max(len(chart.series), 1)
    height = 0.6 + groups * (0.28 * bars + 0.25)
    plt.rcParams["svg.fonttype"] = "none"  # text stays text, so a PDF of it can be searched
    figure = Figure(figsize=(6.4, max(height, 1.4)), dpi=150)
    axes = figure.subplots()
    bar_height = 0.8 / bars
    for index, (name, values) in enumerate(chart.series):
        positions = [g + index * bar_height for g in range(groups)]
        drawn = axes.barh(
            positions, values, height=bar_height, label=name, color=COLOURS[index % len(COLOURS)]
        )
        labels = [f"{format_number(v, 0)}{chart.unit}" for v in values]
        axes.bar_label(drawn, labels=labels, padding=3, fontsize=8)
    axes.set_yticks([g + bar_height * (bars - 1) / 2 for g in range(groups)], chart.categories, fontsize=8)
    axes.invert_yaxis()
    top = max([v for _n, values in chart.series for v in values] + [chart.limit or 0, 1])
    axes.set_xlim(0, top * 1.18)
    axes.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(fontsize=8, frameon=False, loc="lower right")
    axes.set_title(chart.title, fontsize=10, loc="left")
    figure.tight_layout()
    return figure


def chart_bytes(chart: Chart, fmt: Literal["svg", "png"]) -> bytes:
    buffer = io.BytesIO()
    _figure(chart).savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def chart_data_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart_bytes(chart, "svg")).decode("ascii")
