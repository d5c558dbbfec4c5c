"""A person leaves the kindergarten: one service ends her part in everything, atomically.

``staff_leave`` (the curator or the director, from the staff card) records the date and the
reason as staff lists write them, and then, in one transaction:

1. higher apps end what runs through her (``leaving_effects``, filled from
   ``<app>/leaving_effects.py``: programs end a running program early and draft its order);
2. her other open pairs close through their life cycle (``pair_close``; its blockers hold);
3. her bank entries leave the banks («Выбыл из банка»);
4. her roles end through ``core.roles.role_revoke``;
5. her login is disabled and her sessions end (unless she still works in another organization).

Her personal data then follow the schedule of a withdrawn consent: ``anonymize_due`` erases them
``ANONYMIZE_AFTER`` (30 days) after the leaving date, signed orders excepted.
``leaving_plan`` says all of this beforehand, in Russian, for the confirmation page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.audit import log_action, register_actions, status_data
from core.declension import by_gender
from core.lifecycle import check_transition
from core.models import Role, RoleAssignment, User
from core.plugins import Registry, autodiscover
from core.roles import role_revoke, roles_of
from mentoring.anonymization import ANONYMIZE_AFTER, end_sessions
from mentoring.matching import OPEN_PAIR_STATUSES
from mentoring.models import (
    LeavingReason,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    StaffMember,
)
from mentoring.services import mentee_leave, pair_close

register_actions(
    {
        "staff.left": "{verb} {date} ({reason})",
        "staff.login_disabled": "Учётная запись {username} отключена: сотрудник уволен",
        "mentor.left": "[subject:Выбыл|Выбыла] из банка наставников: {reason}",
    }
)

# fn(*, staff, actor, reason) -> None, inside the leaving's transaction, before her pairs close.
leaving_effects = Registry("leaving_effects")
# fn(staff) -> list[Section]: what the app will do when she leaves, for the confirmation page.
leaving_previews = Registry("leaving_previews")

# Any bank status but «left» goes to «left» when the person leaves.
MENTOR_LEAVE_ALLOWED = {s: {MentorStatus.LEFT} for s in MentorStatus if s != MentorStatus.LEFT}


@dataclass(frozen=True)
class Section:
    """One heading of the confirmation page and its sentences."""

    title: str
    lines: list[str] = field(default_factory=list)
    # Pairs this section already says will close (a program's pair), not listed again.
    pair_ids: tuple[int, ...] = ()


def _discover() -> None:
    autodiscover("leaving_effects")


def without_left(queryset: QuerySet, path: str = "") -> QuerySet:
    """Leave out people who left; ``path`` leads to StaffMember like ``without_withdrawn``'s."""
    name = f"{path}__left_on__isnull" if path else "left_on__isnull"
    return queryset.filter(**{name: True})


def open_pairs_of(staff: StaffMember) -> QuerySet[Pair]:
    """The pairs and groups of this person that are not closed."""
    return (
        Pair.objects.filter(status__in=OPEN_PAIR_STATUSES)
        .filter(Q(mentors=staff) | Q(mentees=staff))
        .distinct()
        .prefetch_related("mentors", "mentees")
        .order_by("pk")
    )


def anonymized_on(staff: StaffMember) -> dt.date | None:
    """The day her data are erased: 30 days after the leaving date, as for a withdrawn consent."""
    return staff.left_on + ANONYMIZE_AFTER if staff.left_on else None


def left_label(staff: StaffMember) -> str:
    """«Уволена 15.01.2027 (по собственному желанию)», in the person's gender."""
    if not staff.left_on:
        return ""
    verb = by_gender(staff, "Уволен", "Уволена")
    return f"{verb} {staff.left_on:%d.%m.%Y} ({staff.get_leaving_reason_display()})"


# --- what will happen --------------------------------------------------------------------------


def _other_organizations(user: User, staff: StaffMember) -> list[str]:
    """Organizations where the same login still works (it is kept for them)."""
    names = set(
        RoleAssignment.objects.filter(user=user)
        .exclude(organization_id=staff.organization_id)
        .values_list("organization__short_name", flat=True)
    )
    names |= set(
        StaffMember.objects.filter(user=user, left_on__isnull=True, anonymized_at__isnull=True)
        .exclude(pk=staff.pk)
        .values_list("organization__short_name", flat=True)
    )
    return sorted(names)


