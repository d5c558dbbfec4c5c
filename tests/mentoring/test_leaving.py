"""A person leaves the kindergarten: pairs, program, order, login, roles, banks, reminders."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.invariants import find_violations
from core.models import AuditEntry, OutgoingEmail, Role, RoleAssignment
from core.tasks import deadline_reminders
from mentoring import leaving, matching, selectors
from mentoring.anonymization import anonymize_due
from mentoring.models import (
    LeavingReason,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    StaffMember,
)
from mentoring.seeding import PairPlan, seed_pairs
from monitoring.models import SurveyKind
from monitoring.services import reminders_send
from programs.models import ChangeKind, ChangeStatus, EndReason, Program, ProgramStatus
from programs.services import program_change_apply
from roadmap.models import Order, OrderKind, OrderStatus
from tests.factories import PASSWORD, member
from tests.monitoring.factories import assign
from tests.programs.factories import make_program, signed_order

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _working_pair(org, mentor, mentee) -> Pair:
    """A pair fixed by order and working, as the banks and orders would leave it."""
    fixed_at = timezone.now() - dt.timedelta(days=40)
    (pair,) = seed_pairs([PairPlan(org, mentor, mentee, PairStatus.ACTIVE, fixed_at=fixed_at)])
    return pair


@pytest.fixture
def mentor_pair(org, users):
    """The mentor persona (Иванова Мария Петровна) mentors the mentee persona; a program runs."""
    mentor = users["mentor"].staff_records.get()
    mentee = users["mentee"].staff_records.get()
    pair = _working_pair(org, mentor, mentee)
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    return pair, program, mentor, mentee


def _logged_in(user) -> Client:
    """A client that logged in through the login page, so a real session row exists."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _leave(client, staff, *, left_on=None, reason=LeavingReason.OWN_WISH):
    left_on = left_on or _today()
    return client.post(
        reverse("mentoring:staff-leave", args=[staff.pk]),
        {"left_on": left_on.isoformat(), "reason": reason},
    )


# --- the confirmation page -----------------------------------------------------------------------


