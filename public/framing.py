"""Who may frame the embeddable variant: only the origins the organization listed."""

from __future__ import annotations

from django.http import HttpResponse


def allow_framing(response: HttpResponse, origins: tuple[str, ...] | list[str]) -> HttpResponse:
    """Let the listed origins (and this site) frame this one response; nobody when none listed."""
    if not origins:
        response["Content-Security-Policy"] = "frame-ancestors 'self'"
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response
    response["Content-Security-Policy"] = "frame-ancestors 'self' " + " ".join(origins)
    # X-Frame-Options cannot name several origins; browsers that know CSP ignore it anyway.
    response.xframe_options_exempt = True
    return response
