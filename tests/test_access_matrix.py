"""Every URL of the project answers every persona as the table says.

The test walks all URL patterns, so a new page that is missing from the table fails here.
Later issues add rows to ``tests/access_table.py``.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.access import is_checked
from tests.access_table import ROWS
from tests.conftest import PERSONAS

EXEMPT_NAMESPACES = {"admin"}
# POST rows without a ``check`` of the state after the request, each with the reason.
POST_ROWS_WITHOUT_STATE = {
    # The answer's key is the question's id, unknown to a static row: the owner's autosave of
    # question 0 is told the question does not exist; tests/monitoring checks real autosaves.
    "monitoring:answer-save",
}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXEMPT_NAMESPACES:
                continue
            ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.name}", pattern


ALL_PATTERNS = dict(_walk(get_resolver().url_patterns))


def test_every_url_is_in_the_table():
    missing = sorted(set(ALL_PATTERNS) - set(ROWS))
    stale = sorted(set(ROWS) - set(ALL_PATTERNS))
    assert not missing, f"URL names missing from tests/access_table.py: {missing}"
    assert not stale, f"Rows for URL names that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(ALL_PATTERNS))
def test_every_view_goes_through_the_access_layer(name):
    assert is_checked(ALL_PATTERNS[name].callback), f"{name} is not wrapped by core.access"


CASES = [(name, persona) for name in sorted(ROWS) for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_page_answers_persona_as_the_table_says(name, persona, request, client_for):
    row = ROWS[name]
    url = row.url(request)
    client = client_for(persona)
    data = row.data(request) if callable(row.data) else row.data  # a row may need fixtures
    response = getattr(client, row.method)(url, data or {})
    expected = row.expect[persona]
    if expected == "login":
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, (
            f"{row.method.upper()} {url} as {persona}: {response.status_code}, expected {expected}"
        )
    if row.check is not None:
        row.check(request, persona, response)


def test_every_state_changing_post_row_checks_the_state_after_the_request():
    without = sorted(
        name for name, row in ROWS.items() if row.method == "post" and row.check is None
    )
    assert without == sorted(POST_ROWS_WITHOUT_STATE), without
