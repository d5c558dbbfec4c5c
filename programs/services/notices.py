"""Letters about programs: who is told of an agreement or a change, with what link.

Called inside the services' transactions: ``notify`` writes the rows there and hands them to the
worker after the commit, so a rolled-back change sends nothing.
"""

from __future__ import annotations

from core.models import NotificationKind, Role, User
from core.notifications import notify, role_holders, staff_users
from programs.models import Program, ProgramChange
from programs.services.common import participant_role


def _context(program: Program, **extra) -> dict:
    return {"title": program.heading, "path": program.get_absolute_url(), **extra}


def notify_program_agreed(program: Program) -> None:
    """Mentor and mentees agreed: the curator can include the program in the approval order."""
    notify(
        users=role_holders(program.organization, Role.CURATOR),
        kind=NotificationKind.PROGRAM_AGREED,
        organization=program.organization,
        context=_context(program),
    )


def _change_context(change: ProgramChange) -> dict:
    author = change.proposed_by
    return _context(
        change.program,
        author=(author.full_name or author.username) if author else "",
        summary=f"{change.get_kind_display()}. {change.reason}",
    )


def notify_change_proposed(change: ProgramChange, *, by: User) -> None:
    """A participant proposed a change: the other side of the pair is asked to agree."""
    program = change.program
    role = participant_role(by, program)
    if not role:
        return  # the curator's own early end needs no participant's agreement
    others = program.pair.mentees if role == "mentor" else program.pair.mentors
    notify(
        users=staff_users(others.select_related("user")),
        kind=NotificationKind.CHANGE_PROPOSED,
        organization=program.organization,
        context=_change_context(change),
    )


def notify_change_agreed(change: ProgramChange) -> None:
    """Both participants agree: the curator accepts or rejects the change."""
    notify(
        users=role_holders(change.program.organization, Role.CURATOR),
        kind=NotificationKind.CHANGE_PROPOSED,
        organization=change.program.organization,
        context=_change_context(change),
    )
