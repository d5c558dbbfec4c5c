"""The history of an object on its page.

``{% load audit %}{% include "partials/audit_history.html" with entries=order|audit_for %}``
"""

from django import template

from mentoring import selectors

register = template.Library()


@register.filter
def audit_for(obj) -> list:
    """The object's audit entries, oldest first."""
    return selectors.audit_for(obj)
