"""The 351.8 agreement: the pay it requires, and its early end — the mentor's refusal and the
employer's withdrawal, each a signed document that ends the pairs and the role on its date."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry, OutgoingEmail, Role, RoleAssignment
from mentoring.models import MentorStatus, PairStatus
from roadmap import agreement_endings, agreements
from roadmap.models import AgreementEnding, AgreementPay, EndingKind
from roadmap.working_days import add_working_days
from tests.factories import PASSWORD
from tests.mentoring.factories import appointed_mentor, mentee, pair
from tests.roadmap.factories import staff_of

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def _rename(user, last, first, middle):
    user.last_name, user.first_name, user.middle_name = last, first, middle
    user.save()
    staff = staff_of(user, user.role_assignments.first().organization)
    staff.last_name, staff.first_name, staff.middle_name = last, first, middle
    staff.save()
    return staff


def _draft(org, users, **pay):
    mentor = _rename(users["mentor"], "Лебедева", "Ирина", "Александровна")
    young = _rename(users["mentee"], "Соколова", "Арина", "Сергеевна")
    return agreements.agreement_draft(
        organization=org,
        author=users["curator"],
        mentor=mentor,
        mentees=[young],
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="традиционная",
        **pay,
    )


@pytest.fixture
def signed_agreement(org, users, esign):
    _rename(users["director"], "Кузьмин", "Лев", "Фёдорович")
    agreement = _draft(org, users, pay=AgreementPay.PERCENT, pay_amount=15, pay_terms="ежемесячно")
    for who in ("director", "mentor"):
        agreement = agreements.agreement_sign(
            agreement=agreement, signer=users[who], password=PASSWORD
        )
    return agreement


# --- the pay ------------------------------------------------------------------------------------


def test_an_agreement_without_the_amount_of_pay_is_refused_in_russian(org, users):
    with pytest.raises(ValidationError) as error:
        _draft(org, users, pay=AgreementPay.PERCENT, pay_terms="ежемесячно")
    assert error.value.message_dict["pay_amount"] == [
        "Укажите размер доплаты за наставничество: по статье 351.8 Трудового кодекса "
        "наставничество оплачивается, размер доплаты записывается в соглашении."
    ]


def test_without_pay_is_no_longer_an_option(org, users):
    with pytest.raises(ValidationError) as error:
        _draft(org, users, pay="unpaid", pay_amount=1)
    assert "pay" in error.value.message_dict


def test_a_percent_above_a_hundred_is_refused(org, users):
    with pytest.raises(ValidationError) as error:
        _draft(org, users, pay=AgreementPay.PERCENT, pay_amount=150)
    assert error.value.message_dict["pay_amount"] == [
        "Доплата в процентах оклада не может быть больше 100 %."
    ]


def test_the_pay_is_written_in_roubles_or_percent(org, users):
    roubles = _draft(org, users, pay=AgreementPay.ROUBLES, pay_amount=Decimal("5000"))
    assert roubles.pay_text == "5\u00a0000\u00a0руб. в месяц"
    roubles.pay_amount, roubles.pay_terms = Decimal("1250.50"), "ежемесячно."
    assert roubles.pay_text == "1\u00a0250,50\u00a0руб. в месяц, ежемесячно"
    percent = _draft(org, users, pay=AgreementPay.PERCENT, pay_amount=Decimal("12.5"))
    assert percent.pay_text == "12,5\u00a0% должностного оклада"


def test_the_form_asks_for_the_amount(org, users, client_for):
    mentor, young = staff_of(users["mentor"], org), staff_of(users["mentee"], org)
    response = client_for("curator").post(
        reverse("roadmap:agreement-create"),
        {
            "mentor": mentor.pk,
            "mentees": [young.pk],
            "content": agreements.DEFAULT_CONTENT,
            "starts_on": "2026-09-01",
            "ends_on": "2027-05-31",
            "form": "традиционная",
            "pay": "percent",
            "pay_amount": "",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Укажите размер доплаты за наставничество" in page
    assert "Без доплаты" not in page


def test_the_signed_text_says_the_pay_the_term_and_both_early_endings(signed_agreement):
    text = " ".join(signed_agreement.signed_html.split())
    assert (
        "Работнику устанавливается доплата в размере 15 % должностного оклада, ежемесячно." in text
    )
    assert "Срок наставничества: с 01.09.2026 по 31.05.2027." in text
    assert "Работник вправе досрочно отказаться от выполнения работы по наставничеству" in text
    assert "Работодатель — досрочно отменить поручение о её выполнении" in text
    assert "не позднее чем за три рабочих дня" in text


# --- working days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notice", "ends"),
    [
        (dt.date(2026, 12, 7), dt.date(2026, 12, 10)),  # Monday → Thursday
        (dt.date(2026, 12, 11), dt.date(2026, 12, 16)),  # Friday → Wednesday
        (dt.date(2026, 12, 12), dt.date(2026, 12, 16)),  # Saturday → Wednesday
        (dt.date(2026, 12, 30), dt.date(2027, 1, 12)),  # the New Year holidays are not counted
        (dt.date(2027, 3, 5), dt.date(2027, 3, 11)),  # Friday, 8 March on Monday
    ],
)
def test_three_working_days(notice, ends):
    assert add_working_days(notice, 3) == ends
    assert agreement_endings.effective_on(notice) == ends


# --- the mentor refuses -------------------------------------------------------------------------


def _working_pair(org, agreement):
    profile = appointed_mentor(org, person=agreement.mentor)
    young = mentee(org, person=agreement.mentees.get())
    return profile, pair(org, [agreement.mentor], [young.staff], status=PairStatus.FIXED)


def test_the_mentor_refuses_on_the_agreement_page_and_it_ends_on_the_third_working_day(
    org, users, signed_agreement, client_for
):
    profile, working = _working_pair(org, signed_agreement)
    page = client_for("mentor").get(signed_agreement.get_absolute_url()).content.decode()
    assert "Отказаться от наставничества" in page
    assert "Отменить поручение" not in page

    url = reverse("roadmap:agreement-refuse", args=[signed_agreement.pk])
    form = client_for("mentor").get(url).content.decode()
    assert "Наставничество прекращается" in form

    response = client_for("mentor").post(url, {"password": "wrong", "reason": "нагрузка"})
    assert response.status_code == 400
    assert "Пароль введён неверно. Отказ не подписан" in response.content.decode()
    assert not AgreementEnding.objects.exists()

    response = client_for("mentor").post(url, {"password": PASSWORD, "reason": "большая нагрузка"})
    assert response.status_code == 302
    ending = AgreementEnding.objects.get()
    assert ending.kind == EndingKind.REFUSAL and ending.verify_code
    assert ending.signed_by == users["mentor"]
    assert ending.effective_on == add_working_days(ending.notice_on, 3)
    text = " ".join(ending.signed_html.split())
    assert "Уведомляю о досрочном отказе от выполнения работы по наставничеству" in text
    assert "Причина: большая нагрузка." in text

    letter = OutgoingEmail.objects.get(recipient=users["director"], kind="agreement_ending")
    assert letter.subject == "Лебедева И. А. отказалась от наставничества: соглашение № 1"
    assert letter.body_text.startswith("Здравствуйте, Лев Фёдорович!")
    assert "Лебедева Ирина Александровна подписала досрочный отказ" in letter.body_text

    page = client_for("director").get(signed_agreement.get_absolute_url()).content.decode()
    assert f"Наставничество прекращается {ending.effective_on:%d.%m.%Y}" in page
    assert "Отменить поручение" not in page  # one ending per agreement
    listing = client_for("director").get(reverse("roadmap:agreement-list")).content.decode()
    assert f"Наставничество прекращается {ending.effective_on:%d.%m.%Y}" in listing

    # Nothing ends before the date ...
    agreement_endings.endings_apply(today=ending.effective_on - dt.timedelta(days=1))
    working.refresh_from_db()
    assert working.status == PairStatus.FIXED
    assert RoleAssignment.objects.filter(user=users["mentor"], role=Role.MENTOR).exists()

    # ... and on the date the pair closes, the role and the assignment end.
    assert agreement_endings.endings_apply(today=ending.effective_on) == 1
    working.refresh_from_db()
    profile.refresh_from_db()
    ending.refresh_from_db()
    assert working.status == PairStatus.CLOSED
    assert profile.status == MentorStatus.RELEASED
    assert not RoleAssignment.objects.filter(user=users["mentor"], role=Role.MENTOR).exists()
    basis = (
        f"досрочный отказ от наставничества от {ending.notice_on:%d.%m.%Y} "
        "(дополнительное соглашение № 1)"
    )
    assert AuditEntry.objects.filter(
        action="role.revoked", label=f"Снята роль «Наставник»: {basis}"
    ).exists()
    assert ending.applied_at is not None
    assert "роль «Наставник» снята" in ending.outcome
    assert agreement_endings.endings_apply(today=ending.effective_on) == 0  # once

    # (Without a role left she has no pages of the kindergarten, as after a release.)
    page = client_for("director").get(signed_agreement.get_absolute_url()).content.decode()
    assert f"Наставничество прекращено с {ending.effective_on:%d.%m.%Y}" in page


def test_the_director_withdraws_and_the_mentor_gets_the_notice(
    org, users, signed_agreement, client_for
):
    page = client_for("director").get(signed_agreement.get_absolute_url()).content.decode()
    assert "Отменить поручение" in page
    assert "Отказаться от наставничества" not in page
    url = reverse("roadmap:agreement-withdraw", args=[signed_agreement.pk])
    response = client_for("director").post(url, {"password": PASSWORD})
    assert response.status_code == 302
    ending = AgreementEnding.objects.get()
    assert ending.kind == EndingKind.WITHDRAWAL and ending.signer_name == "Кузьмин Лев Фёдорович"
    text = " ".join(ending.signed_html.split())
    assert "Уведомление об отмене поручения о выполнении работы по наставничеству" in text
    assert "Лебедевой Ирине Александровне" in text
    letter = OutgoingEmail.objects.get(recipient=users["mentor"], kind="agreement_ending")
    assert letter.subject == "Поручение о наставничестве отменено: соглашение № 1"
    assert letter.body_text.startswith("Здравствуйте, Ирина Александровна!")
    assert "Руководитель подписал отмену поручения" in letter.body_text


def test_only_the_mentor_refuses_and_only_the_director_withdraws(
    users, signed_agreement, client_for
):
    refuse = reverse("roadmap:agreement-refuse", args=[signed_agreement.pk])
    withdraw = reverse("roadmap:agreement-withdraw", args=[signed_agreement.pk])
    assert client_for("director").post(refuse, {"password": PASSWORD}).status_code == 403
    assert client_for("curator").post(withdraw, {"password": PASSWORD}).status_code == 403
    assert client_for("mentor").post(withdraw, {"password": PASSWORD}).status_code == 403
    assert not AgreementEnding.objects.exists()


def test_a_draft_agreement_cannot_be_ended(org, users, esign):
    agreement = _draft(org, users, pay=AgreementPay.PERCENT, pay_amount=10)
    with pytest.raises(ValidationError) as error:
        agreement_endings.ending_sign(
            agreement=agreement,
            kind=EndingKind.WITHDRAWAL,
            signer=users["director"],
            password=PASSWORD,
        )
    assert error.value.messages == [
        "Досрочно прекратить можно только соглашение, подписанное обеими сторонами."
    ]
    assert not AgreementEnding.objects.exists()


def test_the_ending_is_verified_on_the_one_verify_page(users, signed_agreement, client):
    ending = agreement_endings.ending_sign(
        agreement=signed_agreement,
        kind=EndingKind.REFUSAL,
        signer=users["mentor"],
        password=PASSWORD,
        today=MONDAY,
    )
    assert ending.effective_on == dt.date(2026, 12, 10)
    page = client.get(reverse("signing:verify", args=[ending.verify_code])).content.decode()
    assert "Документ действителен: подписан простой электронной подписью." in page
    assert "Досрочный отказ наставника от наставничества" in page
    assert "10.12.2026" in page


def test_a_reason_too_long_is_refused_and_control_characters_are_dropped(users, signed_agreement):
    with pytest.raises(ValidationError) as error:
        agreement_endings.ending_sign(
            agreement=signed_agreement,
            kind=EndingKind.REFUSAL,
            signer=users["mentor"],
            password=PASSWORD,
            reason="я" * 2001,
        )
    assert error.value.messages == ["Причина слишком длинная: не больше 2000 знаков."]
    assert not AgreementEnding.objects.exists()
    ending = agreement_endings.ending_sign(
        agreement=signed_agreement,
        kind=EndingKind.REFUSAL,
        signer=users["mentor"],
        password=PASSWORD,
        reason="переезд\x00 в другой город",
    )
    assert ending.reason == "переезд в другой город"
