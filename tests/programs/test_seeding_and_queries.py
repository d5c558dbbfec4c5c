"""Seeding for the demo and the region, and pages whose query count does not grow with data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Organization, Role
from mentoring.seeding import seed_demo, seed_region
from programs import seeding
from programs.models import Case, Meeting, Program, ProgramStatus, ProgramTemplate
from tests.factories import member
from tests.programs.factories import fixed_pair, make_program


def _count(client, url) -> int:
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_program_page_runs_the_same_queries_for_3_and_60_rows(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=3)
    client = client_for("mentor")
    small = _count(client, program.get_absolute_url())
    for n in range(57):
        program.rows.create(
            position=10 + n, direction="methods", event=f"Событие {n}", deadline=program.ends_on
        )
    Meeting.objects.bulk_create(
        Meeting(program=program, held_on=program.starts_on, topic=f"Встреча {n}")
        for n in range(100)
    )
    assert _count(client, program.get_absolute_url()) == small


def test_curator_list_runs_the_same_queries_for_2_and_30_programs(org, pair, client_for):
    make_program(pair, status=ProgramStatus.IN_PROGRESS)
    client = client_for("curator")
    url = reverse("programs:program-list")
    small = _count(client, url)
    for n in range(29):
        mentor = member(org, Role.MENTOR, username=f"mm{n}")
        mentee = member(org, Role.MENTEE, username=f"ee{n}")
        make_program(fixed_pair(org, mentor, mentee), status=ProgramStatus.IN_PROGRESS)
    assert _count(client, url) == small


def test_demo_seeding_is_rerunnable_and_shows_every_step(db):
    seed_demo()
    seed_demo()
    org = Organization.objects.get(slug="ds20")
    statuses = set(Program.objects.filter(organization=org).values_list("status", flat=True))
    assert {"in_progress", "agreed", "reviewed", "completed"} <= statuses
    # Four programs of the staff and the draft of the mentor from outside the staff.
    assert Program.objects.filter(organization=org).count() == 5
    assert ProgramTemplate.objects.filter(organization=org).count() == 3  # one per form
    assert Case.objects.filter(program__organization=org).count() == 1


def test_region_seeding_gives_the_first_org_the_benchmark_programs(db, monkeypatch):
    monkeypatch.setattr(seeding, "BIG_ORG_PROGRAMS", 40)
    seed_region(orgs=3, staff_per_org=20)
    big = Organization.objects.get(slug="region-0001")
    assert Program.objects.filter(organization=big).count() == 41
    bench = Program.objects.get(organization=big, title=seeding.BENCH_TITLE)
    assert (bench.rows.count(), bench.meetings.count()) == (60, 100)
    assert bench.pair.mentors.get().user.username == "region-0001-mentor-1"
    other = Organization.objects.get(slug="region-0002")
    assert Program.objects.filter(organization=other).count() == seeding.PROGRAMS_PER_ORG


def test_seeding_gives_programs_to_pairs_the_banks_already_formed(db):
    import random

    from tests.factories import OrganizationFactory

    org = OrganizationFactory(slug="region-0042")
    people = [member(org, Role.MENTOR if n % 2 else Role.MENTEE) for n in range(6)]
    formed = fixed_pair(org, people[1], people[0])
    seeding.seed_organizations([org], random.Random(1))
    assert Program.objects.filter(pair=formed).exists()
    assert Program.objects.filter(organization=org).count() == seeding.PROGRAMS_PER_ORG
