"""Named object rules; views and templates ask these, never roles directly.

Each rule takes (user, obj) and reads the user's roles in the object's organization.
"""

import rules

from core.access import MANAGING_ROLES, has_role


@rules.predicate
def can_view_staff_member(user, staff) -> bool:
    """Managers of the organization see every card; a person sees their own."""
    if staff is None:
        return False
    if has_role(user, staff.organization_id, *MANAGING_ROLES):
        return True
    return staff.user_id is not None and staff.user_id == user.pk


rules.add_rule("can_view_staff_member", can_view_staff_member)


# --- banks, consents and pairs ---------------------------------------------------------------
BANK_EDITORS = ("curator",)
STAFF_EDITORS = ("curator", "admin")
REQUEST_DECIDERS = ("curator", "director")


def _is_self(user, staff) -> bool:
    return staff is not None and staff.user_id is not None and staff.user_id == user.pk


@rules.predicate
def can_edit_staff(user, staff) -> bool:
    return has_role(user, staff.organization_id, *STAFF_EDITORS)


LEAVING_MARKERS = ("curator", "director")


@rules.predicate
def can_mark_left(user, staff) -> bool:
    """The curator or the director marks someone else, still working, as having left."""
    return (
        staff is not None
        and staff.left_on is None
        and not _is_self(user, staff)
        and has_role(user, staff.organization_id, *LEAVING_MARKERS)
    )


@rules.predicate
def can_edit_bank_entry(user, staff) -> bool:
    """The curator keeps the banks; a person fills in their own entry."""
    return has_role(user, staff.organization_id, *BANK_EDITORS) or _is_self(user, staff)


@rules.predicate
def can_view_consents(user, staff) -> bool:
    return has_role(user, staff.organization_id, *MANAGING_ROLES) or _is_self(user, staff)


@rules.predicate
def can_record_consent(user, staff) -> bool:
    """The person themself online, or the curator or admin from a signed paper."""
    return has_role(user, staff.organization_id, *STAFF_EDITORS) or _is_self(user, staff)


@rules.predicate
def can_view_pair(user, pair) -> bool:
    if has_role(user, pair.organization_id, *MANAGING_ROLES):
        return True
    return any(s.user_id == user.pk for s in [*pair.mentors.all(), *pair.mentees.all()])


@rules.predicate
def can_manage_pair(user, pair) -> bool:
    return has_role(user, pair.organization_id, *BANK_EDITORS)


@rules.predicate
def can_decide_request(user, change_request) -> bool:
    return has_role(user, change_request.organization_id, *REQUEST_DECIDERS)


# Rules about the organization as a whole take the organization (None outside one).
@rules.predicate
def can_keep_banks(user, organization) -> bool:
    """The curator enters people into the banks, forms pairs and records training."""
    return organization is not None and has_role(user, organization.pk, *BANK_EDITORS)


@rules.predicate
def can_keep_staff_list(user, organization) -> bool:
    """The curator and the administrator add staff and load the staff list."""
    return organization is not None and has_role(user, organization.pk, *STAFF_EDITORS)


@rules.predicate
def can_decide_requests(user, organization) -> bool:
    return organization is not None and has_role(user, organization.pk, *REQUEST_DECIDERS)


rules.add_rule("can_edit_staff", can_edit_staff)
rules.add_rule("can_mark_left", can_mark_left)
rules.add_rule("can_edit_bank_entry", can_edit_bank_entry)
rules.add_rule("can_view_consents", can_view_consents)
rules.add_rule("can_record_consent", can_record_consent)
rules.add_rule("can_view_pair", can_view_pair)
rules.add_rule("can_manage_pair", can_manage_pair)
rules.add_rule("can_decide_request", can_decide_request)
rules.add_rule("can_keep_banks", can_keep_banks)
rules.add_rule("can_keep_staff_list", can_keep_staff_list)
rules.add_rule("can_decide_requests", can_decide_requests)


# --- roles and accounts ------------------------------------------------------------------------
ROLE_NAMERS = ("director", "admin")
PEOPLE_VIEWERS = ("director", "curator", "admin")


@rules.predicate
def can_name_roles(user, organization) -> bool:
    """The director and the kindergarten's admin name the curator and the admin, link and merge
    accounts."""
    return organization is not None and has_role(user, organization.pk, *ROLE_NAMERS)


@rules.predicate
def can_view_people(user, organization) -> bool:
    """Who sees a person's roles, account and role history."""
    return organization is not None and has_role(user, organization.pk, *PEOPLE_VIEWERS)


rules.add_rule("can_name_roles", can_name_roles)
rules.add_rule("can_view_people", can_view_people)


# --- partner organizations (network cooperation) -------------------------------------------
PARTNER_KEEPERS = ("curator", "director", "admin")


@rules.predicate
def can_keep_partners(user, organization) -> bool:
    """The curator, the director and the administrator keep the register of partners."""
    return organization is not None and has_role(user, organization.pk, *PARTNER_KEEPERS)


rules.add_rule("can_keep_partners", can_keep_partners)
