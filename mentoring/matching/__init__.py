"""Explained matching of mentees and mentors (roadmap stage 5); no views here.

``rank_mentors`` scores every mentor for one mentee with a transparent sum of per-criterion
contributions, each explained in plain Russian, and lists the hard limits that exclude the
others. ``propose_assignment`` pairs a whole organization at once: an optimal assignment
(SciPy's ``linear_sum_assignment``) where each mentor is expanded into as many slots as they
have free capacity, so no capacity is ever exceeded. ``scoring`` works on plain data only;
``loading`` reads the banks into that data. Callers use ``matching.rank_mentors`` and the like.
"""

from mentoring.matching.loading import (  # noqa: F401
    load_mentees,
    load_mentors,
    mentee_data,
    mentor_data,
    mentor_load_subquery,
    mentor_queryset,
)
from mentoring.matching.scoring import (  # noqa: F401
    DIGITAL_DIRECTIONS,
    ELIGIBLE_MENTOR_STATUSES,
    OPEN_PAIR_STATUSES,
    SEARCHING_MENTEE_STATUSES,
    W_CAPACITY_MAX,
    W_CAPACITY_PER_SLOT,
    W_DIRECTIONS,
    W_EXPERIENCE,
    W_FORM,
    W_POSITION,
    W_REVERSE,
    W_TIME,
    Contribution,
    Exclusion,
    MenteeData,
    MenteeRequestData,
    MentorData,
    Proposal,
    Suggestion,
    greedy_assignment,
    hard_limits,
    propose_assignment,
    rank_mentors,
    score,
    total_score,
)
