"""Lighthouse (mobile) against a live server that serves static files the production way.

The ``lighthouse_server`` fixture collects the static files with WhiteNoise's compressed
manifest storage into a temporary folder and starts a live server without Django's own static
handler, so WhiteNoise serves them compressed and cacheable, as in production and the demo.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

from core.models import User
from tests.browser.pages import LIGHTHOUSE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def lighthouse_server(tmp_path_factory, transactional_db):
    root = tmp_path_factory.mktemp("staticfiles")
    # The demo's own command (`make demo`), in a child process: settings read at startup.
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        + ["-i", "admin", "-i", "simple_history", "-i", "django_htmx", "-i", "LICENSE*"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "STATIC_COMPRESSED": "true", "STATIC_ROOT": str(root)},
        check=True,
    )
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=storages,
        WHITENOISE_USE_FINDERS=False,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ):
        shared = {
            conn.alias: conn
            for conn in connections.all()
            if conn.vendor == "sqlite" and conn.is_in_memory_db()
        }
        thread = LiveServerThread("127.0.0.1", lambda app: app, connections_override=shared)
        thread.daemon = True
        for conn in shared.values():
            conn.inc_thread_sharing()
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


def session_cookie(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def lighthouse(url: str, *, cookie: str = "") -> dict:
    """Run the Lighthouse CLI (mobile, accessibility) and return its report.

    Performance depends on the machine's load: `make bench` measures it (`bench_lighthouse`)."""
    if not LIGHTHOUSE.exists():
        pytest.fail(f"Lighthouse is missing at {LIGHTHOUSE}: run `npm ci --prefix tests/browser`.")
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=accessibility",
        "--form-factor=mobile",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    for _attempt in range(2):  # Lighthouse now and then loses the trace (NO_NAVSTART): once more
        result = subprocess.run(  # noqa: S603  (our pinned tool on our own server)
            command,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False,
        )
        if result.returncode == 0:
            break
    else:
        pytest.fail(f"Lighthouse failed twice on {url}: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def shortfalls(report: dict) -> list[str]:
    """What keeps a page below accessibility 100, in one line each."""
    scores = {key: cat["score"] for key, cat in report["categories"].items()}
    url = report["finalDisplayedUrl"]
    problems = []
    if scores["accessibility"] < 1:
        failed = [
            audit_id
            for ref in report["categories"]["accessibility"]["auditRefs"]
            if (audit_id := ref["id"]) and report["audits"][audit_id]["score"] == 0
        ]
        problems.append(f"{url}: accessibility {scores['accessibility']:.2f} ({', '.join(failed)})")
    return problems
