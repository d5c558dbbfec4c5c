"""The seven stages of the roadmap (SPEC section 2) and their progress from live data.

Each app may provide ``<app>/roadmap_progress.py`` with
``PROGRESS = {stage_number: fn(organization, cycle) -> list[Check]}``; a stage's progress is the
share of its done checks. A stage nobody serves yet shows its tasks and says so.

What the checks count comes from one query for every app (``figures``): a module may also define
``FIGURES = fn(organization, cycle) -> list[core.tally.Part]``, the grouped counts its checks
read back with ``figures(organization, cycle).count(...)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from types import ModuleType
from typing import TypeVar

from django.utils import timezone

from core.cache import EVERYTHING, org_cached, org_cached_many
from core.plugins import autodiscover
from core.tally import Tally, tally_of

T = TypeVar("T")

# The figures the stage checks share while one roadmap is built (``shared``).
_memo: ContextVar[dict | None] = ContextVar("roadmap_progress_memo", default=None)
# The apps whose checks are being built (``roadmap_progress``): ``figures`` counts theirs only.
_building: ContextVar[tuple[ModuleType, ...] | None] = ContextVar(
    "roadmap_progress_modules", default=None
)


def shared(key: tuple, build: Callable[[], T]) -> T:
    """A figure several checks read (the banks' counts, the programs of the cycle), computed
    once while the roadmap's stages are built, and freshly outside that build.

    ``key`` names the figure with the organization and cycle it is for.
    """
    memo = _memo.get()
    if memo is None:
        return build()
    if key not in memo:
        memo[key] = build()
    return memo[key]


def figures(organization, cycle) -> Tally:
    """Every app's counts for the checks (their ``FIGURES``), in one query: once while the
    roadmap's stages are built (``shared``), freshly outside that build. While some apps' checks
    are built (``roadmap_progress``: those whose tables changed), only those apps' counts.

    A module's ``FIGURES`` may read only the organization's id, the cycle's dates and today's
    date (and the time zone): its SQL is made once per process for them (``tally_of``).
    """
    building = _building.get()
    modules = tuple(
        module
        for module in (building if building is not None else autodiscover("roadmap_progress"))
        if hasattr(module, "FIGURES")
    )
    # Any object with the cycle's dates will do (monitoring's checks are asked with one).
    key = (
        "figures",
        tuple(module.__name__ for module in modules),
        organization.pk,
        getattr(cycle, "pk", None),
        cycle.starts_on,
        cycle.ends_on,
        getattr(cycle, "roadmap_starts_on", None),
    )
    if not modules:
        return Tally([], {})

    def parts() -> list:
        return [found for module in modules for found in module.FIGURES(organization, cycle)]

    made_for = (*key, timezone.localdate(), timezone.get_current_timezone_name())
    return shared(key, lambda: tally_of(made_for, parts))


@dataclass
class Check:
    """One result a stage needs: done or not, with a plain explanation and where to do it."""

    label: str
    done: bool
    detail: str = ""
    url: str = ""


@dataclass(frozen=True)
class Stage:
    number: int
    title: str
    tasks: tuple[str, ...]
    results: tuple[str, ...]
    responsible: str
    # Planned dates as (month offset, day) from the cycle's start; the last stage ends with it.
    start: tuple[int, int]
    end: tuple[int, int] | None
    not_connected: str = "Данные для этого этапа появятся, когда будет подключён раздел «{}»."
    section: str = ""


STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        "Подготовка условий для запуска программы наставничества",
        (
            "Издать приказ об утверждении Положения о системе наставничества",
            "Издать приказ о внедрении целевой модели наставничества, назначении куратора "
            "и рабочей группы",
            "Утвердить Положение об использовании простой электронной подписи и ознакомить с ним "
            "сотрудников",
            "Утвердить дорожную карту",
            "Сформировать нормативно-правовую базу",
        ),
        ("Подписанные приказы", "Утверждённая дорожная карта", "Нормативная база"),
        "Руководитель ДОУ, куратор",
        (0, 1),
        (0, 30),
        section="Приказы",
    ),
    Stage(
        2,
        "Формирование банка наставляемых",
        (
            "Собрать профессиональные запросы педагогов",
            "Получить согласия на обработку персональных данных",
        ),
        ("Банк наставляемых с запросами и согласиями",),
        "Куратор",
        (0, 15),
        (1, 15),
        section="Банк наставляемых",
    ),
    Stage(
        3,
        "Формирование банка наставников",
        (
            "Провести анкетирование потенциальных наставников (опыт, сильные стороны, "
            "увлечения, мотивация, ресурс времени)",
            "Получить согласия наставников",
        ),
        ("Банк наставников",),
        "Куратор, рабочая группа",
        (0, 15),
        (1, 31),
        section="Банк наставников",
    ),
    Stage(
        4,
        "Отбор и обучение наставников",
        (
            "Проанализировать банк наставников и отобрать наставников под конкретные запросы",
            "Провести установочные сессии, подготовить методические материалы",
        ),
        (
            "Список отобранных и обученных наставников",
            "Приказ о назначении наставников (с их письменного согласия)",
        ),
        "Куратор, руководитель ДОУ",
        (1, 1),
        (2, 15),
        section="Банк наставников",
    ),
    Stage(
        5,
        "Формирование наставнических пар/групп",
        (
            "Подобрать пары: профиль наставника отвечает запросу, взаимное согласие",
            "Поддержать наставляемых, оставшихся без пары",
        ),
        ("Пары/группы, закреплённые приказом руководителя",),
        "Куратор, руководитель ДОУ",
        (1, 15),
        (2, 30),
        section="Пары и группы",
    ),
    Stage(
        6,
        "Организация работы наставнических пар/групп",
        (
            "Совместно написать и утвердить персонализированные программы",
            "Проводить встречи и мероприятия плана",
            "Провести промежуточный мониторинг",
        ),
        ("Программы в работе с зафиксированными встречами",),
        "Наставники, наставляемые, куратор",
        (2, 1),
        (7, 30),
        section="Программы",
    ),
    Stage(
        7,
        "Завершение программы наставничества",
        (
            "Провести итоговый мониторинг (анкетирование)",
            "Завершить программы, провести итоговое мероприятие (конференцию, круглый стол)",
            "Отобрать лучшие практики и опубликовать кейсы",
        ),
        ("Итоговый аналитический отчёт", "Опубликованные кейсы"),
        "Куратор, рабочая группа, руководитель ДОУ",
        (8, 1),
        None,
        section="Мониторинг",
    ),
)


def _shift(start: dt.date, months: int, day: int) -> dt.date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for candidate in (day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError("bad date")


def planned_dates(stage: Stage, cycle) -> tuple[dt.date, dt.date]:
    """The standard dates of a stage within a cycle (before the organization sets its own).

    For a kindergarten that joined after the cycle began (``cycle.roadmap_starts_on``), every
    date moves by the days it joined late, never past the cycle's end: nothing is overdue on
    its first day.
    """
    starts_on = _shift(cycle.starts_on, *stage.start)
    ends_on = _shift(cycle.starts_on, *stage.end) if stage.end else cycle.ends_on
    joined = getattr(cycle, "roadmap_starts_on", None)
    if joined and joined > cycle.starts_on:
        late = joined - cycle.starts_on
        starts_on = min(starts_on + late, cycle.ends_on)
        ends_on = min(ends_on + late, cycle.ends_on)
    return starts_on, ends_on


@dataclass
class StageProgress:
    stage: Stage
    starts_on: dt.date
    ends_on: dt.date
    checks: list[Check] = field(default_factory=list)
    responsible: str = ""

    @property
    def connected(self) -> bool:
        return bool(self.checks)

    @property
    def done_count(self) -> int:
        return sum(1 for c in self.checks if c.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / len(self.checks)) if self.checks else 0

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if not c.done]

    @property
    def is_complete(self) -> bool:
        return bool(self.checks) and not self.missing

    def is_overdue(self, today: dt.date) -> bool:
        return self.connected and not self.is_complete and today > self.ends_on

    @property
    def not_connected_text(self) -> str:
        return self.stage.not_connected.format(self.stage.section)


def providers() -> dict[int, list]:
    """Stage number → progress functions, from every app's ``roadmap_progress`` module."""
    found: dict[int, list] = {}
    for module in autodiscover("roadmap_progress"):
        for number, fn in getattr(module, "PROGRESS", {}).items():
            found.setdefault(int(number), []).append(fn)
    return found


def stage_plan(stage: Stage, cycle, plan: dict) -> tuple:
    """A stage's dates, responsible people and own events: the approved version's, else standard."""
    starts_on, ends_on = planned_dates(stage, cycle)
    row, events = plan.get(stage.number, (None, []))
    if row is None:
        return starts_on, ends_on, stage.responsible, events
    return row.starts_on, row.ends_on, row.responsible, events


def _build_checks(modules, organization, cycle) -> list[dict[int, list[Check]]]:
    """The checks of every stage each of ``modules`` serves, their counts in one query."""
    memo, building = _memo.set({}), _building.set(tuple(modules))
    try:
        return [
            {int(n): list(fn(organization, cycle)) for n, fn in module.PROGRESS.items()}
            for module in modules
        ]
    finally:
        _building.reset(building)
        _memo.reset(memo)


def _dates(cycle) -> str:
    return f"{cycle.starts_on}:{cycle.ends_on}:{getattr(cycle, 'roadmap_starts_on', None)}"


def _checks_part(module: ModuleType, cycle) -> tuple[str, tuple[str, ...]]:
    """The cache name of an app's checks and the groups they read: its ``READS`` (a module
    without them reads everything); the name holds the cycle's dates, which the checks read from
    the cycle itself."""
    name = f"roadmap:{cycle.pk or 0}:{_dates(cycle)}:{module.__name__}"
    return name, tuple(getattr(module, "READS", EVERYTHING))


def checks_of(module: ModuleType, organization, cycle) -> dict[int, list[Check]]:
    """One app's checks of every stage it serves, built alone (its own counts in one query) and
    kept until a group of tables it reads changes."""
    name, reads = _checks_part(module, cycle)
    return org_cached(
        organization.pk,
        name,
        lambda: _build_checks([module], organization, cycle)[0],
        reads=reads,
    )


PLAN_READS = ("roadmap",)


def _plan_part(cycle) -> tuple[str, tuple[str, ...]]:
    return f"roadmap:plan:{cycle.pk or 0}:{_dates(cycle)}", PLAN_READS


def _build_plan(cycle) -> dict[int, tuple]:
    """Each stage's dates, responsible people and own events (as checks) in the approved version
    of the roadmap, else the standard ones."""
    from roadmap.selectors import approved_plan

    plan = approved_plan(cycle)
    result = {}
    for stage in STAGES:
        starts_on, ends_on, responsible, events = stage_plan(stage, cycle, plan)
        result[stage.number] = (
            starts_on,
            ends_on,
            responsible,
            [event_check(event) for event in events],
        )
    return result


def roadmap_progress(organization, cycle) -> list[StageProgress]:
    """Every stage with its planned dates within the cycle and its checks from live data.

    With an approved version of the roadmap, its dates and responsible people replace the
    standard ones and each of its own events is a check, done when the curator marks it.
    """

    def build() -> list[StageProgress]:
        modules = [m for m in autodiscover("roadmap_progress") if getattr(m, "PROGRESS", None)]
        # Each app's checks are kept apart (``checks_of``) and so is the plan (the roadmap's
        # tables): a write to the programs rebuilds the checks that read them, not the banks' or
        # the orders'. All are looked up together, and the missing apps' counted in one query.
        parts = [_checks_part(m, cycle) for m in modules] + [_plan_part(cycle)]

        def make(missing: list[int]) -> list:
            apps = [modules[i] for i in missing if i < len(modules)]
            built = dict(zip(apps, _build_checks(apps, organization, cycle), strict=True))
            return [built[modules[i]] if i < len(modules) else _build_plan(cycle) for i in missing]

        *found, plan = org_cached_many(organization.pk, parts, make)
        by_module = [(m.PROGRESS, checks) for m, checks in zip(modules, found, strict=True)]
        by_stage = providers()
        result = []
        for stage in STAGES:
            starts_on, ends_on, responsible, own = plan[stage.number]
            checks: list[Check] = []
            served = by_stage.get(stage.number, ())
            for progress, apps_checks in by_module:
                if progress.get(stage.number) in served:
                    checks.extend(apps_checks[stage.number])
            checks.extend(own)
            result.append(StageProgress(stage, starts_on, ends_on, checks, responsible))
        return result

    # The whole roadmap is kept until anything in the organization changes; then only the
    # apps' checks whose tables changed are built again.
    return org_cached(organization.pk, f"roadmap:{cycle.pk if cycle else 0}", build)


def event_check(event) -> Check:
    """An event of the organization's own roadmap as a check of its stage."""
    from django.urls import reverse

    if event.done_on:
        detail = f"выполнено {event.done_on:%d.%m.%Y}"
    else:
        detail = f"срок {event.due_on:%d.%m.%Y}, отвечает {event.responsible}"
    return Check(event.title, event.done_on is not None, detail, reverse("roadmap:plan-versions"))
