"""The home page asks the database a bounded number of times for every role on seeded data."""

import pytest
from django.test import Client
from django.urls import reverse

from core.home import HomeContext, collect, per_request
from core.models import User
from mentoring.seeding import seed_demo

# Queries of one home page on the demo data (session, user and roles included), measured on the
# merged state: every role asks once whether she is a municipal coordinator; the director's
# cards count agreements and the report awaiting her signature; mentors and mentees see their
# programs, their latest request and the orders naming them; the curator's cards look for drafts
# of orders on an early end (a participant left); the director and the admin learn whether a
# curator is named (the roles page). Everyone a local act concerns reads the acts in force and her
# acknowledgements (two queries); the director and the curator ask whether the start is over.
# Everyone asks once whether her bank questionnaire is to be renewed for the new year.
# The managers' cards of the staff list, the banks, the pairs, the participants' requests and
# the curator's name read one query together (mentoring/home_counts.py), and the programs'
# counts by status, overdue events and agreed changes are one grouped query (issue 24: the
# director 24 -> 17, the curator 23 -> 17, the council 20 -> 15, the admin 12 -> 8); a
# participant's drafts to agree, overdue events and proposed changes are one aggregate over her
# programs (the mentor 24 -> 22, the mentee 23 -> 21).
# The director looks once for cooperation agreements waiting for her signature, a council member
# once for protocols she chairs waiting for hers (roadmap/home_cards.py: +1 each).
# The orders on signature and returned and the missing marks of acknowledgement are one query
# of grouped counts (roadmap/home_cards.py: the curator 18 -> 17, the council 16 -> 15).
# A new card that adds a query must say so here.
HOME_QUERIES = {
    "director": 19,  # the start checklist stays; +1 cooperation agreements to sign
    "curator": 17,  # the start checklist stays until every step is done
    "mentor": 22,
    "mentee": 21,
    "council": 15,  # +1 protocols to sign as the council's chair
    "admin": 8,
}


@pytest.fixture
def demo(db):
    return seed_demo()


@pytest.mark.parametrize(("username", "limit"), HOME_QUERIES.items())
def test_home_page_of_each_role_stays_within_its_query_count(
    username, limit, demo, django_assert_max_num_queries
):
    client = Client()
    client.force_login(User.objects.get(username=username))
    client.get(reverse("home"))  # warm the session
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["cards"]


def test_a_lookup_shared_by_several_cards_runs_once_per_request(rf, users, org):
    calls = []

    @per_request
    def lookup(home):
        calls.append(home)
        return 3

    def first(home):
        lookup(home)
        return None

    def second(home):
        lookup(home)
        return []

    request = rf.get("/")
    request.user, request.organization, request.roles = users["curator"], org, frozenset()
    assert collect(request, [first, second]) == []
    assert collect(request, [first]) == []
    assert len(calls) == 1
    assert HomeContext.of(request) is calls[0]


def test_no_card_function_runs_outside_an_organization(rf, users):
    request = rf.get("/")
    request.user, request.organization, request.roles = users["curator"], None, frozenset()

    def card(home):
        raise AssertionError("a card ran without an organization")

    assert collect(request, [card]) == []
