"""Geometry of the server-rendered SVG chart of a rating's distribution: five bars, one
per rating. The template draws it with presentation attributes only (the Content
Security Policy forbids style=""); a table beside it gives the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH = 320
HEIGHT = 160
MARGIN_BOTTOM = 28
MARGIN_TOP = 18
MARGIN_LEFT = 16
PLOT_HEIGHT = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
SLOT = (WIDTH - 2 * MARGIN_LEFT) / 5


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    rating: int
    count: int
    percent: int
    label_x: float = 0.0


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = HEIGHT - MARGIN_BOTTOM
    label_y: int = HEIGHT - MARGIN_BOTTOM + 18
    bars: list[Bar] = field(default_factory=list)


def distribution_chart(distribution: list[tuple[int, int, int]]) -> Chart:
    """Bars for (rating, count, percent) triples, heights relative to the largest count."""
    largest = max((count for _rating, count, _percent in distribution), default=0) or 1
    chart = Chart()
    for index, (rating, count, percent) in enumerate(distribution):
        height = round(PLOT_HEIGHT * count / largest, 1)
        x = round(MARGIN_LEFT + index * SLOT + SLOT * 0.15, 1)
        chart.bars.append(
            Bar(
                x=x,
                y=round(chart.baseline - height, 1),
                width=round(SLOT * 0.7, 1),
                height=height,
                rating=rating,
                count=count,
                percent=percent,
                label_x=round(x + SLOT * 0.35, 1),
            )
        )
    return chart
