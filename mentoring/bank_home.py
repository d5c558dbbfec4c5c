"""Home cards of the banks, consents and pairs (called from mentoring/home_cards.py)."""

from django.db.models import Count, Q
from django.urls import reverse

from mentoring.access import MANAGING_ROLES
from mentoring.home import HomeCard
from mentoring.models import (
    ChangeRequest,
    ChangeRequestStatus,
    ConsentKind,
    MenteeProfile,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    Role,
)
from mentoring.selectors import own_staff_record


def bank_cards(request) -> list[HomeCard]:
    organization, roles = request.organization, request.roles
    cards: list[HomeCard] = []
    if roles & MANAGING_ROLES:
        mentees = MenteeProfile.objects.filter(
            organization=organization, staff__personal_data_withdrawn_at__isnull=True
        ).aggregate(
            total=Count("pk", filter=~Q(status=MenteeStatus.LEFT)),
            searching=Count(
                "pk", filter=Q(status__in=[MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR])
            ),
            without=Count("pk", filter=Q(status=MenteeStatus.WITHOUT_PAIR)),
        )
        text = f"В банке {mentees['total']} чел., ищут наставника {mentees['searching']}."
        if mentees["without"]:
            text += f" Без пары (нужна поддержка): {mentees['without']}."
        cards.append(
            HomeCard(
                "Банк наставляемых",
                text,
                reverse("mentoring:mentee-list"),
                "Открыть банк",
                count=mentees["searching"],
                tone="warning" if mentees["searching"] else "secondary",
                order=30,
            )
        )
        mentors = MentorProfile.objects.filter(
            organization=organization, staff__personal_data_withdrawn_at__isnull=True
        ).aggregate(
            total=Count("pk"),
            candidates=Count("pk", filter=Q(status=MentorStatus.CANDIDATE)),
            ready=Count("pk", filter=Q(status__in=[MentorStatus.SELECTED, MentorStatus.TRAINED])),
        )
        cards.append(
            HomeCard(
                "Банк наставников",
                f"В банке {mentors['total']} чел.: кандидатов {mentors['candidates']}, "
                f"отобраны или обучены и ждут приказа о назначении {mentors['ready']}.",
                reverse("mentoring:mentor-list"),
                "Открыть банк",
                count=mentors["total"],
                order=31,
            )
        )
        pairs = Pair.objects.filter(organization=organization).aggregate(
            proposed=Count("pk", filter=Q(status=PairStatus.PROPOSED)),
            agreed=Count("pk", filter=Q(status=PairStatus.AGREED)),
        )
        cards.append(
            HomeCard(
                "Пары и группы",
                f"Предложены и ждут согласования: {pairs['proposed']}; согласованы и ждут "
                f"приказа о закреплении: {pairs['agreed']}.",
                reverse("mentoring:pair-list"),
                "Открыть пары",
                count=pairs["proposed"] + pairs["agreed"],
                order=32,
            )
        )
    if roles & {Role.CURATOR, Role.DIRECTOR}:
        pending = ChangeRequest.objects.filter(
            organization=organization, status=ChangeRequestStatus.PENDING
        ).count()
        if pending:
            cards.append(
                HomeCard(
                    "Заявления участников",
                    f"Ждут решения: {pending} (замена наставника, сложение обязанностей).",
                    reverse("mentoring:change-request-list"),
                    "Рассмотреть",
                    count=pending,
                    tone="warning",
                    order=15,
                )
            )
    record = own_staff_record(user=request.user, organization=organization)
    if record is None or record.personal_data_withdrawn_at is not None:
        return cards
    if Role.MENTEE in roles:
        has_profile = MenteeProfile.objects.filter(staff=record).exists()
        cards.append(
            HomeCard(
                "Мои профессиональные запросы",
                "Запишите, с чем вам нужна помощь наставника: по запросам куратор подберёт "
                "наставника.",
                reverse("mentoring:my-mentee-profile"),
                "Изменить запросы" if has_profile else "Записать запросы",
                tone="secondary" if has_profile else "warning",
                order=20,
            )
        )
    if Role.MENTOR in roles:
        cards.append(
            HomeCard(
                "Анкета наставника",
                "Опыт, сильные стороны и навыки, хобби, мотивация, время в неделю и направления, "
                "в которых вы можете помочь.",
                reverse("mentoring:my-mentor-profile"),
                "Заполнить анкету",
                tone="warning"
                if not MentorProfile.objects.filter(staff=record).exists()
                else "secondary",
                order=21,
            )
        )
    if roles & {Role.MENTOR, Role.MENTEE}:
        has_pd = record.consents.filter(
            kind=ConsentKind.PERSONAL_DATA, withdrawn_at__isnull=True
        ).exists()
        cards.append(
            HomeCard(
                "Мои согласия",
                "Согласие на обработку персональных данных дано."
                if has_pd
                else "Нужно согласие на обработку персональных данных: без него вас не включат "
                "в пару.",
                reverse("mentoring:staff-consents", args=[record.pk]),
                "Открыть",
                tone="secondary" if has_pd else "warning",
                order=22,
            )
        )
        pair = (
            Pair.objects.filter(Q(mentors=record) | Q(mentees=record))
            .exclude(status=PairStatus.CLOSED)
            .order_by("-created_at")
            .first()
        )
        if pair is not None:
            cards.append(
                HomeCard(
                    "Моя пара",
                    f"{pair}: {pair.get_status_display().lower()}.",
                    reverse("mentoring:pair-detail", args=[pair.pk]),
                    "Открыть",
                    order=23,
                )
            )
    return cards
