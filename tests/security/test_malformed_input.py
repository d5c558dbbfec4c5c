"""No malformed input is a server error: every URL, every persona, junk ids, queries and forms.

Beside the access matrix: it reuses its rows (how to build each URL, what to post) and sends
the same requests with junk added. Any answer is fine except a 500.
"""

import re

import pytest

from tests.access_table import ROWS
from tests.conftest import PERSONAS

JUNK = {
    "mentee": "abc",
    "mentor": "99999999999999999999999",
    "staff": "-1",
    "pair": "1.5",
    "program": "abc",
    "order": "abc",
    "organization": "abc",
    "page": "xyz",
    "status": "zzz",
    "year": "abc",
    "date": "31.02.2026",
    "kind": "<script>alert(1)</script>",
    "period": "abc",
    "cycle": "abc",
    "template": "abc",
    "question": "abc",
    "stage": "abc",
    "q": "\x00' OR 1=1 --",
    "starts_on": "2026-13-45",
    "ends_on": "завтра",
    "sort": "zzz",
    "value": "1e309",
}
HUGE_ID = "99999999999999999999"


def _huge_ids(url: str) -> str:
    """The same URL with every numeric path segment out of range."""
    return re.sub(r"/\d+(?=/|\.|$)", f"/{HUGE_ID}", url)


def _check(client, method, url, data, what):
    client.raise_request_exception = False
    response = getattr(client, method)(url, data)
    assert response.status_code < 500, f"{method.upper()} {url} {what}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROWS))
def test_junk_input_is_never_a_server_error(name, request, client_for):
    row = ROWS[name]
    base = row.url(request)
    data = row.data(request) if callable(row.data) else row.data  # a row may need fixtures
    for persona in PERSONAS:
        client = client_for(persona)
        all_junk_post = {**{key: "abc" for key in data}, **JUNK}
        _check(client, "get", base, JUNK, f"as {persona} with all junk")
        _check(client, "post", base, all_junk_post, f"as {persona} with all junk")
        if base != _huge_ids(base):
            _check(client, "get", _huge_ids(base), {}, f"as {persona} with huge ids")
    # One junk field at a time, as the curator (the role that reaches the most code), so
    # that one rejected parameter does not hide a crash on the next.
    client = client_for("curator")
    for key, value in {**JUNK, **{key: "abc" for key in data}}.items():
        _check(client, "get", base, {key: value}, f"as curator with {key}={value!r}")
        _check(client, "post", base, {**data, key: value}, f"with {key}={value!r}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["mentee=abc&mentor=1", "mentee=1.5&mentor=abc", "mentee=-3&mentor=2"]
)
def test_a_pair_form_with_a_malformed_suggestion_is_not_found(query, client_for):
    response = client_for("curator").get(f"/pairs/new/?{query}")
    assert response.status_code == 404
