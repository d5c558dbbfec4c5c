"""Scores with their explanation, hard limits and the assignment of a whole bank: pure functions
over plain data (``MenteeData``, ``MentorData``), no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from core.declension import by_gender
from core.text import plural, years
from mentoring.models import (
    Direction,
    MenteeStatus,
    MentoringForm,
    MentorStatus,
    PairStatus,
    Position,
)

# Pairs that hold a mentor's slot.
OPEN_PAIR_STATUSES = (PairStatus.PROPOSED, PairStatus.AGREED, PairStatus.FIXED, PairStatus.ACTIVE)
ELIGIBLE_MENTOR_STATUSES = (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE)
SEARCHING_MENTEE_STATUSES = (MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR)
DIGITAL_DIRECTIONS = frozenset({Direction.ICT, Direction.DIGITAL})

# Weights of the score, in points; the explanation shows each contribution.
W_DIRECTIONS = 50.0
W_POSITION = 10.0
W_EXPERIENCE = 15.0
W_REVERSE = 12.0
W_CAPACITY_PER_SLOT = 2.0
W_CAPACITY_MAX = 6.0
W_TIME = 8.0
W_FORM = 6.0

_DIRECTIONS = dict(Direction.choices)
_FORMS = dict(MentoringForm.choices)
_POSITIONS = dict(Position.choices)


@dataclass(frozen=True)
class MenteeRequestData:
    direction: str
    text: str


@dataclass(frozen=True)
class MenteeData:
    profile_id: int
    staff_id: int
    name: str
    position: str
    teaching_years: int
    birth_date: dt.date | None
    requests: tuple[MenteeRequestData, ...]
    desired_forms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MentorData:
    profile_id: int
    staff_id: int
    name: str
    position: str
    teaching_years: int
    birth_date: dt.date | None
    expertise: frozenset[str]
    forms: frozenset[str]
    hours_per_week: int
    capacity: int
    load: int
    status: str
    has_personal_data_consent: bool = True
    has_duty_consent: bool = True

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.load)


@dataclass(frozen=True)
class Contribution:
    criterion: str
    points: float
    text: str


@dataclass
class Suggestion:
    mentor: MentorData
    score: float
    contributions: list[Contribution] = field(default_factory=list)
    covered: list[MenteeRequestData] = field(default_factory=list)

    def as_reasons(self) -> dict:
        """What Pair.match_reasons stores: the score and every criterion in words."""
        return {
            "mentor": self.mentor.name,
            "score": round(self.score, 1),
            "criteria": [
                {"criterion": c.criterion, "points": round(c.points, 1), "text": c.text}
                for c in self.contributions
            ],
            "covered_requests": [f"{_DIRECTIONS[r.direction]}: {r.text}" for r in self.covered],
        }


@dataclass(frozen=True)
class Exclusion:
    mentor: MentorData
    reasons: tuple[str, ...]


def hard_limits(mentee: MenteeData, mentor: MentorData) -> list[str]:
    """Reasons that exclude this mentor for this mentee; empty when they may be matched."""
    reasons = []
    if mentor.staff_id == mentee.staff_id:
        reasons.append("Это тот же человек.")
    if not mentor.has_personal_data_consent:
        reasons.append("Нет согласия на обработку персональных данных.")
    if mentor.status == MentorStatus.RELEASED:
        reasons.append(
            f"{by_gender(mentor.name, 'Освобождён', 'Освобождена')} от обязанностей наставника "
            "по собственной просьбе."
        )
    elif mentor.status == MentorStatus.CANDIDATE:
        reasons.append("Кандидат ещё не отобран куратором.")
    elif mentor.status != MentorStatus.ACTIVE:
        reasons.append(
            f"Ещё не {by_gender(mentor.name, 'назначен', 'назначена')} наставником приказом "
            "руководителя."
        )
    if not mentor.has_duty_consent:
        reasons.append("Нет согласия на выполнение обязанностей наставника.")
    if mentor.free <= 0:
        reasons.append(f"Нет свободных мест: уже {mentor.load} из {mentor.capacity}.")
    return reasons


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def score(mentee: MenteeData, mentor: MentorData, *, today: dt.date | None = None) -> Suggestion:
    """The score of one mentor for one mentee, with each criterion's contribution in words."""
    today = today or dt.date.today()
    parts: list[Contribution] = []
    # Directions: the share of the mentee's requests the mentor's expertise covers.
    covered = [r for r in mentee.requests if r.direction in mentor.expertise]
    if mentee.requests:
        points = W_DIRECTIONS * len(covered) / len(mentee.requests)
        if covered:
            names = "; ".join(f"«{r.text}» ({_DIRECTIONS[r.direction]})" for r in covered)
            total = len(mentee.requests)
            noun = plural(total, "запроса", "запросов", "запросов")
            text = f"Экспертиза покрывает {len(covered)} из {total} {noun}: {names}."
        else:
            text = "Экспертиза не покрывает ни одного запроса наставляемого."
        missed = [r for r in mentee.requests if r.direction not in mentor.expertise]
        if covered and missed:
            text += " Не покрыты: " + "; ".join(f"«{r.text}»" for r in missed) + "."
    else:
        points, text = 0.0, "Наставляемый ещё не записал запросы."
    parts.append(Contribution("Направления запросов", points, text))
    # Position.
    if mentor.position == mentee.position:
        parts.append(
            Contribution(
                "Должность",
                W_POSITION,
                f"Та же должность: {str(_POSITIONS.get(mentor.position, '')).lower()}.",
            )
        )
    else:
        parts.append(Contribution("Должность", 0.0, "Другая должность."))
    # Experience gap, or reverse mentoring on digital tools.
    gap = mentor.teaching_years - mentee.teaching_years
    mentee_age, mentor_age = _age(mentee.birth_date, today), _age(mentor.birth_date, today)
    digital = [r for r in covered if r.direction in DIGITAL_DIRECTIONS]
    younger = mentee_age is not None and mentor_age is not None and mentor_age < mentee_age
    if younger and digital:
        parts.append(
            Contribution(
                "Реверсивное наставничество",
                W_REVERSE,
                f"Наставник моложе ({mentor_age} и {years(mentee_age)}), но сильнее в цифровых "
                "инструментах: реверсивное наставничество по запросам «"
                + "», «".join(r.text for r in digital)
                + "».",
            )
        )
    elif gap >= 5:
        parts.append(
            Contribution("Опыт", W_EXPERIENCE, f"Педагогический стаж больше на {years(gap)}.")
        )
    elif gap >= 2:
        parts.append(
            Contribution("Опыт", W_EXPERIENCE / 2, f"Педагогический стаж больше на {gap} года.")
        )
    else:
        parts.append(Contribution("Опыт", 0.0, "Разница в педагогическом стаже мала."))
    # Free capacity.
    free = mentor.free
    parts.append(
        Contribution(
            "Свободные места",
            min(W_CAPACITY_MAX, W_CAPACITY_PER_SLOT * free),
            f"Свободно мест: {free} из {mentor.capacity}.",
        )
    )
    # Time resource.
    hours = mentor.hours_per_week
    time_points = W_TIME if hours >= 2 else W_TIME / 2 if hours == 1 else 0.0
    parts.append(Contribution("Ресурс времени", time_points, f"{hours} ч в неделю на встречи."))
    # Wanted forms.
    common = mentee.desired_forms & mentor.forms
    if common:
        names = ", ".join(str(_FORMS[f]).lower() for f in sorted(common))
        ready = by_gender(mentor.name, "Готов", "Готова")
        parts.append(Contribution("Форма", W_FORM, f"{ready} работать в желаемой форме: {names}."))
    elif mentee.desired_forms:
        parts.append(Contribution("Форма", 0.0, "Желаемая форма не совпадает."))
    return Suggestion(mentor, sum(p.points for p in parts), parts, covered)


