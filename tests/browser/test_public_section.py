"""The public section in a real browser: the curator publishes, a visitor reads, axe-core checks.

Every visitor page and its accessible version must have zero axe-core violations of any impact.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD
from tests.public.factories import document, finished_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ("", "programs/", "practices/", "documents/", "materials/", "news/")


@pytest.fixture
def section(org, users):
    case = finished_case(org, users["mentor"], users["mentee"], consent_by=users["curator"])
    document(org)
    document(org, "Памятка молодому педагогу", kind="material", url="https://example.ru/pamyatka")
    return case


def test_curator_publishes_news_and_a_case_and_a_visitor_reads_them(
    new_page, org, users, section, axe
):
    curator = new_page()
    login(curator, "curator", PASSWORD)
    curator.goto("/public/manage/")
    curator.get_by_role("link", name="Написать новость").click()
    curator.get_by_label("Заголовок").fill("Круглый стол наставников")
    curator.get_by_label("Текст").fill("В пятницу пары рассказали о своих программах.")
    curator.get_by_role("button", name="Сохранить черновик").click()
    curator.get_by_text("Новость сохранена.").wait_for()
    curator.get_by_role("button", name="Опубликовать").click()
    curator.get_by_text("Новость опубликована.").wait_for()
    curator.get_by_test_id("case-show").click()
    curator.get_by_text("Кейс показан в разделе.").wait_for()

    visitor = new_page()  # a fresh context: logged out
    visitor.goto(f"/public/{org.slug}/news/")
    visitor.get_by_role("link", name="Круглый стол наставников").click()
    visitor.get_by_text("В пятницу пары рассказали о своих программах.").wait_for()
    visitor.get_by_role("link", name="Лучшие практики").click()
    visitor.get_by_role("link", name="«педагог – педагог»").first.click()
    visitor.get_by_role(
        "heading", name="Кейс персонализированной программы наставничества"
    ).wait_for()

    visitor.get_by_test_id("a11y-toggle").click()
    visitor.get_by_role("link", name="Обычная версия сайта").wait_for()
    visitor.get_by_role("link", name="Документы").click()  # remembered on the next page
    visitor.get_by_role("link", name="Обычная версия сайта").wait_for()
    assert "public-a11y" in visitor.locator("body").get_attribute("class")


def test_every_public_page_and_its_accessible_version_pass_axe(new_page, org, users, section, axe):
    from public.services import case_show, news_publish, news_save

    case_show(case=section, user=users["curator"])
    item = news_save(organization=org, user=users["curator"], title="Новость", body="Текст")
    news_publish(item=item, user=users["curator"])
    page = new_page()
    urls = [f"/public/{org.slug}/{p}" for p in PAGES]
    urls += [f"/public/{org.slug}/practices/{section.pk}/", f"/public/{org.slug}/news/{item.pk}/"]
    for variant in ("?a11y=0", "?a11y=1", "?embed=1"):
        for url in urls:
            page.goto(url + variant)
            axe(page)


def test_the_axe_helper_reports_a_real_violation(new_page):
    from tests.browser.axe import violations

    page = new_page()
    page.set_content('<html lang="ru"><body><main><img src="x.png"></main></body></html>')
    assert "image-alt" in {v["id"] for v in violations(page)}


def test_the_municipality_page_passes_axe_and_fits_a_phone(new_page, org, other_org, axe):
    from core.models import Municipality
    from tests.browser.pages import PHONE, overflow
    from tests.public.factories import shown_cases

    municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    for kindergarten in (org, other_org):
        kindergarten.municipality = municipality
        kindergarten.save()
    shown_cases(org, 18)
    shown_cases(other_org, 5)  # 23 cases: two pages
    page = new_page()
    page.set_viewport_size(PHONE)
    for url in ("/public/", "/public/mo/ivanovo/?page=2", "/public/mo/ivanovo/?doo=ds7"):
        for variant in ("&a11y=0", "&a11y=1"):
            page.goto(url + ("&" if "?" in url else "?") + variant[1:])
            axe(page)
            assert overflow(page) == 0, f"{url}{variant} is wider than 390 px"

    page.goto("/public/mo/ivanovo/?a11y=0")
    page.get_by_label("Детский сад").select_option(label="МБДОУ «Детский сад №7»")
    page.get_by_role("button", name="Показать").click()
    page.get_by_text("Найдено: 5 кейсов.").wait_for()
    page.get_by_role("link", name="МБДОУ «Детский сад №7»").first.click()
    page.get_by_role("heading", name="О наставничестве").wait_for()
    page.get_by_role("link", name="Наставничество в муниципалитете").click()
    page.get_by_role("navigation", name="Страницы списка кейсов").get_by_role(
        "link", name="Страница 2"
    ).click()
    page.wait_for_url("**/public/mo/ivanovo/?page=2")
