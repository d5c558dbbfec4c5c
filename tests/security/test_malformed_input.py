"""No malformed input is a server error: every URL, every persona, junk ids, queries and forms.

Beside the access matrix: it reuses its rows (how to build each URL, what to post) and sends
the same requests with junk added. Any answer is fine except a 500.
"""

import re

import pytest

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


# Junk on every URL and parameter, as every persona: tests/security/test_fuzz.py.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["mentee=abc&mentor=1", "mentee=1.5&mentor=abc", "mentee=-3&mentor=2"]
)
def test_a_pair_form_with_a_malformed_suggestion_is_not_found(query, client_for):
    response = client_for("curator").get(f"/pairs/new/?{query}")
    assert response.status_code == 404
