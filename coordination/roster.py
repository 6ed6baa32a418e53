"""A session's list as the coordinator's page shows it: narrowed by a search over name,
email and organisation, and at most SHOWN rows a section unless all are asked for, so
that a list of hundreds of people stays quick to render and to read."""

from dataclasses import dataclass

from participants.models import Registration
from registrations.selectors import SessionList

SHOWN = 100


@dataclass
class Section:
    rows: list[Registration]  # the rows shown
    matched: int  # how many match the search (all, without one)

    @property
    def cut(self) -> bool:
        return len(self.rows) < self.matched


def matches(registration: Registration, words: list[str]) -> bool:
    person = registration.participant
    organisation = person.organisation.name if person.organisation else ""
    text = f"{person.full_name} {person.user.email} {organisation}".casefold()
    return all(word in text for word in words)


def sections(roster: SessionList, *, query: str, show_all: bool) -> dict[str, Section]:
    """The confirmed, the waiting list and the cancelled, each narrowed and cut."""
    words = query.casefold().split()
    result = {}
    for name in ("confirmed", "waitlist", "cancelled"):
        found = [r for r in getattr(roster, name) if matches(r, words)]
        result[name] = Section(rows=found if show_all else found[:SHOWN], matched=len(found))
    return result
