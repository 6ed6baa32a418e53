"""Who may see and mark a unit's implementation milestones.

Every permission takes the Enrolment as its object. Views look it up first and
answer 404 when `resourcegroups.view_enrolment` fails (resourcegroups.rules), so
nobody outside the organisation learns that it exists; inside it, a missing right
gives 403.

- Everyone who may see the unit's pages sees its plan: its staff and coordinators.
- The confirmed leader marks milestones and chooses which resource-group members
  may mark them too; a chosen member marks them while they stay in the group.
- Coordinators read: the milestones are the unit's own account of its work.
"""

import rules

from participants.rules import participant_of
from resourcegroups.rules import can_view, is_leader_here, works_here

from .models import MilestoneKeeper


@rules.predicate
def is_milestone_keeper(user, enrolment):
    participant = participant_of(user)
    if participant is None or enrolment is None:
        return False
    if hasattr(enrolment, "milestone_keeper_ids"):  # set by the selector, spares a query
        return participant.pk in enrolment.milestone_keeper_ids
    return MilestoneKeeper.objects.filter(
        enrolment=enrolment,
        participant=participant,
        participant__resource_group_memberships__group__enrolment=enrolment,
    ).exists()


rules.add_perm("implementation.view_plan", can_view)
rules.add_perm("implementation.mark_milestone", is_leader_here | (works_here & is_milestone_keeper))
rules.add_perm("implementation.choose_keepers", is_leader_here)
