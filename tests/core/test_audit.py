"""The one audit trail: log_action, the life cycles writing it, and the history on the pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.audit import action_label, log_action
from core.models import AuditEntry
from mentoring import consents, services
from mentoring.models import ConsentKind, MenteeStatus, MentorStatus, PairStatus
from tests.audit import actions, entry
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db


def test_log_action_stores_object_organization_actor_label_and_details(org, users):
    pair = f.pair(org, [f.mentor(org).staff], [f.mentee(org).staff])
    logged = log_action(pair, "pair.closed", actor=users["curator"], reason=": по просьбе")
    stored = AuditEntry.objects.get(pk=logged.pk)
    assert (stored.organization, stored.object_id, stored.actor) == (org, pair.pk, users["curator"])
    assert stored.content_type.model == "pair"
    assert stored.label == "Пара/группа завершена: по просьбе"
    assert stored.data == {"reason": ": по просьбе"}


def test_an_unknown_action_code_is_a_programming_error():
    with pytest.raises(ValueError, match="register_actions"):
        action_label("pair.teleported")


def test_an_object_without_its_own_organization_takes_it_from_its_path(org, users):
    profile = f.mentee(org)
    request = profile.requests.first()
    assert log_action(request, "mentee.saved").organization == org


def test_giving_and_withdrawing_a_consent_are_logged_and_a_second_withdrawal_is_refused(org, users):
    person = f.staff(org)
    consent = consents.consent_give(
        staff=person, kind=ConsentKind.PUBLICATION, recorded_by=users["curator"]
    )
    consents.consent_withdraw(consent=consent, by=users["curator"])
    with pytest.raises(ValidationError, match="Это согласие уже отозвано."):
        consents.consent_withdraw(consent=consent, by=users["director"])
    assert actions(consent) == [("consent.given", "curator"), ("consent.withdrawn", "curator")]
    assert entry(consent, "consent.given").label.startswith("Согласие внесено (текст версии")


def test_a_withdrawn_personal_data_consent_releases_the_mentor_through_the_bank_life_cycle(
    org, users
):
    mentor = f.mentor(org, status=MentorStatus.ACTIVE)
    mentee = f.mentee(org, person=f.staff(org))
    for profile in (mentor, mentee):
        given = (
            consents.consent_give(
                staff=profile.staff, kind=ConsentKind.PERSONAL_DATA, recorded_by=users["curator"]
            )
            if not profile.staff.consents.filter(kind=ConsentKind.PERSONAL_DATA).exists()
            else (profile.staff.consents.get(kind=ConsentKind.PERSONAL_DATA))
        )
        consents.consent_withdraw(consent=given, by=users["curator"])
    mentor.refresh_from_db()
    mentee.refresh_from_db()
    assert mentor.status == MentorStatus.RELEASED
    assert mentee.status == MenteeStatus.LEFT
    released = entry(mentor, "mentor.released")
    assert released.label == (
        "Наставник освобождён: отозвано согласие на обработку персональных данных"
    )
    assert entry(mentor, "mentor.status_changed").data["new"] == MentorStatus.RELEASED
    assert entry(mentee, "mentee.status_changed").data["new"] == MenteeStatus.LEFT
    assert mentor.history.filter(status=MentorStatus.RELEASED).exists()


def test_closing_a_pair_moves_its_mentees_one_by_one_with_history(org, users):
    mentee = f.mentee(org)
    pair = services.pair_create(
        organization=org,
        mentors=[f.mentor(org).staff],
        mentees=[mentee.staff],
        forms=["traditional"],
        created_by=users["curator"],
    )
    services.pair_transition(pair=pair, target=PairStatus.CLOSED, actor=users["curator"])
    mentee.refresh_from_db()
    assert mentee.status == MenteeStatus.WITHOUT_PAIR
    assert [a for a, _ in actions(mentee)] == ["mentee.status_changed", "mentee.status_changed"]
    assert mentee.history.first().status == MenteeStatus.WITHOUT_PAIR
    assert actions(pair) == [("pair.created", "curator"), ("pair.closed", "curator")]


def test_the_pair_page_shows_who_did_what_and_when(org, users, client_for):
    pair = f.pair(org, [f.mentor(org).staff], [f.mentee(org).staff], status=PairStatus.PROPOSED)
    services.pair_transition(pair=pair, target=PairStatus.AGREED, actor=users["curator"])
    page = client_for("curator").get(reverse("mentoring:pair-detail", args=[pair.pk]))
    text = page.content.decode()
    assert "История: кто, когда, что сделал" in text
    assert f"{users['curator'].short_name}</span>:\n            Пара/группа согласована" in text


def test_the_staff_card_shows_the_bank_history_and_the_consents_page_the_consent_history(
    org, users, client_for
):
    profile = f.mentor(org, status=MentorStatus.CANDIDATE)
    services.mentor_status_change(
        profile=profile, target=MentorStatus.SELECTED, actor=users["curator"]
    )
    card = client_for("curator").get(reverse("mentoring:staff-detail", args=[profile.staff.pk]))
    assert "Статус наставника: «Кандидат» → «Отобран»" in card.content.decode()
    consent = profile.staff.consents.first()
    consents.consent_withdraw(consent=consent, by=users["curator"])
    page = client_for("curator").get(reverse("mentoring:staff-consents", args=[profile.staff.pk]))
    assert "Согласие отозвано" in page.content.decode()
