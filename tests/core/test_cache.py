"""The per-organization cache of page parts: any committed write makes them stale, nothing else.

These tests commit for real (``transaction=True``): inside the usual test transaction nothing is
ever stored, because a part built after a write may hold rows that are never committed.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from core import cache
from core.models import Organization
from mentoring.models import StaffMember
from programs.models import Program
from tests.factories import OrganizationFactory, StaffMemberFactory
from tests.programs.factories import fixed_pair, make_program

pytestmark = pytest.mark.django_db(transaction=True)


def _counting(organization):
    """A cached part that counts the organization's staff, and how often it was built."""
    built = []

    def read() -> int:
        def build() -> int:
            built.append(1)
            return StaffMember.objects.filter(organization=organization).count()

        return cache.org_cached(organization.pk, "test:staff", build)

    return read, built


def test_a_part_is_built_once_while_nothing_changes():
    organization = OrganizationFactory()
    read, built = _counting(organization)
    assert read() == read() == read() == 0
    assert len(built) == 1


def test_a_write_in_the_organization_makes_its_parts_stale():
    organization = OrganizationFactory()
    read, built = _counting(organization)
    assert read() == 0
    with cache.scoped_to(organization.pk):
        StaffMemberFactory(organization=organization)
    assert read() == 1
    assert len(built) == 2


def test_a_bulk_update_without_signals_makes_parts_stale():
    organization = OrganizationFactory()
    StaffMemberFactory(organization=organization, last_name="Иванова")
    names = {}

    def read():
        return cache.org_cached(
            organization.pk,
            "test:names",
            lambda: list(
                StaffMember.objects.filter(organization=organization).values_list(
                    "last_name", flat=True
                )
            ),
        )

    names["before"] = read()
    with cache.scoped_to(organization.pk):
        StaffMember.objects.filter(organization=organization).update(last_name="Петрова")
    names["after"] = read()
    assert names == {"before": ["Иванова"], "after": ["Петрова"]}


def test_a_write_in_another_organization_leaves_the_parts():
    organization, other = OrganizationFactory(), OrganizationFactory()
    read, built = _counting(organization)
    read()
    with cache.scoped_to(other.pk):
        StaffMemberFactory(organization=other)
    read()
    assert len(built) == 1


def test_a_write_with_no_organization_in_scope_makes_every_part_stale():
    organization = OrganizationFactory()
    read, built = _counting(organization)
    read()
    Organization.objects.filter(pk=organization.pk).update(short_name="Другое имя")  # no scope
    read()
    assert len(built) == 2


def test_tables_outside_the_project_do_not_count():
    from django.contrib.sessions.backends.db import SessionStore

    organization = OrganizationFactory()
    read, built = _counting(organization)
    read()
    SessionStore().save()  # every request of a logged-in user may write its session
    read()
    assert len(built) == 1


def test_a_part_built_inside_a_writing_transaction_is_not_kept():
    organization = OrganizationFactory()
    read, built = _counting(organization)

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        with cache.scoped_to(organization.pk):
            StaffMemberFactory(organization=organization)
        assert read() == 1  # the transaction sees its own row…
        raise Abort
    assert read() == 0  # …but after the rollback nobody is served it
    assert len(built) == 2


def test_a_committed_transaction_makes_parts_stale_again_after_commit():
    """A part built by another request between the write and the commit is not reused."""
    organization = OrganizationFactory()
    read, built = _counting(organization)
    read()
    with transaction.atomic(), cache.scoped_to(organization.pk):
        StaffMemberFactory(organization=organization)
        StaffMemberFactory(organization=organization)
        stale_key = cache.part_key(organization.pk, "test:staff")
    assert cache.part_key(organization.pk, "test:staff") != stale_key
    assert read() == 2


def test_the_program_list_shows_a_new_program_at_once(users, org):
    """Through the pages: the curator's list is served from the cache, and a program created
    by the mentor's page appears in it on the next request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    curator, mentor = Client(), Client()
    curator.force_login(users["curator"])
    mentor.force_login(users["mentor"])
    pair = fixed_pair(org, users["mentor"], users["mentee"])
    make_program(fixed_pair(org, users["council"], users["admin"]))
    first = curator.get("/programs/")
    assert first.content.decode().count('data-testid="program-table"') == 1
    assert "Найдено: 1" in first.content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "Найдено: 1" in curator.get("/programs/").content.decode()
    # Served from the cache: the rows' progress (plan rows, meetings) is not read again.
    assert not [q for q in again.captured_queries if "programs_planrow" in q["sql"]]

    response = mentor.post(
        "/programs/new/",
        {"pair": pair.pk, "starts_on": "2026-12-01", "ends_on": "2027-05-31", "template": ""},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Program.objects.filter(pair=pair).exists()
    assert "Найдено: 2" in curator.get("/programs/").content.decode()


def test_a_scope_entered_outside_a_request_does_not_outlive_it():
    """A middleware's ``process_view`` called on its own (as a unit test does) leaves no scope
    behind for later writes."""
    organization = OrganizationFactory()
    cache.enter_scope(organization.pk)
    read, built = _counting(organization)
    read()
    Organization.objects.filter(pk=organization.pk).update(short_name="Снова другое")
    read()
    assert len(built) == 2
