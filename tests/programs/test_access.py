"""A mentee can't reach another pair's program by any URL; lists show only one's own."""

import re

import pytest
from django.urls import reverse

from mentoring.models import Consent, ConsentKind
from programs.models import Meeting, ProgramChange, ProgramStatus
from programs.services import case_prefill
from tests.programs.factories import make_program, other_pair
from tests.test_access_matrix import ALL_PATTERNS

OBJECT_URLS = sorted(
    name
    for name, pattern in ALL_PATTERNS.items()
    if name.startswith("programs:")
    and "<int:pk>" in str(pattern.pattern)
    and not name.startswith("programs:template")
)


def _object_for(name, program, users):
    if name.startswith("programs:row"):
        return program.rows.first().pk
    if name.startswith("programs:meeting-ics"):
        return Meeting.objects.create(program=program, held_on=program.starts_on, topic="x").pk
    if name.startswith("programs:change"):
        return ProgramChange.objects.create(
            program=program, kind="plan", reason="x", proposed_by=users["mentor"]
        ).pk
    if name.startswith("programs:case"):
        return case_prefill(program=program).pk
    return program.pk


@pytest.mark.parametrize("name", OBJECT_URLS)
@pytest.mark.parametrize("status", [ProgramStatus.DRAFT, ProgramStatus.IN_PROGRESS])
def test_mentee_of_another_pair_gets_404_on_every_program_url(name, status, org, users, pair):
    program = make_program(pair, status=status)
    _, _, stranger = other_pair(org)
    from django.test import Client

    client = Client()
    client.force_login(stranger)
    url = reverse(name, args=[_object_for(name, program, users)])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {"comment": "x"}).status_code == 404


def test_mentee_sees_only_own_programs_in_the_list(org, users, pair, client_for):
    mine = make_program(pair)
    theirs_pair, _, _ = other_pair(org)
    theirs = make_program(theirs_pair)
    page = client_for("mentee").get(reverse("programs:program-list")).content.decode()
    assert mine.get_absolute_url() in page
    assert theirs.get_absolute_url() not in page
    curator_page = client_for("curator").get(reverse("programs:program-list")).content.decode()
    assert mine.get_absolute_url() in curator_page and theirs.get_absolute_url() in curator_page


def test_curator_list_filters_and_counts_in_constant_queries(
    org, users, pair, client_for, django_assert_max_num_queries
):
    from core.models import Role
    from tests.factories import member
    from tests.programs.factories import fixed_pair

    make_program(pair, status=ProgramStatus.IN_PROGRESS)
    for n in range(30):
        mentor = member(org, Role.MENTOR, username=f"m{n}")
        mentee = member(org, Role.MENTEE, username=f"e{n}")
        make_program(fixed_pair(org, mentor, mentee), status=ProgramStatus.IN_PROGRESS)
    client = client_for("curator")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("programs:program-list"))
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == 31 and len(page.object_list) == 25
    # What the curator sees in the first row: the plan's three events, one of them overdue.
    first_row = response.content.decode().split("<tbody>")[1].split("</tr>")[0]
    assert "0 из 3" in first_row
    assert re.search(r'<span class="badge text-bg-danger">[1-9]', first_row)
    mentor_staff = users["mentor"].staff_records.get()
    filtered = client.get(reverse("programs:program-list"), {"mentor": mentor_staff.pk})
    assert filtered.context["page"].paginator.count == 1
    drafts = client.get(reverse("programs:program-list"), {"status": "draft"})
    assert drafts.context["page"].paginator.count == 0


def test_program_page_shows_progress_and_overdue(pair, client_for):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    rows = list(program.rows.all())
    rows[2].status, rows[2].actual_result = "done", "Готово"  # rows[0] is past its deadline
    rows[2].save()
    page = client_for("mentor").get(program.get_absolute_url()).content.decode()
    assert "Выполнено мероприятий: <b>1 из 3</b>" in page
    assert "Просрочено: 1" in page


def test_program_page_queries_do_not_grow_with_rows(
    pair, client_for, django_assert_max_num_queries
):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS, rows=40)
    for n in range(30):
        Meeting.objects.create(program=program, held_on=program.starts_on, topic=f"Встреча {n}")
    client = client_for("mentee")
    client.get("/")  # the session exists before counting
    with django_assert_max_num_queries(18):
        assert client.get(program.get_absolute_url()).status_code == 200


def test_case_is_publishable_only_with_both_consents(pair, users, client_for):
    from django.utils import timezone

    program = make_program(pair, status=ProgramStatus.COMPLETED)
    case = case_prefill(program=program)
    url = reverse("programs:case-publish", args=[case.pk])
    response = client_for("curator").post(url, {"publish": "1"}, follow=True)
    assert "нет согласия на публикацию" in response.content.decode()
    case.refresh_from_db()
    assert not case.is_published
    for person in (*pair.mentors.all(), *pair.mentees.all()):
        Consent.objects.create(
            organization=pair.organization,
            staff=person,
            kind=ConsentKind.PUBLICATION,
            text_version="1",
            text="Согласие",
            given_at=timezone.now(),
            recorded_by=users["curator"],
        )
    client_for("curator").post(url, {"publish": "1"})
    case.refresh_from_db()
    assert case.is_published
