"""Russian wording in templates: ``{{ n|ru_plural:"год,года,лет" }}`` and ``{{ n|years }}``."""

from django import template

from core import text

register = template.Library()


@register.filter
def ru_plural(number, forms: str) -> str:
    """The number with the right form: ``{{ 3|ru_plural:"отметка,отметки,отметок" }}``."""
    one, few, many = forms.split(",")
    return f"{number} {text.plural(number, one, few, many)}"


@register.filter
def keep_quoted(name: str) -> str:
    """Keep «Детский сад №20» on one line: non-breaking spaces inside the quotes."""
    return text.keep_quoted(name)


@register.filter
def years(number) -> str:
    return text.years(number)


@register.filter
def lower_first(value) -> str:
    """``{{ label|lower_first }}``: «курсы повышения квалификации (КПК)», not «(кпк)»."""
    return text.lower_first(value)
