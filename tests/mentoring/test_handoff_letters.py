"""Letters at the hand-offs of the banks: a pair proposed or fixed, a participant's request."""

import pytest
from django.core import mail
from django.db import transaction

from core.models import NotificationKind, NotificationPreference, OutgoingEmail
from mentoring import services
from mentoring.models import ChangeRequestKind, ConsentKind, PairStatus
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db
SITE = "https://nastavnik.example.ru"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def people(org, users):
    """The mentor and mentee personas in the banks, pairable."""
    mentor = f.appointed_mentor(org, person=users["mentor"].staff_records.get())
    mentee = f.mentee(org, person=users["mentee"].staff_records.get())
    return mentor, mentee


def _propose(org, users, people):
    mentor, mentee = people
    return services.pair_create(
        organization=org,
        mentors=[mentor.staff],
        mentees=[mentee.staff],
        forms=["traditional"],
        created_by=users["curator"],
    )


def _letters(kind):
    return {m.to[0]: m for m in mail.outbox if m.subject and kind in _kinds_of(m)}


def _kinds_of(message):
    return set(
        OutgoingEmail.objects.filter(subject=message.subject, to_email=message.to[0]).values_list(
            "kind", flat=True
        )
    )


def test_a_proposed_pair_is_announced_to_its_mentor_and_mentee_with_a_link(
    org, users, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pair = _propose(org, users, people)
    letters = _letters(NotificationKind.PAIR_PROPOSED)
    assert set(letters) == {users["mentor"].email, users["mentee"].email}
    letter = letters[users["mentee"].email]
    assert letter.subject == "Предложена пара наставничества"
    assert f"{SITE}/pairs/{pair.pk}/" in letter.body


def test_a_pair_proposal_rolled_back_sends_nothing(
    org, users, people, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _propose(org, users, people)
        raise RuntimeError("the page failed after the service")
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_a_participant_who_turned_pair_letters_off_gets_none(
    org, users, people, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=users["mentor"], kind=NotificationKind.PAIR_PROPOSED, enabled=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        _propose(org, users, people)
    assert [m.to for m in mail.outbox] == [[users["mentee"].email]]


def _agreed_pair(org, people):
    mentor, mentee = people
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    f.consent(mentee.staff)
    for person in (mentor.staff, mentee.staff):
        f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
    return pair


def test_a_fixed_pair_is_announced_to_its_participants_with_the_order(
    org, users, people, django_capture_on_commit_callbacks
):
    from tests.programs.factories import signed_order

    pair = _agreed_pair(org, people)
    order = signed_order("14-од")
    order.pk = None
    with django_capture_on_commit_callbacks(execute=True):
        services.pairs_fix(order=order, pairs=[pair], actor=users["director"])
    letters = _letters(NotificationKind.PAIR_FIXED)
    assert set(letters) == {users["mentor"].email, users["mentee"].email}
    letter = letters[users["mentor"].email]
    assert "закреплена приказом № 14-од от" in letter.body
    assert f"{SITE}/pairs/{pair.pk}/" in letter.body


def test_a_pair_fix_rolled_back_sends_nothing(
    org, users, people, django_capture_on_commit_callbacks
):
    pair = _agreed_pair(org, people)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.pairs_fix(order=None, pairs=[pair])
        raise RuntimeError("the signing failed later")
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("kind", "letter_kind", "subject"),
    [
        (
            ChangeRequestKind.CHANGE_MENTOR,
            NotificationKind.MENTOR_CHANGE_REQUESTED,
            "Заявление о замене наставника",
        ),
        (
            ChangeRequestKind.RELEASE_MENTOR,
            NotificationKind.RELEASE_REQUESTED,
            "Заявление об освобождении от наставничества",
        ),
    ],
)
def test_a_participants_request_reaches_the_curator_and_the_director(
    org, users, people, kind, letter_kind, subject, django_capture_on_commit_callbacks
):
    mentor, mentee = people
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.ACTIVE)
    author = mentee.staff if kind == ChangeRequestKind.CHANGE_MENTOR else mentor.staff
    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_create(
            author=author, kind=kind, reason="Не совпали графики работы", pair=pair
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [users["curator"].email, users["director"].email]
    )
    letter = mail.outbox[0]
    assert letter.subject == subject
    assert author.full_name in letter.body and "Не совпали графики работы" in letter.body
    assert f"{SITE}/requests/" in letter.body
    assert set(OutgoingEmail.objects.values_list("kind", flat=True)) == {letter_kind}


def test_a_request_rolled_back_sends_nothing(
    org, users, people, django_capture_on_commit_callbacks
):
    mentor, mentee = people
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.ACTIVE)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.change_request_create(
            author=mentee.staff,
            kind=ChangeRequestKind.CHANGE_MENTOR,
            reason="Не совпали графики",
            pair=pair,
        )
        raise RuntimeError("failed")
    assert mail.outbox == []
