"""Year two: the curator opens 2027/2028 on the demo, a new pair works through it, and year one's
report, statistics and public cases stay exactly as they were."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from core.models import User
from mentoring.models import ConsentKind, MenteeProfile, PairStatus, StaffMember
from mentoring.seeding import seed_demo
from monitoring import exports
from monitoring.indicators import NOT_PEDAGOGICAL, Filters
from monitoring.periods import CyclePeriod
from programs.models import Program
from roadmap import plans, services
from roadmap.models import Cycle, OrderKind, RoadmapVersionStatus
from roadmap.selectors import current_cycle, cycle_bounds
from tests.mentoring import factories as f
from tests.programs.factories import make_program

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _year_one(org, cycle) -> dict:
    """Year one as a reader gets it: the report's document, the statistics, the public cases."""
    filters = Filters(year=CyclePeriod.of(cycle))
    context = exports.report_context(org, filters)
    practices = Client().get(reverse("public:practices", args=[org.slug]))
    return {
        "report": render_to_string("monitoring/pdf/report.html", context),
        "csv": exports.statistics_file([org.pk], filters.year, fmt="csv"),
        "practices": practices.content,
        "cards": [(c["label"], c.get("value")) for c in context["cards"]],
    }


def _fixed_pair(org, director):
    """Two people already on the staff (year one's share of teachers keeps its denominator),
    entered into the banks and paired in the new year."""
    free = StaffMember.objects.filter(
        organization=org,
        mentor_profile__isnull=True,
        mentee_profile__isnull=True,
        user__isnull=True,
        left_on__isnull=True,
        pairs_as_mentee__isnull=True,
        pairs_as_mentor__isnull=True,
    ).exclude(position__in=NOT_PEDAGOGICAL)
    senior = free.order_by("-teaching_experience_years", "pk").first()
    # A young specialist already by experience: the bank's category «молодой специалист» then
    # agrees with it (year one's indicators read the bank's category as it stands today).
    junior = (
        free.exclude(pk=senior.pk)
        .filter(teaching_experience_years__lt=3)
        .order_by("teaching_experience_years", "pk")
        .first()
    )
    mentor = f.mentor(org, person=senior, with_consent=False)
    mentee = f.mentee(org, person=junior)
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
    for person in (mentor.staff, mentee.staff):
        if not person.consents.filter(kind=ConsentKind.PERSONAL_DATA).active().exists():
            f.consent(person)
    for person in (mentor.staff, mentee.staff):
        f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
    curator = User.objects.get(username="curator")
    order = services.order_draft(
        organization=org, kind=OrderKind.FIX_PAIRS, author=curator, subjects=[pair]
    )
    services.order_send(order=order, actor=curator)
    services.order_sign(order=order, signer=director, password="director-2026", ip=None)
    pair.refresh_from_db()
    return pair


