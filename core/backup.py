"""One-archive backups: the database, the uploaded files and a manifest to check a restore.

The archive (``.tar.gz``) holds ``manifest.json``, the database (``db.dump`` from ``pg_dump -Fc``
on PostgreSQL, ``db.sqlite3`` from SQLite's online backup API) and ``media/``. The manifest
lists the row count of every table, the SHA-256 of every uploaded file and of every stored
document that apps declare in ``<app>/backup_checksums.py`` (``checksums() -> dict[str, str]``),
so a restore proves it brought back the same data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from core.cache import bump
from core.plugins import autodiscover

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Russian."""


# --- what the manifest records -----------------------------------------------------------------


def table_counts() -> dict[str, int]:
    """Row count of every table in the database, by table name."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def document_checksums() -> dict[str, str]:
    """The checksums every app declares in its ``backup_checksums.py``."""
    found: dict[str, str] = {}
    for module in autodiscover("backup_checksums"):
        found.update(module.checksums())
    return dict(sorted(found.items()))


def media_checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every file under MEDIA_ROOT, by relative path."""
    if not root.is_dir():
        return {}
    result = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            result[path.relative_to(root).as_posix()] = _sha256_file(path)
    return result


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(media_root: Path) -> dict:
    return {
        "format": FORMAT_VERSION,
        "created_at": dt.datetime.now(tz=dt.UTC).isoformat(),
        "engine": connection.vendor,
        "tables": table_counts(),
        "documents": document_checksums(),
        "media": media_checksums(media_root),
    }


def compare_manifest(expected: dict, media_root: Path) -> list[str]:
    """What differs between the manifest and the database now (empty: identical)."""
    problems = []
    actual = {"tables": table_counts(), "documents": document_checksums()}
    actual["media"] = media_checksums(media_root)
    labels = {"tables": "строк в таблице", "documents": "контрольная сумма", "media": "файл"}
    for section, label in labels.items():
        want, have = expected.get(section, {}), actual[section]
        for key in sorted(set(want) | set(have)):
            if want.get(key) != have.get(key):
                problems.append(
                    f"{label} {key}: в архиве {want.get(key)}, после восстановления {have.get(key)}"
                )
    return problems


# --- the database --------------------------------------------------------------------------------


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-d", db["NAME"]]
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return env, args


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"Команда {command[0]} завершилась с ошибкой: {result.stderr.strip()}")


def dump_database(target_dir: Path) -> str:
    """Write the database into ``target_dir``; return the file name."""
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(
            ["pg_dump", "-Fc", "--no-owner", "--no-acl", "-f", str(target_dir / "db.dump"), *args],
            env,
        )
        return "db.dump"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(target_dir / "db.sqlite3")
        try:
            connection.connection.backup(target)  # consistent even while the site is running
            # Free pages keep what was deleted or overwritten (an anonymized name): not in a copy.
            target.execute("VACUUM")
        finally:
            target.close()
        return "db.sqlite3"
    raise BackupError(f"Резервное копирование базы {connection.vendor} не поддерживается.")


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def load_database(source: Path) -> None:
    """Restore a dump made by ``dump_database`` into the (empty) configured database."""
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", *args, str(source)], env)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        dump = sqlite3.connect(source)
        try:
            dump.backup(connection.connection)
        finally:
            dump.close()
    else:
        raise BackupError(f"Восстановление базы {connection.vendor} не поддерживается.")
    connection.close()


# --- the archive ---------------------------------------------------------------------------------


def backup_create(*, destination: Path) -> dict:
    """Write the archive to ``destination`` (a file path); return the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="dou-backup-") as tmp:
        work = Path(tmp)
        db_file = dump_database(work)
        manifest = build_manifest(media_root)
        manifest["database_file"] = db_file
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(work / db_file, arcname=db_file)
            if media_root.is_dir():
                archive.add(media_root, arcname="media")
        partial.replace(destination)  # never leave a half-written archive under the real name
    return manifest


def backup_restore(*, source: Path) -> dict:
    """Restore the archive into the empty database and MEDIA_ROOT, then check the manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    if not database_is_empty():
        raise BackupError(
            "База данных не пуста. Восстановление выполняется только в новую пустую базу: "
            "создайте её и укажите в DATABASE_URL."
        )
    with tempfile.TemporaryDirectory(prefix="dou-restore-") as tmp:
        work = Path(tmp)
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError("Архив сделан другой версией программы: формат не поддерживается.")
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"Архив содержит базу {manifest['engine']}, а настроена {connection.vendor}: "
                "восстанавливайте в базу того же вида."
            )
        load_database(work / manifest["database_file"])
        if (work / "media").is_dir():
            media_root.mkdir(parents=True, exist_ok=True)
            shutil.copytree(work / "media", media_root, dirs_exist_ok=True)
    problems = compare_manifest(manifest, media_root)
    if problems:
        raise BackupError("Восстановленные данные не совпадают с архивом:\n" + "\n".join(problems))
    # The database was loaded around Django: no write was seen, so every cached part goes.
    bump(None)
    return manifest
