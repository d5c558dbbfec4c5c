"""The roadmap as the organization's own document: versions, own events, approval, progress."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from core.lifecycle import TransitionError
from roadmap import plans
from roadmap.models import (
    OrderFile,
    OrderKind,
    RoadmapEvent,
    RoadmapVersion,
    RoadmapVersionStatus,
)
from roadmap.selectors import current_cycle
from roadmap.stages import STAGES, planned_dates, roadmap_progress
from tests.factories import PASSWORD
from tests.roadmap.factories import signed, staff_of

pytestmark = pytest.mark.django_db


def _draft(org, users):
    return plans.roadmap_version_draft(cycle=current_cycle(org), actor=users["curator"])


def _day(org, days: int) -> dt.date:
    return current_cycle(org).starts_on + dt.timedelta(days=days)


def _event(version, users, org, **kwargs):
    data = {
        "stage_number": 2,
        "title": "Анкетирование молодых педагогов",
        "due_on": _day(org, 40),
        "responsible": "Старший воспитатель",
        "expected_result": "Запросы всех молодых педагогов собраны",
    }
    data.update(kwargs)
    return plans.roadmap_event_add(version=version, actor=users["curator"], **data)


def _approve(org, users, password=PASSWORD):
    return plans.roadmap_approve(
        cycle=current_cycle(org), actor=users["director"], password=password
    )


def _stage_post(version, changes):
    data = {"stages-TOTAL_FORMS": "7", "stages-INITIAL_FORMS": "7"}
    for i, row in enumerate(version.stages.all()):
        values = {
            "stage_number": row.stage_number,
            "starts_on": row.starts_on.isoformat(),
            "ends_on": row.ends_on.isoformat(),
            "responsible": row.responsible,
        }
        values.update(changes.get(row.stage_number, {}))
        data.update({f"stages-{i}-{k}": v for k, v in values.items()})
    return data


def test_the_first_draft_copies_the_standard_seven_stages(org, users):
    version = _draft(org, users)
    cycle = current_cycle(org)
    rows = list(version.stages.all())
    assert version.number == 1 and version.is_draft
    assert [r.stage_number for r in rows] == [s.number for s in STAGES]
    assert (rows[1].starts_on, rows[1].ends_on) == planned_dates(STAGES[1], cycle)
    assert rows[0].responsible == "Руководитель ДОУ, куратор"


def test_preparing_a_draft_twice_opens_the_same_draft(org, users):
    assert _draft(org, users) == _draft(org, users)
    assert RoadmapVersion.objects.count() == 1


def test_the_roadmap_page_offers_the_curator_to_edit_the_plan_while_a_draft_exists(
    org, users, client_for
):
    page = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Редактировать план" not in page and "Подготовить дорожную карту организации" in page
    client_for("curator").post(reverse("roadmap:plan-draft"))
    page = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Редактировать план" in page and "Готовится редакция 1" in page


def test_the_curator_changes_a_stage_dates_and_responsible_people_on_the_page(
    org, users, client_for
):
    version = _draft(org, users)
    new_end = _day(org, 50)
    response = client_for("curator").post(
        reverse("roadmap:plan-edit"),
        _stage_post(
            version,
            {2: {"ends_on": new_end.isoformat(), "responsible": "Куратор Кузнецова Е. Н."}},
        ),
        follow=True,
    )
    assert "Сроки и ответственные сохранены." in response.content.decode()
    row = version.stages.get(stage_number=2)
    assert row.ends_on == new_end and row.responsible == "Куратор Кузнецова Е. Н."
    assert row.history.count() == 2


def test_a_stage_ending_before_it_starts_is_refused_in_russian(org, users, client_for):
    version = _draft(org, users)
    before = version.stages.get(stage_number=3)
    response = client_for("curator").post(
        reverse("roadmap:plan-edit"),
        _stage_post(version, {3: {"ends_on": (before.starts_on - dt.timedelta(days=1))}}),
    )
    assert "Окончание этапа раньше его начала: исправьте даты." in response.content.decode()
    before_end = before.ends_on
    before.refresh_from_db()
    assert before.ends_on == before_end


def test_the_curator_adds_an_event_of_her_own_with_date_responsible_and_result(
    org, users, client_for
):
    _draft(org, users)
    response = client_for("curator").post(
        reverse("roadmap:plan-event-add"),
        {
            "stage_number": "4",
            "title": "Школа наставника: установочный семинар",
            "due_on": _day(org, 70).isoformat(),
            "responsible": "Кузнецова Е. Н.",
            "expected_result": "Наставники обучены",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Мероприятие добавлено" in page and "Школа наставника: установочный семинар" in page
    event = RoadmapEvent.objects.get()
    assert (event.stage_number, event.due_on, event.done_on) == (4, _day(org, 70), None)


def test_an_event_outside_the_cycle_is_refused_with_the_cycle_dates(org, users):
    version = _draft(org, users)
    with pytest.raises(ValidationError, match="выходит за пределы цикла"):
        _event(version, users, org, due_on=current_cycle(org).ends_on + dt.timedelta(days=1))
    assert not RoadmapEvent.objects.exists()


def test_the_director_approves_the_draft_with_her_password_and_it_is_frozen(org, users, esign):
    version = _draft(org, users)
    _event(version, users, org)
    approved = _approve(org, users)
    assert approved.pk == version.pk and approved.status == RoadmapVersionStatus.APPROVED
    assert approved.approved_by == users["director"] and approved.approver_name
    cycle = current_cycle(org)
    assert cycle.roadmap_approved_at == approved.approved_at
    with pytest.raises(TransitionError, match="утверждена и не меняется"):
        _event(approved, users, org, title="Поздняя вставка")
    with pytest.raises(TransitionError, match="утверждена и не меняется"):
        plans.roadmap_event_delete(event=approved.events.get(), actor=users["curator"])


def test_a_wrong_password_leaves_the_draft_unapproved(org, users, esign, client_for):
    version = _draft(org, users)
    response = client_for("director").post(
        reverse("roadmap:roadmap-approve"), {"password": "не тот"}, follow=True
    )
    assert "Пароль введён неверно. Дорожная карта не утверждена" in response.content.decode()
    version.refresh_from_db()
    assert version.is_draft and current_cycle(org).roadmap_approved_at is None


def test_approving_without_reading_the_esign_regulation_is_refused(org, users):
    _draft(org, users)
    with pytest.raises(
        ValidationError,
        match="Электронно утверждать документы можно только после утверждения Положения",
    ):
        _approve(org, users)
    assert RoadmapVersion.objects.get().is_draft


def test_the_approved_version_sets_the_stage_dates_and_its_events_become_checks(org, users, esign):
    version = _draft(org, users)
    new_start, new_end = _day(org, 20), _day(org, 60)
    plans.roadmap_stages_update(
        version=version,
        rows=[{"stage_number": 2, "starts_on": new_start, "ends_on": new_end, "responsible": "Я"}],
        actor=users["curator"],
    )
    _event(version, users, org)
    before = roadmap_progress(org, current_cycle(org))[1]
    assert "Анкетирование молодых педагогов" not in [c.label for c in before.checks]
    _approve(org, users)
    stage = roadmap_progress(org, current_cycle(org))[1]
    assert (stage.starts_on, stage.ends_on, stage.responsible) == (new_start, new_end, "Я")
    check = next(c for c in stage.checks if c.label == "Анкетирование молодых педагогов")
    assert not check.done and "отвечает Старший воспитатель" in check.detail


def test_the_curator_marks_an_event_done_and_the_check_is_done_with_the_date(
    org, users, esign, client_for
):
    version = _draft(org, users)
    event = _event(version, users, org)
    _approve(org, users)
    day = min(dt.date.today(), _day(org, 30))
    response = client_for("curator").post(
        reverse("roadmap:plan-event-done", args=[event.pk]),
        {"done_on": day.isoformat()},
        follow=True,
    )
    assert f"отмечено выполнение {day:%d.%m.%Y}" in response.content.decode()
    check = next(
        c for c in roadmap_progress(org, current_cycle(org))[1].checks if c.label == event.title
    )
    assert check.done and check.detail == f"выполнено {day:%d.%m.%Y}"


def test_an_event_of_a_draft_cannot_be_marked_done(org, users):
    event = _event(_draft(org, users), users, org)
    with pytest.raises(ValidationError, match="в утверждённой дорожной карте"):
        plans.roadmap_event_mark_done(event=event, actor=users["curator"], done_on=dt.date.today())


def test_a_later_change_is_a_new_version_approved_the_same_way(org, users, esign, client_for):
    first = _draft(org, users)
    event = _event(first, users, org)
    _approve(org, users)
    with pytest.raises(ValidationError, match="Чтобы изменить её, куратор готовит новую редакцию"):
        _approve(org, users)
    second = _draft(org, users)
    assert second.number == 2 and second.events.get().copied_from == event
    # The curator marks the event done on the version in force while the new one is drafted.
    plans.roadmap_event_mark_done(event=event, actor=users["curator"], done_on=dt.date.today())
    _event(second, users, org, title="Круглый стол наставников", stage_number=7)
    client_for("director").post(reverse("roadmap:roadmap-approve"), {"password": PASSWORD})
    second.refresh_from_db()
    assert second.status == RoadmapVersionStatus.APPROVED
    assert second.events.get(copied_from=event).done_on == dt.date.today()
    first.refresh_from_db()
    assert first.events.count() == 1  # the first version is unchanged
    page = client_for("curator").get(reverse("roadmap:plan-versions")).content.decode()
    assert "Редакция 2" in page and "Редакция 1" in page and "Круглый стол наставников" in page


def test_the_versions_page_is_bounded_in_queries(
    org, users, esign, client_for, django_assert_max_num_queries
):
    for _ in range(3):
        version = _draft(org, users)
        _event(version, users, org)
        _event(version, users, org, title="Ещё одно")
        _approve(org, users)
    client = client_for("curator")
    with django_assert_max_num_queries(15):
        client.get(reverse("roadmap:plan-versions"))


def test_the_model_order_annexes_the_approved_version_with_its_events(org, users, esign):
    version = _draft(org, users)
    plans.roadmap_stages_update(
        version=version,
        rows=[
            {
                "stage_number": 3,
                "starts_on": _day(org, 14),
                "ends_on": _day(org, 45),
                "responsible": "Рабочая группа ДОУ",
            }
        ],
        actor=users["curator"],
    )
    _event(version, users, org, expected_result="Банк запросов")
    _approve(org, users)
    order = signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.INTRODUCE_MODEL,
        people=[staff_of(users["curator"], org)],
    )
    content = bytes(OrderFile.objects.get(order=order).content)
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    assert "редакция 1, утверждена" in text
    assert "Анкетирование молодых педагогов" in text and "Банк запросов" in text
    assert "Рабочая группа ДОУ" in text
    assert f"{_day(org, 14):%d.%m.%Y} — {_day(org, 45):%d.%m.%Y}" in text
