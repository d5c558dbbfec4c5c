"""Named object rules for orders and cycles; views and templates both ask these."""

import rules

from core.access import MANAGING_ROLES, has_role
from core.models import Role
from roadmap.models import OrderStatus

DRAFTING_ROLES = (Role.CURATOR, Role.COUNCIL, Role.DIRECTOR)
DOCUMENT_UPLOADERS = (Role.CURATOR, Role.COUNCIL, Role.ADMIN)


@rules.predicate
def can_view_order(user, order) -> bool:
    """Managers see every order; a person named in a signed order, or concerned by a local act in
    force, sees it."""
    if order is None:
        return False
    if has_role(user, order.organization_id, *MANAGING_ROLES):
        return True
    if order.status != OrderStatus.SIGNED:
        return False
    if order.people.filter(staff__user=user).exists():
        return True
    # A local act in force is open to everyone it concerns, including those who joined later.
    from roadmap.local_acts import concerns

    return concerns(user=user, order=order) is not None


@rules.predicate
def can_edit_order(user, order) -> bool:
    """The curator, a council member or the director edit a draft or a returned order."""
    return (
        order is not None
        and order.is_editable
        and has_role(user, order.organization_id, *DRAFTING_ROLES)
    )


@rules.predicate
def can_sign_order(user, order) -> bool:
    """Only the director signs or returns, and only what waits for a signature."""
    return (
        order is not None
        and order.status == OrderStatus.SENT
        and has_role(user, order.organization_id, Role.DIRECTOR)
    )


@rules.predicate
def can_delete_order(user, order) -> bool:
    """The author deletes her own draft or returned order."""
    return (
        order is not None
        and order.status in (OrderStatus.DRAFT, OrderStatus.RETURNED)
        and order.author_id == user.pk
        and has_role(user, order.organization_id, *DRAFTING_ROLES)
    )


@rules.predicate
def can_approve_roadmap(user, cycle) -> bool:
    """The director approves the first roadmap of a cycle, or a new draft version of it."""
    return (
        cycle is not None
        and has_role(user, cycle.organization_id, Role.DIRECTOR)
        and (
            cycle.roadmap_approved_at is None
            or cycle.roadmap_versions.filter(status="draft").exists()
        )
    )


@rules.predicate
def can_edit_roadmap(user, organization) -> bool:
    """The curator and the working group draft the roadmap's versions and mark its events."""
    return organization is not None and has_role(user, organization.pk, Role.CURATOR, Role.COUNCIL)


# Rules about the organization as a whole take the organization (None outside one).
@rules.predicate
def can_draft_orders(user, organization) -> bool:
    return organization is not None and has_role(user, organization.pk, *DRAFTING_ROLES)


@rules.predicate
def can_upload_documents(user, organization) -> bool:
    """The curator, the council and the administrator add normative documents."""
    return organization is not None and has_role(user, organization.pk, *DOCUMENT_UPLOADERS)


@rules.predicate
def can_view_agreement(user, agreement) -> bool:
    """Managers of the organization and the mentor the agreement is with."""
    if agreement is None:
        return False
    if has_role(user, agreement.organization_id, *MANAGING_ROLES):
        return True
    return agreement.mentor.user_id == user.pk


COUNCIL_EDITORS = (Role.CURATOR, Role.COUNCIL)


@rules.predicate
def can_manage_council(user, organization) -> bool:
    """The curator and the council's members record its meetings."""
    return organization is not None and has_role(user, organization.pk, *COUNCIL_EDITORS)


@rules.predicate
def can_view_council_meeting(user, meeting) -> bool:
    """Managers of the organization, and whoever the meeting names (chair, attendees)."""
    if meeting is None:
        return False
    if has_role(user, meeting.organization_id, *MANAGING_ROLES):
        return True
    return meeting.attendees.filter(user=user).exists()


@rules.predicate
def can_edit_council_meeting(user, meeting) -> bool:
    """The curator and council members change a protocol until the chair signs it."""
    return (
        meeting is not None
        and not meeting.is_signed
        and has_role(user, meeting.organization_id, *COUNCIL_EDITORS)
    )


@rules.predicate
def can_sign_council_protocol(user, meeting) -> bool:
    """Only the meeting's chair signs its protocol, once."""
    return meeting is not None and not meeting.is_signed and meeting.chair.user_id == user.pk


rules.add_rule("can_manage_council", can_manage_council)
rules.add_rule("can_view_council_meeting", can_view_council_meeting)
rules.add_rule("can_edit_council_meeting", can_edit_council_meeting)
rules.add_rule("can_sign_council_protocol", can_sign_council_protocol)
rules.add_rule("can_view_agreement", can_view_agreement)
rules.add_rule("can_view_order", can_view_order)
rules.add_rule("can_edit_order", can_edit_order)
rules.add_rule("can_sign_order", can_sign_order)
rules.add_rule("can_delete_order", can_delete_order)
rules.add_rule("can_approve_roadmap", can_approve_roadmap)
rules.add_rule("can_draft_orders", can_draft_orders)
rules.add_rule("can_upload_documents", can_upload_documents)
rules.add_rule("can_edit_roadmap", can_edit_roadmap)


# --- network cooperation: agreements with partners, joint events ------------------------------
COOPERATION_DRAFTERS = (Role.CURATOR, Role.DIRECTOR)
COOPERATION_KEEPERS = (Role.CURATOR, Role.DIRECTOR, Role.ADMIN)


@rules.predicate
def can_view_cooperation(user, agreement) -> bool:
    """Managers of the organization (the council included) read the agreements."""
    return agreement is not None and has_role(user, agreement.organization_id, *MANAGING_ROLES)


@rules.predicate
def can_draft_cooperation(user, organization) -> bool:
    """The curator drafts an agreement with a partner; the director may too."""
    return organization is not None and has_role(user, organization.pk, *COOPERATION_DRAFTERS)


@rules.predicate
def can_sign_cooperation(user, agreement) -> bool:
    """Only the director signs, and only a draft."""
    return (
        agreement is not None
        and agreement.status == "draft"
        and has_role(user, agreement.organization_id, Role.DIRECTOR)
    )


@rules.predicate
def can_record_partner_signature(user, agreement) -> bool:
    """The curator, the director or the administrator upload the partner's signed copy."""
    return (
        agreement is not None
        and agreement.status == "signed_by_us"
        and has_role(user, agreement.organization_id, *COOPERATION_KEEPERS)
    )


@rules.predicate
def can_keep_joint_events(user, organization) -> bool:
    """The curator, the director and the administrator keep the joint events."""
    return organization is not None and has_role(user, organization.pk, *COOPERATION_KEEPERS)


rules.add_rule("can_view_cooperation", can_view_cooperation)
rules.add_rule("can_draft_cooperation", can_draft_cooperation)
rules.add_rule("can_sign_cooperation", can_sign_cooperation)
rules.add_rule("can_record_partner_signature", can_record_partner_signature)
rules.add_rule("can_keep_joint_events", can_keep_joint_events)
