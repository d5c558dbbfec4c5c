"""Writes of the region app: a new kindergarten with its director."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from core.audit import log_action, register_actions
from core.models import Municipality, Organization, Role, RoleAssignment, User
from mentoring.models import Position, StaffMember
from roadmap.start import joined_cycle_open

register_actions({"region.organization.created": "ДОУ добавлен в муниципалитет"})

INVITE_SUBJECT = "Приглашение в систему наставничества ДОУ"


@dataclass(frozen=True)
class Invitation:
    organization: Organization
    director: User
    password: str


def invitation_text(*, invitation: Invitation, login_url: str) -> str:
    return (
        f"Здравствуйте, {invitation.director.first_name} {invitation.director.middle_name}!\n\n"
        f"Для {invitation.organization.short_name} открыт доступ к системе наставничества "
        "педагогических работников. Вы зарегистрированы в ней как руководитель ДОУ.\n\n"
        f"Адрес для входа: {login_url}\n"
        f"Логин: {invitation.director.username}\n"
        f"Временный пароль: {invitation.password}\n\n"
        "При первом входе система попросит сменить временный пароль; затем загрузите "
        "штатный список и назначьте куратора."
    )


def organization_create_with_director(
    *,
    municipality: Municipality,
    full_name: str,
    short_name: str,
    slug: str,
    city: str,
    director_last_name: str,
    director_first_name: str,
    director_middle_name: str,
    director_email: str,
    actor: User,
    base_url: str,
) -> Invitation:
    """Create a ДОУ in the municipality, its director (staff card, user, role) and e-mail the
    invitation with a temporary password after the transaction commits."""
    password = secrets.token_urlsafe(9)
    with transaction.atomic():
        organization = Organization.objects.create(
            municipality=municipality,
            full_name=full_name,
            short_name=short_name,
            slug=slug,
            city=city,  # the director's own address is not the kindergarten's public one
            director_name=f"{director_last_name} {director_first_name} {director_middle_name}",
        )
        director = User(
            username=director_email.lower(),
            email=director_email,
            last_name=director_last_name,
            first_name=director_first_name,
            middle_name=director_middle_name,
        )
        director.set_password(password)
        director.must_change_password = True  # the temporary password from the letter
        director.save()
        RoleAssignment.objects.create(user=director, organization=organization, role=Role.DIRECTOR)
        staff = StaffMember(
            organization=organization,
            user=director,
            last_name=director_last_name,
            first_name=director_first_name,
            middle_name=director_middle_name,
            position=Position.HEAD,
            email=director_email,
        )
        staff.save()
        joined_cycle_open(organization=organization)  # its roadmap counts from today
        log_action(organization, "region.organization.created", actor=actor, director=director.pk)
        invitation = Invitation(organization, director, password)
        text = invitation_text(invitation=invitation, login_url=base_url + reverse("login"))
        transaction.on_commit(
            lambda: send_mail(INVITE_SUBJECT, text, settings.DEFAULT_FROM_EMAIL, [director_email])
        )
    return invitation
