"""What a withdrawn consent takes down in programs (found by mentoring's discovery)."""

from mentoring.consents import on_withdrawal
from mentoring.models import Consent, ConsentKind
from programs.models import Case


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
