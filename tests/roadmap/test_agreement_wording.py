"""A signed order says who signed it and who read it in their gender (PDF read back)."""

import io

import pytest
from pypdf import PdfReader

from mentoring.models import StaffMember
from roadmap.models import OrderFile, OrderKind
from tests.core.grammar_table import problems
from tests.roadmap.factories import signed, staff_of

pytestmark = pytest.mark.django_db


def _pdf_text(order) -> str:
    content = bytes(OrderFile.objects.get(order=order).content)
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _rename(user, last, first, middle):
    user.last_name, user.first_name, user.middle_name = last, first, middle
    user.save()
    StaffMember.objects.filter(user=user).update(
        last_name=last, first_name=first, middle_name=middle
    )


def test_a_woman_signs_and_a_woman_reads(org, users, esign):
    _rename(users["director"], "Кузьмина", "Людмила", "Фёдоровна")
    mentee = staff_of(users["mentee"], org)  # Иванова Мария Петровна
    order = signed(
        org, users["curator"], users["director"], OrderKind.ENCOURAGE_MENTORS, people=[mentee]
    )
    text = _pdf_text(order)
    assert "Подписала: Кузьмина Людмила Фёдоровна" in text
    assert "С приказом ознакомлена:" in text
    assert not problems(text)


def test_a_man_signs_and_several_read(org, users, esign):
    _rename(users["director"], "Кузьмин", "Лев", "Фёдорович")
    people = [staff_of(users[p], org) for p in ("mentee", "mentor", "council")]
    order = signed(
        org, users["curator"], users["director"], OrderKind.ENCOURAGE_MENTORS, people=people
    )
    text = _pdf_text(order)
    assert "Подписал: Кузьмин Лев Фёдорович" in text
    assert "С приказом ознакомлены:" in text
    assert not problems(text)
