"""The access matrix: for each URL name, how to build its URL and what each persona gets.

Each app keeps its rows in ``tests/<app>/access_rows.py``; this module joins them.

``expect`` maps persona → HTTP status, or "login" for a redirect to the login page.
``url`` receives pytest's ``request`` so a row can ask for fixtures (``request.getfixturevalue``).
``check(request, persona, response)``, on a POST that changes state, asserts the state after the
request: a refused transition also answers 302, so the status code alone proves nothing.
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
    data: dict | Callable = field(default_factory=dict)  # or data(request) using fixtures
    check: Callable | None = None


def was_allowed(response) -> bool:
    """The request got through the access layer (not 403/404, not sent to the login page)."""
    login = response.get("Location", "").startswith("/accounts/login/")
    return response.status_code < 400 and not login


def latest(model: str, field: str, to, *, allowed_for=None) -> Callable:
    """A check: after an allowed request the newest ``model`` row has ``field`` == ``to`` (or
    ``to(value)`` is true); after a refused one it has not. ``allowed_for`` narrows who may
    move it when the view answers 302 to everybody and the service refuses some."""
    from django.apps import apps

    def check(request, persona, response):
        obj = apps.get_model(model)._default_manager.order_by("-pk").first()
        value = getattr(obj, field) if obj is not None else None
        ok = to(value) if callable(to) else value == to
        allowed = was_allowed(response) and (allowed_for is None or persona in allowed_for)
        assert ok == allowed, f"{model}.{field} is {value!r} after the request as {persona}"

    return check


def refused_with(text: str, model: str, field: str, unchanged) -> Callable:
    """A check for a POST the service refuses by design: the Russian message, state kept."""
    from django.apps import apps
    from django.contrib.messages import get_messages

    def check(request, persona, response):
        obj = apps.get_model(model)._default_manager.order_by("-pk").first()
        assert getattr(obj, field) == unchanged
        if was_allowed(response):
            shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
            assert text in shown, f"as {persona}: {shown!r}"

    return check


def _url_object(model: str, response):
    """The object the request's URL names (its ``pk``), or None when it is gone."""
    from django.apps import apps
    from django.urls import resolve

    pk = resolve(response.wsgi_request.path).kwargs["pk"]
    return apps.get_model(model)._default_manager.filter(pk=pk).first()


def this(model: str, field: str, to, *, allowed_for=None) -> Callable:
    """A check like ``latest``, on the object the URL names rather than the newest row."""

    def check(request, persona, response):
        obj = _url_object(model, response)
        value = getattr(obj, field)
        ok = to(value) if callable(to) else value == to
        allowed = was_allowed(response) and (allowed_for is None or persona in allowed_for)
        assert ok == allowed, f"{model}.{field} is {value!r} after the request as {persona}"

    return check


def gone(model: str) -> Callable:
    """A check for a delete: the object the URL names is gone after an allowed request only."""

    def check(request, persona, response):
        kept = _url_object(model, response) is not None
        assert kept != was_allowed(response), f"{model} kept={kept} after the request as {persona}"

    return check


def stored_nothing(model: str, text: str = "", **lookup) -> Callable:
    """A check for a POST that has nothing to act on in the matrix set-up (refused for all, or
    allowed with nothing to do): no ``model`` row matching ``lookup`` is stored, and an allowed
    request is told ``text`` (a message on the page it is sent to)."""
    from django.apps import apps
    from django.contrib.messages import get_messages

    def check(request, persona, response):
        stored = apps.get_model(model)._default_manager.filter(**lookup)
        assert not stored.exists(), f"as {persona}: {list(stored)!r}"
        if text and was_allowed(response):
            shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
            assert text in shown, f"as {persona}: {shown!r}"

    return check


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

    from core.plugins import project_apps

    rows: dict = {}
    for config in project_apps():
        module = import_module(f"tests.{config.label}.access_rows")
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"URL names in two tables: {overlap}"
        rows.update(module.ROWS)
    return rows


ROWS: dict[str, Row] = _collect()
