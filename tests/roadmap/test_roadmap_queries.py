"""The roadmap page asks the database a bounded number of times on the demo data (issue 24).

Every stage's checks come from a few aggregates shared between them (``roadmap.stages.shared``):
the stage-1 orders (one), the organization's facts (curator, documents, training sessions, open
pairs: one), the banks of mentees and mentors (one each), the programs of the cycle, their plan
events and the pairs without one (three), the final surveys and the report (two), the final
event (one) and what the public section published per stage (two); the page itself reads the
session, user, roles, cycles, the approved and draft versions, the e-signature orders and the
documents. Measured right after a write, with every cached part stale.
"""

import pytest
from django.test import Client
from django.urls import reverse

from core import cache
from core.models import User
from mentoring.seeding import seed_demo

# 54 before issue 24; three of these are the network block (partners, agreements, events).
ROADMAP_QUERIES = 23


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