def _points_fn(mentee: MenteeData, today: dt.date):
    """A fast numeric score for this mentee: the same sum as ``score`` without the words."""
    directions = [r.direction for r in mentee.requests]
    total = len(directions)
    digital = [d for d in directions if d in DIGITAL_DIRECTIONS]
    mentee_age = _age(mentee.birth_date, today)
    wanted = mentee.desired_forms

    def points(mentor: MentorData) -> float:
        expertise = mentor.expertise
        result = 0.0
        if total:
            result += W_DIRECTIONS * sum(1 for d in directions if d in expertise) / total
        if mentor.position == mentee.position:
            result += W_POSITION
        mentor_age = _age(mentor.birth_date, today) if digital else None
        if (
            mentee_age is not None
            and mentor_age is not None
            and mentor_age < mentee_age
            and any(d in expertise for d in digital)
        ):
            result += W_REVERSE
        else:
            gap = mentor.teaching_years - mentee.teaching_years
            result += W_EXPERIENCE if gap >= 5 else W_EXPERIENCE / 2 if gap >= 2 else 0.0
        result += min(W_CAPACITY_MAX, W_CAPACITY_PER_SLOT * mentor.free)
        hours = mentor.hours_per_week
        result += W_TIME if hours >= 2 else W_TIME / 2 if hours == 1 else 0.0
        if wanted & mentor.forms:
            result += W_FORM
        return result

    return points


