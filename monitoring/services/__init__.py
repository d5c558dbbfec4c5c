"""Writes of the monitoring app, by topic: questionnaires, assignments and reminders, answers,
the report's conclusions. Everything is re-exported here (``services.answer_save``)."""

from monitoring.services.answers import (
    RESPONSE_ALLOWED,
    TEXT_LIMIT,
    answer_save,
    parse_answer,
    response_submit,
)
from monitoring.services.assignments import (
    assignment_create,
    default_roles,
    reminders_send,
)
from monitoring.services.report import (
    report_conclusions_save,
)
from monitoring.services.templates import (
    question_add,
    question_delete,
    question_move,
    question_update,
    survey_template_create,
    survey_template_update,
    survey_templates_ensure,
    version_sync,
)

__all__ = [
    "RESPONSE_ALLOWED",
    "TEXT_LIMIT",
    "answer_save",
    "assignment_create",
    "default_roles",
    "parse_answer",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "reminders_send",
    "report_conclusions_save",
    "response_submit",
    "survey_template_create",
    "survey_template_update",
    "survey_templates_ensure",
    "version_sync",
]
