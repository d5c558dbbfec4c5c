"""The history of an object on its page.

``{% load audit %}{% include "partials/audit_history.html" with entries=order|audit_for %}``
"""

from django import template

from core.audit import audit_for as _audit_for
from core.audit import audit_for_objects

register = template.Library()


@register.filter
def audit_for(obj) -> list:
    """The object's audit entries, oldest first."""
    return _audit_for(obj)


@register.filter
def audit_for_all(objects) -> list:
    """The joint history of several objects, oldest first."""
    return audit_for_objects(objects)
