"""The roles page's writes: the director or the admin names the curator and the admin.

Roles that come from orders (mentors, council, the curator by the appointment order) follow the
signed order (``roadmap/order_effects.py``); these two are named by a decision of the director
or the admin, from the staff list, through ``core.roles``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.access import has_role
from core.models import Organization, Role, RoleAssignment, User
from core.roles import role_grant, role_revoke
from mentoring import logins
from mentoring.models import StaffMember

NAMED_ROLES = (Role.CURATOR, Role.ADMIN)


def _decision(actor: User, organization: Organization) -> str:
    who = "руководителя" if has_role(actor, organization.pk, Role.DIRECTOR) else "администратора"
    return f"решение {who} от {timezone.localdate():%d.%m.%Y}"


def staff_role_name(
    *, staff: StaffMember, role: str, organization: Organization, actor: User
) -> RoleAssignment:
    """Give a named role to a person on the staff list, opening her account if she has none."""
    if role not in NAMED_ROLES:
        raise ValidationError("Выберите роль: куратор или администратор.", code="bad_role")
    if staff.organization_id != organization.pk:
        raise ValidationError("Выберите сотрудника своей организации.", code="foreign_staff")
    if not staff.is_active or staff.anonymized_at or staff.personal_data_withdrawn_at:
        raise ValidationError(
            f"{staff.full_name} не работает в организации или отозвала согласие на обработку "
            "персональных данных: выберите другого сотрудника.",
            code="staff_not_active",
        )
    user = logins.staff_account_open(staff=staff, actor=actor)
    if not user.is_active:
        raise ValidationError(
            f"Учётная запись {user.username} отключена: выберите другого сотрудника или "
            "объедините учётные записи на странице человека.",
            code="account_disabled",
        )
    return role_grant(
        user=user,
        organization=organization,
        role=role,
        actor=actor,
        basis_label=_decision(actor, organization),
    )


def role_take_away(*, assignment: RoleAssignment, actor: User) -> None:
    """Take a named role away (the curator's or the admin's); order roles end by order."""
    if assignment.role not in NAMED_ROLES:
        raise ValidationError(
            "Эту роль здесь снять нельзя: она назначается и снимается приказом.",
            code="not_named_role",
        )
    role_revoke(
        user=assignment.user,
        organization=assignment.organization,
        role=assignment.role,
        actor=actor,
        basis_label=_decision(actor, assignment.organization),
    )
