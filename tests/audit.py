"""Helpers to read the audit trail in tests."""

from core.audit import audit_for
from core.models import AuditEntry


def actions(obj) -> list[tuple[str, str | None]]:
    """(action, actor's username) of the object's entries, oldest first."""
    return [(e.action, e.actor.username if e.actor else None) for e in audit_for(obj)]


def entry(obj, action: str) -> AuditEntry:
    """The one entry of that action about the object."""
    (found,) = [e for e in audit_for(obj) if e.action == action]
    return found
