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

from urllib.parse import urlsplit

from django import template

from core.access import view_at

register = template.Library()


def may_open(request, url: str) -> bool:
    """True unless the view at ``url`` declares roles the person does not hold here."""
    view = view_at(urlsplit(url).path)
    if view is None:
        return True
    roles = getattr(view, "access_roles", None)
    if roles is None or getattr(view, "access_public", False):
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
