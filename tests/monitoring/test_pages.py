"""The monitoring page, its links to the people behind each number, and roadmap checks."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import MentoringForm
from monitoring import roadmap_progress
from monitoring.models import CycleReport, SurveyKind
from monitoring.periods import current_year
from roadmap.models import Cycle
from tests.monitoring.factories import answer_all, assign, pair, staff


@pytest.fixture
def two_pairs(org, users):
    young = staff(org, years=1, last_name="Молодцова")
    other = staff(org, years=6, last_name="Опытнова")
    first = pair(
        org,
        mentors=[users["mentor"].staff_records.get()],
        mentees=[young],
        forms=[MentoringForm.TRADITIONAL],
    )
    second = pair(
        org, mentors=[staff(org, years=20)], mentees=[other], forms=[MentoringForm.VIRTUAL]
    )
    survey = assign(
        org,
        SurveyKind.SATISFACTION_MENTEE,
        pairs=[first, second],
        author=users["curator"],
        moment="after",
    )
    answer_all(survey, young, [5, 5, 5])
    answer_all(survey, other, [3, 3, 3])
    return first, second


def test_each_number_links_to_the_people_behind_it(client_for, org, two_pairs):
    client = client_for("curator")
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    cycle = Cycle.objects.get(organization=org)  # the roadmap's current cycle, made on first use
    link = reverse("monitoring:breakdown") + f"?cycle={cycle.pk}&amp;what=young"
    assert link in page
    people = client.get(reverse("monitoring:breakdown"), {"what": "young"}).content.decode()
    assert "Молодцова" in people and "Опытнова" not in people


def test_the_section_6_indicators_say_how_they_are_counted(client_for, two_pairs):
    from django.utils.html import escape

    from monitoring.dashboard import HOW

    page = client_for("curator").get(reverse("monitoring:dashboard")).content.decode()
    for key in ("teachers", "young", "satisfaction_mentee", "satisfaction_mentor"):
        card = page.split(f'data-testid="indicator-{key}"', 1)[1].split("</a>", 1)[0]
        assert f"Как считается: {escape(HOW[key])}" in card


def test_form_filter_changes_the_satisfaction_shown(client_for, two_pairs):
    client = client_for("director")
    everyone = client.get(reverse("monitoring:dashboard")).content.decode()
    assert "80,0" in everyone  # (5 + 5 + 5 + 3 + 3 + 3) / 6 = 4 of 5
    virtual = client.get(reverse("monitoring:dashboard"), {"form": MentoringForm.VIRTUAL})
    assert "60,0" in virtual.content.decode()


def test_charts_are_server_side_svg_with_their_numbers_in_a_table(client_for, two_pairs):
    page = client_for("curator").get(reverse("monitoring:dashboard")).content.decode()
    assert "chart.umd.min.js" not in page and "monitoring-charts" not in page
    for chart in ("chart-indicators", "chart-impact"):
        svg = re.search(rf'<svg [^>]*id="{chart}"[^>]*>', page).group(0)
        assert 'role="img"' in svg and f'aria-labelledby="{chart}-title"' in svg
        assert f'<title id="{chart}-title">' in page
        assert f'data-testid="{chart}-table"' in page
    table = page.split('data-testid="chart-indicators-table"')[1].split("</table>")[0]
    assert "Педагоги-наставляемые" in table


def test_unknown_breakdown_is_not_found(client_for, org):
    assert client_for("curator").get(reverse("monitoring:breakdown")).status_code == 404


def test_nav_shows_monitoring_to_managers_and_my_surveys_to_participants(client_for, org):
    assert ">Мониторинг<" in client_for("council").get(reverse("home")).content.decode()
    mentee_home = client_for("mentee").get(reverse("home")).content.decode()
    assert ">Мониторинг<" not in mentee_home and ">Мои анкеты<" in mentee_home


def test_roadmap_stage_seven_checks_follow_the_final_surveys_and_report(org, users, two_pairs):
    today = timezone.localdate()
    cycle = SimpleNamespace(starts_on=current_year().starts_on, ends_on=current_year().ends_on)
    checks = roadmap_progress.PROGRESS[7](org, cycle)
    assert [c.done for c in checks] == [True, True, False]
    assert checks[1].detail == "ответили 2 из 2"
    CycleReport.objects.create(
        organization=org, year_start=current_year().start_year, conclusions="Цели достигнуты."
    )
    assert roadmap_progress.PROGRESS[7](org, cycle)[2].done
    after = assign(
        org,
        SurveyKind.IMPACT,
        pairs=list(two_pairs),
        author=users["curator"],
        moment="after",
        deadline=today + dt.timedelta(days=3),
    )
    checks = roadmap_progress.PROGRESS[7](org, cycle)
    assert not checks[0].done
    assert checks[0].detail == f"ответили 2 из {2 + after.responses.count()}"


def test_cycle_filter_picks_the_roadmap_cycle(client_for, org, two_pairs):
    from roadmap.selectors import current_cycle

    last = Cycle.objects.create(
        organization=org,
        title="2020/2021 учебный год",
        starts_on=dt.date(2020, 9, 1),
        ends_on=dt.date(2021, 8, 31),
    )
    current_cycle(org)
    client = client_for("curator")
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert "2020/2021 учебный год" in page and "80,0" in page
    old = client.get(reverse("monitoring:dashboard"), {"cycle": last.pk}).content.decode()
    assert "80,0" not in old and "нет данных" in old


def test_entry_and_intermediate_survey_checks_are_ready_for_stage_six(org, users, two_pairs):
    cycle = SimpleNamespace(starts_on=current_year().starts_on, ends_on=current_year().ends_on)
    entry, intermediate = roadmap_progress.stage_work(org, cycle)
    assert not entry.done and entry.detail == "анкеты ещё не назначены"
    assert intermediate.detail == "анкеты ещё не назначены"


@pytest.mark.django_db
def test_a_kindergarten_without_plan_deadlines_reads_no_empty_percentage(client_for):
    text = client_for("curator").get(reverse("monitoring:dashboard")).content.decode()
    assert "Мероприятий плана выполнено в срок: мероприятий со сроком пока нет" in text
    assert "% (0 из 0)" not in text
