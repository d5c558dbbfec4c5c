"""A database made by the last main before the ground moved to ``core`` migrates forward.

The dumps in ``tests/core/data/`` are that main's demo database (``seed_demo``) on SQLite and on
PostgreSQL; ``tests/core/data/README.md`` says how they were made. Plain ``manage.py migrate``
must take them to today's schema with every row kept: the squashed migrations count as applied
(their ``replaces``), the moved models keep their tables, and their content types follow.
"""

from __future__ import annotations

import gzip
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

DATA = Path(__file__).parent / "data"
MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
MOVED_TABLES = ["mentoring_user", "mentoring_organization", "mentoring_roleassignment"]


def _dump(vendor: str) -> str:
    with gzip.open(DATA / f"schema_before_core.{vendor}.sql.gz", "rt") as dump:
        return dump.read()


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603  (our own manage.py)
        [*MANAGE, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _sqlite_env(path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "SQLITE_PATH": str(path)}


def _sqlite_schema(path: Path) -> dict[str, set[tuple[str, str]]]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: {(row[1], row[2].upper()) for row in db.execute(f'PRAGMA table_info("{table}")')}
            for table in tables
        }


def _sqlite_rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return list(db.execute(sql))


def _test_database_schema() -> dict[str, set[tuple[str, str]]]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return {
            table: {
                (row[1], row[2].upper())
                for row in cursor.execute(f'PRAGMA table_info("{table}")').fetchall()
            }
            for table in tables
        }


@pytest.mark.database
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the PostgreSQL test below covers it")
def test_the_sqlite_database_of_the_previous_main_migrates_forward_with_its_rows(tmp_path, db):
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as db:
        db.executescript(_dump("sqlite"))
    users_before = _sqlite_rows(old, "SELECT username FROM mentoring_user ORDER BY username")
    orders_before = _sqlite_rows(old, "SELECT id, number, status FROM roadmap_order ORDER BY id")

    _manage(_sqlite_env(old), "migrate", "--noinput")

    # Today's schema is the test database's own, built from today's models (a fresh `migrate`
    # builds the same: makemigrations --check, and the smoke run migrates an empty database).
    forward, new = _sqlite_schema(old), _test_database_schema()
    forward.pop("django_migrations")
    new.pop("django_migrations", None)
    assert set(forward) == set(new)
    assert {t: cols for t, cols in forward.items() if cols != new[t]} == {}

    assert _sqlite_rows(old, "SELECT username FROM mentoring_user ORDER BY username") == (
        users_before
    )
    assert ("director",) in users_before
    assert _sqlite_rows(old, "SELECT id, number, status FROM roadmap_order ORDER BY id") == (
        orders_before
    )
    labels = _sqlite_rows(
        old, "SELECT app_label FROM django_content_type WHERE model IN ('user', 'organization')"
    )
    assert sorted(labels) == [("core",), ("core",)]
    applied = _sqlite_rows(old, "SELECT app, name FROM django_migrations WHERE app='core'")
    assert {("core", "0001_initial"), ("core", "0002_content_types_of_moved_models")} <= set(
        applied
    )
    # The audit trail still finds its objects, and the domain's rules hold.
    assert "Нарушений нет" in _manage(_sqlite_env(old), "check_invariants")
    _manage(_sqlite_env(old), "migrate", "--check")


def _psql(url: str, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(  # noqa: S603
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, *args],  # noqa: S607
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.database
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in the PostgreSQL suite")
def test_the_postgresql_database_of_the_previous_main_migrates_forward_with_its_rows(db):
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = [f"dou_fwd_{uuid.uuid4().hex[:8]}"]
    admin = f"{base}/postgres"
    for name in names:
        _psql(admin, "-c", f"CREATE DATABASE {name}")
    try:
        old = f"{base}/{names[0]}"
        _psql(old, stdin=_dump("postgres"))
        count = "SELECT count(*) FROM mentoring_user"
        users_before = _psql(old, "-tAc", count)
        env = {**os.environ, "DATABASE_URL": old}
        _manage(env, "migrate", "--noinput")
        columns = (
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
            " WHERE table_schema='public' AND table_name NOT LIKE 'django\\_%'"
            " AND table_name NOT LIKE 'auth\\_%' ORDER BY 1, 2"
        )
        # Today's schema is the test database's own, built from today's models. Django's own
        # tables are left out: built from its models, auth's m2m table has a bigint key where
        # its migrations made an integer one, in a fresh database as in a migrated one.
        with connection.cursor() as cursor:
            cursor.execute(columns)
            today = "".join("|".join(row) + "\n" for row in cursor.fetchall())
        forward = _psql(old, "-tAc", columns)
        assert sorted(set(forward.splitlines()) ^ set(today.splitlines())) == []
        assert _psql(old, "-tAc", count) == users_before
        assert int(users_before) > 5
        labels = "SELECT app_label FROM django_content_type WHERE model='organization'"
        assert _psql(old, "-tAc", labels).strip() == "core"
        assert "Нарушений нет" in _manage(env, "check_invariants")
    finally:
        for name in names:
            _psql(admin, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
