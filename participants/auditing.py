"""What the audit log needs to know of people: the name a user is shown by, so that
shredding a deleted person's rows (audit.shred_person) removes it too."""

from typing import Any

import audit


@audit.add_name_source
def profile_name(user: Any) -> list[str]:
    participant = getattr(user, "participant", None)
    return [participant.full_name] if participant is not None else []
