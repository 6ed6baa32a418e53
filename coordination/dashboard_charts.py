"""Geometry of the dashboard's server-rendered SVG charts: horizontal bars of a percentage,
one row an item (a session, a month, an organisation), its label above its bars, so the
chart reads at 320 px. The page puts the same numbers in a table beside each chart,
so nothing rests on colour or on the picture alone."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from .dashboard import Dashboard, Group

# Dark enough for 3:1 against white and against each other (WCAG 1.4.11).
FILL_COLOUR = "#1d4f6e"
ATTENDANCE_COLOUR = "#2e6b30"
CERTIFICATE_COLOUR = "#8a4b00"

WIDTH = 300
LEFT = 4
PLOT_WIDTH = 240
LABEL_HEIGHT = 16
BAR_HEIGHT = 12
BAR_GAP = 3
ROW_GAP = 8


def percent(value: float | None) -> str:
    """«80 %», or a dash when there is nothing to divide by."""
    if value is None:
        return "–"
    return f"{formats.number_format(round(value * 100))} %"


@dataclass
class Bar:
    x: int
    y: float
    width: float
    height: int
    colour: str
    label: str
    value_x: float
    value_y: float
    value: str


@dataclass
class Legend:
    colour: str
    label: str


@dataclass
class BarChart:
    width: int
    height: float
    bars: list[Bar] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    legend: list[Legend] = field(default_factory=list)


def bar_chart(items: list[tuple[str, list[float | None]]], series: list[Legend]) -> BarChart | None:
    """One row per (label, values): a bar per series, its length the percentage (100 % at
    most drawn, the number beside it says the rest)."""
    if not items:
        return None
    row_height = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    chart = BarChart(width=WIDTH, height=len(items) * row_height, legend=series)
    for index, (label, values) in enumerate(items):
        top = index * row_height
        chart.labels.append((top + LABEL_HEIGHT - 3, label))
        for number, (value, line) in enumerate(zip(values, series, strict=True)):
            y = top + LABEL_HEIGHT + number * (BAR_HEIGHT + BAR_GAP)
            width = round(min(value or 0, 1) * PLOT_WIDTH, 1)
            chart.bars.append(
                Bar(
                    x=LEFT,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    colour=line.colour,
                    label=f"{label}, {line.label}: {percent(value)}",
                    value_x=LEFT + width + 4,
                    value_y=y + BAR_HEIGHT - 1,
                    value=percent(value),
                )
            )
    return chart


def rate_series() -> list[Legend]:
    return [
        Legend(FILL_COLOUR, _("Fill rate")),
        Legend(ATTENDANCE_COLOUR, _("Attendance rate")),
    ]


def month_label(group: Group) -> str:
    return formats.date_format(group.month, "F Y") if group.month else group.label


def session_chart(board: Dashboard) -> BarChart | None:
    items = [
        (row.session.numbered_title, [row.figures.fill_rate, row.figures.attendance_rate])
        for row in board.sessions
    ]
    return bar_chart(items, rate_series())


def month_chart(board: Dashboard) -> BarChart | None:
    items = [
        (month_label(group), [group.figures.fill_rate, group.figures.attendance_rate])
        for group in board.months
        if group.figures.sessions
    ]
    return bar_chart(items, rate_series())


def organisation_chart(board: Dashboard) -> BarChart | None:
    items = [(row.enrolment.organisation.name, [row.share]) for row in board.organisations]
    return bar_chart(items, [Legend(CERTIFICATE_COLOUR, _("Staff with a certificate"))])
