"""core.tally: grouped counts of several tables in one query, added up in Python."""

import pytest
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from core.models import Role, RoleAssignment
from core.tally import part, tally, tally_of
from mentoring.models import Consent, ConsentKind, StaffMember
from tests.mentoring.factories import consent, staff


@pytest.fixture
def people(org, users):
    """Three more staff members: one inactive, one with a withdrawn consent."""
    first, second, third = (
        staff(org, last_name=name) for name in ("Петрова", "Сидорова", "Орлова")
    )
    StaffMember.objects.filter(pk=third.pk).update(is_active=False)
    consent(first)
    withdrawn = consent(second)
    Consent.objects.filter(pk=withdrawn.pk).update(withdrawn_at=withdrawn.given_at)
    return first, second, third


def test_counts_of_several_tables_come_from_one_query(
    org, users, people, django_assert_num_queries
):
    everyone = StaffMember.objects.filter(organization=org)
    with django_assert_num_queries(1):
        found = tally(
            part("staff", everyone, group="position", active=Q(is_active=True)),
            part("curators", RoleAssignment.objects.filter(organization=org, role=Role.CURATOR)),
            part(
                "consents",
                Consent.objects.filter(staff__organization=org),
                group="kind",
                withdrawn=Q(withdrawn_at__isnull=False),
            ),
        )
    assert found.count("staff") == everyone.count()
    assert found.count("staff", active=True) == everyone.filter(is_active=True).count()
    assert found.count("staff", active=False) == 1
    assert found.count("curators") == 1
    assert found.count("consents", group=ConsentKind.PERSONAL_DATA, withdrawn=False) == 1
    assert found.count("consents", group=[ConsentKind.PERSONAL_DATA, "other"]) == 2
    assert found.groups("consents") == {ConsentKind.PERSONAL_DATA: 2}


def test_flags_combine_and_sums_add_up_a_number_per_row(org, users, people):
    consents = (
        Consent.objects.filter(staff=OuterRef("pk"), withdrawn_at__isnull=True)
        .order_by()
        .values("staff")
        .annotate(n=Count("pk"))
        .values("n")
    )
    found = tally(
        part(
            "staff",
            StaffMember.objects.filter(organization=org),
            active=Q(is_active=True),
            consented=Exists(Consent.objects.filter(staff=OuterRef("pk"))),
            sums={"consents": Subquery(consents)},
        )
    )
    assert found.count("staff", active=True, consented=True) == 2  # one consent withdrawn
    assert found.total("staff", "consents") == 1
    assert found.total("staff", "consents", active=False) == 0


def test_a_part_needs_a_name_that_was_counted_and_at_most_four_flags(org):
    found = tally(part("staff", StaffMember.objects.filter(organization=org)))
    with pytest.raises(KeyError, match="No part named 'pairs'"):
        found.count("pairs")
    with pytest.raises(ValueError, match="At most 4 flags"):
        part("staff", StaffMember.objects.all(), **{f"f{n}": Q(pk=n) for n in range(5)})


def test_a_tallys_sql_is_made_once_for_its_key_and_reads_the_rows_of_now(
    org, users, people, django_assert_num_queries
):
    made = []

    def parts():
        made.append(True)
        everyone = StaffMember.objects.filter(organization=org)
        return [part("staff", everyone, group="position", active=Q(is_active=True))]

    key = ("test_tally", org.pk)
    before = tally_of(key, parts)
    StaffMember.objects.filter(organization=org).update(is_active=False)
    with django_assert_num_queries(1):
        after = tally_of(key, parts)
    assert len(made) == 1
    assert before.count("staff", active=True) > 0
    assert after.count("staff", active=True) == 0
    assert after.count("staff") == before.count("staff")
