"""Accessible hand-written forms (issue 27): the sentence that sums up a form's errors."""

from django import template

register = template.Library()


@register.filter
def error_summary(form) -> str:
    """«Не сохранено: исправьте поля «Срок», «Статус».» — what a screen reader says after a swap."""
    labels = [f"«{field.label}»" for field in form.visible_fields() if field.errors]
    if not labels:
        return ""
    if len(labels) == 1:
        return f"Не сохранено: исправьте поле {labels[0]}."
    return f"Не сохранено: исправьте поля {', '.join(labels)}."
