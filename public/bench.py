"""Public pages that ``manage.py bench`` measures (target: at most twice the bare view)."""

from django.urls import reverse

from core.benchmarking import BenchPage
from core.models import Role


def _municipality(org) -> str:
    """The benchmark kindergarten's municipality page (the list of them when it has none)."""
    if org.municipality_id is None:
        return reverse("public:municipalities")
    return reverse("public:municipality", args=[org.municipality.slug])


PAGES = [
    BenchPage(
        f"Публичный раздел: {label}",
        (lambda n: lambda org: reverse(n, args=[org.slug]))(name),
        (Role.CURATOR,),
    )
    for label, name in (
        ("о наставничестве", "public:about"),
        ("программы", "public:programs"),
        ("лучшие практики", "public:practices"),
        ("документы", "public:documents"),
        ("материалы", "public:materials"),
        ("новости", "public:news"),
        ("лента Atom", "public:feed"),
    )
] + [
    BenchPage("Публичный раздел: муниципалитет", _municipality, (Role.CURATOR,)),
    BenchPage(
        "Публичный раздел: муниципалитет, стр. 2",
        lambda org: _municipality(org) + "?page=2",
        (Role.CURATOR,),
    ),
]
