"""Write one backup archive: database, uploaded files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Создаёт архив резервной копии (.tar.gz): база данных, загруженные файлы и манифест "
        "с числом строк и контрольными суммами подписанных приказов."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="Файл архива или каталог (по умолчанию: текущий каталог).",
        )

    def handle(self, *args, destination=None, **options):
        target = Path(destination or ".")
        if target.is_dir() or destination is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            target = target / f"dou-backup-{stamp}.tar.gz"
        try:
            manifest = backup_create(destination=target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Резервная копия записана: {target} (таблиц: {len(manifest['tables'])}, "
            f"строк: {rows}, документов: {len(manifest['documents'])}, "
            f"файлов: {len(manifest['media'])})."
        )
