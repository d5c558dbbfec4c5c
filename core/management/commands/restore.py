"""Restore a backup archive into an empty database and check it against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Восстанавливает архив, созданный командой backup, в пустую базу данных и проверяет "
        "число строк и контрольные суммы по манифесту."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Файл архива .tar.gz.")

    def handle(self, *args, archive, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(f"Архив {source} не найден.")
        try:
            manifest = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Восстановлено из {source}: таблиц {len(manifest['tables'])}, документов "
            f"{len(manifest['documents'])}, файлов {len(manifest['media'])}; "
            "всё совпадает с манифестом."
        )
