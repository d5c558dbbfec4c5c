"""The managers' home cards read their counts from one query (issue 24).

The staff list, the banks of mentees and mentors, the pairs, the participants' requests and
whether a curator is named: grouped counts of each table joined in one ``SELECT``
(``core.tally``), computed once per request (``per_request``) however many cards show a part of
it.
"""

from core.home import HomeContext, per_request
from core.models import Role, RoleAssignment
from core.tally import part, tally_of
from mentoring.models import (
    ChangeRequest,
    ChangeRequestStatus,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    StaffMember,
)


def counts_of(organization) -> dict:
    """Every count of the managers' cards from one query of grouped counts (``core.tally``):
    the working staff, the curator, the banks by status, the pairs waiting for agreement or an
    order, and the participants' pending requests."""
    own = {"organization": organization.pk}
    # Their SQL depends on the organization alone: made once per process (``tally_of``).
    found = tally_of(
        ("home:manager counts", organization.pk),
        lambda: [
            part("staff", StaffMember.objects.filter(**own, is_active=True)),
            part("curators", RoleAssignment.objects.filter(**own, role=Role.CURATOR)),
            part(
                "mentees",
                MenteeProfile.objects.filter(**own, staff__personal_data_withdrawn_at__isnull=True),
                group="status",
            ),
            part(
                "mentors",
                MentorProfile.objects.filter(**own, staff__personal_data_withdrawn_at__isnull=True),
                group="status",
            ),
            part(
                "pairs",
                Pair.objects.filter(**own, status__in=(PairStatus.PROPOSED, PairStatus.AGREED)),
                group="status",
            ),
            part(
                "requests",
                ChangeRequest.objects.filter(**own, status=ChangeRequestStatus.PENDING),
            ),
        ],
    )
    mentees = found.groups("mentees")
    return {
        "staff_active": found.count("staff"),
        "curator_named": found.count("curators") > 0,
        "mentees_total": sum(mentees.values()) - mentees.get(MenteeStatus.LEFT, 0),
        "mentees_searching": found.count(
            "mentees", group=(MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR)
        ),
        "mentees_without": found.count("mentees", group=MenteeStatus.WITHOUT_PAIR),
        "mentors_total": found.count("mentors"),
        "mentors_candidates": found.count("mentors", group=MentorStatus.CANDIDATE),
        "mentors_ready": found.count(
            "mentors", group=(MentorStatus.SELECTED, MentorStatus.TRAINED)
        ),
        "pairs_proposed": found.count("pairs", group=PairStatus.PROPOSED),
        "pairs_agreed": found.count("pairs", group=PairStatus.AGREED),
        "requests_pending": found.count("requests"),
    }


@per_request
def manager_counts(home: HomeContext) -> dict | None:
    """The counts of the managers' cards; None for everyone else."""
    if not home.is_managing:
        return None
    return counts_of(home.organization)
