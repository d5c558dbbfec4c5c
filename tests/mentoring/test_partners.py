"""The register of partner organizations: ИНН/ОГРН checked in Russian, search, paging, ending."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEntry
from core.requisites import validate_inn, validate_ogrn
from mentoring.models import Partner, PartnerKind
from tests.roadmap.cooperation_factories import VALID_INN, VALID_OGRN, partner

pytestmark = pytest.mark.django_db


def _form(**overrides):
    return {
        "name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 5»",
        "short_name": "МБОУ СШ № 5",
        "kind": PartnerKind.EDUCATION,
        "inn": "",
        "ogrn": "",
        "scope": "Преемственность детского сада и школы",
        **overrides,
    }


@pytest.mark.parametrize(
    ("inn", "message"),
    [
        ("12345", "ИНН состоит из 10 цифр"),
        ("77070838ab", "ИНН состоит из 10 цифр"),
        ("7707083894", "Контрольная цифра ИНН не сходится"),
        ("500100732250", "Контрольная цифра ИНН не сходится"),
    ],
)
def test_a_wrong_inn_is_refused_in_russian(inn, message):
    with pytest.raises(ValidationError) as raised:
        validate_inn(inn)
    assert message in " ".join(raised.value.messages)


@pytest.mark.parametrize(
    ("ogrn", "message"),
    [
        ("102770013219", "ОГРН состоит из 13 цифр"),
        ("1027700132194", "Контрольная цифра ОГРН не сходится"),
        ("304500116000158", "Контрольная цифра ОГРН не сходится"),
    ],
)
def test_a_wrong_ogrn_is_refused_in_russian(ogrn, message):
    with pytest.raises(ValidationError) as raised:
        validate_ogrn(ogrn)
    assert message in " ".join(raised.value.messages)


@pytest.mark.parametrize("good", ["7707083893", "500100732259"])
def test_valid_inns_of_ten_and_twelve_digits_pass(good):
    validate_inn(good)


@pytest.mark.parametrize("good", ["1027700132195", "304500116000157"])
def test_valid_ogrns_of_thirteen_and_fifteen_digits_pass(good):
    validate_ogrn(good)


def test_the_curator_adds_a_partner_and_the_audit_says_so(org, users, client_for):
    response = client_for("curator").post(
        reverse("mentoring:partner-create"), _form(inn=" 7707 083893 ", ogrn=VALID_OGRN)
    )
    added = Partner.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring:partner-detail", args=[added.pk])
    assert added.inn == VALID_INN and added.organization == org and added.is_active
    entry = AuditEntry.objects.get(action="partner.added")
    assert "Добавила организацию-партнёра «МБОУ СШ № 5»" in entry.label


def test_a_typo_in_the_inn_is_shown_on_the_form_and_nothing_is_saved(org, users, client_for):
    response = client_for("director").post(
        reverse("mentoring:partner-create"), _form(inn="7707083894", ogrn="1027700132194")
    )
    text = response.content.decode()
    assert response.status_code == 200 and not Partner.objects.exists()
    assert "Контрольная цифра ИНН не сходится" in text
    assert "Контрольная цифра ОГРН не сходится" in text


def test_the_same_inn_twice_is_refused(org, users, client_for):
    partner(org)
    response = client_for("curator").post(reverse("mentoring:partner-create"), _form(inn=VALID_INN))
    assert "Организация с таким ИНН уже есть в реестре партнёров" in response.content.decode()
    assert Partner.objects.count() == 1


def test_the_search_finds_by_name_in_any_case_and_by_inn(org, users, client_for):
    partner(org)
    partner(org, name="Педагогический колледж", short_name="", inn="", ogrn="")
    client = client_for("curator")
    url = reverse("mentoring:partner-list")
    found = client.get(url, {"q": "КОЛЛЕДЖ"}).content.decode()
    assert "Педагогический колледж" in found and "Институт развития" not in found
    found = client.get(url, {"q": "институт"}).content.decode()
    assert "Институт развития" in found and "Педагогический колледж" not in found
    found = client.get(url, {"q": "770708"}).content.decode()
    assert "Институт развития" in found


def test_an_ended_partner_leaves_the_list_but_stays_in_the_register(org, users, client_for):
    ours = partner(org)
    client = client_for("curator")
    response = client.post(reverse("mentoring:partner-activity", args=[ours.pk]), {"active": "0"})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert not ours.is_active
    url = reverse("mentoring:partner-list")
    assert "Институт развития" not in client.get(url).content.decode()
    assert "Институт развития" in client.get(url, {"ended": "on"}).content.decode()
    assert AuditEntry.objects.filter(action="partner.deactivated").exists()


def test_the_council_reads_the_register_without_the_buttons_to_change_it(org, users, client_for):
    ours = partner(org)
    council = client_for("council")
    listing = council.get(reverse("mentoring:partner-list")).content.decode()
    assert "Институт развития" in listing and "Добавить партнёра" not in listing
    card = council.get(reverse("mentoring:partner-detail", args=[ours.pk])).content.decode()
    assert VALID_INN in card and "Завершить сотрудничество" not in card
    assert council.get(reverse("mentoring:partner-edit", args=[ours.pk])).status_code == 403


def test_the_register_is_paged_and_bounded_in_queries(
    org, users, client_for, django_assert_max_num_queries
):
    Partner.objects.bulk_create(
        Partner(organization=org, name=f"Организация {n:02d}", kind=PartnerKind.OTHER)
        for n in range(60)
    )
    client = client_for("curator")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("mentoring:partner-list"), {"page": 2})
    text = response.content.decode()
    assert "Организация 25" in text and "Организация 24" not in text
    assert "Страница 2 из 3" in text


def test_the_menu_names_the_register_for_managers(org, users, client_for):
    page = client_for("council").get(reverse("mentoring:partner-list")).content.decode()
    assert "Организации-партнёры" in page and "Договоры о сотрудничестве" in page
