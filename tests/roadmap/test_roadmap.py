"""The roadmap: seven stages, stage 1 from live data, the director's approval, the documents."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadmap.models import Cycle, NormativeDocument, OrderKind
from roadmap.roadmap_progress import stage_one
from roadmap.selectors import current_cycle, cycle_bounds
from roadmap.stages import STAGES, roadmap_progress
from tests.factories import PASSWORD
from tests.roadmap.factories import signed, staff_of

pytestmark = pytest.mark.django_db


def test_the_cycle_is_the_academic_year_and_is_created_once(org):
    assert cycle_bounds(dt.date(2026, 11, 23)) == (dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    assert cycle_bounds(dt.date(2027, 3, 1)) == (dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    first = current_cycle(org)
    assert current_cycle(org) == first and Cycle.objects.count() == 1
    assert first.title == f"{first.starts_on.year}/{first.ends_on.year} учебный год"


def test_there_are_seven_stages_with_dates_inside_the_cycle(org):
    cycle = current_cycle(org)
    stages = roadmap_progress(org, cycle)
    assert [s.stage.number for s in stages] == list(range(1, 8)) and len(STAGES) == 7
    for s in stages:
        assert cycle.starts_on <= s.starts_on <= s.ends_on <= cycle.ends_on


def test_stage_one_starts_with_nothing_done(org, users):
    checks = stage_one(org, current_cycle(org))
    assert [c.done for c in checks] == [False, False, False, True, False, False]
    assert checks[0].url == reverse("roadmap:order-create") + "?kind=approve_regulation"


def test_stage_one_progress_follows_signed_orders_approval_and_documents(
    org, users, esign, client_for
):
    curator = staff_of(users["curator"], org)
    signed(org, users["curator"], users["director"])
    signed(org, users["curator"], users["director"], OrderKind.INTRODUCE_MODEL, people=[curator])
    client_for("director").post(reverse("roadmap:roadmap-approve"), {"password": PASSWORD})
    client_for("curator").post(
        reverse("roadmap:document-add"),
        {"title": "Методические рекомендации", "file": SimpleUploadedFile("m.pdf", b"%PDF-1.4")},
    )
    # Information support runs through every stage: a news item published in stage 1's dates.
    import datetime as dt

    from django.utils import timezone

    from public.models import NewsItem

    cycle = current_cycle(org)
    NewsItem.objects.create(
        organization=org,
        title="Стартует программа наставничества",
        body="Коллектив познакомился с Положением.",
        published_at=timezone.make_aware(dt.datetime.combine(cycle.starts_on, dt.time(12))),
    )
    stage = roadmap_progress(org, cycle)[0]
    assert stage.is_complete and stage.percent == 100
    page = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Выполнено 7 из 7" in page and "приказ № 2-од" in page


def test_a_stage_without_a_provider_shows_its_tasks_and_says_it_is_not_connected(
    org, client_for, users, monkeypatch
):
    from roadmap import stages

    connected = stages.providers()
    monkeypatch.setattr(
        stages, "providers", lambda: {n: fns for n, fns in connected.items() if n in (1, 3)}
    )
    page = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Формирование банка наставляемых" in page
    assert "Собрать профессиональные запросы педагогов" in page
    assert "Ещё не подключено" in page
    assert "Выполнено 0 из 7" not in page  # stage 1 has one check done: the curator exists
    assert "Выполнено 1 из 7" in page


def test_the_director_approves_the_roadmap_once_and_it_is_recorded(org, users, esign, client_for):
    client = client_for("director")
    client.post(reverse("roadmap:roadmap-approve"), {"password": PASSWORD})
    cycle = current_cycle(org)
    assert cycle.roadmap_approved_by == users["director"] and cycle.roadmap_approved_at
    response = client.post(reverse("roadmap:roadmap-approve"), {"password": PASSWORD}, follow=True)
    assert "Дорожная карта уже утверждена" in response.content.decode()
    assert cycle.history.count() == 2


def test_a_document_without_a_file_is_refused_in_russian(org, client_for):
    response = client_for("curator").post(
        reverse("roadmap:document-add"), {"title": "Без файла"}, follow=True
    )
    assert "Документ не загружен" in response.content.decode()
    assert not NormativeDocument.objects.exists()
