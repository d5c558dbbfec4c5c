"""Reads of organizations and staff, always within one organization."""

from django.db.models import QuerySet

from mentoring.models import Organization, StaffMember, User


def staff_list(
    *, organization: Organization, query: str = "", position: str = "", active: bool | None = True
) -> QuerySet[StaffMember]:
    """Staff of the organization, filtered by name (any case, also Cyrillic) and position."""
    qs = StaffMember.objects.filter(organization=organization).select_related("user")
    if active is not None:
        qs = qs.filter(is_active=active)
    if position:
        qs = qs.filter(position=position)
    return qs.search(query)


def staff_count(*, organization: Organization) -> int:
    return StaffMember.objects.filter(organization=organization, is_active=True).count()


def own_staff_record(*, user: User, organization: Organization) -> StaffMember | None:
    """The staff card of this user in this organization, if one is linked."""
    return StaffMember.objects.filter(organization=organization, user=user).first()
