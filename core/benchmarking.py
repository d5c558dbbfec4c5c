"""Measuring pages as real users: time per request and SQL queries, against a bare view."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from core import cache
from core.models import Organization, RoleAssignment
from core.plugins import autodiscover


@dataclass(frozen=True)
class BenchPage:
    """A page to measure: a label, its URL for an organization, and the roles that open it."""

    label: str
    url: Callable[[Organization], str]
    roles: tuple[str, ...]
    # For a user who holds no role in the organization (the municipal coordinator): fn(org).
    user: Callable[[Organization], object] | None = None


@dataclass(frozen=True)
class BenchResult:
    label: str
    role: str
    median_ms: float
    p95_ms: float
    queries: int
    status: int
    cold_ms: float = 0.0  # the median right after a change, every cached part rebuilt


def collect_pages() -> list[BenchPage]:
    return [page for module in autodiscover("bench") for page in module.PAGES]


def _everything(organization: Organization) -> None:
    cache.bump(None)  # every part stale: as after a write to everything the page reads


def _login(organization: Organization) -> None:
    """Someone of the organization logs in (``last_login`` and a session are written)."""
    assignment = RoleAssignment.objects.filter(organization=organization).first()
    Client().force_login(assignment.user)


def collect_changes() -> dict[str, Callable[[Organization], None]]:
    """What ``--after`` can do before the second column: every part stale, a login, and the
    apps' own writes (``CHANGES`` in their ``bench`` modules: saving a plan row)."""
    changes = {"all": _everything, "login": _login}
    for module in autodiscover("bench"):
        changes.update(getattr(module, "CHANGES", {}))
    return changes


def _measure(
    client: Client, url: str, repeat: int, change: Callable[[], None] = lambda: cache.bump(None)
) -> tuple[list[float], list[float], int, int]:
    """Times with the organization's cached parts in place, times right after ``change`` (by
    default every part stale), the number of queries (cached), and the status."""
    for _ in range(3):  # warm caches, templates and connections
        client.get(url)
    timings, cold = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    for _ in range(max(repeat // 3, 3)):
        change()
        started = time.perf_counter()
        client.get(url)
        cold.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return timings, cold, len(captured), response.status_code


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@override_settings(ROOT_URLCONF="config.bench_urls", DEBUG=False, ALLOWED_HOSTS=["testserver"])
def run(
    *, organization: Organization, repeat: int, after: str = "all"
) -> tuple[BenchResult, list[BenchResult]]:
    """Measure the bare view and every page as each of its roles in one organization; the
    second column right after the change named ``after`` (``collect_changes``)."""
    do_change = collect_changes()[after]

    def change() -> None:
        do_change(organization)

    users = {}
    for assignment in RoleAssignment.objects.filter(organization=organization).select_related(
        "user"
    ):
        users.setdefault(assignment.role, assignment.user)
    clients: dict[str, Client] = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session["organization_id"] = organization.pk
        session.save()
        clients[role] = client
    any_client = next(iter(clients.values()))
    timings, cold, queries, status = _measure(any_client, "/__bench__/bare/", repeat, change)
    bare = BenchResult(
        "Эталон: 1 запрос + base.html",
        "—",
        statistics.median(timings),
        p95(timings),
        queries,
        status,
        statistics.median(cold),
    )
    results = []
    for page in collect_pages():
        url = page.url(organization)
        if page.user is not None:
            client = Client()
            client.force_login(page.user(organization))
            clients.update({role: client for role in page.roles})
        for role in page.roles:
            if role not in clients:
                continue
            timings, cold, queries, status = _measure(clients[role], url, repeat, change)
            results.append(
                BenchResult(
                    page.label,
                    role,
                    statistics.median(timings),
                    p95(timings),
                    queries,
                    status,
                    statistics.median(cold),
                )
            )
    return bare, results
