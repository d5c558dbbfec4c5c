"""The rules of the banks and pairs, checked by ``manage.py check_invariants`` (core.invariants)."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse

from core.declension import by_gender
from core.invariants import Violation, invariant
from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    Pair,
    PairStatus,
)

# Pairs that hold their mentee: a mentee is in at most one of them.
TAKING_STATUSES = (PairStatus.AGREED, PairStatus.FIXED, PairStatus.ACTIVE)
# Pairs fixed by the director's order.
FIXED_STATUSES = (PairStatus.FIXED, PairStatus.ACTIVE)


# --- the banks and pairs -----------------------------------------------------------------------


def _taken(pair_field: str, statuses) -> QuerySet:
    return Pair.objects.filter(status__in=statuses, **{pair_field: OuterRef("staff")})


@invariant("Наставляемый состоит не более чем в одной действующей паре или группе.")
def one_working_pair_per_mentee(organizations):
    rows = (
        MenteeProfile.objects.filter(organization__in=organizations)
        .annotate(
            taking=Count(
                "staff__pairs_as_mentee",
                filter=Q(staff__pairs_as_mentee__status__in=TAKING_STATUSES),
                distinct=True,
            )
        )
        .filter(taking__gt=1)
        .select_related("staff")
    )
    for profile in rows:
        yield Violation(
            profile.organization_id,
            "one_working_pair_per_mentee",
            f"{profile.staff.full_name} состоит сразу в {profile.taking} действующих парах.",
            profile.staff.get_absolute_url(),
        )


@invariant("Наставляемый в закреплённой или работающей паре числится в банке «В паре/группе».")
def mentee_in_fixed_pair_is_in_pair(organizations):
    rows = (
        MenteeProfile.objects.filter(organization__in=organizations)
        .filter(Exists(_taken("mentees", FIXED_STATUSES)))
        .exclude(status=MenteeStatus.IN_PAIR)
        .select_related("staff")
    )
    for profile in rows:
        yield Violation(
            profile.organization_id,
            "mentee_in_fixed_pair_is_in_pair",
            f"{profile.staff.full_name} в закреплённой паре, а в банке наставляемых числится "
            f"«{profile.get_status_display()}».",
            profile.staff.get_absolute_url(),
        )


@invariant("Пара, закреплённая приказом, закреплена при всех согласиях её участников.")
def fixed_pair_has_consents(organizations):
    pairs = list(
        Pair.objects.filter(
            organization__in=organizations, status__in=FIXED_STATUSES, fixed_at__isnull=False
        ).prefetch_related("mentors", "mentees")
    )
    people = {s.pk for pair in pairs for s in [*pair.mentors.all(), *pair.mentees.all()]}
    consents: dict[tuple[int, str], list[Consent]] = {}
    for consent in Consent.objects.filter(staff_id__in=people).only(
        "staff_id", "kind", "pair_id", "given_at", "withdrawn_at"
    ):
        consents.setdefault((consent.staff_id, consent.kind), []).append(consent)
    for pair in pairs:

        def in_force(staff_id: int, kind: str, pair=pair) -> bool:
            return any(
                c.given_at <= pair.fixed_at
                and (c.withdrawn_at is None or c.withdrawn_at > pair.fixed_at)
                and (kind != ConsentKind.PAIR_DUTIES or c.pair_id == pair.pk)
                for c in consents.get((staff_id, kind), ())
            )

        participants = [(s, True) for s in pair.mentors.all()]
        participants += [(s, False) for s in pair.mentees.all()]
        for staff, is_mentor in participants:
            needed = [ConsentKind.PERSONAL_DATA, ConsentKind.PAIR_DUTIES]
            if is_mentor:
                needed.insert(1, ConsentKind.MENTOR_DUTIES)
            for kind in needed:
                if not in_force(staff.pk, kind):
                    yield Violation(
                        pair.organization_id,
                        "fixed_pair_has_consents",
                        f"{pair} закреплена без согласия «{ConsentKind(kind).label}» "
                        f"участника {staff.full_name}.",
                        reverse("mentoring:pair-detail", args=[pair.pk]),
                    )


@invariant("Свободных мест у наставника не бывает меньше нуля.")
def mentor_capacity_not_exceeded(organizations):
    rows = (
        MentorProfile.objects.filter(organization__in=organizations)
        .annotate(
            taken=Count(
                "staff__pairs_as_mentor__mentees",
                filter=Q(staff__pairs_as_mentor__status__in=TAKING_STATUSES),
                distinct=True,
            )
        )
        .filter(taken__gt=F("capacity"))
        .select_related("staff")
    )
    for profile in rows:
        yield Violation(
            profile.organization_id,
            "mentor_capacity_not_exceeded",
            f"У наставника {profile.staff.full_name} наставляемых {profile.taken}, "
            f"а мест {profile.capacity}.",
            profile.staff.get_absolute_url(),
        )


# --- people who left ---------------------------------------------------------------------------


@invariant("Уволенный сотрудник не состоит ни в одной незакрытой паре или группе.")
def nobody_who_left_is_in_a_working_pair(organizations):
    from mentoring.matching import OPEN_PAIR_STATUSES

    pairs = (
        Pair.objects.filter(organization__in=organizations, status__in=OPEN_PAIR_STATUSES)
        .filter(Q(mentors__left_on__isnull=False) | Q(mentees__left_on__isnull=False))
        .distinct()
        .prefetch_related("mentors", "mentees")
    )
    for pair in pairs:
        for staff in [*pair.mentors.all(), *pair.mentees.all()]:
            if staff.left_on is not None:
                yield Violation(
                    pair.organization_id,
                    "nobody_who_left_is_in_a_working_pair",
                    f"{staff.full_name} {by_gender(staff, 'уволен', 'уволена')} "
                    f"{staff.left_on:%d.%m.%Y}, а {pair} "
                    f"не закрыта (статус «{pair.get_status_display()}»).",
                    reverse("mentoring:pair-detail", args=[pair.pk]),
                )


@invariant("Уволенный сотрудник числится в банках только со статусом «Выбыл из банка».")
def nobody_who_left_is_in_a_bank(organizations):
    from mentoring.models import MentorStatus

    banks = (
        (MenteeProfile, MenteeStatus.LEFT, "наставляемых"),
        (MentorProfile, MentorStatus.LEFT, "наставников"),
    )
    for model, left, bank in banks:
        rows = (
            model.objects.filter(organization__in=organizations, staff__left_on__isnull=False)
            .exclude(status=left)
            .select_related("staff")
        )
        for profile in rows:
            yield Violation(
                profile.organization_id,
                "nobody_who_left_is_in_a_bank",
                f"{profile.staff.full_name} {by_gender(profile.staff, 'уволен', 'уволена')}, "
                f"а в банке {bank} числится "
                f"«{profile.get_status_display()}».",
                profile.staff.get_absolute_url(),
            )


@invariant("У уволенного сотрудника нет ролей в детском саду, из которого он уволился.")
def nobody_who_left_holds_a_role(organizations):
    from core.models import Role, RoleAssignment
    from mentoring.models import StaffMember

    roles = RoleAssignment.objects.filter(
        organization=OuterRef("organization"), user=OuterRef("user")
    )
    rows = StaffMember.objects.filter(
        organization__in=organizations, left_on__isnull=False, user__isnull=False
    ).filter(Exists(roles))
    for staff in rows:
        held = RoleAssignment.objects.filter(organization=staff.organization_id, user=staff.user_id)
        names = ", ".join(f"«{Role(r).label}»" for r in held.values_list("role", flat=True))
        yield Violation(
            staff.organization_id,
            "nobody_who_left_holds_a_role",
            f"{staff.full_name} {by_gender(staff, 'уволен', 'уволена')}, а роли остались: {names}.",
            staff.get_absolute_url(),
        )


# --- accounts ------------------------------------------------------------------------------------


@invariant("У одной учётной записи в организации не больше одной карточки сотрудника.")
def one_card_per_account(organizations):
    from mentoring.models import StaffMember

    rows = (
        StaffMember.objects.filter(organization__in=organizations, user__isnull=False)
        .values("organization_id", "user_id", "user__username")
        .annotate(cards=Count("pk"))
        .filter(cards__gt=1)
    )
    for row in rows:
        yield Violation(
            row["organization_id"],
            "one_card_per_account",
            f"Учётная запись {row['user__username']} связана с {row['cards']} карточками "
            "сотрудников.",
            reverse("mentoring:person", args=[row["user_id"]]),
        )


@invariant("У человека одна учётная запись: нет двух действующих записей с его почтой и фамилией.")
def one_account_per_person(organizations):
    from core.declension import plural
    from core.models import User
    from core.text import fold

    allowed = set(organizations.values_list("pk", flat=True))
    rows = (
        User.objects.filter(
            Q(role_assignments__organization__in=allowed)
            | Q(staff_records__organization__in=allowed),
            is_active=True,
        )
        .exclude(email="")
        .values_list(
            "pk",
            "email",
            "last_name",
            "role_assignments__organization_id",
            "staff_records__organization_id",
        )
    )
    accounts: dict[tuple, set[int]] = {}
    for pk, email, last_name, role_org, card_org in rows:
        for org_id in {role_org, card_org} & allowed:
            accounts.setdefault((org_id, email.casefold(), fold(last_name)), set()).add(pk)
    for (org_id, email, _name), found in accounts.items():
        if len(found) > 1:
            yield Violation(
                org_id,
                "one_account_per_person",
                f"У одного человека ({email}) {len(found)} "
                f"{plural(len(found), 'учётная запись', 'учётные записи', 'учётных записей')}: "
                "объедините их на странице человека.",
                reverse("mentoring:person", args=[min(found)]),
            )


# --- mentors from outside the staff and the forms of mentoring ----------------------------------


@invariant("Внешний наставник не бывает наставляемым: его нет в банке наставляемых и в парах.")
def external_mentor_is_never_a_mentee(organizations):
    from mentoring.models import StaffMember

    rows = StaffMember.objects.filter(
        Q(mentee_profile__isnull=False) | Q(pairs_as_mentee__isnull=False),
        organization__in=organizations,
        is_external=True,
    ).distinct()
    for staff in rows:
        yield Violation(
            staff.organization_id,
            "external_mentor_is_never_a_mentee",
            f"Внешний наставник {staff.full_name} числится наставляемым.",
            staff.get_absolute_url(),
        )


@invariant("У пары сетевой формы указана организация-партнёр, у других пар её нет.")
def network_pair_has_partner(organizations):
    from mentoring.models import MentoringForm, PairForm

    network = Exists(PairForm.objects.filter(pair=OuterRef("pk"), form=MentoringForm.NETWORK))
    rows = (
        Pair.objects.filter(organization__in=organizations)
        .annotate(network=network)
        .filter(Q(network=True, partner__isnull=True) | Q(network=False, partner__isnull=False))
    )
    for pair in rows:
        yield Violation(
            pair.organization_id,
            "network_pair_has_partner",
            f"Пара №{pair.pk}: "
            + (
                "сетевая форма без организации-партнёра."
                if pair.network
                else "партнёр без сетевой формы."
            ),
            reverse("mentoring:pair-detail", args=[pair.pk]),
        )
