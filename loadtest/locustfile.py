"""Load mix for `make load`: people of every role log in and work; the bare view interleaved.

The page list is the benchmark's (every app's ``bench.py`` ``PAGES``), resolved once at start
against the seeded database for the first ``LOAD_ORGS`` kindergartens of the region (the
biggest, region-0001, included), so the mix follows the pages the apps declare.

``RoleUser`` logs in through the login form (its CSRF token, the password check, a new
session: what a morning of logins costs) as a random role of a random ДОУ or a municipal
coordinator, then works: ``WRITE_SHARE`` (10 %) of its requests are writes through the real
forms — saving a plan row, logging a meeting, answering a survey question, signing an order
(while unsigned orders last) — the rest that role's pages. Every ``PHASE`` seconds the whole
crowd switches between this mix and the bare view (one query and ``base.html``), so both are
measured in the same run under the same machine load; ``loadtest/run`` prints the ratio.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import time
from collections import deque
from html.parser import HTMLParser

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
WRITE_SHARE = float(os.environ.get("LOAD_WRITE_SHARE", "0.1"))
PHASE = float(os.environ.get("LOAD_PHASE", "15"))  # seconds of the mix, then of the bare view
SIGN_PER_ORGANIZATION = 20  # orders sent for signature in each ДОУ at the start of a run


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


def _writes(username: str) -> list[tuple[str, str, str]]:
    """The writes this person can make: (kind, page with the form, URL the form posts to)."""
    from django.urls import reverse

    from core.models import RoleAssignment, User
    from monitoring.models import ResponseStatus, SurveyResponse
    from programs.models import Program
    from programs.rules import can_edit_program, can_report_program, is_program_participant
    from roadmap.models import Order, OrderStatus
    from roadmap.rules import can_sign_order

    user = User.objects.get(username=username)
    assignment = RoleAssignment.objects.filter(user=user).first()
    if assignment is None:
        return []
    organization = assignment.organization
    found: dict[str, tuple[str, str, str]] = {}
    programs = Program.objects.filter(organization=organization).order_by("-pk")[:60]
    for program in programs:
        row = program.rows.order_by("pk").first() if "row" not in found else None
        if row is not None and (
            can_edit_program(user, program) or can_report_program(user, program)
        ):
            found["row"] = (
                "plan row",
                reverse("programs:row-edit", args=[row.pk]),
                reverse("programs:row-save", args=[row.pk]),
            )
        if "meeting" not in found and is_program_participant(user, program):
            found["meeting"] = (
                "meeting",
                program.get_absolute_url(),
                reverse("programs:meeting-add", args=[program.pk]),
            )
    response = (
        SurveyResponse.objects.filter(staff__user=user, status=ResponseStatus.DRAFT)
        .order_by("pk")
        .first()
    )
    if response is not None:
        found["answer"] = (
            "survey answer",
            reverse("monitoring:response-fill", args=[response.pk]),
            reverse("monitoring:answer-save", args=[response.pk]),
        )
    result = list(found.values())
    for order in Order.objects.filter(organization=organization, status=OrderStatus.SENT)[:20]:
        if can_sign_order(user, order):
            TO_SIGN.setdefault(username, deque()).append(
                (
                    reverse("roadmap:order-detail", args=[order.pk]),
                    reverse("roadmap:order-sign", args=[order.pk]),
                )
            )
    return result


# A director's orders to sign (page, form action), each signed once, in her own session.
TO_SIGN: dict[str, deque[tuple[str, str]]] = {}


WRITES: dict[str, list[tuple[str, str, str]]] = {}


def _plan() -> list[tuple[str, str, list[str]]]:
    """(username, password, urls) for every role of the first LOAD_ORGS ДОУ and each coordinator."""
    from django.test.utils import override_settings

    from roadmap.seeding import orders_to_sign

    plan = []
    organizations = list(
        Organization.objects.filter(slug__startswith="region-").order_by("slug")[:LOAD_ORGS]
    )
    # Every run finds as many orders to sign as the first: the last run's are signed for good.
    orders_to_sign(organizations, SIGN_PER_ORGANIZATION)
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
                WRITES[username] = _writes(username)
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
# Only some people have writes at hand (a mentor her plan rows, a director orders to sign): they
# write more often, so that WRITE_SHARE of the whole mix is writes.
_WRITERS = sum(1 for username, _, _ in PLAN if WRITES.get(username) or TO_SIGN.get(username)) or 1
# A write is two requests (its form's page, then the post): WRITE_SHARE of the requests are
# posts when a writer writes in this share of her turns.
WRITE_CHANCE = min(0.5, WRITE_SHARE / (1 - WRITE_SHARE) * len(PLAN) / _WRITERS)
BARE_USER = "region-0001-curator-1"  # the bare view needs someone of a ДОУ
WAIT = constant(float(os.environ.get("LOAD_WAIT", "0")))  # closed loop: no think time
STARTED = [time.monotonic()]  # reset when the test starts (the plan above takes a while)

# Our own tally (logins and the form pages before a write counted apart), per phase: the mix
# (reads and writes) and the bare view; written where loadtest/run reads it.
TALLY: dict[str, list[float]] = {"read": [], "write": [], "bare": [], "login": []}
SECONDS = {"mix": 0.0, "bare": 0.0}
FAILURES: list[str] = []


@events.test_start.add_listener
def _started(environment, **kwargs):
    STARTED[0] = time.monotonic()


def _phase() -> str:
    return "mix" if int((time.monotonic() - STARTED[0]) / PHASE) % 2 == 0 else "bare"


@events.request.add_listener
def _tally(request_type, name, response_time, response_length, exception=None, **kwargs):
    kind = (kwargs.get("context") or {}).get("kind", "read")
    TALLY.setdefault(kind, []).append(response_time)
    if exception is not None:
        FAILURES.append(f"{kind} {name}: {exception}")


def _summary(times: list[float], seconds: float) -> dict:
    ordered = sorted(times)
    if not ordered:
        return {"requests": 0, "rps": 0, "median_ms": None, "p95_ms": None}
    return {
        "requests": len(ordered),
        "rps": round(len(ordered) / seconds, 1) if seconds else 0,
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
    }


@events.test_stop.add_listener
def _report(environment, **kwargs):
    path = os.environ.get("LOAD_RESULT")
    if not path:
        return
    total = time.monotonic() - STARTED[0]
    full, rest = divmod(total, 2 * PHASE)
    mix_seconds = full * PHASE + min(rest, PHASE)
    bare_seconds = total - mix_seconds
    reads = TALLY["read"] + TALLY.get("form", [])  # a form's page before a write is a read
    mix = reads + TALLY["write"]
    result = {
        "mix": _summary(mix, mix_seconds),
        "read": _summary(reads, mix_seconds),
        "write": _summary(TALLY["write"], mix_seconds),
        "bare": _summary(TALLY["bare"], bare_seconds),
        "login": _summary(TALLY["login"], total),
        "write_share": round(len(TALLY["write"]) / len(mix), 3) if mix else 0,
        "errors": len(FAILURES),
        "error_examples": sorted(set(FAILURES))[:10],
        "seconds": round(total),
    }
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False)


class _Form(HTMLParser):
    """The fields of the form that posts to ``action`` (inputs, selects, textareas), and the
    page's CSRF token."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields, self.csrf = action, False, {}, ""
        self.found = False
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("name") == "csrfmiddlewaretoken" and not self.csrf:
            self.csrf = a.get("value", "")
        if tag == "form":
            self.inside = a.get("action") == self.action or a.get("hx-post") == self.action
            self.found = self.found or self.inside
        if tag == "option" and self.inside and self._select:
            if "selected" in a or self._select not in self.fields:
                self.fields[self._select] = a.get("value", "")
            return
        if not self.inside or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a or (kind == "radio" and name not in self.fields):
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.fields[name] = a.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_QUESTION = re.compile(r'name="q(\d+)"[^>]*?value="([^"]*)"|value="([^"]*)"[^>]*?name="q(\d+)"')


