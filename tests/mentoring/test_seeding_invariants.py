"""The demo and the seeded region pass ``manage.py check_invariants``."""

import pytest
from django.core.management import call_command

from core.invariants import find_violations
from mentoring.models import MenteeProfile, MenteeStatus, Pair, PairStatus
from mentoring.seeding import seed_demo
from mentoring.seeding_pairs import PairPlan, seed_pairs
from programs.models import Program, ProgramStatus
from roadmap.models import Order, OrderFile, OrderKind, OrderStatus

pytestmark = pytest.mark.django_db


def _check(capsys) -> str:
    call_command("check_invariants")  # raises CommandError on any violation
    return capsys.readouterr().out


def test_the_demo_passes_check_invariants_also_when_seeded_twice(capsys):
    seed_demo()
    assert "Нарушений нет." in _check(capsys)
    seed_demo()
    assert "Нарушений нет." in _check(capsys)


def test_the_demo_approval_order_is_signed_with_a_real_pdf_and_cited_by_its_programs():
    seed_demo()
    order = Order.objects.get(kind=OrderKind.APPROVE_PROGRAMS)
    assert order.status == OrderStatus.SIGNED
    assert bytes(OrderFile.objects.get(order=order).content).startswith(b"%PDF")
    cited = set(
        Program.objects.exclude(approval_order_number="").values_list(
            "approval_order_number", flat=True
        )
    )
    assert cited == {order.number_text}


def test_the_demo_completed_program_has_closed_its_pair():
    seed_demo()
    program = Program.objects.get(status=ProgramStatus.COMPLETED)
    assert program.pair.status == PairStatus.CLOSED
    assert program.pair.closed_at is not None


def test_a_seeded_region_of_three_passes_check_invariants_with_the_big_org_mostly_history(
    capsys,
):
    call_command("seed_region", orgs=3)
    assert "Нарушений нет." in _check(capsys)
    programs = Program.objects.filter(organization__slug="region-0001")
    assert programs.count() == 5001  # the benchmark still measures 5,000 programs and one more
    completed = programs.filter(status=ProgramStatus.COMPLETED)
    assert completed.count() > 4900
    assert not completed.exclude(pair__status=PairStatus.CLOSED).exists()


def test_seeded_pairs_refuse_a_mentee_already_in_a_working_pair():
    seed_demo()
    pair = Pair.objects.filter(status=PairStatus.ACTIVE).first()
    mentor, mentee = pair.mentors.get(), pair.mentees.get()
    with pytest.raises(ValueError):
        seed_pairs(
            [PairPlan(pair.organization, mentor, mentee, PairStatus.FIXED, fixed_at=pair.fixed_at)]
        )
    assert MenteeProfile.objects.get(staff=mentee).status == MenteeStatus.IN_PAIR
    assert find_violations() == []
