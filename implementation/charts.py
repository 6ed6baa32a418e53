"""Geometry of the server-rendered SVG chart of units per phase at each month's end:
one stacked bar a month, one colour a phase (and one for units done with every phase).
The page puts the same numbers in a table beside it, so nothing rests on colour alone."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from .overview import ProgrammeProgress

# Dark enough for 3:1 against white and against each other's neighbours (WCAG 1.4.11).
COLOURS = ["#1d4f6e", "#2e6b30", "#8a4b00", "#6a1b9a", "#7a1f2b", "#3d3d3d"]
DONE_COLOUR = "#005f5f"

BAR_WIDTH = 28
GAP = 12
LEFT = 30
TOP = 10
PLOT_HEIGHT = 180


@dataclass
class Segment:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass
class Legend:
    colour: str
    label: str


@dataclass
class PhaseChart:
    width: int
    height: int
    baseline: int
    label_y: int
    segments: list[Segment] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    legend: list[Legend] = field(default_factory=list)


def phase_chart(progress: ProgrammeProgress) -> PhaseChart | None:
    if not progress.months or not progress.units:
        return None
    months = progress.months
    chart = PhaseChart(
        width=LEFT + len(months) * (BAR_WIDTH + GAP),
        height=TOP + PLOT_HEIGHT + 30,
        baseline=TOP + PLOT_HEIGHT,
        label_y=TOP + PLOT_HEIGHT + 18,
    )
    names = [phase.name for phase in progress.phases] + [_("Done")]
    colours = [COLOURS[i % len(COLOURS)] for i in range(len(progress.phases))] + [DONE_COLOUR]
    chart.legend = [Legend(colour, name) for colour, name in zip(colours, names, strict=True)]
    unit_height = PLOT_HEIGHT / len(progress.units)
    for index, month in enumerate(months):
        x = LEFT + index * (BAR_WIDTH + GAP)
        month_name = formats.date_format(month.month_end, "M Y")
        chart.labels.append((x + BAR_WIDTH / 2, formats.date_format(month.month_end, "M")))
        top = float(chart.baseline)
        for count, colour, name in zip([*month.per_phase, month.done], colours, names, strict=True):
            if not count:
                continue
            height = round(count * unit_height, 1)
            top = round(top - height, 1)
            label = f"{month_name}, {name}: {count}"
            chart.segments.append(Segment(x, top, BAR_WIDTH, height, colour, label))
    return chart
