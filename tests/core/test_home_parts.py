"""The home page keeps each app's cards apart (core/home.py): a write rebuilds only the cards of
the apps that read the written group (their ``READS``), and every app reads only what it names."""

import re
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import cache
from core.cache_tables import GROUPS, PROJECT_TABLE_PREFIXES, group_of
from core.models import RoleAssignment, User
from core.plugins import autodiscover
from mentoring.seeding import seed_demo


def _modules():
    return autodiscover("home_cards")


def _reads(module) -> tuple[str, ...]:
    return tuple(getattr(module, "READS", GROUPS))


@contextmanager
def _watching(monkeypatch, *, fresh_context: bool = False):
    """Each app's ``cards`` counted as it runs, with the queries it sent; ``fresh_context``: as
    if it were the only app rebuilt (no lookup shared with the cards of another app)."""
    built: dict[str, list[list[str]]] = {}
    for module in _modules():

        def counted(request, _module=module, _cards=module.cards):
            if fresh_context:
                request.__dict__.pop("_home_context", None)
            with CaptureQueriesContext(connection) as captured:
                result = _cards(request)
            built.setdefault(_module.__name__, []).append(
                [q["sql"] for q in captured.captured_queries]
            )
            return result

        monkeypatch.setattr(module, "cards", counted)
    yield built


def _groups_read(queries: list[str]) -> set[str]:
    tables = {name.lower() for sql in queries for name in re.findall(r'"(\w+)"', sql)}
    found = {group_of(t, "") for t in tables if t.startswith(PROJECT_TABLE_PREFIXES)}
    return found - {None}


def _members(organization) -> list[User]:
    found: dict[int, User] = {}
    for assignment in RoleAssignment.objects.filter(organization=organization).select_related(
        "user"
    ):
        found.setdefault(assignment.user_id, assignment.user)
    return list(found.values())


def _page(client) -> str:
    """The home page's HTML without its CSRF tokens (new on every response)."""
    html = client.get(reverse("home")).content.decode()
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", html)  # a masked token: 64 letters and digits


def _home(user, organization) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["organization_id"] = organization.pk
    session.save()
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("kindergarten", ["demo", "new"])
def test_every_apps_cards_read_only_the_groups_they_name(kindergarten, monkeypatch, request):
    """On the demo kindergarten (signed acts, banks, pairs, programs, surveys) and on a new one
    (the start checklist, the first step), for every role: the tables each app's cards read,
    each app rebuilt alone, are in the groups of its ``READS``.

    Inside the test's transaction nothing is kept: every request builds every app's cards.
    """
    if kindergarten == "demo":
        organization = seed_demo()
    else:
        organization = request.getfixturevalue("org")
        request.getfixturevalue("users")
    members = _members(organization)
    assert len(members) >= 6
    with _watching(monkeypatch, fresh_context=True) as built:
        for user in members:
            client = _home(user, organization)
            cache.bump(None)
            response = client.get(reverse("home"))
            assert response.status_code == 200
    assert {m.__name__ for m in _modules()} <= set(built)
    for module in _modules():
        read = _groups_read([sql for run in built[module.__name__] for sql in run])
        assert read <= set(_reads(module)), (module.__name__, read - set(_reads(module)))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("group", GROUPS)
def test_a_write_to_a_group_rebuilds_exactly_the_cards_that_read_it(group, monkeypatch):
    organization = seed_demo()
    users = {u.username: u for u in _members(organization)}
    with _watching(monkeypatch) as built:
        for username in ("director", "curator", "mentor", "mentee", "council", "admin"):
            client = _home(users[username], organization)
            first = _page(client)
            built.clear()
            assert _page(client) == first
            assert built == {}  # served again: nothing rebuilt
            cache.bump(organization.pk, (group,))
            assert _page(client) == first
            expected = {m.__name__ for m in _modules() if group in _reads(m)}
            assert set(built) == expected, (username, group)
            assert all(len(runs) == 1 for runs in built.values())


@pytest.mark.django_db(transaction=True)
def test_saving_a_plan_row_leaves_the_other_apps_cards(monkeypatch):
    """A real write: a plan row of a program (the programs' group) rebuilds the apps whose cards
    read the programs, and the cycle (the roadmap's) those that read the roadmap's tables."""
    from programs.models import PlanRow
    from roadmap.models import Cycle

    organization = seed_demo()
    curator = User.objects.get(username="curator")
    client = _home(curator, organization)
    first = _page(client)
    with _watching(monkeypatch) as built:
        row = PlanRow.objects.filter(program__organization=organization).first()
        row.save()
        assert _page(client) == first
        assert set(built) == {m.__name__ for m in _modules() if "programs" in _reads(m)}
        built.clear()
        Cycle.objects.filter(organization=organization).first().save()
        assert _page(client) == first
        assert set(built) == {m.__name__ for m in _modules() if "roadmap" in _reads(m)}


@pytest.mark.django_db(transaction=True)
def test_a_role_given_shows_its_cards_at_once(monkeypatch):
    """The roles are in every part's key: a member given a role sees that role's cards at once
    (the role's write is the people's group, which every app's cards read anyway)."""
    from core.models import Role

    organization = seed_demo()
    mentor = User.objects.get(username="mentor")
    client = _home(mentor, organization)
    before = _page(client)
    assert "Банк наставляемых" not in before
    RoleAssignment.objects.create(user=mentor, organization=organization, role=Role.CURATOR)
    after = _page(client)
    assert "Банк наставляемых" in after
