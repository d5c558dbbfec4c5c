"""order_effects and roadmap_progress, against the orders interface of CONTRIBUTING.

Until the orders app is merged these tests stand in a minimal ``roadmap.effects`` /
``roadmap.stages`` / ``OrderKind`` that follow the contract; once it is merged the real ones are
used and the same tests check the real wiring.
"""

import datetime as dt
import importlib
import sys
import types
from dataclasses import dataclass

import pytest
from django.db.models import TextChoices
from django.utils import timezone

from programs import services
from programs.models import ChangeKind, EndReason, Program, ProgramChange, ProgramStatus
from tests.programs.factories import make_program


class StubOrderKind(TextChoices):
    APPROVE_PROGRAMS = "approve_programs", "об утверждении программ"
    CHANGE_PROGRAM = "change_program", "об изменении программы"
    END_PROGRAM = "end_program", "о досрочном завершении программы"


@dataclass
class StubCheck:
    label: str
    done: bool
    detail: str = ""
    url: str = ""


@pytest.fixture
def roadmap_api(monkeypatch):
    """The real roadmap hooks if present, otherwise contract-shaped stand-ins."""
    signed, validate = {}, {}
    try:
        importlib.import_module("roadmap.effects")
        real = True
    except ImportError:
        real = False
    if not real:
        import roadmap.models

        effects = types.ModuleType("roadmap.effects")

        def register(table):
            def decorator_for(kind):
                def decorator(fn):
                    table.setdefault(kind, []).append(fn)
                    return fn

                return decorator

            return decorator_for

        effects.on_signed, effects.on_validate = register(signed), register(validate)
        stages = types.ModuleType("roadmap.stages")
        stages.Check = StubCheck
        monkeypatch.setitem(sys.modules, "roadmap.effects", effects)
        monkeypatch.setitem(sys.modules, "roadmap.stages", stages)
        monkeypatch.setattr(roadmap.models, "OrderKind", StubOrderKind, raising=False)
        for name in ("programs.order_effects", "programs.roadmap_progress"):
            monkeypatch.delitem(sys.modules, name, raising=False)
    return types.SimpleNamespace(
        real=real,
        signed=signed,
        validate=validate,
        effects=importlib.import_module("programs.order_effects"),
        progress=importlib.import_module("programs.roadmap_progress"),
    )


class StubOrder:
    def __init__(self, number, subjects):
        self.number, self.signed_at, self._subjects = number, timezone.now(), subjects

    def subjects_of(self, model):
        return model.objects.filter(pk__in=[s.pk for s in self._subjects if isinstance(s, model)])


def test_signing_the_approval_order_approves_reviewed_programs(roadmap_api, pair):
    program = make_program(pair, status=ProgramStatus.REVIEWED)
    order = StubOrder("31-од", [program])
    assert roadmap_api.effects.approve_programs_problems(order) == []
    roadmap_api.effects.approve_programs(order)
    program.refresh_from_db()
    assert program.status == ProgramStatus.IN_PROGRESS
    assert program.approval_order_number == "31-од"
    if not roadmap_api.real:
        assert roadmap_api.signed["approve_programs"] == [roadmap_api.effects.approve_programs]


def test_a_draft_in_the_approval_order_blocks_signing(roadmap_api, program):
    problems = roadmap_api.effects.approve_programs_problems(StubOrder("1", [program]))
    assert problems and "не проверена куратором" in problems[0]


def test_signing_the_change_order_extends_the_program(roadmap_api, pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    change = services.change_propose(
        program=program,
        user=users["mentee"],
        kind=ChangeKind.EXTEND,
        reason="Больничный",
        new_ends_on=program.ends_on + dt.timedelta(days=60),
    )
    services.change_agree(change=change, user=users["mentor"])
    change = services.change_accept(change=change, user=users["curator"])
    order = StubOrder("40-од", [change])
    assert roadmap_api.effects._changes_problems(order) == []
    roadmap_api.effects._apply_changes(order)
    program.refresh_from_db()
    assert program.ends_on == change.new_ends_on


def test_signing_the_end_order_ends_the_program(roadmap_api, pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    change = ProgramChange.objects.create(
        program=program,
        kind=ChangeKind.END,
        reason="Форс-мажор",
        end_reason=EndReason.CURATOR,
        proposed_by=users["curator"],
        status="accepted",
    )
    roadmap_api.effects._apply_changes(StubOrder("41-од", [change]))
    program.refresh_from_db()
    assert program.status == ProgramStatus.ENDED_EARLY
    assert program.case is not None


def test_stage_six_and_seven_checks_follow_the_programs(roadmap_api, org, pair, users):
    stage_6, stage_7 = roadmap_api.progress.PROGRESS[6], roadmap_api.progress.PROGRESS[7]
    checks = stage_6(org, None)
    assert not checks[0].done  # the pair has no program yet
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    checks = {c.label: c for c in stage_6(org, None)}
    assert checks["Персонализированные программы написаны для всех закреплённых пар"].done
    assert checks["Программы утверждены приказом руководителя"].done
    assert not checks["Встречи пар записываются в журнал"].done
    assert "просрочено: 1" in checks["Мероприятия планов выполняются в срок"].detail
    program.rows.update(status="done", actual_result="Сделано")
    services.program_complete(program=program, user=users["curator"])
    seven = {c.label: c for c in stage_7(org, None)}
    assert seven["Кейсы завершённых программ подготовлены"].done
    assert not seven["Лучшие кейсы отмечены к публикации (с согласия участников)"].done
    assert Program.objects.get().status == ProgramStatus.COMPLETED


def test_programs_and_changes_read_well_in_an_order_text(pair, users):
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    mentor = users["mentor"].staff_records.get()
    assert str(program) == f"Молодой специалист, первый год ({mentor.short_name} — " + (
        f"{users['mentee'].staff_records.get().short_name})"
    )
    change = ProgramChange(
        program=program, kind=ChangeKind.EXTEND, new_ends_on=dt.date(2027, 8, 31), reason="x"
    )
    assert str(change).endswith("— продление срока до 31.08.2027")
