"""Property-based tests of the readers of names, experience and dates."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mentoring.staff_import.normalizers import (
    parse_date,
    parse_experience,
    proper_case,
    split_full_name,
)

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
word = st.text(alphabet=CYRILLIC, min_size=2, max_size=12).map(lambda w: w[0].upper() + w[1:])
surname = st.one_of(word, st.tuples(word, word).map("-".join))
spaces = st.text(alphabet=" \t", min_size=1, max_size=3)
casing = st.sampled_from([str, str.upper, str.lower])
TODAY = dt.date(2026, 11, 30)


@given(surname, word, word, spaces, spaces, casing)
def test_a_full_name_splits_into_its_parts_whatever_the_case_and_spacing(
    last, first, middle, gap, edge, case
):
    text = edge + case(last) + gap + case(first) + gap + case(middle) + edge
    assert split_full_name(text) == (
        proper_case(case(last)) if case is str else proper_case(last.upper()),
        proper_case(case(first)) if case is str else proper_case(first.upper()),
        proper_case(case(middle)) if case is str else proper_case(middle.upper()),
    )


@given(surname, word, word, casing)
def test_a_name_in_capitals_or_lower_case_comes_out_capitalized_per_hyphen_part(
    last, first, middle, case
):
    if case is str:
        return
    parts = split_full_name(f"{case(last)} {case(first)} {case(middle)}")
    for part in parts:
        assert all(p[0].isupper() and p[1:] == p[1:].lower() for p in part.split("-"))
    assert parts[0].casefold() == last.casefold()


@given(st.text(alphabet=CYRILLIC.upper() + CYRILLIC + " -", max_size=40))
def test_splitting_a_name_again_changes_nothing(text):
    parts = split_full_name(text)
    assert split_full_name(" ".join(p for p in parts if p)) == parts


@given(
    st.integers(0, 70),
    st.integers(0, 11),
    st.sampled_from(["{y} л. {m} мес.", "{y} лет {m} месяцев", "{y}г {m}м"]),
)
def test_experience_in_years_and_months_is_the_whole_years(years, months, pattern):
    assert parse_experience(pattern.format(y=years, m=months)) == years


@given(st.integers(0, 70), st.sampled_from([str, float, lambda y: f" {y} ", lambda y: f"{y},5"]))
def test_experience_as_a_number_is_read_as_years(years, form):
    assert parse_experience(form(years)) == years


@given(st.integers(71, 10_000))
def test_experience_above_seventy_years_is_refused_in_russian(years):
    try:
        parse_experience(str(years))
    except ValueError as exc:
        assert "стаж должен быть от 0 до 70 лет" in str(exc)
    else:
        raise AssertionError("accepted")


@given(
    st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)),
    st.sampled_from(["{}", "с {}", "{} г.", " от {} "]),
)
def test_a_date_written_in_full_is_read_back(day, pattern):
    assert parse_date(pattern.format(day.strftime("%d.%m.%Y"))) == day


@given(st.dates(dt.date(TODAY.year - 99, 1, 1), TODAY))
def test_a_two_digit_year_means_the_last_hundred_years(day):
    assert parse_date(day.strftime("%d.%m.%y"), today=TODAY) == day


@given(st.dates(dt.date(1900, 3, 1), dt.date(2099, 12, 31)))
def test_a_spreadsheet_day_number_is_read_as_its_date(day):
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(serial) == day
    assert parse_date(float(serial)) == day


@given(st.integers(1, 31), st.integers(13, 99), st.integers(1900, 2099))
def test_an_impossible_date_is_refused_with_a_hint(day, month, year):
    try:
        parse_date(f"{day:02}.{month}.{year}")
    except ValueError as exc:
        assert "ДД.ММ.ГГГГ" in str(exc)
    else:
        raise AssertionError("accepted")