def rank_mentors(
    mentee: MenteeData,
    mentors: Iterable[MentorData],
    *,
    today: dt.date | None = None,
    limit: int | None = None,
) -> tuple[list[Suggestion], list[Exclusion]]:
    """Mentors ranked by score (best first, ties by name), and the excluded with reasons.

    With ``limit``, only the best ``limit`` suggestions are explained and returned.
    """
    today = today or dt.date.today()
    points = _points_fn(mentee, today)
    scored, excluded = [], []
    for mentor in mentors:
        limits = hard_limits(mentee, mentor)
        if limits:
            excluded.append(Exclusion(mentor, tuple(limits)))
        else:
            scored.append((-points(mentor), mentor.name, mentor.profile_id, mentor))
    scored.sort(key=lambda row: row[:3])
    chosen = scored if limit is None else scored[:limit]
    return [score(mentee, row[3], today=today) for row in chosen], excluded


@dataclass(frozen=True)
class Proposal:
    mentee: MenteeData
    suggestion: Suggestion


def propose_assignment(
    mentees: Sequence[MenteeData], mentors: Sequence[MentorData], *, today: dt.date | None = None
) -> list[Proposal]:
    """An optimal assignment of mentees to mentors' free slots, maximizing the total score."""
    today = today or dt.date.today()
    slot_mentor = [i for i, m in enumerate(mentors) for _ in range(m.free)]
    if not mentees or not slot_mentor:
        return []
    forbidden = -1e6
    # One score per mentee × mentor, then repeated for each slot of that mentor.
    by_mentor = np.full((len(mentees), len(mentors)), forbidden)
    for r, mentee in enumerate(mentees):
        points = _points_fn(mentee, today)
        for c, mentor in enumerate(mentors):
            if not hard_limits(mentee, mentor):
                by_mentor[r, c] = points(mentor)
    matrix = by_mentor[:, slot_mentor]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    result = []
    for r, c in zip(rows, cols, strict=True):
        if matrix[r, c] > forbidden / 2:
            mentor = mentors[slot_mentor[c]]
            result.append(Proposal(mentees[r], score(mentees[r], mentor, today=today)))
    return result


def greedy_assignment(
    mentees: Sequence[MenteeData], mentors: Sequence[MentorData], *, today: dt.date | None = None
) -> list[Proposal]:
    """Each mentee in turn takes the best mentor with a free slot (for comparison in tests)."""
    left = {m.profile_id: m.free for m in mentors}
    result = []
    for mentee in mentees:
        free = [m for m in mentors if left[m.profile_id] > 0]
        ranked, _ = rank_mentors(mentee, free, today=today)
        if ranked:
            best = ranked[0]
            left[best.mentor.profile_id] -= 1
            result.append(Proposal(mentee, best))
    return result


def total_score(proposals: Iterable[Proposal]) -> float:
    return sum(p.suggestion.score for p in proposals)
