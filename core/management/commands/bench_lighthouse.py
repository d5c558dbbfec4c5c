"""Lighthouse's performance score of every benchmarked page, as a phone on the demo server sees it.

Performance depends on the machine's load, so it is measured here, in the benchmark, and never
asserted in the test suite (the browser tests assert accessibility 100 only). The pages are
served the production way: `DEBUG=false`, static files collected and compressed, WhiteNoise.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError

from core.benchmarking import collect_pages
from core.models import Organization, RoleAssignment

LIGHTHOUSE = Path(settings.BASE_DIR) / "tests" / "browser" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_cookie(user, organization) -> str:
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[-1]
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store["organization_id"] = organization.pk
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _lighthouse(url: str, cookie: str) -> dict | None:
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--form-factor=mobile",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
        "--extra-headers=" + json.dumps({"Cookie": cookie}),
    ]
    for _attempt in range(2):  # Lighthouse now and then loses the trace (NO_NAVSTART)
        result = subprocess.run(  # noqa: S603  (our pinned tool on our own server)
            command,
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False,
        )
        if result.returncode == 0:
            return json.loads(result.stdout)
    return None


class Command(BaseCommand):
    help = (
        "Оценка производительности Lighthouse (телефон) для каждой страницы бенчмарка: "
        "сервер демо с DEBUG=false и сжатой статикой. Сначала выполните seed_region."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", default="", help="Адрес (slug) организации.")
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="Только страницы, в названии которых есть эта строка (можно повторять).",
        )

    def handle(self, *args, org, only, **options):
        if not LIGHTHOUSE.exists():
            raise CommandError(f"Нет Lighthouse: {LIGHTHOUSE}. Выполните make setup.")
        queryset = Organization.objects.all()
        organization = (
            queryset.filter(slug=org).first()
            if org
            else queryset.filter(slug__startswith="region-").order_by("slug").first()
        )
        if organization is None:
            raise CommandError("Организация не найдена: выполните manage.py seed_region.")
        users = {}
        for assignment in RoleAssignment.objects.filter(organization=organization).select_related(
            "user"
        ):
            users.setdefault(assignment.role, assignment.user)
        with tempfile.TemporaryDirectory() as static_root:
            env = {
                **os.environ,
                "DEBUG": "false",
                "STATIC_COMPRESSED": "true",
                "STATIC_ROOT": static_root,
                "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-key-" + "x" * 40),
            }
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603
            port = _free_port()
            server = subprocess.Popen(  # noqa: S603
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                self._wait(base)
                self._measure(base, organization, users, only)
            finally:
                server.terminate()
                server.wait(timeout=10)

    def _wait(self, base: str) -> None:
        deadline = time.monotonic() + 180  # a busy machine starts the server slowly
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=5)  # noqa: S310
                return
            except OSError:
                time.sleep(0.5)
        raise CommandError("Сервер не запустился.")

    def _measure(self, base, organization, users, only=()) -> None:
        self.stdout.write("| страница | роль | производительность | FCP | LCP | TBT |")
        self.stdout.write("| --- | --- | --- | --- | --- | --- |")
        for page in collect_pages():
            if only and not any(part.lower() in page.label.lower() for part in only):
                continue
            role = next((r for r in page.roles if r in users), None)
            user = page.user(organization) if page.user else users.get(role)
            if user is None:
                continue
            report = _lighthouse(base + page.url(organization), _session_cookie(user, organization))
            if report is None:
                self.stdout.write(f"| {page.label} | {role or '—'} | Lighthouse не ответил | | | |")
                continue
            audits = report["audits"]
            score = report["categories"]["performance"]["score"] or 0
            keys = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
            metrics = " | ".join(audits[key]["displayValue"] for key in keys)
            label = f"| {page.label} | {role or '—'} |"
            self.stdout.write(f"{label} {round(score * 100)} | {metrics} |")
