"""Object rules of programs; views and templates ask these."""

import rules

from core.access import MANAGING_ROLES, has_role
from core.models import Role
from programs.models import ProgramStatus


def _is_participant(user, program) -> bool:
    if not user.is_authenticated:
        return False
    cache = getattr(program, "_participant_user_ids", None)
    if cache is None:
        pair = program.pair
        cache = {m.user_id for m in pair.mentors.all()} | {m.user_id for m in pair.mentees.all()}
        program._participant_user_ids = cache
    return user.pk in cache


@rules.predicate
def can_view_program(user, program) -> bool:
    """Managers of the organization see all programs; mentor and mentee see their own."""
    if program is None:
        return False
    if has_role(user, program.organization_id, *MANAGING_ROLES):
        return True
    return _is_participant(user, program)


@rules.predicate
def can_edit_program(user, program) -> bool:
    """The participants write the draft; the curator and the council may help."""
    if program is None or program.status != ProgramStatus.DRAFT:
        return False
    if has_role(user, program.organization_id, Role.CURATOR, Role.COUNCIL):
        return True
    return _is_participant(user, program)


@rules.predicate
def can_report_program(user, program) -> bool:
    """Marking events done and logging meetings: the participants of a running program."""
    return program is not None and program.is_running and _is_participant(user, program)


@rules.predicate
def is_program_participant(user, program) -> bool:
    return program is not None and _is_participant(user, program)


@rules.predicate
def can_curate_program(user, program) -> bool:
    return program is not None and has_role(user, program.organization_id, Role.CURATOR)


# Rules about the organization as a whole take the organization (None outside one).
@rules.predicate
def can_create_program(user, organization) -> bool:
    """A mentor starts the program of their pair; the curator and the council may help."""
    return organization is not None and has_role(
        user, organization.pk, Role.MENTOR, Role.CURATOR, Role.COUNCIL
    )


@rules.predicate
def can_prepare_approval_order(user, organization) -> bool:
    """The curator drafts the order approving the reviewed programs."""
    return organization is not None and has_role(user, organization.pk, Role.CURATOR)


@rules.predicate
def can_edit_program_templates(user, organization) -> bool:
    """The curator and the council keep the organization's program templates."""
    return organization is not None and has_role(user, organization.pk, Role.CURATOR, Role.COUNCIL)


rules.add_rule("can_view_program", can_view_program)
rules.add_rule("can_edit_program", can_edit_program)
rules.add_rule("can_report_program", can_report_program)
rules.add_rule("is_program_participant", is_program_participant)
rules.add_rule("can_curate_program", can_curate_program)


@rules.predicate
def can_start_program(user, program) -> bool:
    return can_curate_program(user, program) or is_program_participant(user, program)


rules.add_rule("can_start_program", can_start_program)
rules.add_rule("can_create_program", can_create_program)
rules.add_rule("can_prepare_approval_order", can_prepare_approval_order)
rules.add_rule("can_edit_program_templates", can_edit_program_templates)
