"""Geometry for the server-rendered SVG charts: numbers in, rectangles out.

The templates draw what these return, with presentation attributes and CSS
classes only (the Content Security Policy forbids style=""). Every chart has a
table next to it with the same numbers, for screen readers and for anyone else.
"""

from dataclasses import dataclass, field

from .models import WorkStatus

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 48
MARGIN_BOTTOM = 40
MARGIN_TOP = 12
PLOT_HEIGHT = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
PLOT_WIDTH = WIDTH - MARGIN_LEFT - 8

# Colour-blind-safe palette (Okabe–Ito), also set by class in resourcegroups.css.
# Keyed by status value: WorkStatus.values are plain strings.
STATUS_FILLS: dict[str, str] = {
    WorkStatus.IDEA: "#999999",
    WorkStatus.PLANNED: "#56B4E9",
    WorkStatus.IN_PROGRESS: "#E69F00",
    WorkStatus.ESTABLISHED: "#009E73",
    WorkStatus.ENDED: "#000000",
}


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value_label: str = ""
    css_class: str = ""
    fill: str = "#1d4f6e"


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[Bar] = field(default_factory=list)
    plot_left: int = MARGIN_LEFT
    plot_right: int = WIDTH - 8
    baseline: int = HEIGHT - MARGIN_BOTTOM
    label_y: int = HEIGHT - MARGIN_BOTTOM + 18
    empty: bool = False


def _slot(count: int) -> tuple[float, float]:
    slot = PLOT_WIDTH / max(count, 1)
    return slot, min(slot * 0.6, 60)


def attendance_chart(totals) -> Chart:
    """One bar per training day: the attendance rate in per cent (0 when not recorded)."""
    chart = Chart()
    chart.ticks = [
        Tick(y=chart.baseline - PLOT_HEIGHT * pct / 100, label=f"{pct} %") for pct in (0, 50, 100)
    ]
    slot, bar_width = _slot(len(totals))
    for index, total in enumerate(totals):
        x = MARGIN_LEFT + index * slot + (slot - bar_width) / 2
        percent = total.percent
        height = PLOT_HEIGHT * (percent or 0) / 100
        label = str(total.session.number or index + 1)
        chart.bars.append(
            Bar(
                x=round(x, 1),
                y=round(chart.baseline - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                label=label,
                value_label="–" if percent is None else f"{percent} %",
                css_class="chart-bar",
            )
        )
        chart.x_labels.append(
            Bar(x=round(x + bar_width / 2, 1), y=chart.label_y, width=0, height=0, label=label)
        )
    chart.empty = all(total.percent is None for total in totals)
    return chart


def status_chart(points) -> Chart:
    """One stacked bar per month: how many routines and offers had each status."""
    chart = Chart()
    top = max([point.total for point in points] + [1])
    step = max(1, -(-top // 4))
    top = step * -(-top // step)
    chart.ticks = [
        Tick(y=round(chart.baseline - PLOT_HEIGHT * value / top, 1), label=str(value))
        for value in range(0, top + 1, step)
    ]
    slot, bar_width = _slot(len(points))
    for index, point in enumerate(points):
        x = round(MARGIN_LEFT + index * slot + (slot - bar_width) / 2, 1)
        y = chart.baseline
        for status in WorkStatus.values:
            count = point.counts.get(status, 0)
            if not count:
                continue
            height = PLOT_HEIGHT * count / top
            y -= height
            chart.bars.append(
                Bar(
                    x=x,
                    y=round(y, 1),
                    width=round(bar_width, 1),
                    height=round(height, 1),
                    label=point.label,
                    value_label=f"{WorkStatus(status).label}: {count}",
                    css_class=f"status-{status}",
                    fill=STATUS_FILLS[status],
                )
            )
        chart.x_labels.append(
            Bar(
                x=round(x + bar_width / 2, 1), y=chart.label_y, width=0, height=0, label=point.label
            )
        )
    chart.empty = all(point.total == 0 for point in points)
    return chart


def legend():
    return [
        {"status": status, "label": WorkStatus(status).label, "fill": STATUS_FILLS[status]}
        for status in WorkStatus.values
    ]
