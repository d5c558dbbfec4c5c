"""One audit trail for every life cycle: ``log_action(obj, "order.signed", actor=user)``.

Every service that moves an object writes one ``AuditEntry``: the object (a generic link), a
dotted action code, the Russian label shown on the object's page, who did it and any details.
Apps register the labels of their actions with ``register_actions`` (in their services module,
so a code is known before anything logs it); an unknown code is a programming error.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from core.grammar import fill_forms
from core.models import AuditEntry, Organization, User

# action code → Russian label; a label may name details: "Статус: «{new}»".
ACTION_LABELS: dict[str, str] = {}


def register_actions(labels: Mapping[str, str]) -> None:
    """Add action codes and their Russian labels; the same code twice must mean the same."""
    for action, label in labels.items():
        known = ACTION_LABELS.get(action)
        if known is not None and known != label:
            raise ValueError(f"Audit action {action!r} registered twice with different labels.")
        ACTION_LABELS[action] = label


class _Details(dict):
    def __missing__(self, key):
        return ""


def action_label(action: str, data: Mapping | None = None, *, actor=None, subject=None) -> str:
    """The Russian label of an action, with its details filled in and its verbs agreeing.

    ``[actor:подписал|подписала]`` agrees with who did it, ``[subject:назначен|назначена]``
    with the person the object is about (``core.grammar.fill_forms``).
    """
    try:
        label = ACTION_LABELS[action]
    except KeyError:
        raise ValueError(
            f"Unknown audit action {action!r}: register it with register_actions()."
        ) from None
    label = fill_forms(label, actor=actor, subject=subject)
    return label.format_map(_Details({k: v for k, v in (data or {}).items() if v is not None}))


def _person_of(obj: models.Model):
    """The person an object is about (a staff card or a bank profile's card), if any."""
    if hasattr(obj, "last_name") and hasattr(obj, "middle_name"):
        return obj
    staff = getattr(obj, "staff", None)
    return staff if hasattr(staff, "last_name") else None


def organization_of(obj: models.Model) -> Organization | None:
    """The organization an object belongs to: its FK or its ``ORGANIZATION_PATH``."""
    if isinstance(obj, Organization):
        return obj
    if hasattr(obj, "organization_id"):
        return obj.organization
    path = getattr(obj, "ORGANIZATION_PATH", "")
    for part in path.split("__") if path else ():
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, Organization) else None


def log_action(
    obj: models.Model,
    action: str,
    *,
    actor: User | None = None,
    organization: Organization | None = None,
    **data,
) -> AuditEntry:
    """Record that ``actor`` (None: the system) did ``action`` to ``obj``; returns the entry."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        organization=organization or organization_of(obj),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        action=action,
        label=action_label(action, data, actor=actor, subject=_person_of(obj))[:200],
        actor=actor,
        data=data,
    )


def status_data(old: str, new: str, labels) -> dict:
    """Details of a status change: codes and Russian names, for the label and for searches."""
    names = dict(labels.choices)
    return {
        "old": old,
        "new": new,
        "old_label": names.get(old, old),
        "new_label": names.get(new, new),
    }


register_actions(
    {
        # Banks of mentors and mentees.
        "mentor.saved": "Анкета наставника сохранена",
        "mentor.status_changed": "Статус наставника: «{old_label}» → «{new_label}»",
        "mentor.appointed": "[subject:Назначен|Назначена] наставником приказом {order}",
        "mentor.released": "Наставник освобождён: {reason}",
        "mentor.trained": "Отмечено участие в установочной сессии «{session}»",
        "mentee.saved": "Запись в банке наставляемых сохранена",
        "mentee.status_changed": "Статус наставляемого: «{old_label}» → «{new_label}»",
        "mentee.left": "[subject:Выбыл|Выбыла] из банка: {reason}",
        "training.attendance_set": "Отмечены участники сессии ({count})",
        # Pairs.
        "pair.created": "Пара/группа сформирована",
        "pair.agreed": "Пара/группа согласована",
        "pair.proposed": "Пара/группа возвращена в предложенные",
        "pair.fixed": "Закреплена приказом {order}",
        "pair.activated": "Начала работу по программе",
        "pair.closed": "Пара/группа завершена{reason}",
        # Consents.
        "consent.given": "Согласие внесено (текст версии {version})",
        "consent.withdrawn": "Согласие отозвано",
        # Requests of participants.
        "change_request.created": "Заявление подано",
        "change_request.approved": "Заявление удовлетворено",
        "change_request.declined": "Заявление отклонено: {comment}",
    }
)


def audit_for(obj, *, limit: int = 200) -> list[AuditEntry]:
    """The history of one object, oldest first: who, when, what (one query)."""
    if obj is None or obj.pk is None:
        return []
    return audit_for_objects([obj], limit=limit)


def audit_for_objects(objects, *, limit: int = 200) -> list[AuditEntry]:
    """The joint history of several objects (of any models), oldest first; the latest ``limit``."""
    by_type: dict = {}
    for obj in objects:
        if obj is not None and obj.pk is not None:
            content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
            by_type.setdefault(content_type.pk, set()).add(obj.pk)
    if not by_type:
        return []
    condition = Q()
    for content_type_id, ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    entries = (
        AuditEntry.objects.filter(condition)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
    return list(reversed(entries))
