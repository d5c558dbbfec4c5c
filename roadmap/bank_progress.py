"""Stages 2–5 of the roadmap from live data of the banks, consents and pairs."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeProfile,
    MenteeRequest,
    MenteeStatus,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    TrainingSession,
)
from roadmap.stages import Check

WORKING = (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE)


def _consent(kind):
    return Exists(
        Consent.objects.filter(staff=OuterRef("staff"), kind=kind, withdrawn_at__isnull=True)
    )


def stage_two(organization, cycle) -> list[Check]:
    bank = MenteeProfile.objects.filter(
        organization=organization, staff__personal_data_withdrawn_at__isnull=True
    ).exclude(status=MenteeStatus.LEFT)
    counts = bank.annotate(pd=_consent(ConsentKind.PERSONAL_DATA)).aggregate(
        total=Count("pk"), consented=Count("pk", filter=Q(pd=True))
    )
    requests = MenteeRequest.objects.filter(profile__in=bank).count()
    url = reverse("mentoring:mentee-list")
    return [
        Check(
            "Собраны профессиональные запросы педагогов",
            counts["total"] > 0 and requests > 0,
            f"в банке наставляемых {counts['total']} чел., запросов {requests}",
            url,
        ),
        Check(
            "Получены согласия наставляемых на обработку персональных данных",
            counts["total"] > 0 and counts["consented"] == counts["total"],
            f"согласия есть у {counts['consented']} из {counts['total']}",
            url,
        ),
    ]


def _mentor_counts(organization):
    return (
        MentorProfile.objects.filter(
            organization=organization, staff__personal_data_withdrawn_at__isnull=True
        )
        .exclude(status__in=(MentorStatus.RELEASED, MentorStatus.LEFT))
        .annotate(
            pd=_consent(ConsentKind.PERSONAL_DATA), duties=_consent(ConsentKind.MENTOR_DUTIES)
        )
        .aggregate(
            total=Count("pk"),
            consented=Count("pk", filter=Q(pd=True)),
            filled=Count("pk", filter=~Q(motivation="") & ~Q(strengths="")),
            working=Count("pk", filter=Q(status__in=WORKING)),
            trained=Count("pk", filter=Q(status__in=[MentorStatus.TRAINED, MentorStatus.ACTIVE])),
            active=Count("pk", filter=Q(status=MentorStatus.ACTIVE)),
            working_duties=Count("pk", filter=Q(status__in=WORKING, duties=True)),
        )
    )


def stage_three(organization, cycle) -> list[Check]:
    c = _mentor_counts(organization)
    url = reverse("mentoring:mentor-list")
    return [
        Check(
            "Сформирован банк наставников",
            c["total"] > 0,
            f"в банке {c['total']} чел., анкеты заполнены у {c['filled']}",
            url,
        ),
        Check(
            "Получены согласия наставников на обработку персональных данных",
            c["total"] > 0 and c["consented"] == c["total"],
            f"согласия есть у {c['consented']} из {c['total']}",
            url,
        ),
    ]


def stage_four(organization, cycle) -> list[Check]:
    c = _mentor_counts(organization)
    sessions = TrainingSession.objects.filter(
        organization=organization, held_on__gte=cycle.starts_on, held_on__lte=cycle.ends_on
    ).count()
    url = reverse("mentoring:mentor-list")
    return [
        Check(
            "Отобраны наставники под запросы наставляемых",
            c["working"] > 0,
            f"отобрано {c['working']}",
            url,
        ),
        Check(
            "Проведены установочные сессии",
            sessions > 0 and c["trained"] > 0,
            f"сессий {sessions}, обучено наставников {c['trained']}",
            reverse("mentoring:training-list"),
        ),
        Check(
            "Получены письменные согласия наставников на выполнение обязанностей",
            c["working"] > 0 and c["working_duties"] == c["working"],
            f"согласия есть у {c['working_duties']} из {c['working']}",
            url,
        ),
        Check(
            "Наставники назначены приказом",
            c["working"] > 0 and c["active"] == c["working"],
            f"назначено {c['active']} из {c['working']}",
            url,
        ),
    ]


def stage_five(organization, cycle) -> list[Check]:
    bank = MenteeProfile.objects.filter(
        organization=organization, staff__personal_data_withdrawn_at__isnull=True
    ).exclude(status=MenteeStatus.LEFT)
    fixed = Pair.objects.filter(
        organization=organization, status__in=[PairStatus.FIXED, PairStatus.ACTIVE]
    )
    counts = {
        "total": bank.count(),
        "fixed": bank.filter(Exists(fixed.filter(mentees=OuterRef("staff")))).count(),
        "without": bank.filter(status=MenteeStatus.WITHOUT_PAIR).count(),
    }
    open_pairs = (
        Pair.objects.filter(organization=organization).exclude(status=PairStatus.CLOSED).count()
    )
    return [
        Check(
            "Сформированы наставнические пары/группы",
            open_pairs > 0,
            f"пар и групп: {open_pairs}",
            reverse("mentoring:pair-list"),
        ),
        Check(
            "Пары/группы закреплены приказом руководителя",
            counts["total"] > 0 and counts["fixed"] == counts["total"],
            f"закреплены у {counts['fixed']} из {counts['total']} наставляемых",
            reverse("mentoring:pair-list"),
        ),
        Check(
            "Наставляемым без пары оказана поддержка, поиск продолжается",
            counts["without"] == 0,
            f"без пары: {counts['without']}",
            reverse("mentoring:matching-proposal"),
        ),
    ]
