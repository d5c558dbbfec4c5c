"""Changes to an organization's requisites, made by its director on a page of her own."""

from __future__ import annotations

from django.db import transaction

from core.audit import log_action, register_actions
from core.models import Organization, User

register_actions({"organization.requisites_changed": "Реквизиты изменены: {fields}"})

# What the director keeps: the names documents need, the address and contacts, her own name.
REQUISITE_FIELDS = (
    "full_name",
    "short_name",
    "full_name_genitive",
    "short_name_genitive",
    "full_name_prepositional",
    "short_name_prepositional",
    "city",
    "address",
    "phone",
    "email",
    "inn",
    "director_name",
    "director_position",
)


@transaction.atomic
def organization_requisites_update(
    *, organization: Organization, data: dict, actor: User
) -> Organization:
    """Save the requisites that changed and say which in the audit trail; raises ValidationError."""
    current = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = [f for f in REQUISITE_FIELDS if f in data and getattr(current, f) != data[f]]
    if not changed:
        return current
    for field in changed:
        setattr(current, field, data[field])
    current.full_clean()
    current.save(update_fields=changed)
    labels = ", ".join(
        str(Organization._meta.get_field(f).verbose_name).split(" (")[0] for f in changed
    )
    log_action(current, "organization.requisites_changed", actor=actor, fields=labels)
    return current
