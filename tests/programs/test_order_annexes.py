"""The approval order carries each program it approves, numbered, inside the signed PDF."""

import io

import pytest
from pypdf import PdfReader

from core.models import Role
from programs.models import ProgramStatus
from roadmap.models import OrderFile, OrderKind
from tests.factories import member
from tests.programs.factories import fixed_pair, make_program
from tests.roadmap.factories import esign_in_force, signed

pytestmark = pytest.mark.django_db


def _named(org, role, username, last, first, middle):
    user = member(org, role, username=username)
    user.staff_records.update(last_name=last, first_name=first, middle_name=middle)
    return user


def test_the_approval_order_annexes_each_program_with_its_mentee_in_the_title(org, users):
    esign_in_force(org, users["curator"], users["director"], users["curator"])
    mentor = _named(org, Role.MENTOR, "m1", "Лебедева", "Ирина", "Александровна")
    first = _named(org, Role.MENTEE, "e1", "Соколова", "Арина", "Сергеевна")
    second = _named(org, Role.MENTEE, "e2", "Королёв", "Артём", "Семёнович")
    programs = [
        make_program(fixed_pair(org, mentor, mentee), status=ProgramStatus.REVIEWED)
        for mentee in (first, second)
    ]
    order = signed(
        org,
        users["curator"],
        users["director"],
        OrderKind.APPROVE_PROGRAMS,
        subjects=programs,
    )
    content = bytes(OrderFile.objects.get(order=order).content)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]
    text = " ".join(pages)
    mark = (
        f"УТВЕРЖДЕНА приказом {org.name_in('gen', short=True)} "
        f"от {order.order_date:%d.%m.%Y} № {order.number_text}"
    )
    assert f"Приложение 1 {mark}" in text and f"Приложение 2 {mark}" in text
    assert "Молодой специалист, первый год для Соколовой А. С. (наставник" in text
    assert "Молодой специалист, первый год для Королёва А. С. (наставник" in text
    assert "(приложение 1);" in order.body and "(приложение 2)." in order.body
    assert "1. Пояснительная записка" in text and "2. План мероприятий" in text
    assert "Мероприятие 1: посещение занятия наставника" in text
    assert ".." not in text
