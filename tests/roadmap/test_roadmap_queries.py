"""The roadmap page asks the database a bounded number of times on the demo data (issue 24).

Every app's counts for the stages' checks come from one query of grouped counts
(``roadmap.stages.figures``: the curator, documents, training sessions and open pairs, the banks
of mentees and mentors, the programs of the cycle with their plan events, the pairs without a
program, the final surveys and the report, what the public section published per stage); a few
rows besides: the latest signed order of each of stage 1's kinds (one), the final event (one)
and the approved version of the roadmap (one). The page itself reads the session, user, roles,
cycles, the draft version, the e-signature orders and the documents, and the network block its
counts of partners and agreements (one) and its events (one). Measured right after a write, with
every cached part stale.
"""

import pytest
from django.test import Client
from django.urls import reverse

from core import cache
from core.models import User
from mentoring.seeding import seed_demo

# 54 before issue 24, then 23; two of these are the network block (its partners and agreements
# counted together, its events).
ROADMAP_QUERIES = 14


@pytest.fixture
def demo(db):
    return seed_demo()


def test_roadmap_page_right_after_a_write_stays_within_its_query_count(
    demo, django_assert_max_num_queries
):
    client = Client()
    client.force_login(User.objects.get(username="curator"))
    client.get(reverse("roadmap:roadmap-detail"))  # warm the session
    cache.bump(None)
    with django_assert_max_num_queries(ROADMAP_QUERIES):
        response = client.get(reverse("roadmap:roadmap-detail"))
    assert response.status_code == 200
    stages = response.context["stages"]
    assert len(stages) == 7 and all(stage.checks for stage in stages)
