"""Drafts of the director's orders about the banks and pairs, through ``order_draft``.

The programs' orders are drafted the same way in ``programs/orders.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.models import Organization, User
from mentoring import selectors, services
from mentoring.models import PairStatus
from roadmap.models import Order, OrderKind
from roadmap.services import order_draft


def mentors_order_draft(*, organization: Organization, author: User) -> tuple[Order, list[str]]:
    """«О назначении наставников» for the selected or trained mentors with every consent.

    Returns the draft and the Russian notes on the mentors left out; raises ValidationError
    when nobody can be appointed.
    """
    ready, left_out = selectors.mentors_for_appointment(organization=organization)
    if not ready:
        raise ValidationError(
            [
                ValidationError(
                    "Некого назначать: нет отобранных или обученных наставников "
                    "со всеми согласиями.",
                    code="no_mentors_ready",
                ),
                *(ValidationError(text, code="left_out") for text in left_out),
            ]
        )
    order = order_draft(
        organization=organization,
        kind=OrderKind.APPOINT_MENTORS,
        author=author,
        subjects=ready,
        people=[profile.staff for profile in ready],
    )
    return order, list(left_out)


def pairs_order_draft(*, organization: Organization, author: User) -> Order:
    """«О закреплении наставнических пар/групп» for every agreed pair with all consents."""
    pairs = list(selectors.pairs_list(organization=organization, status=PairStatus.AGREED))
    if not pairs:
        raise ValidationError(
            "Нет согласованных пар: сначала согласуйте пары.", code="no_agreed_pairs"
        )
    problems = services.pairs_fix_problems(pairs)
    if problems:
        raise ValidationError(
            "Приказ подготовить нельзя, не хватает согласий. " + " ".join(problems),
            code="consents_missing",
        )
    people = {s.pk: s for p in pairs for s in [*p.mentors.all(), *p.mentees.all()]}
    return order_draft(
        organization=organization,
        kind=OrderKind.FIX_PAIRS,
        author=author,
        subjects=pairs,
        people=list(people.values()),
    )
