"""Logins from the staff list: invitations, slips, the temporary password, who has logged in."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from core.models import Role, RoleAssignment, User
from mentoring import logins
from mentoring.models import StaffMember
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def _newcomer(org, **kwargs):
    defaults = {"last_name": "Пугачёва", "first_name": "Майя", "middle_name": "Романовна"}
    return StaffMemberFactory(organization=org, user=None, **{**defaults, **kwargs})


def test_an_invitation_creates_a_login_and_sends_the_link_after_commit(
    org, django_capture_on_commit_callbacks
):
    staff = _newcomer(org, email="maya@raduga7.example")
    with django_capture_on_commit_callbacks(execute=True):
        user = logins.staff_login_invite(staff=staff)
        assert mail.outbox == []
    staff.refresh_from_db()
    assert staff.user == user and user.username == "pugacheva.mr"
    assert not user.has_usable_password()
    assert RoleAssignment.objects.filter(user=user, organization=org, role=Role.MENTEE).exists()
    (message,) = mail.outbox
    assert message.to == ["maya@raduga7.example"]
    assert "Ваш логин: pugacheva.mr" in message.body
    assert re.search(r"http://\S+/accounts/invite/\S+/\S+/", message.body)


def test_an_invitation_without_email_is_refused_with_a_russian_message(org):
    staff = _newcomer(org, email="")
    with pytest.raises(Exception, match="не указана электронная почта"):
        logins.staff_login_invite(staff=staff)
    assert not User.objects.filter(last_name="Пугачёва").exists()


def test_the_invitation_link_sets_the_password_and_logs_in(client, org):
    staff = _newcomer(org, email="maya@raduga7.example")
    user = logins.staff_login_invite(staff=staff)
    response = client.get(logins.invitation_url(user).split("8000", 1)[-1], follow=True)
    assert "Ваш логин: <strong>pugacheva.mr</strong>" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Raduga-2026-sad", "new_password2": "Raduga-2026-sad"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    user.refresh_from_db()
    assert user.check_password("Raduga-2026-sad") and user.last_login is not None


def test_a_second_person_with_the_same_initials_gets_another_login(org):
    first = logins.staff_login_slips(staff=[_newcomer(org)])[0]
    second = logins.staff_login_slips(staff=[_newcomer(org, middle_name="Родионовна")])[0]
    assert (first.username, second.username) == ("pugacheva.mr", "pugacheva.mr2")


def test_a_slip_gives_a_temporary_password_that_must_be_changed(client, org):
    slip = logins.staff_login_slips(staff=[_newcomer(org)])[0]
    user = User.objects.get(username=slip.username)
    assert user.must_change_password and user.check_password(slip.password)
    client.post(reverse("login"), {"username": slip.username, "password": slip.password})
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "Вы вошли с временным паролем" in page
    client.post(
        reverse("password_change"),
        {
            "old_password": slip.password,
            "new_password1": "Raduga-2026-sad",
            "new_password2": "Raduga-2026-sad",
        },
    )
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("home")).status_code == 200


def test_an_existing_role_is_kept_and_a_mentor_in_the_bank_is_invited_as_mentor(users, org):
    mentor_staff = users["mentor"].staff_records.get()
    mentor_staff.email = "mentor@ds20.example"
    mentor_staff.save()
    logins.staff_login_invite(staff=mentor_staff)
    assert set(
        RoleAssignment.objects.filter(user=users["mentor"]).values_list("role", flat=True)
    ) == {Role.MENTOR}


def test_the_curator_sees_who_has_logged_in_and_who_has_not(client_for, users, org):
    _newcomer(org, email="maya@raduga7.example")
    client = client_for("curator")  # logs the curator in without touching last_login
    User.objects.filter(pk=users["mentor"].pk).update(
        last_login=dt.datetime(2026, 11, 12, 9, 30, tzinfo=dt.UTC)
    )
    text = client.get(reverse("mentoring:staff-logins")).content.decode()
    assert "Пригласить по e-mail (1)" in text
    assert "Пригласить: Пугачёва Майя Романовна" in text
    assert "входила 12.11.2026" in text
    assert "ещё не входила" in text  # the mentee persona never logged in


def test_the_logins_page_runs_a_bounded_number_of_queries(
    client_for, org, django_assert_max_num_queries
):
    client = client_for("curator")
    for i in range(30):
        _newcomer(org, first_name=f"Майя{i}")
    with django_assert_max_num_queries(15):
        client.get(reverse("mentoring:staff-logins"))


def test_inviting_everyone_without_a_login_sends_one_mail_each(
    client_for, org, django_capture_on_commit_callbacks
):
    _newcomer(org, email="a@raduga7.example")
    _newcomer(org, first_name="Вера", email="b@raduga7.example")
    _newcomer(org, first_name="Алла", email="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("curator").post(
            reverse("mentoring:staff-logins-invite-all"), {"role": "mentor"}, follow=True
        )
    assert "Отправлено приглашений: 2." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@raduga7.example", "b@raduga7.example"]
    assert StaffMember.objects.filter(organization=org, user=None).count() == 1


@pytest.mark.real_pdf
def test_slips_for_everyone_without_email_are_one_pdf_page_each(client_for, org):
    _newcomer(org, email="")
    _newcomer(org, first_name="Вера", email="")
    response = client_for("curator").post(reverse("mentoring:staff-logins-slips-all"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    text = reader.pages[0].extract_text()
    assert "Временный пароль" in text and "http://" in text and "pugacheva" in text
    assert User.objects.filter(must_change_password=True).count() == 2


def test_someone_who_has_logged_in_gets_no_new_slip_or_invitation(client_for, users, org):
    mentee = users["mentee"]
    client_for("mentee")  # logging in sets last_login
    mentee.refresh_from_db()
    password = mentee.password
    staff = mentee.staff_records.get()
    response = client_for("curator").post(
        reverse("mentoring:staff-login-slip", args=[staff.pk]), follow=True
    )
    assert f"уже входит в систему под логином {mentee.username}" in response.content.decode()
    mentee.refresh_from_db()
    assert mentee.password == password and not mentee.must_change_password
