"""Mentors from outside the staff (seed 004: graduates, parents, partners' representatives,
retired teachers): the curator adds her to the mentor bank's table of people.

She is a ``StaffMember`` marked ``is_external``: the banks, matching, pairs, consents and logins
treat her like any mentor; the staff list, its import and the staff counts leave her out.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import log_action, register_actions
from core.models import Organization, User
from mentoring.models import ExternalKind, Partner, StaffMember

register_actions(
    {
        "external_mentor.added": "[actor:Добавил|Добавила] внешнего наставника",
        "external_mentor.changed": "[actor:Изменил|Изменила] данные внешнего наставника",
    }
)

# What the curator writes about her; everything else of the staff card stays empty.
EXTERNAL_FIELDS = (
    "last_name",
    "first_name",
    "middle_name",
    "external_kind",
    "partner",
    "birth_date",
    "education",
    "qualification_category",
    "total_experience_years",
    "teaching_experience_years",
    "email",
    "phone",
    "gender",
)

NULLABLE = ("partner", "birth_date")


def _check(organization: Organization, fields: dict) -> None:
    kind, partner = fields.get("external_kind"), fields.get("partner")
    if kind not in ExternalKind.values:
        raise ValidationError("Укажите, кто внешний наставник.", code="external_kind_required")
    if partner is not None and (
        not isinstance(partner, Partner) or partner.organization_id != organization.pk
    ):
        raise ValidationError(
            "Выберите организацию-партнёра своего детского сада.", code="foreign_partner"
        )
    if kind == ExternalKind.PARTNER and partner is None:
        raise ValidationError(
            "Представитель организации-партнёра: выберите организацию из реестра партнёров.",
            code="partner_required",
        )


def external_mentor_save(
    *,
    organization: Organization,
    actor: User | None,
    staff: StaffMember | None = None,
    **fields,
) -> StaffMember:
    """Create (``staff`` None) or change a mentor from outside the staff."""
    unknown = set(fields) - set(EXTERNAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _check(organization, fields)
    with transaction.atomic():
        if staff is None:
            staff = StaffMember(organization=organization, is_external=True, position="")
            action = "external_mentor.added"
        else:
            staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
            if not staff.is_external or staff.organization_id != organization.pk:
                raise ValidationError("Это сотрудник, а не внешний наставник.", code="not_external")
            action = "external_mentor.changed"
        for name, value in fields.items():
            if value is None and name not in NULLABLE:
                value = 0 if name.endswith("_years") else ""
            setattr(staff, name, value)
        staff.full_clean(exclude=["position", "user"])
        staff.save()
        log_action(staff, action, actor=actor)
    return staff
