"""Who may frame the embeddable variant: only the origins the organization listed.

The page keeps the site's one Content-Security-Policy (``CONTENT_SECURITY_POLICY``, built by
django-csp's middleware); only its ``frame-ancestors`` directive is changed for this response.
"""

from __future__ import annotations

from csp.constants import SELF
from django.http import HttpResponse


def allow_framing(response: HttpResponse, origins: tuple[str, ...] | list[str]) -> HttpResponse:
    """Let the listed origins (and this site) frame this one response; nobody when none listed."""
    response._csp_replace = {"frame-ancestors": [SELF, *origins]}
    if not origins:
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response
    # X-Frame-Options cannot name several origins; browsers that know CSP ignore it anyway.
    response.xframe_options_exempt = True
    return response
