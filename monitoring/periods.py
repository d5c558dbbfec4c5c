"""Academic years (1 September – 31 August): the cycle filter until roadmap's Cycle is merged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class AcademicYear:
    start_year: int

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
