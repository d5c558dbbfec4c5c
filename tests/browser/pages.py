"""The main pages of every role on the demo data, and the checks every page must pass.

``main_pages()`` seeds the demo kindergarten with a running program and returns, per persona,
the addresses of the pages that persona works in (anonymous: login and verification).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from mentoring.models import Pair
from mentoring.seeding import DEMO_USERS, seed_demo
from monitoring.models import SurveyResponse
from programs.models import ProgramStatus
from roadmap.models import Order, OrderStatus
from tests.browser.axe import describe, violations
from tests.programs.factories import make_program

NODE_MODULES = Path(__file__).parent / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
PASSWORDS = {demo.username: demo.password for demo in DEMO_USERS}
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}


def main_pages() -> dict[str, list[str]]:
    """Seed the demo and name the main pages of each persona."""
    org = seed_demo()
    pair = Pair.objects.filter(organization=org, mentees__user__username="mentee").first()
    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    order = Order.objects.filter(
        organization=org, status=OrderStatus.SIGNED, people__staff__user__username="mentee"
    ).first()
    response = SurveyResponse.objects.filter(staff__user__username="mentee").first()
    program_url = reverse("programs:program-detail", args=[program.pk])
    order_url = order.get_absolute_url()
    return {
        "": [reverse("login"), reverse("roadmap:verify", args=[order.verify_code])],
        "mentee": [
            reverse("home"),
            program_url,
            order_url,
            reverse("monitoring:my-surveys"),
            reverse("monitoring:response-fill", args=[response.pk]),
            reverse("mentoring:pair-detail", args=[pair.pk]),
        ],
        "mentor": [
            reverse("home"),
            program_url,
            reverse("programs:program-list"),
            reverse("mentoring:my-mentor-profile"),
        ],
        "curator": [
            reverse("home"),
            reverse("mentoring:mentor-list"),
            reverse("mentoring:mentee-list"),
            reverse("mentoring:pair-list"),
            reverse("mentoring:matching-proposal"),
            reverse("programs:program-list"),
            program_url,
            reverse("roadmap:order-list"),
            order_url,
            reverse("roadmap:roadmap-detail"),
            reverse("monitoring:dashboard"),
            reverse("monitoring:assignment-list"),
            reverse("mentoring:staff-list"),
        ],
        "director": [
            reverse("home"),
            reverse("roadmap:order-list"),
            reverse("roadmap:roadmap-detail"),
            reverse("monitoring:dashboard"),
        ],
        "council": [reverse("home"), reverse("roadmap:roadmap-detail")],
    }


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORDS[username])
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/")


def serious_violations(page) -> list[dict]:
    return [v for v in violations(page) if v["impact"] in ("serious", "critical")]


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: nothing is cut off)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors in the saved pages, one line each."""
    if not VNU_JAR.exists():
        pytest.fail(f"vnu.jar is not installed at {VNU_JAR}: run `npm ci --prefix tests/browser`.")
    result = subprocess.run(  # noqa: S603  (our own jar on our own files)
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


__all__ = ["PHONE", "TABLET", "describe", "log_in", "main_pages", "overflow", "vnu_errors"]