def leaving_plan(staff: StaffMember) -> list[Section]:
    """Everything ``staff_leave`` will do to this person, in Russian, in the order it does it."""
    _discover()
    she = by_gender(staff, "он", "она")
    about_her = by_gender(staff, "нём", "ней")
    sections = [section for fn in leaving_previews for section in fn(staff)]
    pairs = [
        pair for pair in open_pairs_of(staff) if not any(pair.pk in s.pair_ids for s in sections)
    ]
    lines = []
    for pair in pairs:
        others = [p.short_name for p in pair.mentees.all() if p.pk != staff.pk]
        line = (
            f"{pair} ({pair.participants_line}, статус «{pair.get_status_display()}») "
            "будет закрыта."
        )
        if others:
            line += (
                " Наставляемые без другой пары вернутся в банк со статусом «Остался без пары: "
                f"поддержка и продолжение поиска»: {', '.join(others)}."
            )
        lines.append(line)
    if not lines and not sections:
        lines.append(f"В действующих парах и группах {she} не состоит.")
    if lines:
        sections.append(Section("Пары и группы", lines))

    banks = []
    mentee = MenteeProfile.objects.filter(staff=staff).exclude(status=MenteeStatus.LEFT).first()
    if mentee is not None:
        banks.append(
            f"Банк наставляемых: статус «{mentee.get_status_display()}» сменится на "
            f"«{MenteeStatus.LEFT.label}»."
        )
    mentor = MentorProfile.objects.filter(staff=staff).exclude(status=MentorStatus.LEFT).first()
    if mentor is not None:
        banks.append(
            f"Банк наставников: статус «{mentor.get_status_display()}» сменится на "
            f"«{MentorStatus.LEFT.label}»."
        )
    banks.append(
        f"{she.capitalize()} больше не появится в банках, среди кандидатов при подборе пар, "
        "в списке приглашений в систему, в рассылке анкет и в напоминаниях."
    )
    sections.append(Section("Банки наставляемых и наставников", banks))

    account = []
    user = staff.user
    if user is None:
        account.append("Учётной записи в системе нет.")
    else:
        roles = roles_of(user=user, organization=staff.organization)
        if roles:
            names = ", ".join(f"«{Role(a.role).label}»" for a in roles)
            account.append(f"Будут сняты роли в детском саду: {names}.")
        else:
            account.append("Ролей в детском саду нет.")
        elsewhere = _other_organizations(user, staff)
        if elsewhere:
            account.append(
                f"Учётная запись {user.username} останется: по ней {she} работает и в другой "
                f"организации ({', '.join(elsewhere)})."
            )
        else:
            account.append(
                f"Учётная запись {user.username} будет сразу отключена: войти {she} больше не "
                "сможет, открытые сеансы завершатся."
            )
    sections.append(Section("Учётная запись и роли", account))

    days = ANONYMIZE_AFTER.days
    sections.append(
        Section(
            "Персональные данные",
            [
                f"Данные хранятся {days} дней после даты увольнения, как после отзыва согласия "
                "на обработку персональных данных, и затем обезличиваются: ФИО, дата рождения, "
                f"почта и телефон заменяются на «Обезличено №{staff.pk}» во всех записях, "
                f"тексты о {about_her} стираются, "
                "загруженные файлы удаляются.",
                "Подписанные приказы остаются без изменений: это архивные документы детского сада.",
            ],
        )
    )
    return sections


# --- the service -------------------------------------------------------------------------------


