"""Backup of a database with signed orders and uploaded files restores into a new database
with identical row counts and checksums (SQLite always; PostgreSQL when the suite runs on it)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import backup_create, document_checksums
from roadmap.models import OrderKind
from tests.roadmap.factories import signed

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)

MANIFEST_SCRIPT = """
import json, django
django.setup()
from pathlib import Path
from django.conf import settings
from core.backup import table_counts, document_checksums, media_checksums
print(json.dumps({"tables": table_counts(), "documents": document_checksums(),
                  "media": media_checksums(Path(settings.MEDIA_ROOT))}))
"""


@pytest.fixture
def stored_data(org, users, settings, tmp_path):
    """A signed order (its PDF stored in the database) and an uploaded evidence file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    order = signed(org, users["curator"], users["director"], OrderKind.ESIGN_REGULATION)
    default_storage.save("evidence/2026/протокол.pdf", ContentFile(b"%PDF-1.4 evidence"))
    return order


@pytest.fixture
def new_database(tmp_path):
    """Environment for a process that uses a new, empty database of the same kind."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["MEDIA_ROOT"] = str(tmp_path / "restored-media")
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(tmp_path / "restored.sqlite3")
        yield env
        return
    name = f"dou_prod_restore_{uuid.uuid4().hex[:8]}"
    admin = connection.settings_dict
    base = f"postgres://{admin['USER']}@{admin['HOST']}:{admin['PORT'] or 5432}"
    subprocess.run(["createdb", "-h", admin["HOST"], "-U", admin["USER"], name], check=True)  # noqa: S603,S607
    env["DATABASE_URL"] = f"{base}/{name}"
    yield env
    subprocess.run(["dropdb", "-h", admin["HOST"], "-U", admin["USER"], name], check=False)  # noqa: S603,S607


def _manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_backup_restores_into_a_new_database_with_identical_counts_and_checksums(
    stored_data, new_database, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    manifest = backup_create(destination=archive)
    assert manifest["documents"] == document_checksums()
    assert f"order-pdf:{stored_data.pk}" in manifest["documents"]
    assert manifest["documents"][f"order-pdf:{stored_data.pk}"] == stored_data.pdf_sha256
    assert "evidence/2026/протокол.pdf" in manifest["media"]

    restored = _manage(new_database, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "всё совпадает с манифестом" in restored.stdout
    check = subprocess.run(  # noqa: S603
        [sys.executable, "-c", MANIFEST_SCRIPT],
        cwd=ROOT,
        env=new_database,
        capture_output=True,
        text=True,
        check=True,
    )
    after = json.loads(check.stdout)
    assert after["tables"] == manifest["tables"]
    assert after["documents"] == manifest["documents"]
    assert after["media"] == manifest["media"]


def test_restore_refuses_a_database_that_is_not_empty(stored_data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    backup_create(destination=archive)
    with pytest.raises(CommandError, match="База данных не пуста"):
        call_command("restore", str(archive))
