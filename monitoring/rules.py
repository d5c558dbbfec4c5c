"""Named object rules of the monitoring app; views and templates ask these."""

import rules

from core.access import has_role
from core.models import Role

# Who reads individual answers (also free text): the curator and the director.
ANSWER_READERS = (Role.CURATOR, Role.DIRECTOR)
# Who downloads the final report and the statistics.
EXPORTERS = (Role.ADMIN, Role.DIRECTOR, Role.CURATOR)


@rules.predicate
def can_edit_survey_template(user, template) -> bool:
    """The curator keeps the organization's questionnaires."""
    return template is not None and has_role(user, template.organization_id, Role.CURATOR)


@rules.predicate
def can_edit_question(user, question) -> bool:
    return question is not None and can_edit_survey_template(user, question.template)


@rules.predicate
def can_manage_assignment(user, assignment) -> bool:
    return assignment is not None and has_role(user, assignment.organization_id, Role.CURATOR)


@rules.predicate
def can_fill_response(user, response) -> bool:
    """Only the participant the survey was given to fills it in."""
    return response is not None and response.staff.user_id == user.pk


@rules.predicate
def can_view_response(user, response) -> bool:
    """The curator and the director see individual answers; a participant sees their own."""
    if response is None:
        return False
    if has_role(user, response.assignment.organization_id, *ANSWER_READERS):
        return True
    return response.staff.user_id == user.pk


@rules.predicate
def can_view_individual_answers(user, organization) -> bool:
    return organization is not None and has_role(user, organization.pk, *ANSWER_READERS)


@rules.predicate
def can_write_conclusions(user, organization) -> bool:
    return organization is not None and has_role(user, organization.pk, Role.CURATOR)


@rules.predicate
def can_create_survey_template(user, organization) -> bool:
    return organization is not None and has_role(user, organization.pk, Role.CURATOR)


@rules.predicate
def can_assign_surveys(user, organization) -> bool:
    """The curator gives questionnaires to the participants and reminds them."""
    return organization is not None and has_role(user, organization.pk, Role.CURATOR)


@rules.predicate
def can_export_monitoring(user, organization) -> bool:
    """The administrator, the director and the curator download the report and statistics."""
    return organization is not None and has_role(user, organization.pk, *EXPORTERS)


rules.add_rule("can_edit_survey_template", can_edit_survey_template)
rules.add_rule("can_edit_question", can_edit_question)
rules.add_rule("can_manage_assignment", can_manage_assignment)
rules.add_rule("can_fill_response", can_fill_response)
rules.add_rule("can_view_response", can_view_response)
rules.add_rule("can_view_individual_answers", can_view_individual_answers)
rules.add_rule("can_write_conclusions", can_write_conclusions)
rules.add_rule("can_create_survey_template", can_create_survey_template)
rules.add_rule("can_assign_surveys", can_assign_surveys)
rules.add_rule("can_export_monitoring", can_export_monitoring)
