"""Logins for the people on the staff list: invitation e-mails and printable slips."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.models import Role, RoleAssignment, User
from core.roles import role_grant
from mentoring.accounts import link_existing_account
from mentoring.models import MentorProfile, StaffMember

# Roles a curator hands out with a login; the managing roles stay with the admin.
LOGIN_ROLES = (Role.MENTEE, Role.MENTOR, Role.COUNCIL)
_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "_",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
# Letters and digits a person copies from paper without mistakes (no 0/O, 1/l/I).
_SLIP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass
class Slip:
    staff: StaffMember
    username: str
    password: str


def _latin(text: str) -> str:
    out = "".join(_TRANSLIT.get(c, c) for c in text.casefold()).replace("_", "")
    return "".join(c for c in out if c.isascii() and c.isalnum())


def _new_username(staff: StaffMember) -> str:
    initials = "".join(_latin(p)[:1] for p in (staff.first_name, staff.middle_name) if p)
    base = f"{_latin(staff.last_name) or 'user'}.{initials}".strip(".")[:140]
    taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _default_role(staff: StaffMember) -> str:
    """A mentor in the bank logs in as a mentor; anyone else as a mentee."""
    return Role.MENTOR if MentorProfile.objects.filter(staff=staff).exists() else Role.MENTEE


def _ensure_user(*, staff: StaffMember, role: str | None, actor: User | None = None) -> User:
    """The person's login, created and linked on first use.

    ``role`` is added when given; without it a person with no role in the organization gets
    the one their bank entry suggests.
    """
    if role is not None and role not in LOGIN_ROLES:
        raise ValidationError("Выберите роль: наставляемый, наставник или член методсовета.")
    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    user = staff.user
    if user is None:
        user = link_existing_account(staff=staff, actor=actor)  # one account per person
    if user is not None and user.last_login is not None:
        # Her password is her own now: a new invitation or slip would take it away.
        raise ValidationError(
            f"{staff.full_name} уже входит в систему под логином {user.username}. Если она "
            "забыла пароль, его сбросит администратор.",
            code="already_logged_in",
        )
    if user is None:
        user = _create_account(staff)
    held = RoleAssignment.objects.filter(user=user, organization=staff.organization)
    if role is None and not held.exists():
        role = _default_role(staff)
    if role is not None:
        role_grant(user=user, organization=staff.organization, role=role, actor=actor)
    return user


def staff_account_open(*, staff: StaffMember, actor: User | None = None) -> User:
    """Her account without a new role or password: the one she has, or a new one linked to her
    card (the roles page names her curator and then sends the invitation or prints a slip)."""
    with transaction.atomic():
        staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
        if staff.user is not None:
            return staff.user
        found = link_existing_account(staff=staff, actor=actor)
        return found if found is not None else _create_account(staff)


def _create_account(staff: StaffMember) -> User:
    """A new login for a card without one, no password yet (the invitation or slip sets it)."""
    user = User(
        username=_new_username(staff),
        last_name=staff.last_name,
        first_name=staff.first_name,
        middle_name=staff.middle_name,
        email=staff.email,
    )
    user.set_unusable_password()
    user.save()
    staff.user = user
    staff.save(update_fields=["user"])
    return user


def invitation_url(user: User) -> str:
    """The set-password link of an invitation, valid until used or PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "mentoring:invite-accept",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return settings.SITE_URL + path


def send_invitation(*, user: User, organization_name: str, url: str) -> None:
    """Send one invitation e-mail; the one place to switch to core.notifications."""
    context = {"user": user, "organization_name": organization_name, "url": url}
    send_mail(
        subject=f"Приглашение в систему наставничества: {organization_name}",
        message=render_to_string("mentoring/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def staff_login_invite(
    *, staff: StaffMember, role: str | None = None, actor: User | None = None
) -> User:
    """Create (or reuse) the person's login and e-mail a set-password link after commit.

    Raises ValidationError when the staff card has no e-mail. Sending again is a resend.
    """
    if not staff.email:
        raise ValidationError(
            f"У сотрудника {staff.full_name} не указана электронная почта: добавьте её в "
            "карточку или распечатайте листок с временным паролем.",
            code="no_email",
        )
    # The account she already has is linked first and stays linked even when she needs no
    # invitation (she logs in with her own password already).
    link_existing_account(staff=staff, actor=actor)
    with transaction.atomic():
        user = _ensure_user(staff=staff, role=role, actor=actor)
        if user.email != staff.email:
            user.email = staff.email
            user.save(update_fields=["email"])
        url = invitation_url(user)
        name = staff.organization.short_name
        transaction.on_commit(lambda: send_invitation(user=user, organization_name=name, url=url))
    return user


def staff_login_slips(
    *, staff: list[StaffMember], role: str | None = None, actor: User | None = None
) -> list[Slip]:
    """Give each person a login with a new temporary password to change at first login."""
    slips = []
    for person in staff:
        link_existing_account(staff=person, actor=actor)  # kept even if a slip is refused
    with transaction.atomic():
        for person in staff:
            user = _ensure_user(staff=person, role=role, actor=actor)
            password = "".join(secrets.choice(_SLIP_ALPHABET) for _ in range(10))
            user.set_password(password)
            user.must_change_password = True
            user.save(update_fields=["password", "must_change_password"])
            slips.append(Slip(staff=person, username=user.username, password=password))
    return slips
