"""Who may see and change an organisation's resource-group work.

Every permission takes the Enrolment (the organisation in a programme) as its
object, or an object that belongs to one. Views look the object up first and
answer 404 when `resourcegroups.view_enrolment` fails, so nobody outside the
organisation learns that it exists; inside it, a missing right gives 403.

- Coordinators see everything and may help with the resource group, routines,
  offers and partners; a report is the leader's own, so coordinators only read
  it and may reopen a submitted one.
- A confirmed leader of the organisation sees and changes all of it.
- A service worker of the organisation, once its leader or a coordinator has confirmed
  that they work there, sees the resource group, routines,
  offers and partners read-only; a member of the resource group may record a
  meeting and change the meetings they recorded themselves. Nothing else. Someone
  who only chose the organisation on their profile is an outsider (404) until then.
"""

import rules

from participants.rules import belongs_to, is_coordinator, is_leader_of, participant_of

from .models import ResourceGroup


def _organisation_id(obj):
    """The organisation id of an enrolment or of anything that hangs off one."""
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    if hasattr(obj, "enrolment"):
        return obj.enrolment.organisation_id
    if hasattr(obj, "group"):
        return obj.group.enrolment.organisation_id
    return None


@rules.predicate
def is_leader_here(user, obj):
    return is_leader_of(user, _organisation_id(obj))


@rules.predicate
def works_here(user, obj):
    return belongs_to(user, _organisation_id(obj))


@rules.predicate
def is_group_member(user, group):
    participant = participant_of(user)
    if participant is None or not isinstance(group, ResourceGroup):
        return False
    if hasattr(group, "member_ids"):  # set by the selector, spares a query
        return participant.pk in group.member_ids
    return group.memberships.filter(participant=participant).exists()


@rules.predicate
def recorded_it(user, meeting):
    return meeting is not None and user.is_authenticated and meeting.recorded_by_id == user.pk


can_view = is_coordinator | works_here
can_manage = is_coordinator | is_leader_here

rules.add_perm("resourcegroups.view_enrolment", can_view)
rules.add_perm("resourcegroups.view_staff", is_coordinator | is_leader_here)
rules.add_perm("resourcegroups.confirm_member", is_coordinator | is_leader_here)
rules.add_perm("resourcegroups.manage_group", can_manage)
rules.add_perm("resourcegroups.add_meeting", can_manage | (works_here & is_group_member))
rules.add_perm("resourcegroups.change_meeting", can_manage | (works_here & recorded_it))
rules.add_perm("resourcegroups.manage_work", can_manage)
rules.add_perm("resourcegroups.view_reports", is_coordinator | is_leader_here)
rules.add_perm("resourcegroups.write_report", is_leader_here)
rules.add_perm("resourcegroups.reopen_report", is_coordinator)
# The unit's audit log: its leaders; coordinators read every row in the workspace.
rules.add_perm("resourcegroups.view_audit", is_coordinator | is_leader_here)
