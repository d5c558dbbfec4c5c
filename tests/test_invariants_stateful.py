"""Random sequences of the real services never break an invariant of the domain.

A hypothesis state machine plays curator, director and participants of one kindergarten: bank
entries, consents given and withdrawn, mentors selected, trained and appointed by order, pairs
formed, agreed and fixed by order, programs written, agreed, reviewed, approved by order,
changed, completed or ended early; orders signed or returned. After every step
``find_violations()`` is empty. A step the services refuse changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from core.invariants import find_violations
from core.lifecycle import TransitionError
from core.models import Role
from mentoring import services as bank
from mentoring.consents import consent_give, consent_withdraw
from mentoring.models import (
    Consent,
    ConsentKind,
    MenteeCategory,
    MenteeProfile,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    StaffMember,
    TrainingSession,
)
from programs import services as programs
from programs.models import ChangeKind, EndReason, PlanRow, Program, ProgramChange, RowStatus
from programs.orders import draft_approval_order, programs_waiting_for_an_order
from roadmap import services as orders
from roadmap.bank_orders import mentors_order_draft, pairs_order_draft
from roadmap.models import FrozenOrderError, Order, OrderStatus
from tests.factories import PASSWORD, OrganizationFactory, member
from tests.roadmap.factories import local_acts_in_force

pytestmark = pytest.mark.django_db

PEOPLE = 6
REFUSED = (ValidationError, TransitionError, FrozenOrderError)
KINDS = [ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR_DUTIES, ConsentKind.PAIR_DUTIES]

# Completing or ending a program closes its pair through the pair's life cycle in the audit
# branch (``mentoring.services.pair_close``); until it is merged, that one rule is not asserted.
person = st.integers(min_value=0, max_value=PEOPLE - 1)
pick = st.integers(min_value=0, max_value=50)


def _state() -> tuple:
    """Everything a refused step must leave as it was."""
    return (
        sorted(Pair.objects.values_list("pk", "status")),
        sorted(MenteeProfile.objects.values_list("pk", "status")),
        sorted(MentorProfile.objects.values_list("pk", "status", "capacity")),
        sorted(Consent.objects.values_list("pk", "withdrawn_at")),
        sorted(Program.objects.values_list("pk", "status", "ends_on")),
        sorted(ProgramChange.objects.values_list("pk", "status")),
        sorted(Order.objects.values_list("pk", "status", "number_text")),
        sorted(PlanRow.objects.values_list("pk", "status")),
    )


class Kindergarten(RuleBasedStateMachine):
    reached: set[str] = set()  # pair and program statuses the runs reached, for the last assert

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.org = OrganizationFactory(phone="+7 (4932) 00-00-01", email="ds@example.ru")
        self.director = member(self.org, Role.DIRECTOR)
        self.curator = member(self.org, Role.CURATOR)
        self.users = [member(self.org, Role.MENTOR, Role.MENTEE) for _ in range(PEOPLE)]
        self.staff = [u.staff_records.get(organization=self.org) for u in self.users]
        self.session = TrainingSession.objects.create(
            organization=self.org, title="Установочная сессия", held_on=timezone.localdate()
        )
        # Both local acts first: the e-signature regulation (the director is acquainted with it
        # by signing), then the Положение о наставничестве that appointment and pair orders need.
        local_acts_in_force(self.org, self.curator, self.director)

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- helpers ---------------------------------------------------------------------------

    def _try(self, action) -> None:
        """Run a service step; a refusal must leave the data exactly as it was."""
        before = _state()
        try:
            with transaction.atomic():
                action()
        except REFUSED:
            assert _state() == before, "a refused step changed the data"

    @staticmethod
    def _nth(queryset, n):
        items = list(queryset.order_by("pk"))
        return items[n % len(items)] if items else None

    def _user_of(self, staff: StaffMember):
        return self.users[self.staff.index(next(s for s in self.staff if s.pk == staff.pk))]

    # --- banks and consents ----------------------------------------------------------------

    @rule(i=person)
    def enter_mentee(self, i):
        self._try(
            lambda: bank.mentee_profile_save(
                staff=self.staff[i],
                category=MenteeCategory.YOUNG,
                desired_forms=[MentoringForm.TRADITIONAL],
                mode="",
                portrait="Молодой специалист.",
                requests=[("methods", "Писать конспекты занятий")],
            )
        )

    @rule(i=person, capacity=st.integers(min_value=1, max_value=2))
    def enter_mentor(self, i, capacity):
        self._try(
            lambda: bank.mentor_profile_save(
                staff=self.staff[i], capacity=capacity, hours_per_week=2, expertise=["methods"]
            )
        )

    @rule(i=person, kind=st.sampled_from(KINDS), n=pick)
    def give_consent(self, i, kind, n):
        pair = self._nth(Pair.objects.all(), n) if kind == ConsentKind.PAIR_DUTIES else None
        self._try(
            lambda: consent_give(
                staff=self.staff[i], kind=kind, recorded_by=self.curator, pair=pair
            )
        )

    @rule(i=person, n=pick)
    def give_every_consent_for_a_pair(self, i, n):
        """The curator records the pair-duties consents of a pair's participants at once."""
        pair = self._nth(Pair.objects.filter(status=PairStatus.PROPOSED), n)
        if pair is None:
            return
        for staff in [*pair.mentors.all(), *pair.mentees.all()]:
            self._try(
                lambda staff=staff: consent_give(
                    staff=staff, kind=ConsentKind.PAIR_DUTIES, recorded_by=self.curator, pair=pair
                )
            )

    @rule(n=pick)
    def withdraw_consent(self, n):
        consent = self._nth(Consent.objects.active(), n)
        if consent is not None:
            self._try(lambda: consent_withdraw(consent=consent, by=self.curator))

    # --- mentors: selection, training, appointment by order ---------------------------------

    @rule(n=pick, to=st.sampled_from([MentorStatus.SELECTED, MentorStatus.RELEASED]))
    def move_mentor(self, n, to):
        profile = self._nth(MentorProfile.objects.all(), n)
        if profile is not None:
            self._try(lambda: bank.mentor_status_change(profile=profile, target=to))

    @rule(n=pick)
    def train_mentor(self, n):
        profile = self._nth(MentorProfile.objects.filter(status=MentorStatus.SELECTED), n)
        if profile is not None:
            attendees = [*self.session.attendees.all(), profile]
            self._try(lambda: bank.training_attendance_set(session=self.session, mentors=attendees))

    @rule()
    def draft_appointment_order(self):
        self._try(lambda: mentors_order_draft(organization=self.org, author=self.curator))

    # --- pairs -----------------------------------------------------------------------------

    @rule(i=person, j=person)
    def form_pair(self, i, j):
        self._try(
            lambda: bank.pair_create(
                organization=self.org,
                mentors=[self.staff[i]],
                mentees=[self.staff[j]],
                forms=[MentoringForm.TRADITIONAL],
                created_by=self.curator,
            )
        )

    @rule(
        n=pick,
        to=st.sampled_from([PairStatus.AGREED, PairStatus.PROPOSED, PairStatus.CLOSED]),
    )
    def move_pair(self, n, to):
        pair = self._nth(Pair.objects.all(), n)
        if pair is not None:
            self._try(lambda: bank.pair_transition(pair=pair, target=to))

    @rule()
    def draft_pairs_order(self):
        self._try(lambda: pairs_order_draft(organization=self.org, author=self.curator))

    # --- programs --------------------------------------------------------------------------

    @rule(n=pick)
    def write_program(self, n):
        pair = self._nth(Pair.objects.filter(status=PairStatus.FIXED, program__isnull=True), n)
        if pair is None:
            return
        today = timezone.localdate()

        def write():
            program = programs.program_create(
                pair=pair,
                author=self.curator,
                starts_on=today - dt.timedelta(days=1),
                ends_on=programs.add_months(today, 6),
                title="Первый год в профессии",
            )
            programs.plan_row_add(
                program=program,
                user=self.curator,
                data={
                    "direction": "methods",
                    "event": "Посещение занятий наставника",
                    "event_form": "Открытое занятие",
                    "deadline": today,
                    "expected_result": "Освоено на практике",
                },
            )

        self._try(write)

    @rule(n=pick, as_mentor=st.booleans())
    def agree_program(self, n, as_mentor):
        program = self._nth(Program.objects.all(), n)
        if program is None:
            return
        people = program.pair.mentors if as_mentor else program.pair.mentees
        user = self._user_of(people.first())
        self._try(lambda: programs.program_agree(program=program, user=user))

    @rule(n=pick)
    def review_program(self, n):
        program = self._nth(Program.objects.all(), n)
        if program is not None:
            self._try(lambda: programs.program_review(program=program, user=self.curator))

    @rule()
    def draft_approval(self):
        waiting = list(
            programs_waiting_for_an_order(
                Program.objects.filter(organization=self.org, status="reviewed")
            )
        )
        if waiting:
            self._try(
                lambda: draft_approval_order(
                    organization=self.org, programs=waiting, author=self.curator
                )
            )

    @rule(n=pick)
    def report_row_done(self, n):
        row = self._nth(PlanRow.objects.exclude(status=RowStatus.DONE), n)
        if row is None:
            return
        data = {"status": RowStatus.DONE, "actual_result": "Проведено", "deadline": None}
        self._try(
            lambda: programs.plan_row_save(
                row=row, data=data, loaded_version=row.version, user=self.curator
            )
        )

    @rule(n=pick)
    def complete_program(self, n):
        program = self._nth(Program.objects.all(), n)
        if program is not None:
            self._try(lambda: programs.program_complete(program=program, user=self.curator))

    @rule(n=pick, end=st.booleans())
    def propose_change(self, n, end):
        program = self._nth(Program.objects.all(), n)
        if program is None:
            return
        if end:  # the curator proposes an early end; it is agreed at once
            action = lambda: programs.change_propose(  # noqa: E731
                program=program,
                user=self.curator,
                kind=ChangeKind.END,
                reason="Наставляемый переходит в другую организацию.",
                end_reason=EndReason.CURATOR,
            )
        else:
            mentor = self._user_of(program.pair.mentors.first())
            action = lambda: programs.change_propose(  # noqa: E731
                program=program,
                user=mentor,
                kind=ChangeKind.EXTEND,
                reason="Нужно больше времени на аттестацию.",
                new_ends_on=program.ends_on + dt.timedelta(days=30),
            )
        self._try(action)

    @rule(n=pick)
    def agree_change(self, n):
        change = self._nth(ProgramChange.objects.all(), n)
        if change is not None:
            mentee = self._user_of(change.program.pair.mentees.first())
            self._try(lambda: programs.change_agree(change=change, user=mentee))

    @rule(n=pick)
    def accept_change(self, n):
        change = self._nth(ProgramChange.objects.all(), n)
        if change is not None:
            self._try(lambda: programs.change_accept(change=change, user=self.curator))

    # --- orders: sent, signed, returned ----------------------------------------------------

    @rule(n=pick)
    def send_order(self, n):
        order = self._nth(Order.objects.exclude(status=OrderStatus.SIGNED), n)
        if order is not None:
            self._try(lambda: orders.order_send(order=order, actor=self.curator))

    @rule(n=pick)
    def sign_order(self, n):
        order = self._nth(Order.objects.filter(status=OrderStatus.SENT), n)
        if order is not None:
            self._try(
                lambda: orders.order_sign(
                    order=order, signer=self.director, password=PASSWORD, ip=None
                )
            )

    @rule(n=pick)
    def return_order(self, n):
        order = self._nth(Order.objects.filter(status=OrderStatus.SENT), n)
        if order is not None:
            self._try(
                lambda: orders.order_return(
                    order=order, actor=self.director, comment="Уточните список."
                )
            )

    # --- a few steps at once, so that short runs reach orders, programs and their ends -----

    @rule(i=person)
    def ready_mentor(self, i):
        """Bank entry, both consents and selection of one person as a mentor."""
        self.enter_mentor(i, 2)
        for kind in (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR_DUTIES):
            self.give_consent(i, kind, 0)
        profile = MentorProfile.objects.filter(staff=self.staff[i]).first()
        if profile is not None:
            self._try(
                lambda: bank.mentor_status_change(profile=profile, target=MentorStatus.SELECTED)
            )

    @rule(i=person)
    def ready_mentee(self, i):
        self.enter_mentee(i)
        self.give_consent(i, ConsentKind.PERSONAL_DATA, 0)

    @rule(sign=st.booleans())
    def order_through(self, sign):
        """Draft whichever order is due, send it and sign or return it."""
        for draft in (self.draft_appointment_order, self.draft_pairs_order, self.draft_approval):
            draft()
        for order in Order.objects.filter(status__in=(OrderStatus.DRAFT, OrderStatus.RETURNED)):
            self._try(lambda order=order: orders.order_send(order=order, actor=self.curator))
        for _n in range(Order.objects.filter(status=OrderStatus.SENT).count()):
            (self.sign_order if sign else self.return_order)(0)

    @rule(n=pick)
    def agree_by_both(self, n):
        self.agree_program(n, True)
        self.agree_program(n, False)

    @rule(i=person, j=person)
    def walk_the_cycle(self, i, j):
        """One mentor and one mentee from the banks to an approved program (where allowed)."""
        self.ready_mentor(i)
        self.ready_mentee(j)
        self.form_pair(i, j)
        pair = Pair.objects.filter(mentors=self.staff[i], mentees=self.staff[j]).last()
        if pair is None:
            return
        for staff in (self.staff[i], self.staff[j]):
            self._try(
                lambda staff=staff: consent_give(
                    staff=staff, kind=ConsentKind.PAIR_DUTIES, recorded_by=self.curator, pair=pair
                )
            )
        self._try(lambda: bank.pair_transition(pair=pair, target=PairStatus.AGREED))
        self.order_through(True)  # appoints the mentor, then
        self.order_through(True)  # fixes the pair
        self.write_program(0)
        program = Program.objects.filter(pair=pair).first()
        if program is None:
            return
        for user in (self.users[i], self.users[j]):
            self._try(lambda user=user: programs.program_agree(program=program, user=user))
        self._try(lambda: programs.program_review(program=program, user=self.curator))
        self.order_through(True)

    # --- what must always hold --------------------------------------------------------------

    @invariant()
    def note_progress(self):
        Kindergarten.reached.update(Pair.objects.values_list("status", flat=True))
        Kindergarten.reached.update(Program.objects.values_list("status", flat=True))

    @invariant()
    def no_invariant_is_broken(self):
        violations = find_violations()
        assert violations == [], "\n".join(v.text for v in violations)


# The signed PDFs are the tests' stand-in (tests/conftest.py): rendering them for real would
# take most of the run, and their content is not what this test checks.
def test_random_sequences_of_the_services_never_break_an_invariant():
    run_state_machine_as_test(
        Kindergarten,
        settings=settings(
            # INVARIANTS_EXAMPLES=200 explores further, with fresh random sequences.
            max_examples=int(os.environ.get("INVARIANTS_EXAMPLES", 15)),
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
            derandomize="INVARIANTS_EXAMPLES" not in os.environ,  # the suite: same every run
            # Shrinking a failure of this machine takes minutes; the failing steps are printed
            # as they are. Add Phase.shrink locally to get the shortest sequence.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        ),
    )
    # The runs went far enough to mean something: pairs fixed by order and working, programs
    # approved by order and running.
    assert {PairStatus.ACTIVE, "in_progress"} <= Kindergarten.reached, Kindergarten.reached
