"""Life cycles as transition tables: the shared check and the error every service raises.

A service moves an object like this::

    ALLOWED = {Status.DRAFT: {Status.SENT}, Status.SENT: {Status.SIGNED, Status.RETURNED}}

    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        check_transition(ALLOWED, order.status, Status.SENT, labels=Status)
        ...
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError


class TransitionError(ValidationError):
    """A move the life cycle does not allow; the message is Russian and shown to the user."""


def check_transition(allowed: Mapping, current: str, target: str, *, labels=None) -> None:
    """Raise TransitionError unless ``current`` → ``target`` is in the table."""
    if target in allowed.get(current, ()):
        return
    names = dict(labels.choices) if labels is not None else {}
    raise TransitionError(
        f"Нельзя перейти из состояния «{names.get(current, current)}» "
        f"в «{names.get(target, target)}». Обновите страницу: возможно, "
        "кто-то уже изменил этот документ.",
        code="transition_not_allowed",
    )
