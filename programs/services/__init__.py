"""Writes and life cycles of programs, by topic: callers use ``services.program_agree``."""

from core.lifecycle import TransitionError  # noqa: F401
from programs.services.cases import (  # noqa: F401
    case_prefill,
    case_publish,
    case_save,
)
from programs.services.changes import (  # noqa: F401
    change_accept,
    change_agree,
    change_propose,
    change_reject,
    program_change_apply,
)
from programs.services.common import (  # noqa: F401
    ALLOWED,
    CHANGE_ALLOWED,
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    EVIDENCE_SIGNATURES,
    PROGRAM_SNAPSHOT_FIELDS,
    ROW_PLAN_FIELDS,
    ROW_REPORT_FIELDS,
    ConflictError,
    FieldChange,
    FieldConflict,
    add_months,
    participant_role,
    staff_of,
    validate_dates,
    validate_deadline,
    validate_evidence,
)
from programs.services.council import program_council_decision_link  # noqa: F401
from programs.services.editing import (  # noqa: F401
    plan_fill_from_requests,
    plan_row_add,
    plan_row_delete,
    plan_row_save,
    program_create,
    program_note_save,
)
from programs.services.lifecycle import (  # noqa: F401
    agreement_state,
    program_agree,
    program_complete,
    program_end,
    program_end_on_leaving,
    program_end_on_withdrawal,
    program_return,
    program_review,
    program_start,
    programs_approve,
)
from programs.services.meetings import (  # noqa: F401
    meeting_log,
)
