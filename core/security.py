"""Guards against guessing and oversized requests: client address, lockouts, rate limits, 413.

* ``client_ip`` — the client's address; ``X-Forwarded-For`` is believed only when
  ``TRUSTED_PROXY_COUNT`` says how many proxies stand in front of Django.
* ``password_reentry_locked`` / ``password_reentry_failed`` — a password typed again to sign
  counts towards the same django-axes lockout as the login form.
* ``rate_limited(name, per_minute=...)`` — a small cache-based limit for public pages.
* ``UploadSizeLimitMiddleware`` — refuses a body larger than ``MAX_UPLOAD_SIZE`` by its
  ``Content-Length``, before Django reads it.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

LOCKOUT_TEMPLATE = "security/lockout.html"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the forwarded one set by our trusted proxies."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR") or None
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    # Each trusted proxy appends the address it saw; the client is ``count`` places from the end.
    if len(forwarded) >= count:
        return forwarded[-count]
    return remote


def _retry_at(request: HttpRequest):
    return timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The Russian page shown instead of the login or signing when guesses are locked out."""
    context = {
        "retry_at": _retry_at(request),
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    body = render_to_string(LOCKOUT_TEMPLATE, context, request=request)
    return HttpResponse(body, status=429)


def _credentials(user) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def password_reentry_locked(request: HttpRequest, user) -> bool:
    """True when the user or the address has guessed too often to be let try again."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, _credentials(user))


def password_reentry_failed(request: HttpRequest, user) -> None:
    """Count a wrong re-entered password exactly like a failed login."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def rate_limited(name: str, *, per_minute: int | None = None) -> Callable:
    """Answer 429 (a Russian page) to an address that calls the view too often in a minute."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            limit = per_minute or settings.VERIFY_RATE_LIMIT
            window = int(time.time() // 60)
            address = client_ip(request) or "unknown"
            digest = hashlib.sha256(address.encode()).hexdigest()[:16]
            key = f"ratelimit:{name}:{digest}:{window}"
            cache.add(key, 0, timeout=120)
            try:
                count = cache.incr(key)
            except ValueError:  # evicted between add and incr
                cache.set(key, 1, timeout=120)
                count = 1
            if count > limit:
                body = render_to_string("security/too_many.html", {}, request=request)
                response = HttpResponse(body, status=429)
                response["Retry-After"] = str(60 - int(time.time()) % 60)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class UploadSizeLimitMiddleware:
    """Refuse too large bodies by their declared length, before anything reads them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_UPLOAD_SIZE
        if length > limit:
            body = render_to_string("security/too_large.html", {"limit_mb": limit // (1024 * 1024)})
            response = HttpResponse(body, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)


TOUCHED_KEY = "_security_touched"


def touch_session_on_login(sender, request, user, **kwargs) -> None:
    """Record when the session began, so the next requests need not write it again."""
    if request is not None and hasattr(request, "session"):
        request.session[TOUCHED_KEY] = int(time.time())


class SlidingSessionMiddleware:
    """End a session after SESSION_COOKIE_AGE of inactivity, renewing it now and then.

    Each renewal saves the session, which moves its expiry (cookie and database) forward by
    the full age; between renewals nothing is written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            touched = session.get(TOUCHED_KEY, 0)
            if now - touched >= max(settings.SESSION_COOKIE_AGE // 20, 1):
                session[TOUCHED_KEY] = now
        return self.get_response(request)
