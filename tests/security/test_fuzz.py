"""No input is a server error: every URL pattern, every parameter its view reads, every persona.

The parameter names are collected from the code, not typed here: for each URL the view's own
source (``request.GET.get("…")``, ``int_param(request.GET, "…")``, ``getlist``…) and the fields of
every form class it names. Values are the usual suspects: ids that don't exist, words, NUL and
other control characters, huge numbers, long strings and repeated parameters. Every persona the
access layer lets in, and the first one it refuses, sends them by GET and by POST; the curator
(who reaches the most code), or the first persona let in, also sends each parameter alone, so
that one refused parameter does not hide a crash on the next. The Django admin's pages are
walked too, with junk object ids. Any answer but a 500 is fine.

The values are sampled, not multiplied out, so the whole file runs in about a minute.
"""

from __future__ import annotations

import inspect
import re
from functools import cache

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from core.models import User
from tests.access_table import ROWS
from tests.conftest import PERSONAS

HUGE = "9" * 30
VALUES = (
    "999999",  # an id that doesn't exist
    "abc",
    "a\x00b",  # NUL: PostgreSQL refuses it in any text value
    "\x01\x1f\x7f",
    HUGE,
    "-1",
    "1e309",
    "31.02.2026",
    "я" * 3000,
    ["1", "abc"],  # repeated parameter
)
PARAMETER = re.compile(
    r"""(?:request\.(?:GET|POST|FILES)|params|query|data)\s*(?:\.get(?:list)?\(|\[)\s*["'](\w+)["']"""
    r"""|(?:int_param|date_param|choice_param)\(\s*request\.\w+,\s*["'](\w+)["']"""
)
FORM_NAME = re.compile(r"\b([A-Z]\w*Form(?:Set)?)\b")
# Names every view may read through shared code (paging, htmx, the «next» of a form).
SHARED = ("page", "next", "q", "embed")


def _unwrap(view):
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return getattr(view, "view_class", view)


@cache
def parameters_of(view) -> tuple[str, ...]:
    """The parameter names a view reads: from its source and the forms it names."""
    view = _unwrap(view)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return SHARED
    names = {a or b for a, b in PARAMETER.findall(source)}
    module = inspect.getmodule(view)
    for form_name in set(FORM_NAME.findall(source)):
        form = getattr(module, form_name, None)
        if isinstance(form, type) and issubclass(form, forms.BaseForm):
            names |= set(form.base_fields)
        formset = getattr(form, "form", None)
        if isinstance(formset, type) and issubclass(formset, forms.BaseForm):
            names |= {f"form-0-{name}" for name in formset.base_fields}
            names |= {"form-TOTAL_FORMS", "form-INITIAL_FORMS"}
    return tuple(sorted(names | set(SHARED)))


def _all_values(names, shift: int) -> dict:
    """Every parameter at once, each with a different value, rotated by ``shift``."""
    return {name: VALUES[(i + shift) % len(VALUES)] for i, name in enumerate(names)}


def _send(client, method, url, data, what):
    client.raise_request_exception = False
    response = getattr(client, method)(url, data)
    assert response.status_code < 500, f"{method.upper()} {url} {what}: {response.status_code}"
    return response


def _path_variants(url: str) -> list[str]:
    """The URL with its ids replaced by huge numbers, words and a NUL."""
    if not re.search(r"/\d+(?=/|\.|$)", url):
        return [f"{url.rstrip('/')}/%00/"]
    return [re.sub(r"/\d+(?=/|\.|$)", f"/{junk}", url) for junk in (HUGE, "abc", "%00", "0")]


def _lets_in(status) -> bool:
    return isinstance(status, int) and status < 400


def personas_for(row) -> tuple[list[str], str]:
    """Who sends the junk: every persona the access layer lets in (the junk reaches the view's
    code) and the first one it refuses (the junk reaches the refusal; the access matrix checks
    each refusal). The prober, who also sends each parameter alone, is the curator when she is
    let in (she reaches the most code), else the first persona that is."""
    allowed = [p for p in PERSONAS if _lets_in(row.expect.get(p))]
    refused = [p for p in PERSONAS if p not in allowed][:1]
    prober = "curator" if "curator" in allowed else (allowed or ["curator"])[0]
    return allowed + refused, prober


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ROWS))
def test_no_input_is_a_server_error(name, request, client_for):
    row = ROWS[name]
    base = row.url(request)
    names = parameters_of(resolve(base.split("?")[0]).func)
    senders, prober = personas_for(row)
    for shift, persona in enumerate(senders):
        client = client_for(persona)
        _send(client, "get", base, _all_values(names, shift), f"as {persona}")
        _send(client, "post", base, _all_values(names, shift + 3), f"as {persona}")
    client = client_for(prober)
    valid = row.data(request) if callable(row.data) else row.data
    for index, name_ in enumerate(names):
        # One value per parameter by the row's own method, rotated so every value is sent; the
        # other method met every parameter in the all-at-once requests above.
        value = VALUES[(index + 5 * (row.method == "post")) % len(VALUES)]
        data = {**valid, name_: value} if row.method == "post" else {name_: value}
        _send(client, row.method, base, data, f"as {prober} with {name_}={value!r:.40}")
    for url in _path_variants(base):
        _send(client, "get", url, {}, f"as {prober}")


def _admin_patterns():
    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    admin = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "admin")
    return sorted(set(walk(admin.url_patterns, "/admin/")))


# A NUL in a path is the input guard's 400 before any view (tested below).
ADMIN_JUNK = ("abc", HUGE)


def _admin_urls(pattern: str) -> list[str]:
    """Concrete addresses for one admin route: each junk value in its converters."""
    route = pattern.replace("^", "").replace("$", "").replace("\\Z", "")
    if "<" not in route and "(?P" not in route:
        return [route]
    urls = []
    for junk in ADMIN_JUNK:
        url = re.sub(r"<(?:\w+:)?\w+>", junk, route)
        url = re.sub(r"\(\?P<\w+>[^)]*\)", junk, url)
        urls.append(url)
    return urls


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("fuzz-admin", "fuzz@example.com", "x")


ADMIN_ROUTES = _admin_patterns()


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", ADMIN_ROUTES)
def test_no_admin_address_is_a_server_error(pattern, client, superuser):
    client.force_login(superuser)
    for url in _admin_urls(pattern):
        _send(client, "get", url, {"q": "я" * 300, "o": "abc", "p": "-1"}, "as superuser")
    _send(client, "get", url, {"_changelist_filters": "a=%00", "q": "a\x00b"}, "as superuser")


def _project_views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from _project_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_the_collection_finds_the_parameters_views_read():
    """The static collection works (or the fuzz would send nothing): known names are found."""
    found = {n for view in _project_views(get_resolver().url_patterns) for n in parameters_of(view)}
    # A query parameter (programs' list), a form field (the pair form) and a formset's field.
    assert {"status", "mentor", "comment", "password"} <= found, sorted(found)
    assert len(found) > 60, sorted(found)


def test_a_nul_in_a_path_or_a_parameter_is_a_russian_400(client):
    response = client.get("/programs/calendar/%00.ics")
    assert response.status_code == 400
    assert "Неверный запрос" in response.content.decode()
    assert client.get("/", {"q": "a\x00b"}).status_code == 400


@pytest.mark.django_db
def test_a_bare_word_as_next_goes_to_the_default_page(client_for):
    """``next=abc`` used to reach ``redirect()``, which took it for a view name: a 500."""
    client = client_for("mentee")
    client.raise_request_exception = False
    response = client.post("/requests/new/", {"next": "abc", "kind": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/"
