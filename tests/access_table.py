"""The access matrix: for each URL name, how to build its URL and what each persona gets.

Each app keeps its rows in ``tests/<app>/access_rows.py``; this module joins them.

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


def url(name, *args):
    """A row's URL builder for a URL without object arguments."""
    return lambda request: reverse(name, args=args)


def _collect() -> dict:
    """Every project app's ``tests/<app>/access_rows.py``: an app without one fails here."""
    from importlib import import_module

    from mentoring.plugins import project_apps

    rows: dict = {}
    for config in project_apps():
        module = import_module(f"tests.{config.label}.access_rows")
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"URL names in two tables: {overlap}"
        rows.update(module.ROWS)
    return rows


ROWS: dict[str, Row] = _collect()
