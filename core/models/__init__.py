"""The ground's models: users, organizations and roles, the audit trail, letters and jobs.

The models that moved here from ``mentoring`` keep their tables (``db_table``), so a database
made before the move keeps its rows (see the squashed migrations' ``replaces``).
"""

from core.models.audit import AuditEntry
from core.models.jobs import BackgroundJob, JobStatus, ServiceBeat
from core.models.notifications import (
    EmailStatus,
    NotificationKind,
    NotificationPreference,
    OutgoingEmail,
)
from core.models.organizations import (
    RESERVED_ORGANIZATION_SLUGS,
    MunicipalCoordinator,
    Municipality,
    Organization,
    Role,
    RoleAssignment,
    validate_organization_slug,
)
from core.models.users import User

__all__ = [
    "RESERVED_ORGANIZATION_SLUGS",
    "AuditEntry",
    "BackgroundJob",
    "EmailStatus",
    "JobStatus",
    "MunicipalCoordinator",
    "Municipality",
    "NotificationKind",
    "NotificationPreference",
    "Organization",
    "OutgoingEmail",
    "Role",
    "RoleAssignment",
    "ServiceBeat",
    "User",
    "validate_organization_slug",
]
