"""The organization's names in the cases its documents need; the expected forms typed by hand."""

import pytest
from django.template import Context, Template

from core.models import Organization

pytestmark = pytest.mark.django_db

FULL = "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 20»"
FULL_GEN = "Муниципального бюджетного дошкольного образовательного учреждения «Детский сад № 20»"
FULL_PRE = "Муниципальном бюджетном дошкольном образовательном учреждении «Детский сад № 20»"
AUTONOMOUS = "Муниципальное автономное дошкольное образовательное учреждение «Детский сад № 7»"
AUTONOMOUS_GEN = (
    "Муниципального автономного дошкольного образовательного учреждения «Детский сад № 7»"
)


def _org(**fields) -> Organization:
    defaults = {"full_name": FULL, "short_name": "МБДОУ «Детский сад № 20»", "slug": "ds20"}
    return Organization.objects.create(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("full_name", "case", "expected"),
    [
        (FULL, "gen", FULL_GEN),
        (FULL, "pre", FULL_PRE),
        (AUTONOMOUS, "gen", AUTONOMOUS_GEN),
    ],
)
def test_the_full_name_is_declined(full_name, case, expected):
    assert _org(full_name=full_name).name_in(case) == expected


def test_an_abbreviation_first_stays_as_written():
    org = _org()
    assert org.name_in("gen", short=True) == "МБДОУ «Детский сад № 20»"
    assert org.name_in("pre", short=True) == "МБДОУ «Детский сад № 20»"


def test_the_forms_typed_on_the_requisites_page_win():
    org = _org(short_name="Детский сад № 20", short_name_prepositional="детском саду № 20")
    assert org.name_in("pre", short=True) == "детском саду № 20"
    rendered = Template(
        '{% load declension %}в {{ o|org_name:"pre:short" }}; работников {{ o|org_name:"gen" }}'
    ).render(Context({"o": org}))
    assert rendered == f"в детском саду № 20; работников {FULL_GEN}"


def test_the_requisites_form_offers_every_case_it_keeps():
    from core.forms import RequisitesForm

    form = RequisitesForm(instance=_org())
    assert form.initial["full_name_genitive"] == FULL_GEN
    assert form.initial["full_name_prepositional"] == FULL_PRE


def test_the_regulations_name_the_organization_in_the_genitive(users, org):
    from roadmap import services
    from roadmap.models import OrderKind

    org.full_name = FULL
    org.full_name_genitive = ""
    org.save()
    for kind, words in (
        (OrderKind.APPROVE_REGULATION, "педагогических работников"),
        (OrderKind.ESIGN_REGULATION, "работниками"),
    ):
        order = services.order_draft(organization=org, kind=kind, author=users["curator"])
        assert f"{words} {FULL_GEN} (далее — {org.short_name})" in order.document_text
        assert f"{words} {FULL} " not in order.document_text
