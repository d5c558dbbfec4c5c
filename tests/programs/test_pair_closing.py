"""A pair whose approved program runs is not closed by hand (found by the stateful test)."""

import pytest
from django.core.exceptions import ValidationError

from mentoring.models import PairStatus
from mentoring.services.pairs import pair_transition
from programs.models import ProgramStatus
from tests.programs.factories import make_program


def test_closing_the_pair_of_a_running_program_is_refused_and_the_pair_keeps_working(pair):
    pair.status = PairStatus.ACTIVE
    pair.save()
    make_program(pair, status=ProgramStatus.IN_PROGRESS)
    with pytest.raises(ValidationError, match="идёт утверждённая программа"):
        pair_transition(pair=pair, target=PairStatus.CLOSED)
    pair.refresh_from_db()
    assert (pair.status, pair.closed_at) == (PairStatus.ACTIVE, None)


def test_the_pair_of_a_draft_program_may_still_be_closed(pair):
    make_program(pair, status=ProgramStatus.DRAFT)
    pair_transition(pair=pair, target=PairStatus.CLOSED)
    pair.refresh_from_db()
    assert pair.status == PairStatus.CLOSED
