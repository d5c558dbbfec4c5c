"""Who may enter, correct, confirm and see activity records and portfolios."""

from __future__ import annotations

import rules

from core.access import MANAGING_ROLES, has_role
from core.models import Role
from programs.models import Activity, ProgramStatus
from programs.rules import can_view_program, is_program_participant

# Activity is recorded once the program is approved, and after it ends (results come late).
OPEN_FOR_ACTIVITY = (
    ProgramStatus.APPROVED,
    ProgramStatus.IN_PROGRESS,
    ProgramStatus.COMPLETED,
    ProgramStatus.ENDED_EARLY,
)


@rules.predicate
def can_add_activity(user, program) -> bool:
    """A mentor or mentee of an approved program records her own activity."""
    return (
        program is not None
        and program.status in OPEN_FOR_ACTIVITY
        and is_program_participant(user, program)
    )


@rules.predicate
def can_correct_activity(user, activity: Activity) -> bool:
    """The author corrects a record the curator returned."""
    return (
        activity is not None
        and activity.status == "returned"
        and user.is_authenticated
        and activity.staff.user_id == user.pk
    )


@rules.predicate
def can_review_activity(user, activity: Activity) -> bool:
    return activity is not None and has_role(user, activity.organization_id, Role.CURATOR)


@rules.predicate
def can_view_activity(user, activity: Activity) -> bool:
    if activity is None:
        return False
    return activity.staff.user_id == user.pk or can_view_program(user, activity.program)


def can_view_portfolio(user, staff) -> bool:
    """Managers see anyone's portfolio (not of a person who withdrew consent); she sees her own."""
    if staff is None or not user.is_authenticated:
        return False
    if staff.user_id == user.pk:
        return True
    if staff.personal_data_withdrawn_at is not None:
        return False
    return has_role(user, staff.organization_id, *MANAGING_ROLES)


rules.add_rule("can_add_activity", can_add_activity)
rules.add_rule("can_correct_activity", can_correct_activity)
rules.add_rule("can_review_activity", can_review_activity)