# FastHttpUser (geventhttpclient): the load generator shares the machine's two cores with
# gunicorn and PostgreSQL, and costs several times less CPU per request than HttpUser.
class RoleUser(FastHttpUser):
    """A person of a random role: logs in through the form, then reads and writes."""

    wait_time = WAIT

    def on_start(self):
        self.username, password, self.urls = random.choice(PLAN)
        self.writes = WRITES.get(self.username, [])
        # Shared by the simulated people who drew the same director.
        self.to_sign = TO_SIGN.setdefault(self.username, deque())
        self._login(self.username, password)
        # A second session, of someone of a ДОУ, for the bare view (a coordinator has no ДОУ).
        self.bare = _session(self)
        self._login(BARE_USER, PASSWORD, self.bare)

    def _login(self, username: str, password: str, client=None) -> None:
        client = client or self.client
        page = client.get("/accounts/login/", name="login", context={"kind": "login"})
        token = _CSRF.search(page.text or "")
        client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            context={"kind": "login"},
        )

    @task
    def work(self):
        if _phase() == "bare":
            self._bare()
        elif (self.writes or self.to_sign) and random.random() < WRITE_CHANCE:
            self._write()
        else:
            url = random.choice(self.urls)
            # Grouped by the URL without numbers so the report stays readable.
            name = re.sub(r"\d+", "N", url.split("?")[0])
            self.client.get(url, name=name, context={"kind": "read"})

    def _bare(self):
        self.bare.get("/__bench__/bare/", name="bare", context={"kind": "bare"})

    def _write(self):
        if self.to_sign and random.random() < 1 / (len(self.writes) + 1):
            self._sign()  # a director signs one of her orders
            return
        kind, page, action = random.choice(self.writes)
        form_page = self.client.get(page, name=f"{kind}: form", context={"kind": "form"})
        html = form_page.text or ""
        if kind == "survey answer":
            found = _QUESTION.search(html)
            token = _CSRF.search(html)
            if not found or not token:
                return
            key = found.group(1) or found.group(4)
            value = found.group(2) if found.group(1) else found.group(3)
            data = {"question": key, f"q{key}": value, "csrfmiddlewaretoken": token.group(1)}
        else:
            form = _Form(action)
            form.feed(html)
            if not form.found:  # this person's page offers no such form (a council member)
                return
            data = {**form.fields, "csrfmiddlewaretoken": form.csrf}
            if kind == "meeting":
                data.update(
                    held_on=time.strftime("%Y-%m-%d"),
                    start_time="15:00",
                    duration_minutes="30",
                    topic="Разбор занятия (нагрузочный тест)",
                )
        self.client.post(
            action,
            data=data,
            name=kind,
            context={"kind": "write"},
            headers={"HX-Request": "true"} if kind != "meeting" else {},
        )

    def _sign(self):
        page, action = self.to_sign.popleft()
        html = self.client.get(page, name="sign: form", context={"kind": "form"}).text or ""
        token = _CSRF.search(html)
        self.client.post(
            action,
            data={"password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            name="signing",
            context={"kind": "write"},
        )


def _session(user: RoleUser):
    """Another browser of the same simulated person (its own cookies)."""
    from locust.contrib.fasthttp import FastHttpSession

    return FastHttpSession(
        base_url=user.host,
        request_event=user.environment.events.request,
        user=user,
        network_timeout=user.network_timeout,
        connection_timeout=user.connection_timeout,
    )
