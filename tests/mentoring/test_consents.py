"""Consents: versioned text of 152-FZ art. 9 part 4, withdrawal, anonymization."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentoring import consents
from mentoring.anonymization import ANONYMOUS
from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorStatus,
    StaffMember,
)
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db


def test_the_personal_data_text_has_every_item_of_article_9_part_4(org):
    org.address = "153000, г. Иваново, ул. Садовая, д. 20"
    org.save()
    person = f.staff(org)
    text = consents.consent_text(kind=ConsentKind.PERSONAL_DATA, staff=person, for_paper=True)
    for item in (
        org.full_name,
        org.address,
        "паспорт серия",
        "Цель обработки",
        "Перечень персональных данных",
        "Перечень действий",
        "Способы обработки",
        "Срок действия согласия",
        "Способ отзыва",
        "Обработка по поручению оператора",
        "(подпись)",
    ):
        assert item in text, item


def test_giving_a_consent_records_version_date_and_who(org, users):
    person = f.staff(org)
    consent = consents.consent_give(
        staff=person, kind=ConsentKind.PERSONAL_DATA, recorded_by=users["curator"]
    )
    assert consent.text_version == "2026-2"
    assert consent.recorded_by == users["curator"]
    assert "Цель обработки" in consent.text
    assert consents.has_consent(person, ConsentKind.PERSONAL_DATA)
    assert consent.history.count() == 1


def test_a_second_active_consent_of_the_same_kind_is_refused(org, users):
    person = f.staff(org)
    consents.consent_give(
        staff=person, kind=ConsentKind.PERSONAL_DATA, recorded_by=users["curator"]
    )
    with pytest.raises(Exception, match="уже есть действующее согласие"):
        consents.consent_give(
            staff=person, kind=ConsentKind.PERSONAL_DATA, recorded_by=users["curator"]
        )


def test_withdrawal_takes_the_person_out_of_banks_and_is_recorded(org, users):
    mentee = f.mentee(org)
    mentor = f.mentor(org, status=MentorStatus.ACTIVE)
    called = []
    consents.on_withdrawal(lambda consent: called.append(consent.staff))
    try:
        consent = Consent.objects.get(staff=mentor.staff, kind=ConsentKind.PERSONAL_DATA)
        consents.consent_withdraw(consent=consent, by=users["curator"])
        f.consent(mentee.staff)
        consents.consent_withdraw(
            consent=Consent.objects.get(staff=mentee.staff), by=users["curator"]
        )
    finally:
        consents._withdrawal_handlers.pop()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == users["curator"]
    mentor.refresh_from_db()
    mentee.refresh_from_db()
    assert mentor.status == MentorStatus.RELEASED
    assert mentee.status == MenteeStatus.LEFT
    assert called == [mentor.staff, mentee.staff]
    remaining = consents.without_withdrawn(StaffMember.objects.filter(organization=org))
    assert mentor.staff not in remaining and mentee.staff not in remaining
    assert not consents.without_withdrawn(MenteeProfile.objects.all(), "staff").exists()
    assert consent.history.filter(history_type="~").exists()


def test_anonymize_withdrawn_after_30_days_only(org, users):
    old = f.mentee(org, requests=()).staff
    recent = f.staff(org, last_name="Недавняя")
    now = timezone.now()
    StaffMember.objects.filter(pk=old.pk).update(
        personal_data_withdrawn_at=now - dt.timedelta(days=31), email="a@b.ru"
    )
    StaffMember.objects.filter(pk=recent.pk).update(
        personal_data_withdrawn_at=now - dt.timedelta(days=5)
    )
    call_command("anonymize_withdrawn")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.last_name == ANONYMOUS and old.email == ""
    assert old.anonymized_at is not None
    assert not old.history.exclude(last_name=ANONYMOUS).exists()
    assert recent.last_name == "Недавняя" and recent.anonymized_at is None


def test_missing_consents_name_who_lacks_what(org):
    mentor = f.mentor(org)
    mentee = f.mentee(org)
    pair = f.pair(org, [mentor.staff], [mentee.staff])
    missing = consents.missing_consents(pair)
    assert (mentor.staff, ConsentKind.MENTOR_DUTIES) in missing
    assert (mentee.staff, ConsentKind.PERSONAL_DATA) in missing
    assert (mentor.staff, ConsentKind.PERSONAL_DATA) not in missing
    f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
    f.consent(mentee.staff)
    for person in (mentor.staff, mentee.staff):
        f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
    assert consents.missing_consents(pair) == []
