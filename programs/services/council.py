"""Attaching a decision of the methodical council to a program."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import log_action, register_actions
from core.models import User
from programs.models import Program, ProgramCouncilDecision
from roadmap.models import CouncilDecision

register_actions(
    {"program.council_decision_linked": "Привязано решение методического совета: {decision}"}
)


@transaction.atomic
def program_council_decision_link(
    *, program: Program, decision: CouncilDecision, actor: User
) -> ProgramCouncilDecision:
    """Attach a decision of a signed protocol of the program's organization; once per program."""
    meeting = decision.meeting
    if meeting.organization_id != program.organization_id:
        raise ValidationError(
            "Можно привязать только решение совета своей организации.", code="foreign_decision"
        )
    if not meeting.is_signed:
        raise ValidationError(
            "Привязать можно только решение из подписанного протокола.", code="not_signed"
        )
    if ProgramCouncilDecision.objects.filter(program=program, decision=decision).exists():
        raise ValidationError("Это решение уже привязано к программе.", code="already_linked")
    link = ProgramCouncilDecision.objects.create(
        program=program, decision=decision, linked_by=actor
    )
    label = f"протокол № {meeting.number} от {meeting.held_on:%d.%m.%Y}, п. {decision.position}"
    log_action(program, "program.council_decision_linked", actor=actor, decision=label)
    return link
