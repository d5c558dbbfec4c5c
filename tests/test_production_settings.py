"""Production settings stop startup naming every missing or unsafe setting; the rest is wired."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "SECRET_KEY": "k3J9-a8s7d6f5g4h3j2k1l0qwertyuiopASDFGHJKLzxcvbnm1234567890",
    "ALLOWED_HOSTS": "nastavnik.example.ru",
    "SITE_URL": "https://nastavnik.example.ru",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/dou_prod_settings",
}


def _start(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in GOOD and k != "DEBUG"}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings_production")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_naming_every_missing_setting():
    result = _start()
    assert result.returncode != 0
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL"):
        assert f"{name} is not set" in result.stderr, name


def test_production_refuses_a_site_url_on_this_machine_and_a_weak_key():
    result = _start(**{**GOOD, "SITE_URL": "http://127.0.0.1:8000", "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SITE_URL='http://127.0.0.1:8000' points to this machine" in result.stderr
    assert "SECRET_KEY is unsafe" in result.stderr


def test_production_starts_with_safe_settings():
    result = _start(**GOOD)
    assert result.returncode == 0, result.stderr


def test_production_refuses_a_cache_in_each_process_unless_told_it_is_one_process():
    result = _start(**GOOD, CACHE="memory")
    assert result.returncode != 0
    assert "CACHE=memory keeps a cache in each process" in result.stderr
    assert _start(**GOOD, CACHE="memory", CACHE_SINGLE_PROCESS="true").returncode == 0


def test_without_redis_every_process_shares_a_file_cache(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], s.SESSION_ENGINE)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE"}}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "CACHE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.filebased.FileBasedCache",
        str(tmp_path),
        "django.contrib.sessions.backends.db",
    ], result.stderr


def test_beat_schedule_names_existing_tasks():
    from config.celery import app

    app.loader.import_default_modules()
    from django.conf import settings

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


def test_json_formatter_writes_the_request_fields_on_one_line():
    from config.json_logging import JsonFormatter

    record = logging.makeLogRecord(
        {"name": "dou.request", "msg": "GET / 200", "levelname": "INFO", "status": 200}
    )
    record.user_id = 7
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["user_id"] == 7


@pytest.mark.django_db
def test_every_request_logs_its_path_status_duration_and_user(client_for, caplog):
    caplog.set_level(logging.INFO, logger="dou.request")
    client_for("curator").get("/")
    record = next(r for r in caplog.records if r.name == "dou.request")
    assert (record.path, record.status) == ("/", 200)
    assert record.user_id is not None and record.duration_ms >= 0


@pytest.mark.django_db
def test_health_answers_200_without_login(client):
    reply = client.get("/health/", HTTP_ACCEPT="application/json")
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", "database": "ok"}
