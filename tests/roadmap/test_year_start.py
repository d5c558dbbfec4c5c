"""The year a pair or program begins in is stamped by the services that create them, not by a
signal; a finished year's figures are frozen as the next one opens and read back unchanged."""

import datetime as dt

import pytest
from django.db.models.signals import pre_save
from django.utils import timezone

from mentoring import services as banks
from mentoring.models import Pair
from monitoring import dashboard, exports, years
from monitoring.indicators import Filters
from monitoring.models import YearFigures
from monitoring.periods import CyclePeriod
from programs import services as programs
from programs.models import Program
from roadmap.new_year import open_next_year
from roadmap.selectors import current_cycle
from tests.mentoring import factories as f
from tests.programs.factories import fixed_pair

pytestmark = pytest.mark.django_db


def _this_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


def test_no_signal_stamps_pairs_or_programs():
    assert not pre_save.has_listeners(Pair)
    assert not pre_save.has_listeners(Program)


def _new_pair(org, users):
    mentor, mentee = f.appointed_mentor(org), f.mentee(org)
    return banks.pair_create(
        organization=org,
        mentors=[mentor.staff],
        mentees=[mentee.staff],
        forms=["traditional"],
        created_by=users["curator"],
    )


def test_the_pair_service_stamps_the_current_year_and_the_next_once_opened(org, users):
    assert _new_pair(org, users).year_start == _this_year()
    open_next_year(organization=org, actor=users["curator"])
    assert _new_pair(org, users).year_start == _this_year() + 1


def test_the_program_service_stamps_the_year_it_begins_in(org, users):
    pair = fixed_pair(org, users["mentor"], users["mentee"])
    open_next_year(organization=org, actor=users["curator"])
    start = timezone.localdate()
    program = programs.program_create(
        pair=pair,
        author=users["mentor"],
        starts_on=start,
        ends_on=programs.add_months(start, 6),
    )
    assert program.year_start == _this_year() + 1


def test_opening_the_next_year_freezes_the_one_that_ends(org, users):
    year_one = current_cycle(org)
    filters = Filters(year=CyclePeriod.of(year_one))
    live = dashboard.live_figures(org, filters)
    open_next_year(organization=org, actor=users["curator"])
    frozen = YearFigures.objects.get(organization=org, year_start=year_one.starts_on.year)
    assert years.frozen(org.pk, frozen.year_start)["figures"] == live
    # A teacher hired and entered into the bank in the new year moves none of year one's shares.
    f.mentee(org)
    assert dashboard.build(org, filters)["cards"] == live["cards"]
    assert exports.report_context(org, filters)["cards"] == live["cards"]
    # The new year reads live rows.
    year_two = Filters(year=CyclePeriod.of(current_cycle(org)))
    assert years.frozen(org.pk, year_two.year.start_year) is None


def test_dates_and_value_types_survive_the_round_trip():
    from monitoring.indicators import Level, Share

    value = {"a": [Share(1, 2), Level(50.0, 3, 4)], "day": dt.date(2027, 8, 31), "t": (1, 2)}
    assert years._decode(years._encode(value)) == value
