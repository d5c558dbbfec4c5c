"""The production settings behind plain HTTP on 127.0.0.1, plus the bench's bare view.

A real deployment terminates TLS in front of gunicorn; here locust talks to gunicorn directly,
so only the HTTPS redirect and secure-cookie flags are relaxed. Everything else (DEBUG off,
manifest static files, the database and cache settings) is production's.
"""

import os

os.environ.setdefault("SECRET_KEY", "load-test-only-key-not-for-production-0123456789abcdefghij")

from config.settings_production import *  # noqa: E402,F403

ROOT_URLCONF = "config.bench_urls"  # the project's URLs plus /__bench__/bare/
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# The vendored chart.umd.min.js names a source map that is not shipped, and the manifest
# storage's post-processing fails on it (reported to the lead); compressed, not hashed, here.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
