"""The small readers of request parameters turn malformed input into 404 or None."""

from datetime import date

import pytest
from django.http import Http404, QueryDict

from core.http import choice_param, date_param, int_param, parse_id


@pytest.mark.parametrize("raw", ["abc", "1.5", "-1", "0", "", " ", "١٢", "9" * 30, None])
def test_anything_but_a_positive_id_is_not_an_id(raw):
    assert parse_id(raw) is None


def test_a_plain_number_is_an_id():
    assert parse_id(" 42 ") == 42


def test_a_malformed_id_parameter_is_not_found():
    with pytest.raises(Http404):
        int_param(QueryDict("mentee=abc"), "mentee")
    assert int_param(QueryDict(""), "mentee") is None
    assert int_param(QueryDict("mentee=7"), "mentee") == 7


def test_dates_are_read_in_both_forms_and_impossible_ones_are_none():
    assert date_param(QueryDict("date=2026-02-28"), "date") == date(2026, 2, 28)
    assert date_param(QueryDict("date=28.02.2026"), "date") == date(2026, 2, 28)
    assert date_param(QueryDict("date=31.02.2026"), "date") is None
    assert date_param(QueryDict("date=abc"), "date") is None


def test_an_unknown_choice_is_empty():
    assert choice_param(QueryDict("status=zzz"), "status", ["active", "closed"]) == ""
    assert choice_param(QueryDict("status=active"), "status", ["active", "closed"]) == "active"
