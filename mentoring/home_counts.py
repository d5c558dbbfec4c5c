"""The managers' home cards read their counts from one query (issue 24).

The staff list, the banks of mentees and mentors, the pairs, the participants' requests and
whether a curator is named: each a subquery of one ``SELECT`` over the organization, computed
once per request (``per_request``) however many cards show a part of it.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from core.home import HomeContext, per_request
from core.models import Organization, Role, RoleAssignment
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

OWN = {"organization": OuterRef("pk")}


def _count(queryset, condition: Q | None = None) -> Coalesce:
    """How many rows of ``queryset`` (already narrowed to the outer organization) match."""
    if condition is not None:
        queryset = queryset.filter(condition)
    return Coalesce(
        Subquery(
            queryset.order_by().values("organization").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def counts_of(organization) -> dict:
    mentees = MenteeProfile.objects.filter(**OWN, staff__personal_data_withdrawn_at__isnull=True)
    mentors = MentorProfile.objects.filter(**OWN, staff__personal_data_withdrawn_at__isnull=True)
    pairs = Pair.objects.filter(**OWN)
    return (
        Organization.objects.filter(pk=organization.pk)
        .annotate(
            staff_active=_count(StaffMember.objects.filter(**OWN, is_active=True)),
            curator_named=Exists(RoleAssignment.objects.filter(**OWN, role=Role.CURATOR)),
            mentees_total=_count(mentees, ~Q(status=MenteeStatus.LEFT)),
            mentees_searching=_count(
                mentees, Q(status__in=[MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR])
            ),
            mentees_without=_count(mentees, Q(status=MenteeStatus.WITHOUT_PAIR)),
            mentors_total=_count(mentors),
            mentors_candidates=_count(mentors, Q(status=MentorStatus.CANDIDATE)),
            mentors_ready=_count(
                mentors, Q(status__in=[MentorStatus.SELECTED, MentorStatus.TRAINED])
            ),
            pairs_proposed=_count(pairs, Q(status=PairStatus.PROPOSED)),
            pairs_agreed=_count(pairs, Q(status=PairStatus.AGREED)),
            requests_pending=_count(
                ChangeRequest.objects.filter(**OWN, status=ChangeRequestStatus.PENDING)
            ),
        )
        .values(
            "staff_active",
            "curator_named",
            "mentees_total",
            "mentees_searching",
            "mentees_without",
            "mentors_total",
            "mentors_candidates",
            "mentors_ready",
            "pairs_proposed",
            "pairs_agreed",
            "requests_pending",
        )
        .get()
    )


@per_request
def manager_counts(home: HomeContext) -> dict | None:
    """The counts of the managers' cards; None for everyone else."""
    if not home.is_managing:
        return None
    return counts_of(home.organization)
