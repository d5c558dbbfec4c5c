"""Stages 2–5 of the roadmap from live data of the banks, consents and pairs."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.models import Organization, Role, RoleAssignment
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
from roadmap.models import NormativeDocument
from roadmap.stages import Check, shared

WORKING = (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE)


def _consent(kind):
    return Exists(
        Consent.objects.filter(staff=OuterRef("staff"), kind=kind, withdrawn_at__isnull=True)
    )


def _count_of(queryset) -> Coalesce:
    """The number of rows of a queryset correlated with the outer organization (``OuterRef``)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("organization").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def organization_facts(organization, cycle) -> dict:
    """Stage 1's and 4–5's yes/no and counts about the organization, in one query."""

    def build() -> dict:
        own = {"organization": OuterRef("pk")}
        return (
            Organization.objects.filter(pk=organization.pk)
            .annotate(
                has_curator=Exists(RoleAssignment.objects.filter(**own, role=Role.CURATOR)),
                documents=_count_of(NormativeDocument.objects.filter(**own)),
                sessions=_count_of(
                    TrainingSession.objects.filter(
                        **own, held_on__gte=cycle.starts_on, held_on__lte=cycle.ends_on
                    )
                ),
                open_pairs=_count_of(Pair.objects.filter(**own).exclude(status=PairStatus.CLOSED)),
            )
            .values("has_curator", "documents", "sessions", "open_pairs")
            .get()
        )

    return shared(("organization-facts", organization.pk, cycle.pk), build)


def _mentee_counts(organization, cycle) -> dict:
    """The bank of mentees for stages 2 and 5: sizes, consents, requests, pairs, in one query."""

    def build() -> dict:
        fixed = Pair.objects.filter(
            organization=organization,
            status__in=[PairStatus.FIXED, PairStatus.ACTIVE],
            mentees=OuterRef("staff"),
        )
        requests = Subquery(
            MenteeRequest.objects.filter(profile=OuterRef("pk"))
            .order_by()
            .values("profile")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        )
        return (
            MenteeProfile.objects.filter(
                organization=organization, staff__personal_data_withdrawn_at__isnull=True
            )
            .exclude(status=MenteeStatus.LEFT)
            .annotate(
                pd=_consent(ConsentKind.PERSONAL_DATA),
                is_fixed=Exists(fixed),
                n_requests=Coalesce(requests, 0),
            )
            .aggregate(
                total=Count("pk"),
                consented=Count("pk", filter=Q(pd=True)),
                fixed=Count("pk", filter=Q(is_fixed=True)),
                without=Count("pk", filter=Q(status=MenteeStatus.WITHOUT_PAIR)),
                requests=Coalesce(Sum("n_requests"), 0),
            )
        )

    return shared(("mentee-counts", organization.pk, cycle.pk), build)


def stage_two(organization, cycle) -> list[Check]:
    counts = _mentee_counts(organization, cycle)
    requests = counts["requests"]
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
    return shared(("mentor-counts", organization.pk), lambda: _count_mentors(organization))


def _count_mentors(organization) -> dict:
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
    sessions = organization_facts(organization, cycle)["sessions"]
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
    counts = _mentee_counts(organization, cycle)
    open_pairs = organization_facts(organization, cycle)["open_pairs"]
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
