"""Named object rules; views and templates ask these, never roles directly.

Each rule takes (user, obj) and reads the user's roles in the object's organization.
"""

import rules

from mentoring.access import MANAGING_ROLES, has_role


@rules.predicate
def can_view_staff_member(user, staff) -> bool:
    """Managers of the organization see every card; a person sees their own."""
    if staff is None:
        return False
    if has_role(user, staff.organization_id, *MANAGING_ROLES):
        return True
    return staff.user_id is not None and staff.user_id == user.pk


rules.add_rule("can_view_staff_member", can_view_staff_member)
