"""Named object rules of the ground (background jobs); each app keeps its own in ``rules.py``."""

import rules


@rules.predicate
def can_view_job(user, job) -> bool:
    """A prepared file is for the person who asked for it."""
    return job is not None and job.requested_by_id is not None and job.requested_by_id == user.pk


rules.add_rule("can_view_job", can_view_job)
