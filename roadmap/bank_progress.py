"""Stages 2–5 of the roadmap from live data of the banks, consents and pairs."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from core.models import Role, RoleAssignment
from core.tally import Part, part
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
from roadmap.stages import Check, figures

WORKING = (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE)
TRAINED = (MentorStatus.TRAINED, MentorStatus.ACTIVE)


def _consent(kind):
    return Exists(
        Consent.objects.filter(staff=OuterRef("staff"), kind=kind, withdrawn_at__isnull=True)
    )


def parts(organization, cycle) -> list[Part]:
    """What stages 1–5 count about the organization's people (``roadmap.stages.figures``): the
    curator, the documents, the training sessions of the cycle, the open pairs, the banks of
    mentees and mentors by status and consent, and the mentees' requests."""
    own = {"organization": organization}
    mentees = MenteeProfile.objects.filter(
        **own, staff__personal_data_withdrawn_at__isnull=True
    ).exclude(status=MenteeStatus.LEFT)
    # A mentee is fixed when she is in a fixed or working pair: the few such pairs' mentees,
    # looked up once, not every pair each mentee was ever in.
    in_fixed_pair = Pair.mentees.through.objects.filter(
        pair__organization=organization, pair__status__in=[PairStatus.FIXED, PairStatus.ACTIVE]
    ).values("staffmember")
    mentors = MentorProfile.objects.filter(
        **own, staff__personal_data_withdrawn_at__isnull=True
    ).exclude(status__in=(MentorStatus.RELEASED, MentorStatus.LEFT))
    return [
        part("banks:curator", RoleAssignment.objects.filter(**own, role=Role.CURATOR)),
        part("banks:documents", NormativeDocument.objects.filter(**own)),
        part(
            "banks:sessions",
            TrainingSession.objects.filter(
                **own, held_on__gte=cycle.starts_on, held_on__lte=cycle.ends_on
            ),
        ),
        part("banks:open pairs", Pair.objects.filter(**own).exclude(status=PairStatus.CLOSED)),
        part(
            "banks:mentees",
            mentees,
            group="status",
            consented=_consent(ConsentKind.PERSONAL_DATA),
            fixed=Q(staff__in=in_fixed_pair),
        ),
        part("banks:requests", MenteeRequest.objects.filter(profile__in=mentees.values("pk"))),
        part(
            "banks:mentors",
            mentors,
            group="status",
            consented=_consent(ConsentKind.PERSONAL_DATA),
            duties=_consent(ConsentKind.MENTOR_DUTIES),
            filled=~Q(motivation="") & ~Q(strengths=""),
        ),
    ]


def organization_facts(organization, cycle) -> dict:
    """Stage 1's and 4–5's yes/no and counts about the organization."""
    found = figures(organization, cycle)
    return {
        "has_curator": found.count("banks:curator") > 0,
        "documents": found.count("banks:documents"),
        "sessions": found.count("banks:sessions"),
        "open_pairs": found.count("banks:open pairs"),
    }


def _mentee_counts(organization, cycle) -> dict:
    """The bank of mentees for stages 2 and 5: sizes, consents, requests, pairs."""
    found = figures(organization, cycle)
    return {
        "total": found.count("banks:mentees"),
        "consented": found.count("banks:mentees", consented=True),
        "fixed": found.count("banks:mentees", fixed=True),
        "without": found.count("banks:mentees", group=MenteeStatus.WITHOUT_PAIR),
        "requests": found.count("banks:requests"),
    }


def _mentor_counts(organization, cycle) -> dict:
    """The bank of mentors for stages 3 and 4: sizes, questionnaires, statuses, consents."""
    found = figures(organization, cycle)
    return {
        "total": found.count("banks:mentors"),
        "consented": found.count("banks:mentors", consented=True),
        "filled": found.count("banks:mentors", filled=True),
        "working": found.count("banks:mentors", group=WORKING),
        "trained": found.count("banks:mentors", group=TRAINED),
        "active": found.count("banks:mentors", group=MentorStatus.ACTIVE),
        "working_duties": found.count("banks:mentors", group=WORKING, duties=True),
    }


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


def stage_three(organization, cycle) -> list[Check]:
    c = _mentor_counts(organization, cycle)
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
    c = _mentor_counts(organization, cycle)
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
