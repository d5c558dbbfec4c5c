"""After anonymization a person's name is only inside signed orders: every column of every table
and every stored file is read (job files, evidence, a backup made after), nothing else names her.

The person lives a full life first: she is renamed (her old name stays in old texts), her
evidence is replaced twice, letters name her in other cases, the curator exports statistics,
she mistypes her password, and a signed order names her.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
import tarfile
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import timezone

from core.models import BackgroundJob, OutgoingEmail
from mentoring.models import StaffMember
from mentoring.seeding import DEMO_USERS, seed_demo
from roadmap.models import Order, OrderStatus
from tests.security.test_anonymization import _leave_traces, _unique_person, _withdraw

pytestmark = pytest.mark.django_db(transaction=True)

LOGIN = "evfrosinia.z"
EMAIL = "evfrosinia.z@example.ru"
PHONE = "+7 912 345-67-89"
# The new name and its forms, written by hand: «Забелиной» is in letters, «Забелину» in orders.
SURNAME, FIRST, MIDDLE = "Забелина", "Евфросиния", "Петровна"
FORMS = ("Забелина", "Забелиной", "Забелину", "Евфросиния", "Евфросинии", "Евфросинию")


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return " ".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


def _found(needle: str, text: str) -> bool:
    """The needle at the start of a word, any case: «Арина» is not found in «Марина»."""
    return re.search(rf"(?<!\w){re.escape(needle)}", text, re.IGNORECASE) is not None


def _text_of(content: bytes) -> str:
    """What a reader finds in a stored file: XLSX unpacked, anything else as UTF-8 text."""
    if content[:2] == b"PK":
        try:
            return _xlsx_text(content)
        except zipfile.BadZipFile:
            pass
    return content.decode("utf-8", "replace")


def _allowed(model, pk) -> bool:
    """Signed orders, their history and their signed PDFs: the only places the name may stay."""
    label = model._meta.label
    signed = Order.objects.filter(status=OrderStatus.SIGNED)
    if label == "roadmap.Order":
        return signed.filter(pk=pk).exists()
    if label == "roadmap.HistoricalOrder":
        return signed.filter(pk=model._default_manager.get(pk=pk).id).exists()
    return label == "roadmap.OrderFile"


def _database_hits(needles) -> set[str]:
    kinds = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
    hits = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not columns:
            continue
        for pk, *values in model._default_manager.values_list("pk", *columns).iterator():
            for column, value in zip(columns, values, strict=True):
                if value is None:
                    continue
                text = _text_of(bytes(value)) if isinstance(value, bytes | memoryview) else value
                for needle in needles:
                    if _found(needle, str(text)) and not _allowed(model, pk):
                        hits.add(f"{model._meta.label}.{column} #{pk}: {needle}")
    return hits


def _file_hits(root: Path, needles) -> set[str]:
    hits = set()
    for path in root.rglob("*"):
        if not path.is_file() or "/roadmap/orders/" in str(path) or "signed" in path.name:
            continue
        text = _text_of(path.read_bytes())
        hits |= {f"{path.relative_to(root)}: {n}" for n in needles if _found(n, text)}
    return hits


def _backup_hits(archive_path: Path, tmp: Path, needles) -> set[str]:
    with tarfile.open(archive_path) as archive:
        archive.extractall(tmp, filter="data")
    hits = _file_hits(tmp / "media", needles) if (tmp / "media").exists() else set()
    if (tmp / "db.sqlite3").exists():
        db = sqlite3.connect(tmp / "db.sqlite3")
        signed = {
            row[0] for row in db.execute("SELECT id FROM roadmap_order WHERE status='signed'")
        }
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            if table == "roadmap_orderfile":
                continue
            cursor = db.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            names = [d[0] for d in cursor.description]
            for row in cursor:
                record = dict(zip(names, row, strict=True))
                if table in ("roadmap_order", "roadmap_historicalorder") and record["id"] in signed:
                    continue
                text = " ".join(_text_of(v) if isinstance(v, bytes) else str(v) for v in row if v)
                hits |= {f"backup {table}: {n}" for n in needles if _found(n, text)}
        db.close()
    return hits


def _rich_life(org, staff, curator):
    """Everything the issue found her in, made the way the site makes it."""
    from core.jobs import job_run, job_start
    from core.notifications import email_queue
    from monitoring.jobs import STATISTICS
    from programs.models import PlanRow

    user = staff.user
    # A new name (a marriage): the old one stays in texts written before.
    for person in (staff, user):
        person.last_name, person.first_name, person.middle_name = SURNAME, FIRST, MIDDLE
        person.email = EMAIL
    staff.phone = PHONE
    staff.save()
    user.username = LOGIN
    user.save()
    # Evidence replaced twice: each file names her.
    rows = PlanRow.objects.filter(program__organization=org).order_by("pk")
    row = rows.filter(program__pair__mentees=staff).first() or rows.first()
    assert row is not None, "the demo has a program with a plan"
    for n in range(3):
        content = f"%PDF отчёт {SURNAME} {FIRST}, версия {n}".encode()
        row.evidence_file.save(f"otchet{n}.pdf", ContentFile(content), save=False)
        row.updated_by = user
        row.save()
    # Letters: to her, and about her to the curator (another case of her name).
    email_queue(
        organization=org,
        to_email=EMAIL,
        recipient=user,
        kind="plan_deadline",
        subject=f"{FIRST} {MIDDLE}, срок близко",
        body_text=f"Здравствуйте, {FIRST} {MIDDLE}!",
    )
    letter = email_queue(
        organization=org,
        to_email="curator@example.ru",
        kind="plan_deadline",
        subject="Срок пункта плана",
        body_text=f"Напомните {SURNAME[:-1]}ой {FIRST[0]}. {MIDDLE[0]}. о сроке.",
    )
    OutgoingEmail.objects.filter(pk=letter.pk).update(
        body_html=f"<p>Напомните <b>Забелиной {FIRST[0]}. {MIDDLE[0]}.</b> о сроке.</p>"
    )
    # The curator's statistics export.
    job = job_start(
        organization=org, user=curator, kind=STATISTICS, title="Статистика", params={"fmt": "xlsx"}
    )
    job_run(job_id=job.pk)
    # The right password (the access log), then wrong ones (the lockout's attempts and log).
    password = next(d.password for d in DEMO_USERS if d.username == "mentee")
    client = Client()
    client.post("/accounts/login/", {"username": LOGIN, "password": password})
    for _ in range(2):
        Client().post("/accounts/login/", {"username": LOGIN, "password": "неверный"})
    return job


def test_after_anonymization_only_signed_orders_name_her(tmp_path, tmp_path_factory, settings):
    from core.backup import backup_create
    from core.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    org = seed_demo()
    staff = _unique_person(org)
    if StaffMember.objects.filter(last_name=SURNAME).exists():
        pytest.skip("The demo has a namesake.")
    old_last, old_first = staff.last_name, staff.first_name
    curator = User.objects.get(username="curator")
    job = _rich_life(org, staff, curator)
    staff.refresh_from_db()
    _leave_traces(org, staff)
    needles = [*FORMS, old_last, old_first, EMAIL, PHONE, LOGIN]
    # A replaced file leaves storage at once, and history keeps no path to it.
    from programs.models import PlanRow

    assert sorted(p.name for p in settings.MEDIA_ROOT.rglob("otchet[0-9]*")) == ["otchet2.pdf"]
    in_history = PlanRow.history.filter(evidence_file__regex=r"otchet[0-9]")
    assert {h.evidence_file.rsplit("/", 1)[-1] for h in in_history} == {"otchet2.pdf"}

    before = _database_hits(needles) | _file_hits(settings.MEDIA_ROOT, needles)
    places = {hit.split(" #")[0].split(":")[0] for hit in before}
    # The scan sees her where the issue found her (so it can fail).
    assert {
        "core.BackgroundJob.result",
        "core.OutgoingEmail.body_text",
        "core.OutgoingEmail.body_html",
        "axes.AccessAttempt.username",
        "axes.AccessLog.username",
        "programs.Program.problem",
    } <= places, sorted(places)
    page = Client()
    page.force_login(curator)
    shown = page.get(f"/jobs/{job.pk}/").content.decode()
    kept_until = timezone.localtime(BackgroundJob.objects.get(pk=job.pk).kept_until)
    assert kept_until.date() == timezone.localdate() + dt.timedelta(days=7)
    assert "В нём есть персональные данные, поэтому он хранится до" in shown

    _withdraw(staff)
    call_command("anonymize_withdrawn", "--today", "2026-11-01", stdout=io.StringIO())

    hits = _database_hits(needles)
    assert not hits, "\n".join(sorted(hits))
    assert not _file_hits(settings.MEDIA_ROOT, needles)
    # Only the signed PDFs are left of her files; the evidence files are gone from storage.
    assert not list((settings.MEDIA_ROOT).rglob("otchet*"))
    # The curator's export is gone: the page says so and the address no longer gives it.
    shown = page.get(f"/jobs/{job.pk}/").content.decode()
    assert "удалён: срок его хранения истёк или в нём были данные обезличенного" in shown
    assert page.get(f"/jobs/{job.pk}/download/").status_code == 404
    # And a backup made after holds her nowhere but in signed orders.
    archive = tmp_path_factory.mktemp("backup") / "after.tar.gz"
    backup_create(destination=archive)
    assert not _backup_hits(archive, tmp_path_factory.mktemp("restored"), needles)
    # The signed order still names her: the law's exception, kept on purpose.
    assert Order.objects.filter(status=OrderStatus.SIGNED, body__contains=SURNAME).exists()


def test_a_job_file_is_deleted_seven_days_after_it_was_made(db, org, users, client_for):
    from core.job_results import job_results_expire
    from core.tasks import expire_job_results

    now = timezone.now()
    job = BackgroundJob.objects.create(
        organization=org,
        requested_by=users["curator"],
        kind="monitoring.statistics",
        title="Статистика",
        status="done",
        filename="statistika.xlsx",
        result=b"PK data",
        kept_until=now + dt.timedelta(days=7),
    )
    assert job_results_expire(now=now + dt.timedelta(days=6)) == 0
    assert client_for("curator").get(f"/jobs/{job.pk}/download/").status_code == 200
    BackgroundJob.objects.filter(pk=job.pk).update(kept_until=now - dt.timedelta(minutes=1))
    assert expire_job_results() == 1
    job.refresh_from_db()
    assert job.result is None
    assert client_for("curator").get(f"/jobs/{job.pk}/download/").status_code == 404
    assert (
        "Файл «statistika.xlsx» удалён"
        in client_for("curator").get(f"/jobs/{job.pk}/").content.decode()
    )
