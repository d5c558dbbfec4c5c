"""Giving and taking roles: the one way a role changes, with the audit trail.

Every role a person holds in an organization is a ``RoleAssignment``. It begins with
``role_grant`` (on the roles page, or when a signed order says so) and ends with ``role_revoke``
(a new order, a release, the person leaving). Both write an audit entry on the user, so the
person's page shows since when and by what she holds each role, and who took it away.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from core.audit import log_action, register_actions
from core.models import Organization, Role, RoleAssignment, User

register_actions(
    {
        "role.granted": "Назначена роль «{role}»{basis}",
        "role.revoked": "Снята роль «{role}»{basis}",
    }
)


def _basis_text(basis_label: str) -> str:
    return f": {basis_label}" if basis_label else ""


@transaction.atomic
def role_grant(
    *,
    user: User,
    organization: Organization,
    role: str,
    actor: User | None,
    basis: models.Model | None = None,
    basis_label: str = "",
) -> RoleAssignment:
    """Give ``role`` to ``user`` in ``organization``; granting a held role updates its basis."""
    assignment, created = RoleAssignment.objects.select_for_update().get_or_create(
        user=user, organization=organization, role=role
    )
    if basis is not None:
        assignment.basis_type = ContentType.objects.get_for_model(basis, for_concrete_model=True)
        assignment.basis_id = basis.pk
    if basis_label:
        assignment.basis_label = basis_label[:300]
    if created or basis is not None or basis_label:
        assignment.save()
    if created:
        log_action(
            user,
            "role.granted",
            actor=actor,
            organization=organization,
            role=str(Role(role).label),
            basis=_basis_text(basis_label),
        )
    return assignment


@transaction.atomic
def role_revoke(
    *,
    user: User,
    organization: Organization,
    role: str,
    actor: User | None,
    basis_label: str = "",
) -> bool:
    """Take ``role`` away; returns False when the user did not hold it."""
    deleted, _ = RoleAssignment.objects.filter(
        user=user, organization=organization, role=role
    ).delete()
    if deleted:
        log_action(
            user,
            "role.revoked",
            actor=actor,
            organization=organization,
            role=str(Role(role).label),
            basis=_basis_text(basis_label),
        )
    return bool(deleted)


def roles_of(*, user: User, organization: Organization) -> list[RoleAssignment]:
    """The roles a user holds in one organization, with their basis."""
    return list(
        RoleAssignment.objects.filter(user=user, organization=organization).order_by("role")
    )