def test_the_confirmation_page_lists_what_will_happen_to_a_woman_mentor(mentor_pair, client_for):
    pair, program, mentor, _mentee = mentor_pair
    response = client_for("curator").get(reverse("mentoring:staff-leave", args=[mentor.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Отметить увольнение: Иванова Мария Петровна" in page
    assert (
        f"Программа «{program.heading}» (реализуется) будет завершена досрочно сегодня, "
        f"а Пара № {pair.number}" in page
    )
    assert "проект приказа «О досрочном завершении программы наставничества»" in page
    assert "Он появится на главной странице куратора" in page
    assert "Банк наставников: статус «Назначен, действующий» сменится на «Выбыл из банка»." in page
    assert "Она больше не появится в банках, среди кандидатов при подборе пар" in page
    assert "Будут сняты роли в детском саду: «Наставник»." in page
    assert (
        "Учётная запись mentor будет сразу отключена: войти она больше не сможет, открытые "
        "сеансы завершатся." in page
    )
    assert "Данные хранятся 30 дней после даты увольнения, как после отзыва согласия" in page
    assert "тексты о ней стираются" in page
    assert "Подписанные приказы остаются без изменений" in page
    assert "Подтвердить: уволена" in page
    # Nothing has happened yet.
    mentor.refresh_from_db()
    assert mentor.left_on is None


def test_the_confirmation_page_speaks_of_a_man_as_he(org, users, client_for):
    man = member(org, Role.MENTEE, username="sokolov")
    staff = man.staff_records.get()
    staff.last_name, staff.first_name, staff.middle_name = "Соколов", "Андрей", "Викторович"
    staff.save()
    page = client_for("director").get(reverse("mentoring:staff-leave", args=[staff.pk]))
    text = page.content.decode()
    assert "В действующих парах и группах он не состоит." in text
    assert "Он больше не появится в банках" in text
    assert "войти он больше не сможет" in text
    assert "тексты о нём стираются" in text
    assert "Подтвердить: уволен<" in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("curator", 200),
        ("director", 200),
        ("mentor", 403),
        ("mentee", 403),
        ("council", 403),
        ("admin", 403),
        ("outsider", 404),
    ],
)
def test_only_the_curator_and_the_director_open_the_leaving_page(
    persona, status, users, client_for
):
    staff = users["mentee"].staff_records.get()
    response = client_for(persona).get(reverse("mentoring:staff-leave", args=[staff.pk]))
    assert response.status_code == status


def test_nobody_marks_her_own_leaving_and_one_who_left_is_not_marked_twice(users, client_for):
    own = users["curator"].staff_records.get()
    assert (
        client_for("curator").get(reverse("mentoring:staff-leave", args=[own.pk])).status_code
        == 404
    )
    mentee = users["mentee"].staff_records.get()
    assert _leave(client_for("curator"), mentee).status_code == 302
    again = client_for("director").get(reverse("mentoring:staff-leave", args=[mentee.pk]))
    assert again.status_code == 404


def test_a_leaving_date_in_the_future_is_refused_with_what_to_do(users, client_for):
    mentee = users["mentee"].staff_records.get()
    response = _leave(client_for("curator"), mentee, left_on=_today() + dt.timedelta(days=3))
    assert response.status_code == 422
    assert "Дата увольнения ещё не наступила." in response.content.decode()
    mentee.refresh_from_db()
    assert (mentee.left_on, mentee.is_active) == (None, True)


# --- a mentor in a working pair with a running program leaves ------------------------------------


def test_a_mentor_with_a_running_program_leaves_and_everything_follows(
    org, users, mentor_pair, client_for
):
    pair, program, mentor, mentee = mentor_pair
    curator = users["curator"]
    survey = assign(org, SurveyKind.SATISFACTION_MENTOR, pairs=[pair], author=curator)
    assert survey.responses.filter(staff=mentor).exists()
    mentor_client = _logged_in(users["mentor"])
    assert mentor_client.get(reverse("home")).status_code == 200
    left_on = _today() - dt.timedelta(days=1)

    response = _leave(client_for("curator"), mentor, left_on=left_on)

    assert response.status_code == 302
    assert response["Location"] == mentor.get_absolute_url()
    mentor.refresh_from_db()
    assert (mentor.left_on, mentor.leaving_reason, mentor.is_active) == (
        left_on,
        LeavingReason.OWN_WISH,
        False,
    )
    # The staff card says so, in her gender.
    card = client_for("curator").get(mentor.get_absolute_url()).content.decode()
    assert f"Уволена {left_on:%d.%m.%Y} (по собственному желанию)" in card
    anonymized = left_on + dt.timedelta(days=30)
    assert f"Персональные данные будут обезличены {anonymized:%d.%m.%Y}" in card
    assert "Отметить увольнение" not in card

    # The program ended early, the pair closed through its life cycle.
    program.refresh_from_db()
    pair.refresh_from_db()
    assert program.status == ProgramStatus.ENDED_EARLY
    assert program.end_reason == EndReason.PARTICIPANT
    assert pair.status == PairStatus.CLOSED and pair.closed_at is not None
    change = program.changes.get()
    assert (change.kind, change.status) == (ChangeKind.END, ChangeStatus.ACCEPTED)
    assert change.reason == (
        f"Участник программы уволился: Иванова М. П. уволена {left_on:%d.%m.%Y} "
        "(по собственному желанию)."
    )
    labels = list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Program), object_id=program.pk
        ).values_list("label", flat=True)
    )
    assert any(
        label.startswith("Программа завершена досрочно: Иванова М. П. уволена") for label in labels
    )

    # The order on the early end is drafted; the mentee, not the leaver, is to read it.
    order = Order.objects.get(kind=OrderKind.END_PROGRAM)
    assert order.status == OrderStatus.DRAFT
    assert list(order.subjects_of(type(change))) == [change]
    assert [p.staff_id for p in order.people.all()] == [mentee.pk]
    home = client_for("curator").get(reverse("home")).content.decode()
    assert "Приказ о досрочном завершении программы" in home
    assert "Проверьте его и отправьте руководителю на подпись." in home
    assert reverse("roadmap:order-detail", args=[order.pk]) in home

    # Her login is disabled at once and her open session is over.
    users["mentor"].refresh_from_db()
    assert users["mentor"].is_active is False
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(users["mentor"].pk) not in sessions
    assert mentor_client.get(reverse("home"))["Location"].startswith("/accounts/login/")
    again = Client().post(reverse("login"), {"username": "mentor", "password": PASSWORD})
    assert again.status_code == 200
    assert "_auth_user_id" not in again.wsgi_request.session

    # Her roles ended through role_revoke, each in the audit trail.
    assert not RoleAssignment.objects.filter(user=users["mentor"], organization=org).exists()
    revoked = AuditEntry.objects.get(action="role.revoked", object_id=users["mentor"].pk)
    assert revoked.label == (
        f"Снята роль «Наставник»: уволена {left_on:%d.%m.%Y} (по собственному желанию)"
    )

    # The banks: she left the bank of mentors; her mentee searches again.
    assert MentorProfile.objects.get(staff=mentor).status == MentorStatus.LEFT
    assert MenteeProfile.objects.get(staff=mentee).status == MenteeStatus.WITHOUT_PAIR
    assert mentor.pk not in {p.staff_id for p in selectors.mentor_bank(organization=org)}
    assert mentor.pk in {
        p.staff_id for p in selectors.mentor_bank(organization=org, status=MentorStatus.LEFT)
    }
    assert mentor.pk not in {m.staff_id for m in matching.load_mentors(org)}
    candidates = {s.pk for s in selectors.bank_candidates(organization=org, bank="mentee")}
    assert mentor.pk not in candidates
    logins = client_for("curator").get(reverse("mentoring:staff-logins")).content.decode()
    assert f'href="{mentor.get_absolute_url()}"' not in logins
    assert f'href="{mentee.get_absolute_url()}"' in logins

    # No reminder reaches her: survey, plan deadlines; no new survey names her.
    OutgoingEmail.objects.all().delete()
    reminders_send()
    for day in range(0, 120, 10):
        deadline_reminders(today=(_today() + dt.timedelta(days=day)).isoformat())
    assert not OutgoingEmail.objects.filter(to_email=users["mentor"].email).exists()
    assert not OutgoingEmail.objects.filter(to_email=mentor.email).exclude(to_email="").exists()
    with pytest.raises(ValidationError):
        assign(org, SurveyKind.SATISFACTION_MENTOR, pairs=[pair], author=curator)

    assert find_violations() == []

    # Signing the drafted order records it on the program, which stays ended.
    program_change_apply(order=signed_order("31-од"), change=change)
    program.refresh_from_db()
    change.refresh_from_db()
    assert (program.status, program.end_order_number) == (ProgramStatus.ENDED_EARLY, "31-од")
    assert change.status == ChangeStatus.APPLIED


