"""A person's history on her staff card: ``{% load staff_audit %}…staff|audit_for_staff``."""

from django import template

from mentoring import selectors

register = template.Library()


@register.filter
def audit_for_staff(staff) -> list:
    """A person's card: their entries in the banks and their consents."""
    return selectors.audit_for_staff(staff)
