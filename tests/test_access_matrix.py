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
# POST rows that change no life-cycle state in the matrix set-up (sessions, drafts of content,
# or a refusal by an empty form that the row's status code already shows).
POST_ROWS_WITHOUT_STATE = {
    "logout",
    "organization-switch",
    "mentoring:staff-import-confirm",
    "monitoring:template-update",
    "monitoring:question-create",
    "monitoring:question-delete",
    "monitoring:question-move",
    "monitoring:assignment-remind",
    # The answer's key is the question's id, unknown to a static row: an autosave, not a state.
    "monitoring:answer-save",
    "monitoring:response-submit",
    "monitoring:report-save",
    "programs:approval-order-prepare",
    "programs:row-add",
    "programs:row-fill",
    "programs:meeting-add",
    "programs:change-propose",
    "programs:row-save",
    "programs:row-delete",
    "roadmap:document-add",
    "roadmap:mentors-order-draft",
    "roadmap:pairs-order-draft",
    # Accounts and letters: no life cycle of the domain, their own tests check the result.
    "mentoring:staff-logins-invite-all",
    "mentoring:staff-logins-slips-all",
    "mentoring:staff-login-invite",
    "mentoring:staff-login-slip",
    "notifications:email-retry",
    "programs:calendar-reset",
    # Content of the public section and the region's derived figures and files.
    "public:settings-edit",
    "public:news-publish",
    "public:news-delete",
    "public:file-create",
    "public:file-delete",
    "public:case-show",
    "region:organization-refresh",
    # The draft roadmap's own events: content of a draft, not a life cycle.
    "roadmap:plan-event-add",
    "roadmap:plan-event-delete",
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
    response = getattr(client, row.method)(url, row.data or {})
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
