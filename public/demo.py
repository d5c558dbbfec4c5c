"""The demo kindergarten's public section: a published case, the final event, signed local acts.

``publish_demo_case`` runs from ``seeding.seed_organizations`` (no orders are touched, so the
roadmap's stage-1 walk-through stays as it is). ``sign_local_acts`` signs the Положение on the
simple e-signature and the Положение on mentoring with the demo director's password, so the
«Документы» page shows local acts with their verification links; ``make demo`` calls it after
``seed_demo`` (see the report for the line to add).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.models import Organization, Role, RoleAssignment
from mentoring.models import Consent, ConsentKind
from programs.models import Case, ProgramStatus

logger = logging.getLogger(__name__)


def _user(organization: Organization, role: str):
    assignment = (
        RoleAssignment.objects.filter(organization=organization, role=role)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment else None


@transaction.atomic
def publish_demo_case(organization: Organization) -> Case | None:
    """Both participants consent to publication; the curator shows the case; the final event."""
    from mentoring.consents import consent_give
    from public.selectors.cases import visible_cases
    from public.selectors.cycle import current_cycle
    from public.services import case_show, final_event_save

    curator = _user(organization, Role.CURATOR)
    case = (
        Case.objects.filter(
            program__organization=organization, program__status=ProgramStatus.COMPLETED
        )
        .select_related("program__pair")
        .first()
    )
    if curator is None or case is None:
        return None
    pair = case.program.pair
    for staff in (*pair.mentors.all(), *pair.mentees.all()):
        if not Consent.objects.active().filter(staff=staff, kind=ConsentKind.PUBLICATION).exists():
            consent_give(staff=staff, kind=ConsentKind.PUBLICATION, recorded_by=curator)
    case = case_show(case=case, user=curator, show=True)
    if not visible_cases(organization.pk).filter(pk=case.pk).exists():
        return case
    from roadmap.selectors import current_cycle as make_cycle

    cycle = current_cycle(organization)
    if cycle.pk is None:
        cycle = make_cycle(organization)
    final_event_save(
        organization=organization,
        cycle=cycle,
        user=curator,
        data={
            "kind": "round_table",
            "title": "Лучшие практики наставничества в ДОУ",
            "held_on": timezone.localdate(),
            "format": "in_person",
            "participants_count": 18,
            "participant_roles": "наставники, наставляемые, члены методического совета",
            "summary": "Пары рассказали о результатах программ; круглый стол отобрал лучшую "
            "практику и пополнил методическую копилку детского сада.",
        },
        best_cases=[case],
    )
    return case


def sign_local_acts(organization: Organization, password: str | None = None) -> list:
    """Sign the e-signature regulation and the Положение on mentoring as the demo director."""
    from mentoring.seeding import DEMO_USERS
    from roadmap.models import Order, OrderKind, OrderStatus
    from roadmap.services import order_acknowledge, order_draft, order_send, order_sign

    password = password or next(u.password for u in DEMO_USERS if u.role == Role.DIRECTOR)
    director, curator = _user(organization, Role.DIRECTOR), _user(organization, Role.CURATOR)
    if director is None or curator is None:
        return []
    signed = []
    for kind in (OrderKind.ESIGN_REGULATION, OrderKind.APPROVE_REGULATION):
        if Order.objects.filter(
            organization=organization, kind=kind, status=OrderStatus.SIGNED
        ).exists():
            continue
        order = (
            Order.objects.filter(organization=organization, kind=kind)
            .exclude(status=OrderStatus.SIGNED)
            .first()
        ) or order_draft(organization=organization, kind=kind, author=curator)
        try:
            if order.status != OrderStatus.SENT:
                order = order_send(order=order, actor=curator)
            order = order_sign(order=order, signer=director, password=password, ip=None)
            if kind == OrderKind.ESIGN_REGULATION:
                order_acknowledge(order=order, user=director, ip=None)
        except ValidationError as error:
            logger.warning("Demo order %s not signed: %s", kind, " ".join(error.messages))
            break
        signed.append(order)
    return signed


def seed_demo(organization: Organization) -> None:
    """What ``make demo`` adds after ``seed_demo()``: the signed local acts (rerun-safe)."""
    publish_demo_case(organization)
    sign_local_acts(organization)
    seed_network(organization)


def seed_network(organization: Organization) -> None:
    """Partners, a signed cooperation agreement and joint events (after the local acts: the
    director has read the e-signature regulation by then)."""
    from mentoring.seeding import DEMO_USERS
    from roadmap.cooperation_demo import seed_cooperation_demo

    director, curator = _user(organization, Role.DIRECTOR), _user(organization, Role.CURATOR)
    if director is None or curator is None:
        return
    password = next(u.password for u in DEMO_USERS if u.role == Role.DIRECTOR)
    seed_cooperation_demo(organization, curator=curator, director=director, password=password)
