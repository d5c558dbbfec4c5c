"""The mentee's requests that can fill a plan: the bank's tagged requests, else the pair's text."""

from __future__ import annotations

from dataclasses import dataclass

from mentoring.models import Direction, MenteeRequest, Pair

# Words in a request that suggest a direction of seed 001 (a rough first guess the pair edits).
_HINTS = (
    ("родител", Direction.PSYCHOLOGY),
    ("дисциплин", Direction.PSYCHOLOGY),
    ("поведени", Direction.PSYCHOLOGY),
    ("документ", Direction.LEGAL),
    ("фгос", Direction.LEGAL),
    ("норматив", Direction.LEGAL),
    ("цифров", Direction.DIGITAL),
    ("компьютер", Direction.ICT),
    ("презентац", Direction.ICT),
    ("икт", Direction.ICT),
    ("здоров", Direction.HEALTH),
    ("праздник", Direction.UPBRINGING),
    ("воспитат", Direction.UPBRINGING),
    ("занят", Direction.METHODS),
    ("метод", Direction.METHODS),
    ("теори", Direction.THEORY),
)


@dataclass(frozen=True)
class PlanRequest:
    """One request, with the direction of seed 001 it belongs to."""

    text: str
    direction: str


def guess_direction(text: str) -> str:
    lowered = text.casefold()
    for hint, direction in _HINTS:
        if hint in lowered:
            return direction
    return Direction.METHODS


def mentee_requests(pair: Pair) -> list[PlanRequest]:
    """The requests of the pair's mentees: from the bank when it has them, else the pair's text."""
    return _bank_requests(pair) or _pair_text_requests(pair)


def _bank_requests(pair: Pair) -> list[PlanRequest]:
    """Tagged requests of the bank of mentees."""
    rows = MenteeRequest.objects.filter(profile__staff__in=pair.mentees.all()).order_by("pk")
    return [PlanRequest(r.text, r.direction) for r in rows]


def _pair_text_requests(pair: Pair) -> list[PlanRequest]:
    """One request per non-empty line of the pair's request, its direction guessed."""
    lines = [line.strip(" -•–\t") for line in (pair.request_text or "").splitlines()]
    return [PlanRequest(line, guess_direction(line)) for line in lines if line]