# --- a mentee leaves -----------------------------------------------------------------------------


def test_a_mentee_leaves_by_transfer_and_the_staff_list_hides_him(org, users, client_for):
    man = member(org, Role.MENTEE, username="sokolov")
    staff = man.staff_records.get()
    staff.last_name, staff.first_name, staff.middle_name = "Соколов", "Андрей", "Викторович"
    staff.save()
    mentor = users["mentor"].staff_records.get()
    pair = _working_pair(org, mentor, staff)
    assert MentorProfile.objects.get(staff=mentor).status == MentorStatus.ACTIVE

    response = _leave(client_for("director"), staff, reason=LeavingReason.TRANSFER)

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.CLOSED
    assert MenteeProfile.objects.get(staff=staff).status == MenteeStatus.LEFT
    assert MentorProfile.objects.get(staff=mentor).status == MentorStatus.ACTIVE
    assert not Order.objects.exists()  # no program ran: no order to draft
    man.refresh_from_db()
    assert man.is_active is False
    assert not RoleAssignment.objects.filter(user=man).exists()
    card = client_for("curator").get(staff.get_absolute_url()).content.decode()
    assert f"Уволен {_today():%d.%m.%Y} (перевод)" in card
    assert staff.pk not in {p.staff_id for p in selectors.mentee_bank(organization=org)}
    assert staff.pk not in {m.staff_id for m in matching.load_mentees(org)}

    # Hidden from the staff list by default; the filter shows him, marked.
    listing = client_for("curator").get(reverse("mentoring:staff-list")).content.decode()
    assert "Соколов Андрей Викторович" not in listing
    shown = client_for("curator").get(reverse("mentoring:staff-list") + "?left=on")
    text = shown.content.decode()
    assert "Соколов Андрей Викторович" in text
    assert f"уволен {_today():%d.%m.%Y}" in text
    assert "Иванова Мария Петровна" in text  # the working staff stay in the list

    assert find_violations() == []


