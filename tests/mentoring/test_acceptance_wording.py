"""Wording an acceptance tester read: the questionnaire in the feminine, the consent of a mentor
from outside the staff, the organization named in the genitive."""

import pytest

from mentoring.consents import consent_text
from mentoring.forms import MentorProfileForm
from mentoring.models import ConsentKind, ExternalKind, StaffMember

pytestmark = pytest.mark.django_db


def _card(org, users, persona, last, first, middle) -> StaffMember:
    card = StaffMember.objects.get(organization=org, user=users[persona])
    card.last_name, card.first_name, card.middle_name = last, first, middle
    card.save()
    return card


def _text(html: str) -> str:
    return " ".join(html.replace("&laquo;", "«").replace("&raquo;", "»").split())


def test_the_questionnaire_asks_a_woman_whether_she_is_ready(org, users):
    anna = _card(org, users, "mentor", "Григорьева", "Анна", "Сергеевна")
    assert MentorProfileForm(staff=anna).fields["forms"].label == "Готова работать в формах"
    ivan = _card(org, users, "mentee", "Петров", "Иван", "Сергеевич")
    assert MentorProfileForm(staff=ivan).fields["forms"].label == "Готов работать в формах"


def test_an_external_mentor_consents_to_mentoring_without_pay(org, users):
    anna = _card(org, users, "mentor", "Григорьева", "Анна", "Сергеевна")
    anna.is_external, anna.position, anna.external_kind = True, "", ExternalKind.RETIRED
    anna.save()
    text = _text(consent_text(kind=ConsentKind.MENTOR_DUTIES, staff=anna))
    assert "Я, <strong>Григорьева Анна Сергеевна</strong>, внешний наставник, " in text
    assert (
        "даю письменное согласие на участие в наставничестве на безвозмездной основе в "
        "Муниципальном бюджетном дошкольном образовательном учреждении «Детский сад №20» "
        "в соответствии с Положением" in text
    )
    assert "дополнительных обязанностей" not in text


def test_an_employee_consents_to_extra_duties_of_her_organization(org, users):
    anna = _card(org, users, "mentor", "Григорьева", "Анна", "Сергеевна")
    text = _text(consent_text(kind=ConsentKind.MENTOR_DUTIES, staff=anna))
    assert (
        "Муниципального бюджетного дошкольного образовательного учреждения «Детский сад №20», "
        "даю письменное согласие на выполнение дополнительных обязанностей наставника" in text
    )
