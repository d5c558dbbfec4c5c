"""Import a staff list from a file, the same way the curator's page does."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.models import Organization
from mentoring import staff_import


class Command(BaseCommand):
    help = "Загрузить список сотрудников организации из XLSX, XLS или CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="адрес страницы (slug) организации")
        parser.add_argument("--dry-run", action="store_true", help="только проверить, не сохранять")

    def handle(self, *args, file: Path, org: str, dry_run: bool, **options):
        organization = Organization.objects.filter(slug=org).first()
        if organization is None:
            raise CommandError(f"Организация «{org}» не найдена: проверьте адрес страницы.")
        if not file.is_file():
            raise CommandError(f"Файл {file} не найден.")
        result = staff_import.parse(
            organization=organization, name=file.name, data=file.read_bytes()
        )
        for line in staff_import.describe_mapping(result):
            self.stdout.write(f"  {line}")
        for problem in result.errors:
            self.stderr.write(problem)
        for item in result.unmatched:
            if not item.chosen:
                self.stderr.write(
                    f"{item.field_label}: значение «{item.raw}» не распознано "
                    f"(строки {', '.join(map(str, item.rows))})."
                )
        for row in result.error_rows:
            self.stderr.write(f"Строка {row.number} ({row.full_name or 'без ФИО'}):")
            for problem in row.errors:
                self.stderr.write(f"    {problem}")
        for note in result.skipped:
            self.stdout.write(note)
        if not result.is_importable:
            raise CommandError("Ни одну строку загрузить нельзя: ничего не сохранено.")
        summary = (
            f"добавить {result.to_create}, обновить {result.to_update}, "
            f"строк с ошибками {len(result.error_rows)}"
        )
        if dry_run:
            self.stdout.write(f"Проверка без сохранения: {summary}.")
            return
        report = staff_import.staff_import_apply(organization=organization, result=result)
        for problem in report.failed:
            self.stderr.write(problem)
        self.stdout.write(
            self.style.SUCCESS(
                f"Загружено: добавлено {report.added}, обновлено {report.updated}, "
                f"не загружено строк с ошибками {len(result.error_rows) + len(report.failed)}."
            )
        )
