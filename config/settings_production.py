"""Production: everything of the defaults, with secrets required and transport locked down.

Startup stops with one message naming every missing or unsafe setting, so an administrator
fixes them all at once instead of one per restart.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("LOG_FORMAT", "json")
os.environ.setdefault("REQUEST_LOG_LEVEL", "INFO")

import ipaddress  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from config.env import env_bool  # noqa: E402

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104


def _is_private_host(host: str) -> bool:
    """True for this machine or an address of a private, link-local or reserved network."""
    if host in LOCAL_HOSTS or host.endswith((".localhost", ".local", ".internal", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name: what it resolves to is the DNS administrator's business
    return not address.is_global


def _site_url_problems(site_url: str, allow_local: bool) -> list[str]:
    """SITE_URL is printed into QR codes for good: https, and an address people can open."""
    parts = urlsplit(site_url)
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if parts.scheme not in {"http", "https"} or not host:
        return [f"SITE_URL={site_url!r} is not an absolute http(s) address."]
    if allow_local:  # smoke tests on 127.0.0.1 over plain HTTP
        return []
    problems = []
    if host in LOCAL_HOSTS:
        problems.append(
            f"SITE_URL={site_url!r} points to this machine: use the address people open "
            "(SITE_URL_ALLOW_LOCAL=true only for smoke tests)."
        )
    elif _is_private_host(host):
        problems.append(
            f"SITE_URL={site_url!r} points to a private network address ({host}): QR codes "
            "printed with it cannot be opened from outside; use the site's public address "
            "(SITE_URL_ALLOW_LOCAL=true only for smoke tests)."
        )
    if parts.scheme != "https":
        problems.append(
            f"SITE_URL={site_url!r} is not https: QR codes and letters would send people over "
            "an unencrypted link; use https://… (SITE_URL_ALLOW_LOCAL=true only for smoke tests)."
        )
    return problems


def production_problems(environ=os.environ) -> list[str]:
    """Every setting that production refuses, each as a sentence naming the variable."""
    problems = []
    if env_bool("DEBUG", default=False):
        problems.append("DEBUG must be false.")
    key = environ.get("SECRET_KEY", "")
    if not key:
        problems.append("SECRET_KEY is not set: generate a random string of 50+ characters.")
    elif len(key) < 50 or key.startswith(("dev-only", "demo-only")) or len(set(key)) < 10:
        problems.append("SECRET_KEY is unsafe: use a random string of at least 50 characters.")
    hosts = [h.strip() for h in environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not hosts:
        problems.append("ALLOWED_HOSTS is not set: list the site's host names, comma-separated.")
    elif "*" in hosts:
        problems.append("ALLOWED_HOSTS must not contain '*': list the site's host names.")
    site_url = environ.get("SITE_URL", "")
    if not site_url:
        problems.append(
            "SITE_URL is not set: it is printed into QR codes of signed orders and e-mail links "
            "(e.g. https://mentoring.example.ru)."
        )
    else:
        problems.extend(
            _site_url_problems(site_url, env_bool("SITE_URL_ALLOW_LOCAL", default=False))
        )
    database_url = environ.get("DATABASE_URL", "")
    if not database_url:
        problems.append("DATABASE_URL is not set: production runs on PostgreSQL.")
    elif not database_url.startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point to PostgreSQL (postgres://…).")
    cache = environ.get("CACHE", "redis" if environ.get("REDIS_URL") else "file")
    if cache == "memory" and not env_bool("CACHE_SINGLE_PROCESS", default=False):
        problems.append(
            "CACHE=memory keeps a cache in each process, so another process (a second gunicorn "
            "worker, the Celery worker, a command) shows old data: set REDIS_URL, or CACHE=file "
            "or CACHE=database; CACHE_SINGLE_PROCESS=true only when one process serves the site."
        )
    return problems


_problems = production_problems()
if _problems:
    raise ImproperlyConfigured("Production settings refused to start:\n- " + "\n- ".join(_problems))
del _problems

from config.settings import *  # noqa: E402,F403
from config.settings import STORAGES  # noqa: E402

STORAGES = {
    **STORAGES,  # S3 for uploads when configured
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
PDF_STAND_IN = False  # every PDF is rendered for real, whatever a settings file above says
SIGNED_PDF_AT_ONCE = False  # the signed PDF is made by the worker after the commit, never inline
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# The load balancer probes over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/detail/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Security (issue 13): cookies never leave HTTPS, names get the __Host- prefix rules.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True
# Every cookie Secure, HttpOnly and SameSite (issue 26): the messages cookie follows the
# session's flags, the language cookie has its own; public_a11y follows SESSION_COOKIE_SECURE.
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
