import pytest

from tests.programs.factories import fixed_pair, make_program


@pytest.fixture
def pair(org, users):
    return fixed_pair(
        org,
        users["mentor"],
        users["mentee"],
        request_text="Как выстроить общение с родителями\nКак держать дисциплину на занятии",
    )


@pytest.fixture
def program(pair):
    return make_program(pair)
