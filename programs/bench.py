"""Pages of the programs app that ``manage.py bench`` measures."""

from django.urls import reverse

from core.benchmarking import BenchPage
from core.models import Role


def _bench_program_url(org) -> str:
    from programs.models import Program
    from programs.seeding import BENCH_TITLE

    program = Program.objects.filter(organization=org, title=BENCH_TITLE).first()
    if program is None:
        program = Program.objects.filter(organization=org).order_by("pk").first()
    return reverse("programs:program-detail", args=[program.pk]) if program else "/programs/"


def _save_plan_row(org) -> None:
    """A curator saves a row of a plan, as the program page does (one write, in its scope)."""
    from core.cache import scoped_to
    from programs.models import PlanRow

    row = PlanRow.objects.filter(program__organization=org).order_by("pk").first()
    with scoped_to(org.pk):
        row.save(update_fields=["expected_result"])


# ``manage.py bench --after plan-row``: the second column right after this write.
CHANGES = {"plan-row": _save_plan_row}

PAGES = [
    BenchPage(
        "Программы: список куратора",
        lambda org: reverse("programs:program-list"),
        (Role.CURATOR, Role.MENTOR),
    ),
    BenchPage(
        "Программы: фильтр по статусу",
        lambda org: reverse("programs:program-list") + "?status=in_progress",
        (Role.DIRECTOR,),
    ),
    BenchPage("Программа: 60 строк, 100 встреч", _bench_program_url, (Role.CURATOR, Role.MENTOR)),
]
