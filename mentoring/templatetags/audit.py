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


@register.filter
def audit_for_all(objects) -> list:
    """The joint history of several objects, oldest first."""
    return selectors.audit_for_objects(objects)


@register.filter
def audit_for_staff(staff) -> list:
    """A person's card: their entries in the banks and their consents."""
    return selectors.audit_for_staff(staff)
