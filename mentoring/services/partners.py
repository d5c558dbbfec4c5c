"""The register of partner organizations (seed 002, §4.4.3): add, edit, end the cooperation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import log_action, register_actions
from core.models import Organization, User
from mentoring.models import Partner

register_actions(
    {
        "partner.added": "[actor:Добавил|Добавила] организацию-партнёра «{name}»",
        "partner.changed": "[actor:Изменил|Изменила] сведения об организации-партнёре «{name}»",
        "partner.deactivated": "[actor:Отметил|Отметила], что сотрудничество с «{name}» завершено",
        "partner.reactivated": "[actor:Отметил|Отметила], что сотрудничество с «{name}» "
        "возобновлено",
    }
)

PARTNER_FIELDS = (
    "name",
    "short_name",
    "kind",
    "inn",
    "ogrn",
    "address",
    "contact_person",
    "phone",
    "email",
    "website",
    "scope",
)


def _filled(partner: Partner, data: dict) -> None:
    for name in PARTNER_FIELDS:
        if name in data:
            value = data[name]
            setattr(partner, name, value.strip() if isinstance(value, str) else value)


def _unique_inn(partner: Partner) -> None:
    if not partner.inn:
        return
    twins = Partner.objects.filter(organization=partner.organization_id, inn=partner.inn)
    if twins.exclude(pk=partner.pk).exists():
        raise ValidationError(
            {"inn": "Организация с таким ИНН уже есть в реестре партнёров: откройте её карточку."},
            code="inn_taken",
        )


@transaction.atomic
def partner_create(*, organization: Organization, data: dict, actor: User) -> Partner:
    """Add a partner organization to the register; a ИНН already there is refused."""
    partner = Partner(organization=organization)
    _filled(partner, data)
    partner.full_clean()
    _unique_inn(partner)
    partner.save()
    log_action(partner, "partner.added", actor=actor, name=str(partner))
    return partner


@transaction.atomic
def partner_update(*, partner: Partner, data: dict, actor: User) -> Partner:
    """Change what the register says about a partner."""
    current = Partner.objects.select_for_update().get(pk=partner.pk)
    _filled(current, data)
    current.full_clean()
    _unique_inn(current)
    current.save()
    log_action(current, "partner.changed", actor=actor, name=str(current))
    return current


@transaction.atomic
def partner_set_active(*, partner: Partner, active: bool, actor: User) -> Partner:
    """End the cooperation (the partner stays in the register with its documents), or resume it."""
    current = Partner.objects.select_for_update().get(pk=partner.pk)
    if current.is_active == active:
        return current
    current.is_active = active
    current.save(update_fields=["is_active"])
    action = "partner.reactivated" if active else "partner.deactivated"
    log_action(current, action, actor=actor, name=str(current))
    return current
