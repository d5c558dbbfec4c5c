"""factory_boy factories for the models every test needs."""

import factory
from factory.django import DjangoModelFactory

from core.models import Organization, Role, RoleAssignment, User
from mentoring.models import Position, StaffMember

PASSWORD = "test-pass-2026"


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    full_name = factory.Sequence(
        lambda n: (
            f"Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад №{n}»"
        )
    )
    short_name = factory.Sequence(lambda n: f"МБДОУ «Детский сад №{n}»")
    slug = factory.Sequence(lambda n: f"org-{n}")
    city = "г. Иваново"
    address = "г. Иваново, ул. Садовая, д. 1"
    director_name = "Смирнова Ольга Викторовна"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "Иванова"
    first_name = "Мария"
    middle_name = "Петровна"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ru")
    # Hashed before the one insert (not set_password and a second save with its history row).
    password = factory.django.Password(PASSWORD)


class StaffMemberFactory(DjangoModelFactory):
    class Meta:
        model = StaffMember

    organization = factory.SubFactory(OrganizationFactory)
    last_name = factory.Sequence(lambda n: f"Петрова{n}")
    first_name = "Анна"
    middle_name = "Сергеевна"
    position = Position.EDUCATOR
    total_experience_years = 10
    teaching_experience_years = 8


def member(organization: Organization, *roles: str, username: str | None = None) -> User:
    """A user holding ``roles`` in ``organization``, with a linked staff card."""
    user = UserFactory(**({"username": username} if username else {}))
    for role in roles:
        RoleAssignment.objects.create(user=user, organization=organization, role=role)
    StaffMemberFactory(
        organization=organization,
        user=user,
        last_name=user.last_name,
        first_name=user.first_name,
        middle_name=user.middle_name,
    )
    return user


__all__ = ["PASSWORD", "OrganizationFactory", "Role", "StaffMemberFactory", "UserFactory", "member"]
