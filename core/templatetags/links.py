"""``{{ url|may_open:request }}``: show a link only when its page would let the person in.

Asks the view's own rule: the roles ``core.access.access`` declared on it (``access_roles``).
Public views open to all; a URL that resolves to nothing, or a view without a declared rule,
is left to the template (True). Used for links built from data (the roadmap's checks) and for
buttons whose page has its own roles::

    {% load links %}
    {% url 'roadmap:agreement-create' as create_url %}
    {% if create_url|may_open:request %}<a href="{{ create_url }}">…</a>{% endif %}
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from django import template
from django.urls import Resolver404, get_resolver, get_urlconf

register = template.Library()


@functools.lru_cache(maxsize=1024)
def _rule(resolver, path: str) -> frozenset | None:
    """The roles the view at ``path`` declares; None when anyone may open it (or no view).

    Kept per resolver (a new URL configuration is a new resolver): a page with thirty links
    to a dozen views resolves each view once per process, not each link on every request.
    """
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    roles = getattr(match.func, "access_roles", None)
    if roles is None or getattr(match.func, "access_public", False):
        return None
    return frozenset(roles)


def may_open(request, url: str) -> bool:
    """True unless the view at ``url`` declares roles the person does not hold here."""
    roles = _rule(get_resolver(get_urlconf()), urlsplit(url).path)
    if roles is None:
        return True
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if getattr(request, "organization", None) is None:
        return True  # the view answers 404 or lets in those without an organization itself
    return bool(getattr(request, "roles", frozenset()) & roles)


@register.filter(name="may_open")
def may_open_filter(url: str, request) -> bool:
    return bool(url) and may_open(request, url)
