"""What a visitor sees: pages, variants, 404s, caching and the feed.

The caching tests commit for real (``transaction=True``): a part built inside a transaction that
has written is never kept (``core.cache``).
"""

import pytest
from django.test import Client
from django.urls import reverse

from core import cache
from programs.models import Case
from public.models import PublicSettings
from public.services import case_show, settings_for
from tests.public.factories import document, finished_case, news, shown_cases


@pytest.fixture
def visitor():
    return Client()


def test_an_unknown_organization_answers_a_russian_404_that_reveals_nothing(visitor, org):
    response = visitor.get("/public/no-such-kindergarten/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Страница не найдена" in text and "no-such-kindergarten" not in text


def test_a_draft_news_item_answers_404_to_a_visitor(visitor, org):
    draft = news(org, "Черновик новости", published=False)
    response = visitor.get(reverse("public:news-detail", args=[org.slug, draft.pk]))
    assert response.status_code == 404
    assert (
        "Черновик новости"
        not in visitor.get(reverse("public:news", args=[org.slug])).content.decode()
    )


def test_another_organizations_news_is_not_found_under_this_slug(visitor, org, other_org):
    theirs = news(other_org, "Новость другого сада")
    response = visitor.get(reverse("public:news-detail", args=[org.slug, theirs.pk]))
    assert response.status_code == 404


def test_the_news_page_and_the_feed_show_the_published_item(visitor, org):
    item = news(org, "Круглый стол прошёл")
    page = visitor.get(reverse("public:news", args=[org.slug])).content.decode()
    assert "Круглый стол прошёл" in page
    feed = visitor.get(reverse("public:feed", args=[org.slug]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Круглый стол прошёл" in feed.content.decode()
    assert f"/public/{org.slug}/news/{item.pk}/" in feed.content.decode()


def test_the_sitemap_lists_the_sections_and_the_news(visitor, org):
    item = news(org)
    text = visitor.get(reverse("public:sitemap")).content.decode()
    assert f"/public/{org.slug}/documents/" in text
    assert f"/public/{org.slug}/news/{item.pk}/" in text


def test_every_page_has_a_title_and_a_description(visitor, org):
    text = visitor.get(reverse("public:programs", args=[org.slug])).content.decode()
    assert "<title>Программы наставничества — МБДОУ «Детский сад №20»</title>" in text
    assert '<meta name="description" content="Персонализированные программы' in text


def test_the_accessible_version_is_remembered_in_a_cookie(visitor, org):
    url = reverse("public:documents", args=[org.slug])
    first = visitor.get(url + "?a11y=1")
    assert first.cookies["public_a11y"].value == "1"
    again = visitor.get(url).content.decode()
    assert "public-a11y.css" in again and "Обычная версия сайта" in again
    back = visitor.get(url + "?a11y=0").content.decode()
    assert "public-a11y.css" not in back and "Версия для слабовидящих" in back


def test_the_accessible_version_has_no_images(visitor, org):
    from tests.public.test_uploads import PNG

    item = news(org)
    item.image, item.image_type, item.image_alt = PNG, "image/png", "Участники круглого стола"
    item.save()
    url = reverse("public:news-detail", args=[org.slug, item.pk])
    assert "<img" in visitor.get(url).content.decode()
    assert "<img" not in visitor.get(url + "?a11y=1").content.decode()


def test_pages_refuse_framing_except_the_embeddable_variant_for_listed_sites(visitor, org):
    settings = settings_for(org)
    settings.frame_ancestors = "https://ds20.example.ru"
    settings.save()
    url = reverse("public:about", args=[org.slug])
    plain = visitor.get(url)
    assert plain["X-Frame-Options"] == "DENY"
    embed = visitor.get(url + "?embed=1")
    policy = _policy(embed)
    assert policy["frame-ancestors"] == "'self' https://ds20.example.ru"
    assert "X-Frame-Options" not in embed
    # Only frame-ancestors changes: the rest is the site's one policy, scripts included.
    assert {k: v for k, v in policy.items() if k != "frame-ancestors"} == {
        k: v for k, v in _policy(plain).items() if k != "frame-ancestors"
    }
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"


def test_without_listed_sites_the_embeddable_variant_is_framed_only_by_this_site(visitor, org):
    PublicSettings.objects.create(organization=org)
    embed = visitor.get(reverse("public:news", args=[org.slug]) + "?embed=1")
    policy = _policy(embed)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert embed["X-Frame-Options"] == "SAMEORIGIN"


def _policy(response) -> dict[str, str]:
    parts = [p.strip() for p in response["Content-Security-Policy"].split(";") if p.strip()]
    return dict(part.split(" ", 1) for part in parts)


def test_links_inside_the_embeddable_variant_stay_embeddable(visitor, org):
    text = visitor.get(reverse("public:about", args=[org.slug]) + "?embed=1").content.decode()
    assert f'href="/public/{org.slug}/programs/?embed=1"' in text


@pytest.mark.django_db(transaction=True)
def test_a_cached_page_answers_without_a_database_query(visitor, org, django_assert_num_queries):
    document(org)
    news(org)
    for name in ("about", "programs", "practices", "documents", "materials", "news"):
        url = reverse(f"public:{name}", args=[org.slug])
        visitor.get(url)
        with django_assert_num_queries(0):
            assert visitor.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_change_shows_on_the_next_request_despite_the_cache(visitor, org):
    url = reverse("public:news", args=[org.slug])
    assert "Свежая новость" not in visitor.get(url).content.decode()
    news(org, "Свежая новость")
    assert "Свежая новость" in visitor.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_of_a_shown_case_shows_on_the_public_pages_at_once(
    visitor, org, django_assert_num_queries
):
    """``.update()`` sends no signal; the write itself makes the cached pages stale."""
    (case,) = shown_cases(org)
    pages = [
        reverse("public:case-detail", args=[org.slug, case.pk]),
        reverse("public:practices", args=[org.slug]),
    ]
    for url in pages:
        assert "Провести открытое занятие для коллег" not in visitor.get(url).content.decode()
        with django_assert_num_queries(0):  # served from the cache now
            visitor.get(url)
    with cache.scoped_to(org.pk):  # as a page of the organization writes
        Case.objects.filter(pk=case.pk).update(need="Провести открытое занятие для коллег.")
    for url in pages:
        assert "Провести открытое занятие для коллег." in visitor.get(url).content.decode()


def test_the_programs_page_shows_form_role_model_directions_and_stage(visitor, org, users):
    finished_case(org, users["mentor"], users["mentee"])
    text = visitor.get(reverse("public:programs", args=[org.slug])).content.decode()
    assert "«новичок – мастер»" in text
    assert "Психолого-педагогические" in text
    assert "Завершена" in text
    assert "Молодой специалист, первый год" not in text  # the free-text title is never shown


def test_a_case_shown_without_consent_in_the_database_still_does_not_reach_the_site(
    visitor, org, users
):
    case = finished_case(org, users["mentor"], users["mentee"])
    case.is_published = True  # as if set around the service
    case.save()
    assert visitor.get(reverse("public:case-detail", args=[org.slug, case.pk])).status_code == 404


def test_a_consented_shown_case_reaches_the_site_with_the_seed_004_structure(visitor, org, users):
    case = finished_case(org, users["mentor"], users["mentee"], consent_by=users["curator"])
    case_show(case=case, user=users["curator"])
    text = visitor.get(reverse("public:case-detail", args=[org.slug, case.pk])).content.decode()
    for heading in (
        "Дано (портрет наставляемого)",
        "Надо (цель и результат)",
        "Кто нам нужен? (портрет наставника)",
        "Оцениваемые результаты",
        "Этапы реализации программы",
    ):
        assert heading in text


def test_the_first_build_of_a_list_page_runs_a_bounded_number_of_queries(
    visitor, org, users, django_assert_max_num_queries
):
    from tests.factories import member

    for n in range(6):
        mentor = member(org, "mentor", username=f"m{n}")
        mentee = member(org, "mentee", username=f"e{n}")
        case = finished_case(org, mentor, mentee, consent_by=users["curator"])
        case_show(case=case, user=users["curator"])
    for name, limit in (("programs", 12), ("practices", 8), ("news", 6), ("documents", 6)):
        with django_assert_max_num_queries(limit):
            assert visitor.get(reverse(f"public:{name}", args=[org.slug])).status_code == 200
