"""Public pages that ``manage.py bench`` measures (target: at most twice the bare view)."""

from django.urls import reverse

from mentoring.benchmarking import BenchPage
from mentoring.models import Role

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
]
