from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def pct(value):
    """A percentage with one decimal, or a grey dash when there is nothing to count."""
    if value is None:
        return format_html('<span class="text-secondary">{}</span>', "—")
    return number_format(value, 1)


@register.filter
def isodate(value):
    """A date, or a stored ISO date (in a JSON field), as «30.09.2026»."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    try:
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    except (TypeError, ValueError):
        return value
