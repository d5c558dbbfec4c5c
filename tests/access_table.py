"""The access matrix: for each URL name, how to build its URL and what each persona gets.

``expect`` maps persona → HTTP status, or "login" for a redirect to the login page.
``url`` receives pytest's ``request`` so a row can ask for fixtures (``request.getfixturevalue``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

A, D, C, MR, ME, CO, AD, OUT = (
    "anonymous",
    "director",
    "curator",
    "mentor",
    "mentee",
    "council",
    "admin",
    "outsider",
)


@dataclass(frozen=True)
class Row:
    url: Callable
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)


def everyone(status=200, anonymous="login", **overrides) -> dict:
    result = {p: status for p in (D, C, MR, ME, CO, AD, OUT)}
    result[A] = anonymous
    result.update(overrides)
    return result


def managers_only(outsider=404) -> dict:
    """Director, curator, council and admin: 200; mentor and mentee: 403; other org: 404."""
    return {A: "login", D: 200, C: 200, CO: 200, AD: 200, MR: 403, ME: 403, OUT: outsider}


def _url(name, *args):
    return lambda request: reverse(name, args=args)


def _own_staff(persona):
    def build(request):
        users = request.getfixturevalue("users")
        return reverse("mentoring:staff-detail", args=[users[persona].staff_records.get().pk])

    return build


ROWS: dict[str, Row] = {
    "home": Row(_url("home"), everyone()),
    "login": Row(_url("login"), everyone(302, anonymous=200)),
    "logout": Row(_url("logout"), everyone(302, anonymous=302), method="post"),
    "password_change": Row(_url("password_change"), everyone()),
    "password_change_done": Row(_url("password_change_done"), everyone()),
    "mentoring:organization-switch": Row(
        _url("mentoring:organization-switch"),
        # Posting an organization one is not a member of is a 404 for everybody.
        everyone(404),
        method="post",
        data={"organization": "999999"},
    ),
    "mentoring:staff-list": Row(_url("mentoring:staff-list"), managers_only(outsider=200)),
    # The mentee's own card: managers of the organization and the mentee see it.
    "mentoring:staff-detail": Row(_own_staff("mentee"), {**managers_only(), MR: 404, ME: 200}),
}
