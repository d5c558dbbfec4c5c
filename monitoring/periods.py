"""Academic years (1 September – 31 August): the cycle filter until roadmap's Cycle is merged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class AcademicYear:
    start_year: int
    pk = None  # not a stored roadmap cycle

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.start_year, 9, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.start_year + 1, 8, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{self.start_year + 1} учебный год"

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.starts_on, dt.time.min))

    @property
    def ends_at(self) -> dt.datetime:
        """The first moment after the year (exclusive bound)."""
        return timezone.make_aware(dt.datetime(self.start_year + 1, 9, 1))


def year_of(day: dt.date) -> AcademicYear:
    return AcademicYear(day.year if day.month >= 9 else day.year - 1)


def current_year() -> AcademicYear:
    return year_of(timezone.localdate())


def recent_years(count: int = 5) -> list[AcademicYear]:
    """The current academic year and the ones before it, newest first."""
    now = current_year().start_year
    return [AcademicYear(now - i) for i in range(count)]


@dataclass(frozen=True)
class CyclePeriod:
    """A roadmap ``Cycle`` seen as the period the indicators cover."""

    pk: int
    starts_on: dt.date
    ends_on: dt.date
    label: str

    @classmethod
    def of(cls, cycle) -> CyclePeriod:
        return cls(cycle.pk, cycle.starts_on, cycle.ends_on, cycle.title)

    @property
    def start_year(self) -> int:
        """The academic year the cycle starts in (the key of the curator's conclusions)."""
        return year_of(self.starts_on).start_year

    @property
    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.starts_on, dt.time.min))

    @property
    def ends_at(self) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(self.ends_on + dt.timedelta(days=1), dt.time.min)
        )