def test_a_pair_cannot_be_formed_with_a_mentee_who_left(org, users):
    from mentoring.services import pair_create
    from tests.mentoring import factories as f

    profile = f.mentee(org)
    mentor = f.appointed_mentor(org)
    leaving.staff_leave(
        staff=profile.staff, left_on=_today(), reason=LeavingReason.OTHER, actor=users["curator"]
    )
    with pytest.raises(ValidationError, match="нет в банке наставляемых"):
        pair_create(
            organization=org,
            mentors=[mentor.staff],
            mentees=[profile.staff],
            forms=["traditional"],
            created_by=users["curator"],
        )


# --- data on the schedule of a withdrawn consent -------------------------------------------------


def test_her_data_are_anonymized_thirty_days_after_the_leaving_date(org, users):
    staff = users["mentee"].staff_records.get()
    left_on = _today() - dt.timedelta(days=45)
    leaving.staff_leave(
        staff=staff, left_on=left_on, reason=LeavingReason.CONTRACT_ENDED, actor=users["curator"]
    )
    assert anonymize_due(today=left_on + dt.timedelta(days=29)) == []
    assert anonymize_due(today=left_on + dt.timedelta(days=30)) == [staff.pk]
    staff.refresh_from_db()
    assert staff.last_name == "Обезличено" and staff.anonymized_at is not None
    assert staff.left_on == left_on  # the fact of leaving stays


# --- the invariants see what slipped through -----------------------------------------------------


def test_the_invariants_report_a_leaver_still_in_a_pair_a_bank_and_a_role(org, users):
    mentor = users["mentor"].staff_records.get()
    mentee = users["mentee"].staff_records.get()
    _working_pair(org, mentor, mentee)
    StaffMember.objects.filter(pk=mentee.pk).update(
        left_on=_today(), leaving_reason=LeavingReason.OTHER, is_active=False
    )
    texts = {v.rule: v.text for v in find_violations()}
    assert texts["nobody_who_left_is_in_a_working_pair"].startswith(
        f"Иванова Мария Петровна уволена {_today():%d.%m.%Y}, а Пара №"
    )
    assert texts["nobody_who_left_is_in_a_bank"] == (
        "Иванова Мария Петровна уволена, а в банке наставляемых числится «В паре/группе»."
    )
    assert texts["nobody_who_left_holds_a_role"] == (
        "Иванова Мария Петровна уволена, а роли остались: «Наставляемый»."
    )


def test_a_leaver_without_an_account_gets_no_survey_reminder_at_her_staff_address(org, users):
    mentee = StaffMember.objects.create(
        organization=org,
        last_name="Орлова",
        first_name="Нина",
        middle_name="Павловна",
        position="educator",
        email="orlova@example.ru",
    )
    from tests.mentoring import factories as f

    f.mentee(org, person=mentee)
    pair = _working_pair(org, users["mentor"].staff_records.get(), mentee)
    assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[pair], author=users["curator"])
    leaving.staff_leave(
        staff=mentee, left_on=_today(), reason=LeavingReason.OWN_WISH, actor=users["curator"]
    )
    OutgoingEmail.objects.all().delete()
    reminders_send()
    assert not OutgoingEmail.objects.filter(to_email="orlova@example.ru").exists()