def test_the_curator_opens_the_next_year_and_year_one_stays_as_it_was():
    org = seed_demo()
    year_one = current_cycle(org)
    start = year_one.starts_on.year
    # Year one's own plan: the standard stages and one event of the kindergarten, approved.
    curator_user, director = (
        User.objects.get(username="curator"),
        User.objects.get(username="director"),
    )
    version = plans.roadmap_version_draft(cycle=year_one, actor=curator_user)
    plans.roadmap_event_add(
        version=version,
        actor=curator_user,
        stage_number=4,
        title="Семинар для наставников",
        due_on=dt.date(start, 10, 15),
        responsible="Куратор",
        expected_result="Наставники знают порядок работы",
    )
    plans.roadmap_approve(cycle=year_one, actor=director, password="director-2026")
    this_year, next_year = (
        f"{start}/{start + 1} учебный год",
        f"{start + 1}/{start + 2} учебный год",
    )
    before = _year_one(org, year_one)
    versions_before = list(year_one.roadmap_versions.values_list("pk", "number", "status"))
    curator = _client("curator")

    page = curator.get(reverse("roadmap:roadmap-detail")).content.decode()
    assert f"Открыть {next_year}" in page
    confirm = curator.get(reverse("roadmap:new-year")).content.decode()
    assert f"Сейчас идёт {this_year}" in confirm
    assert "все сроки этапов и мероприятий сдвинутся на год" in confirm
    assert "попросим обновить анкету" in confirm
    response = curator.post(reverse("roadmap:new-year"), follow=True)
    assert f"Открыт {next_year}." in response.content.decode()

    year_two = current_cycle(org)
    assert year_two.title == next_year
    assert (year_two.starts_on, year_two.ends_on) == (
        dt.date(start + 1, 9, 1),
        dt.date(start + 2, 8, 31),
    )
    assert year_two.roadmap_starts_on is None
    draft = year_two.roadmap_versions.get()
    assert draft.status == RoadmapVersionStatus.DRAFT and draft.number == 1
    old_rows = {r.stage_number: r for r in version.stages.all()}
    for row in draft.stages.all():
        old_row = old_rows[row.stage_number]
        assert (row.starts_on, row.ends_on, row.responsible) == (
            old_row.starts_on.replace(year=old_row.starts_on.year + 1),
            old_row.ends_on.replace(year=old_row.ends_on.year + 1),
            old_row.responsible,
        )
    event = draft.events.get()
    assert (event.title, event.due_on, event.done_on) == (
        "Семинар для наставников",
        dt.date(start + 1, 10, 15),
        None,
    )
    assert list(year_one.roadmap_versions.values_list("pk", "number", "status")) == versions_before
    # Opening twice is refused: the next year is now the current one, and the one after is asked.
    assert Cycle.objects.filter(organization=org).count() == 2

    # A new pair fixed by order in the new year, a program in it.
    pair = _fixed_pair(org, director)
    assert pair.status == PairStatus.FIXED
    assert pair.year_start == start + 1
    program = make_program(pair)
    assert Program.objects.get(pk=program.pk).year_start == start + 1

    # The monitoring page says which year, the current one by default; the switcher shows year one.
    monitoring = curator.get(reverse("monitoring:dashboard")).content.decode()
    assert next_year in monitoring
    switched = curator.get(reverse("monitoring:dashboard"), {"cycle": year_one.pk})
    assert switched.context["filters"].year.label == this_year
    # The roadmap of year one stays readable, for reading only.
    old = curator.get(reverse("roadmap:roadmap-detail"), {"cycle": year_one.pk}).content.decode()
    assert f"Это {this_year}: он уже не текущий и показан только для просмотра." in old
    assert "Открыть" not in old.split('data-testid="earlier-year"')[1].split("Этап 1")[0]

    after = _year_one(org, year_one)
    assert after["csv"] == before["csv"]
    assert after["practices"] == before["practices"]
    # Year one's figures were frozen as year two opened: people entered into the banks in the
    # new year (one of them hired for it) move none of its shares.
    assert after["cards"] == before["cards"]
    assert after["report"] == before["report"]


def test_people_in_the_banks_are_asked_to_renew_their_questionnaire():
    org = seed_demo()
    start = cycle_bounds(dt.date.today())[0].year
    curator = _client("curator")
    curator.post(reverse("roadmap:new-year"))
    mentee = User.objects.get(username="mentee")
    profile = MenteeProfile.objects.filter(staff__user=mentee, organization=org).first()
    assert profile is not None and profile.renew_for_year == start + 1
    home = _client("mentee").get(reverse("home")).content.decode()
    assert (
        f"Открыт {start + 1}/{start + 2} учебный год. Проверьте и сохраните анкету наставляемого"
        in home
    )

    from mentoring.services import mentee_profile_save

    mentee_profile_save(
        staff=profile.staff,
        category=profile.category,
        desired_forms=profile.desired_forms,
        mode=profile.mode,
        portrait=profile.portrait,
        requests=[("ict", "Освоить интерактивную доску")],
        actor=mentee,
    )
    profile.refresh_from_db()
    assert profile.renew_for_year is None
    home = _client("mentee").get(reverse("home")).content.decode()
    assert "Обновите анкету на новый учебный год" not in home


def test_only_the_curator_and_the_director_open_the_year():
    org = seed_demo()
    for username in ("mentor", "mentee", "council", "admin"):
        response = _client(username).post(reverse("roadmap:new-year"))
        assert response.status_code == 403, username
    assert Cycle.objects.filter(organization=org).count() == 1
    response = _client("director").post(reverse("roadmap:new-year"))
    assert response.status_code == 302
    assert Cycle.objects.filter(organization=org).count() == 2
