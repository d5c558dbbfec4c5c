"""The mentor's and the mentee's home page lead to their program in every state (issue 14)."""

import datetime as dt
import re
from collections import defaultdict

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import ChangeRequest, ChangeRequestKind, ChangeRequestStatus
from programs.models import AgreementKind, ProgramAgreement, ProgramStatus
from tests.programs.factories import fixed_pair, make_program
from tests.roadmap.factories import esign_in_force

WAITS = {
    ProgramStatus.DRAFT: "Черновик. Ждёт вашего согласования",
    ProgramStatus.AGREED: "ждёт проверки куратора",
    ProgramStatus.REVIEWED: "ждёт приказа об утверждении",
    ProgramStatus.APPROVED: "начните работу с",
    ProgramStatus.IN_PROGRESS: "просрочено: 1",
    ProgramStatus.COMPLETED: "Выполнено мероприятий: 0 из 3",
}


def _home(client) -> str:
    return client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("persona", ["mentor", "mentee"])
@pytest.mark.parametrize("status", list(WAITS))
def test_participant_home_leads_to_the_program_with_what_waits_in_it(
    persona, status, client_for, org, users
):
    program = make_program(fixed_pair(org, users["mentor"], users["mentee"]), status=status)
    content = _home(client_for(persona))
    assert f'href="{reverse("programs:program-detail", args=[program.pk])}"' in content
    assert "Открыть мою программу" in content
    assert WAITS[status] in content


def test_a_draft_already_agreed_by_me_says_it_waits_for_the_other_participant(
    client_for, org, users
):
    program = make_program(fixed_pair(org, users["mentor"], users["mentee"]))
    ProgramAgreement.objects.create(
        program=program,
        staff=users["mentor"].staff_records.get(),
        revision=program.revision,
        kind=AgreementKind.AGREED,
    )
    assert "ждём согласования второго участника" in _home(client_for("mentor"))
    assert "Черновик. Ждёт вашего согласования" in _home(client_for("mentee"))


def test_mentor_sees_the_status_of_her_request_to_be_released(client_for, users, org):
    ChangeRequest.objects.create(
        organization=org,
        kind=ChangeRequestKind.RELEASE_MENTOR,
        author=users["mentor"].staff_records.get(),
        reason="Перехожу в другой детский сад.",
        status=ChangeRequestStatus.DECLINED,
        decided_at=timezone.now(),
        decision_comment="Доведите программу до конца учебного года",
    )
    content = _home(client_for("mentor"))
    assert "Заявление о сложении обязанностей наставника" in content
    assert "Решение: отклонено" in content
    assert "Доведите программу до конца учебного года" in content


def test_mentee_sees_an_order_that_names_her_after_reading_it(client_for, users, org):
    order = esign_in_force(org, users["curator"], users["director"], users["mentee"])
    content = _home(client_for("mentee"))
    assert f"Приказ № {order.number_text}: вы в нём указаны" in content
    assert f'href="{order.get_absolute_url()}"' in content


@pytest.mark.parametrize("persona", ["mentor", "mentee", "curator", "director", "council"])
def test_no_button_label_on_the_home_page_leads_to_two_different_places(
    persona, client_for, org, users
):
    make_program(fixed_pair(org, users["mentor"], users["mentee"]), status=ProgramStatus.DRAFT)
    esign_in_force(org, users["curator"], users["director"])
    content = _home(client_for(persona))
    targets = defaultdict(set)
    for href, label in re.findall(r'<a href="([^"]+)" class="btn[^"]*">([^<]+)</a>', content):
        targets[label.strip()].add(href)
    assert targets, "the home page shows no card buttons"
    assert {label: urls for label, urls in targets.items() if len(urls) > 1} == {}


def test_the_date_she_read_an_order_is_the_moscow_date(client_for, users, org):
    """Read at 00:30 in Moscow (21:30 UTC the day before): the card says the Moscow day."""
    order = esign_in_force(org, users["curator"], users["director"], users["mentee"])
    moment = dt.datetime(2026, 12, 5, 21, 30, tzinfo=dt.UTC)
    order.people.filter(staff__user=users["mentee"]).update(acknowledged_at=moment)
    content = _home(client_for("mentee"))
    assert "Вы ознакомились 06.12.2026." in content
