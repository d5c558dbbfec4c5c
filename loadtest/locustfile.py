"""Load mix for `make load`: logged-in users of every role on the seeded region, and a bare view.

The page list is the benchmark's (every app's ``bench.py`` ``PAGES``), resolved once at start
against the seeded database for the first ``LOAD_ORGS`` kindergartens of the region (the
biggest, region-0001, included), so the mix follows the pages the apps declare.

User classes:
* ``RoleUser`` — logs in as a random role of a random ДОУ (or a municipal coordinator) and
  walks that role's pages with a short think time.
* ``BareUser`` — the ceiling: the one-query bare view, run alone by ``loadtest/run``.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import time

import django
from locust import FastHttpUser, constant, events, task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loadtest.settings")
django.setup()

from core.benchmarking import collect_pages  # noqa: E402
from core.models import MunicipalCoordinator, Organization  # noqa: E402
from mentoring.seeding import REGION_COORDINATOR_PASSWORD  # noqa: E402

PASSWORD = REGION_COORDINATOR_PASSWORD  # seed_region gives every user the same one
LOAD_ORGS = int(os.environ.get("LOAD_ORGS", "20"))
COORDINATOR = "coordinator"


def _reachable(username: str, urls: list[str]) -> list[str]:
    """Drop the object pages (a URL with a number) this user may not open, e.g. a program
    of another mentor that the bench page names; the rest are lists every role opens."""
    from django.test import Client

    from core.models import User

    objects = [url for url in urls if re.search(r"/\d+/", url)]
    if not objects:
        return urls
    client = Client()
    client.force_login(User.objects.get(username=username))
    refused = {url for url in objects if client.get(url).status_code != 200}
    return [url for url in urls if url not in refused]


def _plan() -> list[tuple[str, str, list[str]]]:
    """(username, password, urls) for every role of the first LOAD_ORGS ДОУ and each coordinator."""
    from django.test.utils import override_settings

    plan = []
    organizations = list(
        Organization.objects.filter(slug__startswith="region-").order_by("slug")[:LOAD_ORGS]
    )
    pages = collect_pages()
    with override_settings(ROOT_URLCONF="config.bench_urls", ALLOWED_HOSTS=["*"]):
        for organization in organizations:
            by_role: dict[str, list[str]] = {}
            for page in pages:
                for role in page.roles:
                    by_role.setdefault(role, []).append(page.url(organization))
            for role, urls in by_role.items():
                if role == COORDINATOR:
                    continue
                username = f"{organization.slug}-{role}-1"
                plan.append((username, PASSWORD, _reachable(username, urls)))
            coordinator = (
                MunicipalCoordinator.objects.filter(municipality_id=organization.municipality_id)
                .select_related("user")
                .first()
            )
            if coordinator is not None and COORDINATOR in by_role:
                plan.append(
                    (coordinator.user.username, REGION_COORDINATOR_PASSWORD, by_role[COORDINATOR])
                )
    return plan


PLAN = _plan()
WAIT = constant(float(os.environ.get("LOAD_WAIT", "0")))  # closed loop: no think time

# Our own tally of page requests (logins excluded), written where loadtest/run reads it.
TIMES: list[float] = []
FAILURES: list[str] = []
WINDOW: list[float] = []


@events.request.add_listener
def _tally(request_type, name, response_time, response_length, exception=None, **kwargs):
    if name == "login":
        return
    now = time.monotonic()
    if not WINDOW:
        WINDOW[:] = [now, now]
    WINDOW[1] = now
    TIMES.append(response_time)
    if exception is not None:
        FAILURES.append(f"{name}: {exception}")


@events.test_stop.add_listener
def _report(environment, **kwargs):
    path = os.environ.get("LOAD_RESULT")
    if not path:
        return
    ordered = sorted(TIMES)
    seconds = (WINDOW[1] - WINDOW[0]) if WINDOW else 0
    result = {
        "requests": len(TIMES),
        "rps": round(len(TIMES) / seconds, 1) if seconds else 0,
        "median_ms": round(statistics.median(ordered), 1) if ordered else None,
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)
        if ordered
        else None,
        "errors": len(FAILURES),
        "error_examples": sorted(set(FAILURES))[:10],
    }
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)


def _session_for(username: str) -> str:
    """A logged-in session made directly (as Django's Client.force_login does): the test
    measures pages, not 30 simultaneous password hashings at the start."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from core.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(  # the backend that loads users (not rules')
        path for path in settings.AUTHENTICATION_BACKENDS if "ModelBackend" in path
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


SESSIONS = {username: _session_for(username) for username, _, _ in PLAN}
SESSIONS["region-0001-curator-1"] = _session_for("region-0001-curator-1")


def _session_cookie(username: str) -> dict[str, str]:
    """The header a logged-in browser sends (the session made above)."""
    from django.conf import settings

    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={SESSIONS[username]}"}


# FastHttpUser (geventhttpclient): the load generator shares the machine's two cores with
# gunicorn and PostgreSQL, and costs several times less CPU per request than HttpUser.
class RoleUser(FastHttpUser):
    """A logged-in person of a random role walking that role's pages."""

    wait_time = WAIT

    def on_start(self):
        self.username, _password, self.urls = random.choice(PLAN)
        self.cookie = _session_cookie(self.username)

    @task
    def open_a_page(self):
        url = random.choice(self.urls)
        # Group by the URL without numbers so the report stays readable.
        self.client.get(url, name=re.sub(r"\d+", "N", url.split("?")[0]), headers=self.cookie)


class BareUser(FastHttpUser):
    """The ceiling: one query and base.html, as the benchmark's reference."""

    wait_time = WAIT

    def on_start(self):
        self.cookie = _session_cookie("region-0001-curator-1")

    @task
    def bare(self):
        self.client.get("/__bench__/bare/", name="bare", headers=self.cookie)
