"""Cached parts go stale only through writes to the tables they read, for the organization whose
rows changed: logins and letters empty nobody's cache, the admin and the worker only what they
touch, and a new release misses everything.

These tests commit for real (``transaction=True``), as ``test_cache.py`` explains.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core import cache
from core import home as core_home
from core.models import EmailStatus, NotificationKind, Organization, OutgoingEmail
from core.notifications import notify
from programs.models import PlanRow, Program
from tests.factories import PASSWORD, OrganizationFactory, StaffMemberFactory
from tests.programs.factories import fixed_pair, make_program

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def home_builds():
    """How many times the home cards were built (not served from the cache)."""
    calls = []
    real = core_home.autodiscover

    def spy(name):
        if name == "home_cards":
            calls.append(name)
        return real(name)

    with mock.patch.object(core_home, "autodiscover", spy):
        yield calls


def _part(organization_id: int, name: str, *, reads=cache.EVERYTHING):
    """A cached part and the list of its builds."""
    built = []

    def read():
        return cache.org_cached(
            organization_id, name, lambda: built.append(1) or len(built), reads=reads
        )

    return read, built


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_login_leaves_the_home_pages_of_its_own_and_other_organizations_cached(
    users, home_builds
):
    curator, outsider = _logged_in(users["curator"]), _logged_in(users["outsider"])
    for client in (curator, outsider):
        assert client.get("/").status_code == 200
    assert len(home_builds) == 2

    response = Client().post(
        reverse("login"), {"username": users["director"].username, "password": PASSWORD}
    )
    assert response.status_code == 302
    users["director"].refresh_from_db()
    assert users["director"].last_login is not None  # the login was written…

    for client in (curator, outsider):
        assert client.get("/").status_code == 200
    assert len(home_builds) == 2  # …and nobody's cards were built again


def test_a_letter_sent_by_the_worker_leaves_the_home_page_cached(users, org, home_builds, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    curator = _logged_in(users["curator"])
    curator.get("/")
    notify(  # the letter is queued and sent by the (eager) worker after commit
        users=[users["director"]],
        kind=NotificationKind.ORDER_SENT,
        organization=org,
        context={"title": "О наставничестве", "author": "Куратор", "path": "/x/"},
    )
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    curator.get("/")
    assert len(home_builds) == 1


def test_a_page_writing_a_table_makes_stale_only_the_parts_that_read_it_in_its_organization(
    users, org, other_org
):
    programs, programs_built = _part(org.pk, "t:programs", reads=("programs",))
    people, people_built = _part(org.pk, "t:people", reads=("people",))
    elsewhere, elsewhere_built = _part(other_org.pk, "t:programs", reads=("programs",))
    for read in (programs, people, elsewhere):
        read()
    pair = fixed_pair(org, users["mentor"], users["mentee"])  # the mentoring group only
    mentor = _logged_in(users["mentor"])
    response = mentor.post(
        "/programs/new/",
        {"pair": pair.pk, "starts_on": "2026-12-01", "ends_on": "2027-05-31", "template": ""},
    )
    assert response.status_code == 302
    assert Program.objects.filter(pair=pair).exists()
    for read in (programs, people, elsewhere):
        read()
    assert len(programs_built) == 2  # a program was created: the programs' parts are stale
    assert len(people_built) == 1  # nobody's name changed (the mentor logged in, too)
    assert len(elsewhere_built) == 1  # another kindergarten keeps its parts


def test_a_worker_inserting_an_organizations_rows_makes_only_that_organization_stale():
    a, b = OrganizationFactory(), OrganizationFactory()
    read_a, built_a = _part(a.pk, "t:people", reads=("people",))
    read_b, built_b = _part(b.pk, "t:people", reads=("people",))
    read_a(), read_b()
    StaffMemberFactory(organization=a)  # no page in scope: the row says whose it is
    read_a(), read_b()
    assert (len(built_a), len(built_b)) == (2, 1)


def test_a_write_that_does_not_say_whose_it_is_makes_the_group_stale_everywhere(users, org):
    program = make_program(fixed_pair(org, users["mentor"], users["mentee"]))
    other = OrganizationFactory()
    read_a, built_a = _part(org.pk, "t:programs", reads=("programs",))
    read_b, built_b = _part(other.pk, "t:programs", reads=("programs",))
    read_people, built_people = _part(other.pk, "t:people", reads=("people",))
    read_a(), read_b(), read_people()
    PlanRow.objects.filter(program=program).update(expected_result="Иное")  # a command
    read_a(), read_b(), read_people()
    assert (len(built_a), len(built_b), len(built_people)) == (2, 2, 1)


def test_the_admin_editing_an_organization_makes_its_parts_stale_and_leaves_the_others(org):
    other = OrganizationFactory()
    read_own, built_own = _part(org.pk, "t:everything")
    read_other, built_other = _part(other.pk, "t:everything")
    shared_built = []

    def read_shared():
        return cache.shared_cached(
            "t:names", lambda: shared_built.append(1) or len(shared_built), reads=("org",)
        )

    admin = get_user_model().objects.create_superuser("root", "root@example.ru", PASSWORD)
    client = _logged_in(admin)
    read_own(), read_other(), read_shared()
    data = {
        field: "" if (value := getattr(org, field)) is None else value
        for field in (
            *("full_name", "short_name", "slug", "is_active", "city", "address", "phone"),
            *("email", "inn", "director_position", "director_name", "order_number_suffix"),
            "journal_year_start",
        )
    }
    data.update(municipality=org.municipality_id or "", short_name="МБДОУ «Детский сад №21»")
    response = client.post(reverse("admin:core_organization_change", args=[org.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organization.objects.get(pk=org.pk).short_name == "МБДОУ «Детский сад №21»"
    read_own(), read_other(), read_shared()
    assert len(built_own) == 2  # the kindergarten's own parts
    assert len(shared_built) == 2  # the municipal pages that name kindergartens
    assert len(built_other) == 1  # another kindergarten's parts stay


def test_a_new_deploy_id_misses_every_part(org, settings):
    read, built = _part(org.pk, "t:release")
    settings.DEPLOY_ID = "release-1"
    read(), read()
    settings.DEPLOY_ID = "release-2"
    read(), read()
    assert len(built) == 2


def test_cache_clear_makes_every_part_stale(org):
    read, built = _part(org.pk, "t:anything", reads=("programs",))
    read()
    call_command("cache_clear", stdout=mock.Mock())
    read()
    assert len(built) == 2


@pytest.mark.parametrize(
    ("sql", "group"),
    [
        ('UPDATE "mentoring_user" SET "last_login" = %s WHERE "mentoring_user"."id" = %s', None),
        ('UPDATE "mentoring_user" SET "password" = %s WHERE "mentoring_user"."id" = %s', None),
        (
            'UPDATE "mentoring_user" SET "last_login" = %s, "last_name" = %s '
            'WHERE "mentoring_user"."id" = %s',
            "people",
        ),
        (
            'UPDATE "mentoring_user" SET "password" = %s, "n" = ("n" + %s) '
            'WHERE "mentoring_user"."id" = %s',
            "people",
        ),
        ('INSERT INTO "mentoring_user" ("username") VALUES (%s)', "people"),
    ],
)
def test_only_the_columns_a_login_writes_are_ignored(sql, group):
    from core.cache_tables import group_of

    assert group_of("mentoring_user", sql) == group
