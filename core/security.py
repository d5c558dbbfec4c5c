"""Guards against guessing and oversized requests: client address, lockouts, rate limits, 413.

* ``client_ip`` — the client's address; ``X-Forwarded-For`` is believed only when
  ``TRUSTED_PROXY_COUNT`` says how many proxies stand in front of Django.
* ``password_reentry_locked`` / ``password_reentry_failed`` — a password typed again to sign
  counts towards the same django-axes lockout as the login form.
* ``rate_limited(name, per_minute=...)`` / ``over_limit`` — small cache-based limits (public
  pages, verification, the password reset) answered by one Russian 429 page.
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


def _retry_at(request: HttpRequest, credentials=None):
    from core.lockouts import locked_until

    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    user = getattr(request, "user", None)
    if not username and user is not None and user.is_authenticated:
        username = user.get_username()
    if not username:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return locked_until(username, client_ip(request))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The Russian page shown instead of the login or signing when guesses are locked out."""
    context = {
        "retry_at": _retry_at(request, credentials),
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    body = render_to_string(LOCKOUT_TEMPLATE, context, request=request)
    return HttpResponse(body, status=429)


def _credentials(user) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def password_reentry_locked(request: HttpRequest, user) -> bool:
    """True when this user has guessed too often from this address to be let try again."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, _credentials(user))


def password_reentry_failed(request: HttpRequest, user) -> None:
    """Count a wrong re-entered password exactly like a failed login."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def over_limit(name: str, key: str, *, limit: int, window: int = 60) -> bool:
    """Count one more request of ``name`` for ``key`` in the current window; True past ``limit``."""
    slot = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    cache_key = f"ratelimit:{name}:{digest}:{slot}"
    cache.add(cache_key, 0, timeout=window * 2)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=window * 2)
        count = 1
    return count > limit


def too_many_response(
    request: HttpRequest, *, retry_after: int = 60, reason: str = ""
) -> HttpResponse:
    """The Russian 429 page, with ``Retry-After`` in seconds."""
    from core.declension import plural

    minutes = max(1, -(-retry_after // 60))
    wait = "минуту" if minutes == 1 else f"{minutes} {plural(minutes, 'минуту', 'минуты', 'минут')}"
    context = {"wait": wait, "reason": reason}
    body = render_to_string("security/too_many.html", context, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(
    name: str,
    *,
    per_minute: int | None = None,
    setting: str = "VERIFY_RATE_LIMIT",
    methods: tuple[str, ...] | None = None,
    reason: str = "",
    window: int = 60,
) -> Callable:
    """Answer 429 (a Russian page) to an address that calls the view too often in a window.

    The limit per ``window`` seconds (a minute by default) is ``per_minute`` or, read at each
    request, the setting named ``setting``; ``methods`` restricts the count to those methods.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if methods is None or request.method in methods:
                limit = per_minute or getattr(settings, setting)
                address = client_ip(request) or "unknown"
                if over_limit(name, address, limit=limit, window=window):
                    retry = window - int(time.time()) % window
                    return too_many_response(request, retry_after=retry, reason=reason)
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
