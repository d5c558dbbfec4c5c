"""The public section's rows of the access matrix, run here until the matrix discovers them."""

import pytest
from django.urls import URLResolver, get_resolver

from mentoring.access import is_checked
from tests.conftest import PERSONAS
from tests.public.access_rows import ROWS


def _public_patterns():
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "public":
            return {f"public:{p.name}": p for p in pattern.url_patterns}
    return {}


PATTERNS = _public_patterns()


def test_every_public_url_has_a_row():
    assert set(PATTERNS) == set(ROWS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_public_view_goes_through_the_access_layer(name):
    assert is_checked(PATTERNS[name].callback)


@pytest.mark.parametrize(("name", "persona"), [(n, p) for n in sorted(ROWS) for p in PERSONAS])
def test_public_page_answers_persona_as_the_table_says(name, persona, request, client_for):
    row = ROWS[name]
    url = row.url(request)
    response = getattr(client_for(persona), row.method)(url, row.data or {})
    expected = row.expect[persona]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, f"{row.method.upper()} {url} as {persona}"
