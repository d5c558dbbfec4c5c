"""Reads of organizations and staff, always within one organization."""

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.functions import Cast

from core.audit import audit_for_objects
from core.models import AuditEntry, Organization, Role, RoleAssignment, User
from mentoring import consents
from mentoring.matching.loading import mentor_load_subquery
from mentoring.models import (
    ChangeRequest,
    ChangeRequestStatus,
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    Position,
    StaffMember,
    TrainingSession,
)


def bank_candidates(*, organization, bank: str):
    """Staff who can be entered in a bank: not yet in it, and not those who run the system.

    The head of the organization signs the orders and the curator runs the banks, so neither is
    offered as a mentee; the head (by position or by role) is not offered as a mentor either.
    """
    qs = consents.active_staff(organization).exclude(position=Position.HEAD)
    if bank == "mentee":
        qs = qs.employees()  # a mentor from outside the staff is never a mentee
        runners = RoleAssignment.objects.filter(
            organization=organization, role__in=(Role.DIRECTOR, Role.CURATOR)
        ).values("user_id")
        return qs.filter(mentee_profile__isnull=True).exclude(user_id__in=runners)
    # The curator may also mentor (SPEC §1); the director, who signs the orders, may not.
    director = RoleAssignment.objects.filter(organization=organization, role=Role.DIRECTOR).values(
        "user_id"
    )
    return qs.filter(mentor_profile__isnull=True).exclude(user_id__in=director)


def staff_list(
    *,
    organization: Organization,
    query: str = "",
    position: str = "",
    active: bool | None = True,
    with_left: bool = False,
) -> QuerySet[StaffMember]:
    """Staff of the organization, filtered by name (any case, also Cyrillic) and position.

    People who left are hidden unless ``with_left``; then they are shown whatever ``active``.
    """
    qs = StaffMember.objects.employees().filter(organization=organization).select_related("user")
    if with_left:
        qs = qs.filter(Q(is_active=True) | Q(left_on__isnull=False)) if active else qs
    elif active is not None:
        qs = qs.filter(is_active=active)
    if position:
        qs = qs.filter(position=position)
    return qs.search(query)


def staff_count(*, organization: Organization) -> int:
    return StaffMember.objects.employees().filter(organization=organization, is_active=True).count()


def own_staff_record(*, user: User, organization: Organization) -> StaffMember | None:
    """The staff card of this user in this organization, if one is linked."""
    return StaffMember.objects.filter(organization=organization, user=user).first()


# --- banks and pairs -------------------------------------------------------------------------
OPEN_PAIRS = (PairStatus.PROPOSED, PairStatus.AGREED, PairStatus.FIXED, PairStatus.ACTIVE)


def _has_pd_consent():
    return Exists(
        Consent.objects.filter(
            staff=OuterRef("staff"), kind=ConsentKind.PERSONAL_DATA, withdrawn_at__isnull=True
        )
    )


def mentee_bank(
    *,
    organization: Organization,
    query: str = "",
    status: str = "",
    category: str = "",
    direction: str = "",
) -> QuerySet[MenteeProfile]:
    """The bank of mentees without people who withdrew their consent, with requests prefetched."""
    qs = (
        MenteeProfile.objects.filter(
            organization=organization, staff__personal_data_withdrawn_at__isnull=True
        )
        .select_related("staff")
        .prefetch_related("requests")
        .annotate(has_pd=_has_pd_consent())
    )
    qs = qs.filter(status=status) if status else qs.exclude(status=MenteeStatus.LEFT)
    if category:
        qs = qs.filter(category=category)
    if direction:
        qs = qs.filter(
            Exists(MenteeRequest.objects.filter(profile=OuterRef("pk"), direction=direction))
        )
    if query:
        qs = qs.filter(staff__in=StaffMember.objects.search(query))
    return qs.order_by("staff__search_name", "pk")


