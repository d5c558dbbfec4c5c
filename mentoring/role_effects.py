"""A mentor's role follows the bank: appointed by order → «Наставник», released → none.

The appointment itself is the effect of a signed order (``roadmap/order_roles.py`` calls
``mentor_role_begin`` with the order as the basis); the release is a move of the bank
(``services.mentor_status_change`` calls ``mentor_role_end``).
"""

from __future__ import annotations

from django.db import models

from core.models import Role, User
from core.roles import role_grant, role_revoke
from mentoring.models import MenteeProfile, MenteeStatus, StaffMember


def mentor_role_begin(
    *, staff: StaffMember, actor: User | None, basis: models.Model | None, basis_label: str
) -> bool:
    """Make the person «Наставник»; she stops being «Наставляемый» unless she is in that bank.

    Returns False when she has no login yet (the role comes with it: ``logins`` gives a mentor
    of the bank the mentor's role).
    """
    user = staff.user
    if user is None:
        return False
    role_grant(
        user=user,
        organization=staff.organization,
        role=Role.MENTOR,
        actor=actor,
        basis=basis,
        basis_label=basis_label,
    )
    in_mentee_bank = (
        MenteeProfile.objects.filter(staff=staff).exclude(status=MenteeStatus.LEFT).exists()
    )
    if not in_mentee_bank:
        role_revoke(
            user=user,
            organization=staff.organization,
            role=Role.MENTEE,
            actor=actor,
            basis_label=basis_label,
        )
    return True


def mentor_role_end(*, staff: StaffMember, actor: User | None, reason: str = "") -> bool:
    """Take «Наставник» away from a released mentor; False when she did not hold it."""
    if staff.user_id is None:
        return False
    label = "освобождение от обязанностей наставника" + (f" ({reason})" if reason else "")
    return role_revoke(
        user=staff.user,
        organization=staff.organization,
        role=Role.MENTOR,
        actor=actor,
        basis_label=label,
    )
