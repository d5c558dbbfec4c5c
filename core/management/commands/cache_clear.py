"""Make every cached page part stale (after a change made around Django, or to be sure)."""

from django.core.management.base import BaseCommand

from core.cache import bump


class Command(BaseCommand):
    help = (
        "Делает устаревшими все сохранённые в кэше части страниц всех организаций: следующий "
        "запрос строит их заново из базы. Нужна после изменений базы в обход программы "
        "(ручной SQL, восстановление копии другими средствами)."
    )

    def handle(self, *args, **options):
        bump(None)
        self.stdout.write("Кэш страниц очищен: все части будут построены заново из базы.")
