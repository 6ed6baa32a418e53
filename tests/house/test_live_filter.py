"""«Live» (a seat or a place on the waiting list) is written once, as
Registration.objects.live(); a hand-written copy would drift from it."""

import re

from . import floor_plan

HAND_WRITTEN_LIVE = re.compile(
    r"exclude\(\s*status\s*=\s*Registration\.Status\.CANCELLED"
    r"|status__in\s*=\s*[\[(]\s*Registration\.Status\.(CONFIRMED|WAITLISTED)\s*,"
    r"\s*Registration\.Status\.(CONFIRMED|WAITLISTED)"
    r"|status__in\s*=\s*[\[(]\s*[\"'](confirmed|waitlisted)[\"']\s*,\s*[\"'](confirmed|waitlisted)"
)


def hand_written_live_filters(source: str) -> list[str]:
    return [match.group(0) for match in HAND_WRITTEN_LIVE.finditer(source)]


def test_the_live_filter_is_written_once():
    copies = {
        str(path.relative_to(floor_plan.ROOT)): found
        for path in floor_plan.app_sources()
        if (found := hand_written_live_filters(path.read_text()))
    }
    assert copies == {}


def test_hand_written_copies_are_found():
    source = """
        Registration.objects.exclude(status=Registration.Status.CANCELLED)
        Registration.objects.filter(status__in=[Registration.Status.CONFIRMED,
                                                Registration.Status.WAITLISTED])
        Registration.objects.filter(status__in=("waitlisted", "confirmed"))
        Registration.objects.filter(status=Registration.Status.CONFIRMED)
    """
    assert len(hand_written_live_filters(source)) == 3
