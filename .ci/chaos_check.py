"""The chaos run's driver: start the production stack, break its parts one by one, check the site.

Run by ``.ci/chaos`` inside a fresh checkout with a migrated, seeded database. It starts the
SMTP catcher, gunicorn (two workers), a Celery worker and beat itself, so it can kill and restart
them, and stops all of them at the end. It uses Django (the ORM) to start jobs and to look at
rows, and HTTP (as the smoke check does) for what people see. After each fault:

- no read page answers 500 (except while PostgreSQL itself restarts);
- every job finished or failed visibly (a failed one with «Попробовать ещё раз», which works);
- every letter made during the run is delivered exactly once after recovery;
- ``check_invariants`` is clean and nothing is half-saved.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import mailbox
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, os.getcwd())  # the checkout, for Django
from smoke_check import Browser, login, wait_healthy  # noqa: E402

PY = sys.executable
START = time.monotonic()
DEADLINE = 6 * 60  # the whole run, faults and recovery, stays under six minutes


def step(text: str) -> None:
    print(f"\n--- chaos [{time.monotonic() - START:5.1f}s]: {text}", flush=True)
    if time.monotonic() - START > DEADLINE:
        raise SystemExit("The chaos run took longer than its bound.")


def wait_for(what: str, check, seconds: float, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = check()
        except Exception as error:  # the database may be restarting: reconnect next time
            from django.db import connections

            for connection in connections.all():
                connection.close()
            found = None
            last = error
        else:
            last = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise SystemExit(f"Timed out after {seconds} s waiting for: {what} ({last or found!r})")
        time.sleep(every)


class Stack:
    """The processes this run starts; each can be stopped and started again."""

    def __init__(self, work: Path, port: int, smtp_port: int):
        self.work, self.port, self.smtp_port = work, port, smtp_port
        self.procs: dict[str, subprocess.Popen] = {}
        self.commands = {
            "smtp": [
                PY, "-P", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}",
                "-c", "aiosmtpd.handlers.Mailbox", str(work / "mail"),
            ],
            "web": [
                PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
                "--bind", f"127.0.0.1:{port}", "config.wsgi",
            ],
            "worker": [PY, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "INFO"],
            "beat": [
                PY, "-m", "celery", "-A", "config", "beat", "-l", "INFO",
                f"--schedule={work / 'celerybeat-schedule'}",
            ],
        }  # fmt: skip

    def start(self, name: str) -> None:
        log = open(self.work / f"{name}.log", "a")  # noqa: SIM115 (kept open for the child)
        env = {**os.environ, "GUNICORN_WORKERS": "2"}
        self.procs[name] = subprocess.Popen(  # noqa: S603
            self.commands[name], stdout=log, stderr=subprocess.STDOUT, env=env
        )

    def kill(self, name: str, sig=signal.SIGTERM) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_all(self) -> None:
        for name in list(self.procs):
            self.kill(name)


# --- what people see ------------------------------------------------------------------------


class Reader:
    """Reads pages as the curator and as a visitor; counts any 500 it meets."""

    def __init__(self, base: str, pages: list[str], public: list[str]):
        self.base, self.pages, self.public = base, pages, public
        self.curator = login(base, "curator")

    def read_all(self, when: str, *, fresh_login: bool = True) -> None:
        for path in self.pages:
            status, location, _ = self.curator.get(path)
            assert status == 200, f"{when}: curator GET {path} answered {status} {location or ''}"
        for path in self.public:
            status, _, _ = Browser(self.base).get(path)
            assert status == 200, f"{when}: visitor GET {path} answered {status}"
        status, _, _ = Browser(self.base).get("/health/")
        assert status == 200, f"{when}: /health/ answered {status}"
        if fresh_login:
            login(self.base, "mentor")
        print(f"{when}: {len(self.pages) + len(self.public) + 1} pages answered 200")


def letters_in(maildir: Path) -> dict[str, int]:
    """How many copies of each letter (by its X-DOU-Letter id) the catcher holds."""
    found: dict[str, int] = {}
    for message in mailbox.Maildir(str(maildir), factory=None, create=False):
        parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
        letter = parsed.get("X-DOU-Letter")
        if letter:
            found[str(letter)] = found.get(str(letter), 0) + 1
    return found


def send_an_order(reader: Reader) -> int:
    """The curator drafts an order and sends it for signature: a letter to the director."""
    browser = reader.curator
    status, location, _ = browser.post_form(
        "/roadmap/orders/new/", "/roadmap/orders/new/", {"kind": "approve_regulation"}
    )
    found = re.fullmatch(r"/roadmap/orders/(\d+)/edit/", location or "")
    assert status == 302 and found, ("draft an order", status, location)
    order_path = f"/roadmap/orders/{found.group(1)}/"
    status, location, _ = browser.post_form(order_path, f"{order_path}send/", {})
    assert status == 302, ("send", status, location)
    return int(found.group(1))


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--smtp-port", type=int, required=True)
    args = parser.parse_args()
    work = Path(args.work)
    base = f"http://127.0.0.1:{args.port}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from core.jobs import STALLED_MESSAGE, job_start
    from core.models import (
        BackgroundJob,
        EmailStatus,
        JobStatus,
        NotificationPreference,
        OutgoingEmail,
        Role,
        RoleAssignment,
    )

    def fresh():
        for connection in connections.all():
            connection.close()

    curator_role = RoleAssignment.objects.select_related("organization", "user").get(
        role=Role.CURATOR, user__username="curator"
    )
    organization, curator = curator_role.organization, curator_role.user
    first_letter = (OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0
    first_job = (BackgroundJob.objects.order_by("-pk").values_list("pk", flat=True).first()) or 0

    stack = Stack(work, args.port, args.smtp_port)
    redis = OwnRedis(int(os.environ["CHAOS_REDIS_PORT"]), os.environ["CHAOS_REDIS_START"])
    try:
        for name in ("smtp", "web", "worker", "beat"):
            stack.start(name)
        wait_healthy(base)
        pages = ["/", "/roadmap/orders/", "/programs/", "/notifications/undelivered/"]
        reader = Reader(base, pages, [f"/public/{organization.slug}/"])
        reader.read_all("at the start")

        # 1. The worker killed with -9 in the middle of a job ------------------------------------
        step("kill -9 the Celery worker in the middle of a job")
        job = job_start(organization=organization, user=curator, kind="chaos.slow", title="Отчёт")
        wait_for(
            "the job to be running",
            lambda: BackgroundJob.objects.filter(pk=job.pk, progress__gte=16).exists(),
            30,
        )
        stack.kill("worker", signal.SIGKILL)
        reader.read_all("worker dead")
        stack.start("worker")
        fresh()
        wait_for(
            "the stalled job to be failed by the sweep",
            lambda: BackgroundJob.objects.get(pk=job.pk).status == JobStatus.FAILED,
            60,
        )
        status, _, html = reader.curator.get(f"/jobs/{job.pk}/")
        assert status == 200 and "Попробовать ещё раз" in html, ("failed job page", status)
        assert STALLED_MESSAGE.split(":")[0] in html, "the stalled message is not on the page"
        status, location, _ = reader.curator.post_form(
            f"/jobs/{job.pk}/", f"/jobs/{job.pk}/retry/", {}
        )
        assert status == 302 and location != f"/jobs/{job.pk}/", ("retry", status, location)
        again = int(re.search(r"/jobs/(\d+)/", location).group(1))
        wait_for(
            "the job tried again to finish",
            lambda: BackgroundJob.objects.get(pk=again).status == JobStatus.DONE,
            60,
        )
        status, _, text = reader.curator.get(f"/jobs/{again}/download/")
        assert (status, text) == (200, "done"), ("download after retry", status, text[:40])
        print("the stalled job failed visibly; «Попробовать ещё раз» made the file")

        # 2. Redis stopped and started again ---------------------------------------------------
        step("stop Redis (shutdown nosave), use the site, start Redis again")
        redis.stop()
        reader.read_all("Redis down")
        status, _, text = Browser(base).get("/health/detail/")
        assert status == 200 and '"cache": {\n      "status": "degraded"' in text, text[:400]
        assert str(redis.port) not in text, "the detailed health names Redis's port"
        order_during_outage = send_an_order(reader)
        status, location, _ = reader.curator.get("/monitoring/export/statistics.csv")
        assert status == 302 and "/jobs/" in (location or ""), ("export during outage", status)
        export_job = int(re.search(r"/jobs/(\d+)/", location).group(1))
        redis.start()
        wait_for(
            "the letter and the export made during the outage",
            lambda: (
                BackgroundJob.objects.get(pk=export_job).status == JobStatus.DONE
                and not OutgoingEmail.objects.filter(
                    pk__gt=first_letter, status=EmailStatus.QUEUED
                ).exists()
            ),
            90,
        )
        reader.read_all("Redis back")
        print(f"order {order_during_outage}'s letter and job {export_job} went out after Redis")

        # 3. The mail server stopped -----------------------------------------------------------
        step("stop the SMTP catcher, send a letter, see it retrying, start the catcher again")
        stack.kill("smtp")
        send_an_order(reader)
        wait_for(
            "a failed attempt",
            lambda: OutgoingEmail.objects.filter(
                pk__gt=first_letter, status=EmailStatus.QUEUED, attempts__gt=0
            ).exists(),
            30,
        )
        status, _, html = reader.curator.get("/notifications/undelivered/")
        assert status == 200 and "Повторяем отправку" in html, "the retrying letter is not shown"
        reader.read_all("SMTP down")
        stack.start("smtp")
        wait_for(
            "the retried letter to be delivered",
            lambda: (
                not OutgoingEmail.objects.filter(
                    pk__gt=first_letter, status=EmailStatus.QUEUED
                ).exists()
            ),
            90,
        )
        print("the letter was retried and delivered once the catcher was back")

        # 4. PostgreSQL restarted under writers ------------------------------------------------
        step("restart PostgreSQL while six people save their notification settings")
        writers = Writers(base)
        writers.start()
        time.sleep(2)
        # The run's own PostgreSQL (.ci/chaos made it with initdb), restarted by pg_ctl.
        subprocess.run(shlex.split(os.environ["CHAOS_PG_RESTART"]), check=True)  # noqa: S603
        fresh()
        wait_for(
            "PostgreSQL",
            lambda: (
                subprocess.run(  # noqa: S603
                    ["pg_isready", "-q", "-h", "127.0.0.1", "-p", os.environ["CHAOS_PG_PORT"]]  # noqa: S607
                ).returncode
                == 0
            ),
            30,
        )
        time.sleep(2)
        writers.stop()
        assert writers.saved > 0, "no writer got through"
        reader.read_all("PostgreSQL back")
        fresh()
        from core.models.notifications import OPTIONAL_KINDS

        for name in Writers.PEOPLE:
            rows = dict(
                NotificationPreference.objects.filter(user__username=name).values_list(
                    "kind", "enabled"
                )
            )
            on = {kind for kind, enabled in rows.items() if enabled}
            assert len(rows) == len(OPTIONAL_KINDS), f"{name}'s settings are half-saved: {rows}"
            assert on in (set(Writers.ON), set()), f"{name}'s settings are half-saved: {on}"
        print(f"writers saved {writers.saved} times, {writers.errors} failed in the restart window")

        # After all: every job finished or failed visibly, every letter delivered once -----------
        step("every job finished or failed, every letter delivered exactly once, invariants")
        stuck = BackgroundJob.objects.filter(
            pk__gt=first_job, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
        )
        assert not stuck.exists(), f"jobs still waiting: {list(stuck.values('pk', 'status'))}"
        failed_quietly = BackgroundJob.objects.filter(
            pk__gt=first_job, status=JobStatus.FAILED, message=""
        )
        assert not failed_quietly.exists(), "a job failed without a message"
        made = list(OutgoingEmail.objects.filter(pk__gt=first_letter).values_list("pk", "status"))
        assert made, "no letter was made during the run"
        delivered = letters_in(work / "mail")
        for pk, status in made:
            assert status == EmailStatus.SENT, f"letter {pk} is {status}"
            assert delivered.get(str(pk)) == 1, (
                f"letter {pk} arrived {delivered.get(str(pk))} times"
            )
        call_command("check_invariants")
        print(f"{len(made)} letters delivered exactly once; invariants clean")
        step("passed")
    finally:
        writers_running = [t for t in threading.enumerate() if t.name.startswith("writer")]
        for thread in writers_running:
            thread.join(timeout=5)
        redis.ensure_running()
        stack.stop_all()


class Writers:
    """Six demo people each saving their notification settings in a loop (all on, all off)."""

    PEOPLE = ("director", "curator", "mentor", "mentee", "council", "admin")
    ON = ("pair_proposed", "survey_assigned", "plan_deadline")

    def __init__(self, base: str):
        self.base = base
        self.browsers = {name: login(base, name) for name in self.PEOPLE}
        self.running = False
        self.saved = self.errors = 0
        self.threads: list[threading.Thread] = []

    def _loop(self, name: str) -> None:
        browser, on = self.browsers[name], True
        while self.running:
            try:
                fields = {"kind": list(self.ON) if on else []}
                status, _, _ = browser.post_form("/notifications/", "/notifications/", fields)
                if status == 302:
                    self.saved += 1
                    on = not on
                    time.sleep(0.05)
                else:
                    self.errors += 1
                    time.sleep(0.2)
            except (OSError, AssertionError):
                self.errors += 1
                time.sleep(0.2)

    def start(self) -> None:
        self.running = True
        for name in self.PEOPLE:
            thread = threading.Thread(target=self._loop, args=(name,), name=f"writer-{name}")
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)


class OwnRedis:
    """The run's own Redis (.ci/chaos started it): stopped without saving and started again."""

    def __init__(self, port: int, start_command: str):
        self.port, self.start_command = port, shlex.split(start_command)

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *args],  # noqa: S607
            capture_output=True,
            text=True,
        )

    def up(self) -> bool:
        return self.cli("ping").stdout.strip() == "PONG"

    def stop(self) -> None:
        self.cli("shutdown", "nosave")
        wait_for("Redis to stop", lambda: not self.up(), 10)

    def start(self) -> None:
        subprocess.run(self.start_command, check=True)  # noqa: S603
        wait_for("Redis to answer", self.up, 15)

    def ensure_running(self) -> None:
        if not self.up():
            print("Redis was down at the end: starting it again", flush=True)
            self.start()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"chaos check failed: {error}", file=sys.stderr)
        sys.exit(1)
