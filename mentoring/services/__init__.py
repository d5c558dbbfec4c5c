"""Writes and life cycles of banks, pairs and participants' requests, by topic: callers use
``services.pair_create``."""

from mentoring.services.banks import (  # noqa: F401
    MENTEE_ALLOWED,
    MENTOR_ALLOWED,
    MENTOR_APPOINT_ALLOWED,
    mentee_leave,
    mentee_profile_save,
    mentor_needs_training,
    mentor_profile_save,
    mentor_release,
    mentor_status_change,
    mentor_targets,
    mentors_appoint,
    mentors_appoint_problems,
    training_attendance_set,
)
from mentoring.services.change_requests import (  # noqa: F401
    CHANGE_REQUEST_ALLOWED,
    REQUEST_KINDS,
    change_request_create,
    change_request_decide,
)
from mentoring.services.pairs import (  # noqa: F401
    PAIR_ACTIONS,
    PAIR_ALLOWED,
    PAIR_FIX_ALLOWED,
    mentee_mark_without_pair,
    mentor_load,
    pair_activate,
    pair_close,
    pair_close_blockers,
    pair_create,
    pair_transition,
    pairs_fix,
    pairs_fix_problems,
)
from mentoring.services.partners import (  # noqa: F401
    partner_create,
    partner_set_active,
    partner_update,
)
