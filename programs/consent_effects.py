"""What a withdrawn consent takes down in programs (found by mentoring's discovery)."""

from django.db.models import Q

from mentoring import services as bank
from mentoring.consents import on_withdrawal
from mentoring.invariants import TAKING_STATUSES
from mentoring.models import Consent, ConsentKind, Pair
from programs import orders, services
from programs.models import Case, Program, ProgramStatus

RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)


@on_withdrawal
def end_the_work_of_a_withdrawn_person(consent: Consent) -> None:
    """Without consent to processing a person leaves her pairs: programs end early, pairs close."""
    if consent.kind != ConsentKind.PERSONAL_DATA:
        return
    staff_id = consent.staff_id
    pairs = (
        Pair.objects.filter(status__in=TAKING_STATUSES)
        .filter(Q(mentors=staff_id) | Q(mentees=staff_id))
        .distinct()
    )
    for pair in pairs:
        program = Program.objects.filter(pair=pair, status__in=RUNNING).first()
        if program is not None:
            ended = services.program_end_on_withdrawal(program=program, actor=consent.withdrawn_by)
            orders.draft_withdrawal_order(program=ended, actor=consent.withdrawn_by)
        else:
            bank.pair_close(pair=pair, actor=consent.withdrawn_by, reason="consent_withdrawn")


@on_withdrawal
def unpublish_cases(consent: Consent) -> None:
    """Without consent to publication (or to processing at all) the person's cases go down."""
    if consent.kind not in (ConsentKind.PUBLICATION, ConsentKind.PERSONAL_DATA):
        return
    staff_id = consent.staff_id
    published = Case.objects.filter(is_published=True)
    cases = [
        *published.filter(program__pair__mentors=staff_id),
        *published.filter(program__pair__mentees=staff_id),
    ]
    for case in cases:  # one by one, so each unpublishing is in the case's history
        case.is_published = False
        case.save(update_fields=["is_published", "updated_at"])