def mentor_bank(
    *,
    organization: Organization,
    query: str = "",
    status: str = "",
    direction: str = "",
    position: str = "",
    free_only: bool = False,
) -> QuerySet[MentorProfile]:
    """The bank of mentors with their load (mentees in open pairs) and consent, one query."""
    qs = (
        MentorProfile.objects.filter(
            organization=organization, staff__personal_data_withdrawn_at__isnull=True
        )
        .select_related("staff", "staff__partner")
        .annotate(
            load=mentor_load_subquery(),
            has_pd=_has_pd_consent(),
            has_duties=Exists(
                Consent.objects.filter(
                    staff=OuterRef("staff"),
                    kind=ConsentKind.MENTOR_DUTIES,
                    withdrawn_at__isnull=True,
                )
            ),
            trainings_count=Subquery(
                TrainingSession.attendees.through.objects.filter(mentorprofile_id=OuterRef("pk"))
                .order_by()
                .values("mentorprofile_id")
                .annotate(c=Count("pk"))
                .values("c"),
                output_field=IntegerField(),
            ),
        )
    )
    qs = qs.filter(status=status) if status else qs.exclude(status=MentorStatus.LEFT)
    if position:
        qs = qs.filter(staff__position=position)
    if direction:
        qs = qs.annotate(expertise_text=Cast("expertise", TextField())).filter(
            expertise_text__contains=f'"{direction}"'
        )
    if free_only:
        qs = qs.filter(capacity__gt=F("load")).exclude(status=MentorStatus.RELEASED)
    if query:
        qs = qs.filter(staff__in=StaffMember.objects.search(query))
    return qs.order_by("staff__search_name", "pk")


def pairs_list(
    *, organization: Organization, status: str = "", people: bool = True
) -> QuerySet[Pair]:
    """The organization's pairs, newest first; with ``people`` their participants, forms and
    partners as the list shows them (``pairs_in_order`` reads them for one page)."""
    qs = Pair.objects.filter(organization=organization)
    if people:
        qs = _with_people(qs)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def _with_people(queryset: QuerySet[Pair]) -> QuerySet[Pair]:
    return queryset.select_related("partner").prefetch_related(
        Prefetch(
            "mentors",
            queryset=StaffMember.objects.select_related("partner").order_by("search_name"),
        ),
        Prefetch("mentees", queryset=StaffMember.objects.order_by("search_name")),
        "forms",
    )


def pairs_in_order(*, organization: Organization, pks: list[int]) -> list[Pair]:
    """The pairs ``pks`` of the organization with their people, in the order given."""
    found = {
        p.pk: p for p in _with_people(Pair.objects.filter(organization=organization, pk__in=pks))
    }
    return [found[pk] for pk in pks if pk in found]


def pairs_of(*, staff: StaffMember) -> QuerySet[Pair]:
    """Pairs where this person is a mentor or a mentee."""
    return (
        Pair.objects.filter(Q(mentors=staff) | Q(mentees=staff))
        .distinct()
        .prefetch_related("mentors", "mentees", "forms")
    )


def change_requests(*, organization: Organization, status: str = "") -> QuerySet[ChangeRequest]:
    qs = ChangeRequest.objects.filter(organization=organization).select_related(
        "author", "pair", "decided_by"
    )
    return qs.filter(status=status) if status else qs


def pending_requests_count(*, organization: Organization) -> int:
    return ChangeRequest.objects.filter(
        organization=organization, status=ChangeRequestStatus.PENDING
    ).count()


def mentors_for_appointment(*, organization: Organization) -> tuple[list[MentorProfile], list[str]]:
    """Selected or trained mentors ready for the appointment order, and who is left out and why."""
    from mentoring.services.banks import mentors_appoint_problems

    candidates = list(
        mentor_bank(organization=organization).filter(
            status__in=[MentorStatus.SELECTED, MentorStatus.TRAINED]
        )
    )
    ready, left_out = [], []
    for profile in candidates:
        problems = mentors_appoint_problems([profile])
        if problems:
            left_out += problems
        else:
            ready.append(profile)
    return ready, left_out


def audit_for_staff(staff: StaffMember, *, limit: int = 200) -> list[AuditEntry]:
    """A person's card: their entries in the banks and their consents."""
    objects = [
        staff,
        *MentorProfile.objects.filter(staff=staff),
        *MenteeProfile.objects.filter(staff=staff),
        *staff.consents.all(),
    ]
    return audit_for_objects(objects, limit=limit)


# --- partner organizations ----------------------------------------------------------------


def partner_list(
    *, organization, query: str = "", kind: str = "", with_ended: bool = False
) -> QuerySet:
    """The register of partners: active ones unless asked, searched by name or ИНН.

    SQLite's ``icontains`` folds Latin case only, so a Cyrillic query is also tried as typed,
    in lower case and capitalized (PostgreSQL folds every case by itself).
    """
    from mentoring.models import Partner

    partners = Partner.objects.filter(organization=organization)
    if not with_ended:
        partners = partners.filter(is_active=True)
    if kind:
        partners = partners.filter(kind=kind)
    query = " ".join((query or "").split())
    if query:
        found = Q(inn__startswith=query)
        for variant in {query, query.lower(), query.capitalize(), query.upper()}:
            found |= Q(name__icontains=variant) | Q(short_name__icontains=variant)
        partners = partners.filter(found)
    return partners.order_by("name", "pk")
