"""The curator's «Публичный раздел»: news, cases shown, the final event, and the roadmap."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentoring.consents import consent_withdraw
from mentoring.models import Consent, ConsentKind
from programs.models import ProgramStatus
from public import roadmap_progress
from public.models import FinalEvent, NewsItem
from public.selectors.cases import visible_cases
from public.selectors.cycle import current_cycle
from public.services import case_show, final_event_save
from roadmap.selectors import current_cycle as make_cycle
from tests.public.factories import finished_case, news


def test_the_curator_publishes_a_draft_and_the_visitor_sees_it(client_for, org):
    client = client_for("curator")
    client.post(reverse("public:news-create"), {"title": "Анонс семинара", "body": "Приходите."})
    item = NewsItem.objects.get()
    assert (
        "Анонс семинара"
        not in Client().get(reverse("public:news", args=[org.slug])).content.decode()
    )
    client.post(reverse("public:news-publish", args=[item.pk]), {"publish": "1"})
    item.refresh_from_db()
    assert item.published_at is not None
    assert (
        "Анонс семинара" in Client().get(reverse("public:news", args=[org.slug])).content.decode()
    )


def test_the_preview_shows_a_draft_as_the_visitor_will_see_it(client_for, org):
    item = news(org, "Черновик для предпросмотра", published=False)
    text = (
        client_for("curator").get(reverse("public:news-preview", args=[item.pk])).content.decode()
    )
    assert "Черновик для предпросмотра" in text and "Предпросмотр" in text


def test_a_case_without_both_consents_cannot_be_shown(org, users):
    case = finished_case(org, users["mentor"], users["mentee"])
    with pytest.raises(ValidationError, match="нет согласия на публикацию"):
        case_show(case=case, user=users["curator"])
    case.refresh_from_db()
    assert case.is_published is False


def test_a_case_of_a_running_program_cannot_be_shown(org, users):
    case = finished_case(
        org,
        users["mentor"],
        users["mentee"],
        consent_by=users["curator"],
        status=ProgramStatus.IN_PROGRESS,
    )
    with pytest.raises(ValidationError, match="после завершения программы"):
        case_show(case=case, user=users["curator"])


def test_withdrawing_a_consent_takes_the_case_down_at_once(org, users):
    case = finished_case(org, users["mentor"], users["mentee"], consent_by=users["curator"])
    case_show(case=case, user=users["curator"])
    url = reverse("public:case-detail", args=[org.slug, case.pk])
    assert Client().get(url).status_code == 200
    mentor_staff = case.program.pair.mentors.get()
    consent = Consent.objects.active().get(staff=mentor_staff, kind=ConsentKind.PUBLICATION)
    consent_withdraw(consent=consent, by=users["curator"])
    assert Client().get(url).status_code == 404
    assert not visible_cases(org.pk).exists()


def test_the_manage_page_says_whose_consent_is_missing(client_for, org, users):
    finished_case(org, users["mentor"], users["mentee"])
    text = client_for("curator").get(reverse("public:manage")).content.decode()
    assert "Нет согласия на публикацию" in text
    assert 'data-testid="case-show"' not in text


def _event_data(**extra):
    return {
        "kind": "round_table",
        "title": "Лучшие практики",
        "held_on": timezone.localdate(),
        "format": "in_person",
        "participants_count": 12,
        "participant_roles": "наставники, наставляемые",
        "summary": "",
        **extra,
    }


def test_only_a_visible_case_can_be_chosen_as_a_best_practice(org, users):
    case = finished_case(org, users["mentor"], users["mentee"])
    with pytest.raises(ValidationError) as error:
        final_event_save(
            organization=org,
            cycle=make_cycle(org),
            user=users["curator"],
            data=_event_data(),
            best_cases=[case],
        )
    assert "только опубликованный кейс" in str(error.value)
    assert not FinalEvent.objects.exists()


def test_the_final_event_is_shown_and_closes_its_roadmap_checks(org, users):
    case = finished_case(org, users["mentor"], users["mentee"], consent_by=users["curator"])
    case_show(case=case, user=users["curator"])
    cycle = make_cycle(org)
    before = roadmap_progress.final_event(org, cycle)
    assert [c.done for c in before] == [False, False]
    final_event_save(
        organization=org, cycle=cycle, user=users["curator"], data=_event_data(), best_cases=[case]
    )
    after = roadmap_progress.final_event(org, cycle)
    assert [c.done for c in after] == [True, True]
    text = Client().get(reverse("public:practices", args=[org.slug])).content.decode()
    assert "Круглый стол «Лучшие практики»" in text and "Участников: 12" in text


def test_the_curator_records_the_final_event_through_the_form(client_for, org):
    response = client_for("curator").post(
        reverse("public:event-edit"),
        {
            "kind": "seminar",
            "title": "Итоги цикла",
            "held_on": "2027-05-20",
            "format": "online",
            "participants_count": "20",
            "participant_roles": "наставники",
            "summary": "Итоги",
        },
    )
    assert response.status_code == 302
    event = FinalEvent.objects.get()
    assert event.cycle == current_cycle(org) and event.get_kind_display() == "Семинар"


def test_information_support_is_done_for_a_stage_when_something_was_published_in_it(org):
    cycle = make_cycle(org)
    stage_one = roadmap_progress.PROGRESS[1]
    assert stage_one(org, cycle)[0].done is False
    item = news(org)
    item.published_at = timezone.make_aware(dt.datetime.combine(cycle.starts_on, dt.time(12)))
    item.save()
    check = stage_one(org, cycle)[0]
    assert check.done is True and check.label == roadmap_progress.INFO_LABEL
    assert roadmap_progress.PROGRESS[2](org, cycle)[0].done is False  # 15.09 onwards only


def test_the_roadmap_shows_the_public_checks(client_for, org):
    text = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert "Проведено итоговое мероприятие" in text
    assert roadmap_progress.INFO_LABEL in text
