"""Home cards of the banks, consents and pairs (listed in mentoring/home_cards.py)."""

from django.urls import reverse

from core.home import HomeCard, HomeContext, per_request
from core.models import Role
from mentoring.home_counts import manager_counts
from mentoring.models import (
    ChangeRequest,
    ChangeRequestStatus,
    ConsentKind,
    MenteeProfile,
    MentorProfile,
    Pair,
    PairStatus,
    StaffMember,
)


# --- for the managers: the banks, the pairs and the participants' requests --------------------
def mentee_bank(home: HomeContext) -> HomeCard | None:
    if not home.is_managing:
        return None
    c = manager_counts(home)
    mentees = {
        "total": c["mentees_total"],
        "searching": c["mentees_searching"],
        "without": c["mentees_without"],
    }
    text = f"В банке {mentees['total']} чел., ищут наставника {mentees['searching']}."
    if mentees["without"]:
        text += f" Без пары (нужна поддержка): {mentees['without']}."
    return HomeCard(
        "Банк наставляемых",
        text,
        reverse("mentoring:mentee-list"),
        "Банк наставляемых",
        count=mentees["searching"],
        tone="warning" if mentees["searching"] else "secondary",
        order=30,
    )


def mentor_bank(home: HomeContext) -> HomeCard | None:
    if not home.is_managing:
        return None
    c = manager_counts(home)
    mentors = {
        "total": c["mentors_total"],
        "candidates": c["mentors_candidates"],
        "ready": c["mentors_ready"],
    }
    return HomeCard(
        "Банк наставников",
        f"В банке {mentors['total']} чел.: кандидатов {mentors['candidates']}, "
        f"отобраны или обучены и ждут приказа о назначении {mentors['ready']}.",
        reverse("mentoring:mentor-list"),
        "Банк наставников",
        count=mentors["total"],
        order=31,
    )


def pairs_to_fix(home: HomeContext) -> HomeCard | None:
    if not home.is_managing:
        return None
    c = manager_counts(home)
    pairs = {"proposed": c["pairs_proposed"], "agreed": c["pairs_agreed"]}
    return HomeCard(
        "Пары и группы",
        f"Предложены и ждут согласования: {pairs['proposed']}; согласованы и ждут "
        f"приказа о закреплении: {pairs['agreed']}.",
        reverse("mentoring:pair-list"),
        "Открыть пары",
        count=pairs["proposed"] + pairs["agreed"],
        order=32,
    )


def change_requests(home: HomeContext) -> HomeCard | None:
    if not home.has(Role.CURATOR, Role.DIRECTOR):
        return None
    pending = manager_counts(home)["requests_pending"]
    if not pending:
        return None
    return HomeCard(
        "Заявления участников",
        f"Ждут решения: {pending} (замена наставника, сложение обязанностей).",
        reverse("mentoring:change-request-list"),
        "Рассмотреть",
        count=pending,
        tone="warning",
        order=15,
    )


# --- for the participants: their own entry, consents and pair ---------------------------------
@per_request
def participant_record(home: HomeContext) -> StaffMember | None:
    """The user's staff card unless they withdrew consent to keep their personal data."""
    if not home.has(Role.MENTOR, Role.MENTEE):
        return None
    record = home.staff_record
    if record is None or record.personal_data_withdrawn_at is not None:
        return None
    return record


def my_requests(home: HomeContext) -> HomeCard | None:
    record = participant_record(home)
    if record is None or not home.has(Role.MENTEE):
        return None
    has_profile = MenteeProfile.objects.filter(staff=record).exists()
    return HomeCard(
        "Мои профессиональные запросы",
        "Запишите, с чем вам нужна помощь наставника: по запросам куратор подберёт наставника.",
        reverse("mentoring:my-mentee-profile"),
        "Изменить запросы" if has_profile else "Записать запросы",
        tone="secondary" if has_profile else "warning",
        order=20,
    )


def my_mentor_questionnaire(home: HomeContext) -> HomeCard | None:
    record = participant_record(home)
    if record is None or not home.has(Role.MENTOR):
        return None
    has_profile = MentorProfile.objects.filter(staff=record).exists()
    return HomeCard(
        "Анкета наставника",
        "Опыт, сильные стороны и навыки, хобби, мотивация, время в неделю и направления, "
        "в которых вы можете помочь.",
        reverse("mentoring:my-mentor-profile"),
        "Изменить анкету" if has_profile else "Заполнить анкету",
        tone="secondary" if has_profile else "warning",
        order=21,
    )


def my_consents(home: HomeContext) -> HomeCard | None:
    record = participant_record(home)
    if record is None:
        return None
    has_pd = record.consents.filter(
        kind=ConsentKind.PERSONAL_DATA, withdrawn_at__isnull=True
    ).exists()
    return HomeCard(
        "Мои согласия",
        "Согласие на обработку персональных данных дано."
        if has_pd
        else "Нужно согласие на обработку персональных данных: без него вас не включат в пару.",
        reverse("mentoring:staff-consents", args=[record.pk]),
        "Мои согласия",
        tone="secondary" if has_pd else "warning",
        order=22,
    )


def my_pair(home: HomeContext) -> HomeCard | None:
    record = participant_record(home)
    if record is None:
        return None
    # Her pairs through the two link tables' indexes, not a join of both to every pair: a
    # mentor of many years was in hundreds.
    mine = (
        Pair.mentors.through.objects.filter(staffmember=record)
        .values("pair")
        .union(Pair.mentees.through.objects.filter(staffmember=record).values("pair"))
    )
    pair = (
        Pair.objects.filter(pk__in=mine)
        .exclude(status=PairStatus.CLOSED)
        .order_by("-created_at")
        .first()
    )
    if pair is None:
        return None
    return HomeCard(
        "Моя пара",
        f"{pair}: {pair.get_status_display().lower()}.",
        reverse("mentoring:pair-detail", args=[pair.pk]),
        "Открыть мою пару",
        order=23,
    )


def my_change_request(home: HomeContext) -> HomeCard | None:
    """The status of the participant's latest request: to be released, or for another mentor."""
    record = participant_record(home)
    if record is None:
        return None
    request = ChangeRequest.objects.filter(author=record).order_by("-created_at").first()
    if request is None:
        return None
    text = f"Подано {request.created_at:%d.%m.%Y}. Решение: {request.get_status_display().lower()}"
    if request.decided_at:
        text += f" ({request.decided_at:%d.%m.%Y})"
    text += f": {request.decision_comment}." if request.decision_comment else "."
    pending = request.status == ChangeRequestStatus.PENDING
    return HomeCard(
        request.get_kind_display(),
        text,
        tone="warning" if pending else "secondary",
        order=24,
    )


CARDS = (
    mentee_bank,
    mentor_bank,
    pairs_to_fix,
    change_requests,
    my_requests,
    my_mentor_questionnaire,
    my_consents,
    my_pair,
    my_change_request,
)