def _validate(staff: StaffMember, *, left_on: dt.date, reason: str, actor: User) -> None:
    if staff.left_on is not None:
        raise ValidationError(
            f"{staff.full_name} уже {by_gender(staff, 'отмечен', 'отмечена')} как "
            f"{by_gender(staff, 'уволенный', 'уволенная')} {staff.left_on:%d.%m.%Y}.",
            code="already_left",
        )
    if staff.user_id is not None and staff.user_id == actor.pk:
        raise ValidationError(
            "Своё увольнение отметить нельзя: это делает руководитель или куратор.",
            code="self",
        )
    if reason not in LeavingReason.values:
        raise ValidationError(
            {"reason": "Выберите основание увольнения из списка."}, code="bad_reason"
        )
    if left_on > timezone.localdate():
        raise ValidationError(
            {
                "left_on": "Дата увольнения ещё не наступила. Отметьте увольнение в последний "
                "рабочий день сотрудника или позже."
            },
            code="future",
        )
    if staff.date_hired and left_on < staff.date_hired:
        raise ValidationError(
            {
                "left_on": f"Дата увольнения раньше даты приёма на работу "
                f"({staff.date_hired:%d.%m.%Y}). Проверьте дату."
            },
            code="before_hired",
        )


def mentor_leave(*, profile: MentorProfile, actor: User | None, reason: str) -> MentorProfile:
    """The mentor leaves the bank for good («Выбыл из банка»); one who left stays so."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.status == MentorStatus.LEFT:
            return profile
        old = profile.status
        check_transition(MENTOR_LEAVE_ALLOWED, old, MentorStatus.LEFT, labels=MentorStatus)
        profile.status = MentorStatus.LEFT
        profile.save(update_fields=["status", "updated_at"])
        log_action(
            profile,
            "mentor.status_changed",
            actor=actor,
            **status_data(old, MentorStatus.LEFT, MentorStatus),
        )
        log_action(profile, "mentor.left", actor=actor, reason=reason)
    return profile


@transaction.atomic
def staff_leave(*, staff: StaffMember, left_on: dt.date, reason: str, actor: User) -> StaffMember:
    """Mark a person as having left and end her part in pairs, programs, banks, roles, login."""
    _discover()
    staff = (
        StaffMember.objects.select_for_update(of=("self",)).select_related("user").get(pk=staff.pk)
    )
    _validate(staff, left_on=left_on, reason=reason, actor=actor)
    staff.left_on, staff.leaving_reason, staff.is_active = left_on, reason, False
    staff.save(update_fields=["left_on", "leaving_reason", "is_active"])
    reason_label = str(LeavingReason(reason).label)
    log_action(
        staff,
        "staff.left",
        actor=actor,
        verb=by_gender(staff, "Уволен", "Уволена"),
        date=f"{left_on:%d.%m.%Y}",
        reason=reason_label,
        left_on=left_on.isoformat(),
        leaving_reason=reason,
    )
    because = f"{by_gender(staff, 'уволен', 'уволена')} {left_on:%d.%m.%Y} ({reason_label})"
    who = f"{staff.short_name} {because}"

    for effect in leaving_effects:
        effect(staff=staff, actor=actor, reason=who)
    for pair in open_pairs_of(staff):
        pair_close(pair=pair, actor=actor, reason=f"участник уволился: {who}")
    still_open = open_pairs_of(staff).count()
    if still_open:  # a pair the table keeps open (a blocker raises before we get here)
        raise ValidationError(
            "Не удалось закрыть пары сотрудника. Закройте их на странице пары и повторите.",
            code="pairs_open",
        )

    for profile in MenteeProfile.objects.filter(staff=staff).exclude(status=MenteeStatus.LEFT):
        mentee_leave(profile=profile, actor=actor, reason=because)
    for profile in MentorProfile.objects.filter(staff=staff).exclude(status=MentorStatus.LEFT):
        mentor_leave(profile=profile, actor=actor, reason=because)

    user = staff.user
    if user is not None:
        for assignment in roles_of(user=user, organization=staff.organization):
            role_revoke(
                user=user,
                organization=staff.organization,
                role=assignment.role,
                actor=actor,
                basis_label=f"{because}",
            )
        if not _other_organizations(user, staff):
            _disable_login(user, staff=staff, actor=actor)
    return staff


def _disable_login(user: User, *, staff: StaffMember, actor: User) -> None:
    """The login stops working at once and her open sessions end (a rollback only logs her out)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_active:
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        log_action(staff, "staff.login_disabled", actor=actor, username=locked.username)
    end_sessions(locked)
