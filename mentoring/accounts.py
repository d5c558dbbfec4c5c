"""One account per person: find the account she already has, link it to her card, merge two.

A person has one login for every organization she works in, and at most one staff card per
organization points to it (``staff_unique_user_per_org``). Invitations, slips and the staff
import look for her account here before creating another; the director or the kindergarten's
admin links an account made earlier to its card, or merges two accounts of one person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from core.audit import log_action, register_actions
from core.models import Organization, RoleAssignment, User
from core.roles import role_grant, role_revoke
from core.text import fold
from mentoring.models import StaffMember

register_actions(
    {
        "account.linked": "Учётная запись {username} связана с карточкой сотрудника {staff}",
        "account.merged_into": "Учётная запись объединена с {username} и отключена: "
        "перенесено — {moved}",
        "account.merged_from": "Присоединена учётная запись {username}: перенесено — {moved}",
    }
)


def _same_name(user: User, staff: StaffMember) -> bool:
    """An account without a name fits anyone; one with a name must be hers (a shared e-mail of
    the kindergarten must not join two teachers into one login)."""
    if not user.last_name:
        return True
    return fold(user.last_name) == fold(staff.last_name) and (
        not user.first_name or fold(user.first_name) == fold(staff.first_name)
    )


def _accounts_with_a_card(organization: Organization, *, but: StaffMember | None = None):
    cards = StaffMember.objects.filter(organization=organization, user__isnull=False)
    if but is not None:
        cards = cards.exclude(pk=but.pk)
    return cards.values("user_id")


def existing_account(*, staff: StaffMember) -> User | None:
    """The account this person already has: her e-mail (as the address or the login) and her
    name, not linked to another card of the organization; members of it come first."""
    if not staff.email:
        return None
    members = RoleAssignment.objects.filter(user=OuterRef("pk"), organization=staff.organization)
    candidates = (
        User.objects.filter(Q(email__iexact=staff.email) | Q(username__iexact=staff.email))
        .filter(is_active=True)
        .exclude(pk__in=_accounts_with_a_card(staff.organization, but=staff))
        .annotate(is_member=Exists(members))
        .order_by("-is_member", "pk")
    )
    return next((user for user in candidates if _same_name(user, staff)), None)


@transaction.atomic
def account_link(*, staff: StaffMember, user: User, actor: User | None) -> StaffMember:
    """Link an account to a card that has none; raises ValidationError in Russian."""
    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    if staff.user_id == user.pk:
        return staff
    if staff.user_id is not None:
        raise ValidationError(
            f"Карточка {staff.full_name} уже связана с учётной записью {staff.user.username}. "
            "Если у человека две учётные записи, объедините их на странице человека.",
            code="card_has_account",
        )
    other = (
        StaffMember.objects.filter(organization=staff.organization, user=user)
        .exclude(pk=staff.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            f"Учётная запись {user.username} уже связана с карточкой {other.full_name}: "
            "у одной учётной записи в организации может быть только одна карточка.",
            code="account_has_card",
        )
    staff.user = user
    staff.save(update_fields=["user"])
    for obj in (staff, user):
        log_action(
            obj,
            "account.linked",
            actor=actor,
            organization=staff.organization,
            username=user.username,
            staff=staff.full_name,
        )
    return staff


def link_existing_account(*, staff: StaffMember, actor: User | None = None) -> User | None:
    """Link the account she already has to a card without one; returns it, or None."""
    if staff.user_id is not None:
        return staff.user
    user = existing_account(staff=staff)
    if user is None:
        return None
    account_link(staff=staff, user=user, actor=actor)
    staff.user = user
    return user


def link_candidates(*, staff: StaffMember) -> list[User]:
    """Accounts that may be this card's: members of the organization without a card here, and
    the account her e-mail finds; the likeliest first."""
    found = existing_account(staff=staff)
    members = (
        User.objects.filter(role_assignments__organization=staff.organization, is_active=True)
        .exclude(pk__in=_accounts_with_a_card(staff.organization))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    result = [found] if found is not None else []
    result.extend(user for user in members if user not in result)
    return result


# --- merging two accounts of one person ----------------------------------------------------
@dataclass
class MergePlan:
    """What merging ``drop`` into ``keep`` moves, and what stops it."""

    keep: User
    drop: User
    roles: list[RoleAssignment] = field(default_factory=list)
    cards: list[StaffMember] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def moved_text(self) -> str:
        parts = [f"роль «{a.get_role_display()}»" for a in self.roles]
        parts += [f"карточка сотрудника {card.full_name}" for card in self.cards]
        return ", ".join(parts) or "ничего"


def accounts_merge_plan(
    *, keep: User, drop: User, organization: Organization, actor: User | None = None
) -> MergePlan:
    """What moves from ``drop`` to ``keep``: its roles and staff card in the organization."""
    plan = MergePlan(keep=keep, drop=drop)
    if keep.pk == drop.pk:
        plan.problems.append("Выберите другую учётную запись: нельзя объединить запись с собой.")
        return plan
    if actor is not None and drop.pk == actor.pk:
        plan.problems.append(
            "Свою учётную запись отключить нельзя: оставьте её, а присоедините другую."
        )
    plan.roles = list(RoleAssignment.objects.filter(user=drop, organization=organization))
    plan.cards = list(StaffMember.objects.filter(user=drop, organization=organization))
    elsewhere = (
        RoleAssignment.objects.filter(user=drop).exclude(organization=organization).exists()
        or StaffMember.objects.filter(user=drop).exclude(organization=organization).exists()
    )
    if elsewhere:
        plan.problems.append(
            f"Учётная запись {drop.username} работает и в другой организации: объединить её "
            "может только администратор платформы."
        )
    if plan.cards and StaffMember.objects.filter(user=keep, organization=organization).exists():
        plan.problems.append(
            "У обеих учётных записей есть карточки сотрудника. Если это один человек, "
            "оставьте одну карточку: отметьте вторую как «не работает» и уберите из неё "
            "учётную запись."
        )
    if not drop.is_active:
        plan.problems.append(f"Учётная запись {drop.username} уже отключена.")
    return plan


def _basis(assignment: RoleAssignment):
    if assignment.basis_type_id is None or assignment.basis_id is None:
        return None
    model = ContentType.objects.get_for_id(assignment.basis_type_id).model_class()
    return model._default_manager.filter(pk=assignment.basis_id).first() if model else None


@transaction.atomic
def accounts_merge(*, keep: User, drop: User, organization: Organization, actor: User) -> MergePlan:
    """Move ``drop``'s roles and card to ``keep`` and disable ``drop``; its audit stays with it."""
    keep = User.objects.select_for_update().get(pk=keep.pk)
    drop = User.objects.select_for_update().get(pk=drop.pk)
    plan = accounts_merge_plan(keep=keep, drop=drop, organization=organization, actor=actor)
    if plan.problems:
        raise ValidationError(plan.problems, code="cannot_merge")
    for assignment in plan.roles:
        role_grant(
            user=keep,
            organization=organization,
            role=assignment.role,
            actor=actor,
            basis=_basis(assignment),
            basis_label=assignment.basis_label,
        )
        role_revoke(
            user=drop,
            organization=organization,
            role=assignment.role,
            actor=actor,
            basis_label=f"перенесена на учётную запись {keep.username}",
        )
    for card in plan.cards:
        card.user = keep
        card.save(update_fields=["user"])
    if not keep.email and drop.email:
        keep.email = drop.email
        keep.save(update_fields=["email"])
    drop.is_active = False
    drop.set_unusable_password()
    drop.save(update_fields=["is_active", "password"])
    moved = plan.moved_text
    log_action(
        drop,
        "account.merged_into",
        actor=actor,
        organization=organization,
        username=keep.username,
        moved=moved,
    )
    log_action(
        keep,
        "account.merged_from",
        actor=actor,
        organization=organization,
        username=drop.username,
        moved=moved,
    )
    return plan


def organization_accounts(*, organization: Organization):
    """Accounts of the organization: those holding a role in it or linked to one of its cards."""
    return User.objects.filter(
        Q(role_assignments__organization=organization) | Q(staff_records__organization=organization)
    ).distinct()
