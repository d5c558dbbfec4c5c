"""Access-matrix rows for the pages of the public section.

Visitor pages answer everyone, logged in or not, with 200; the curator's «Публичный раздел»
is for the curator and the administrator.
"""

from django.urls import reverse

from tests.access_table import AD, CO, ME, MR, OUT, A, C, D, Row, gone, latest, refused_with, this

OPEN = {p: 200 for p in (A, D, C, MR, ME, CO, AD, OUT)}


def _editors(ok, *, outsider):
    result = {A: "login", D: 403, C: ok, MR: 403, ME: 403, CO: 403, AD: ok, OUT: outsider}
    return result


def _org(request):
    return request.getfixturevalue("org")


def _slug(name):
    return lambda request: reverse(name, args=[_org(request).slug])


def _news(request, published=True):
    from tests.public.factories import news

    return news(_org(request), published=published)


def _news_url(name):
    return lambda request: reverse(name, args=[_news(request, published=False).pk])


def _published_news_url(name):
    def build(request):
        item = _news(request)
        return reverse(name, args=[_org(request).slug, item.pk])

    return build


def _news_image_url(request):
    from tests.public.test_uploads import PNG

    item = _news(request)
    item.image, item.image_type, item.image_alt = PNG, "image/png", "Круглый стол"
    item.save()
    return reverse("public:news-image", args=[_org(request).slug, item.pk])


def _file(request):
    from tests.public.factories import document

    return document(
        _org(request),
        file_name="pamyatka.pdf",
        content=b"%PDF-1.4 test",
        url="",
        content_type="application/pdf",
        size=13,
    )


def _file_url(request):
    return reverse("public:file-download", args=[_org(request).slug, _file(request).pk])


def _file_delete_url(request):
    return reverse("public:file-delete", args=[_file(request).pk])


def _case(request, consent=True):
    from public.services import case_show
    from tests.public.factories import finished_case

    users = request.getfixturevalue("users")
    case = finished_case(
        _org(request),
        users["mentor"],
        users["mentee"],
        consent_by=users["curator"] if consent else None,
    )
    if consent:
        case_show(case=case, user=users["curator"])
    return case


def _case_detail_url(request):
    return reverse("public:case-detail", args=[_org(request).slug, _case(request).pk])


def _case_show_url(request):
    return reverse("public:case-show", args=[_case(request, consent=False).pk])


def _municipality_url(request):
    from core.models import Municipality

    org = _org(request)
    org.municipality = Municipality.objects.create(name="Городской округ Иваново", slug="ivanovo")
    org.save(update_fields=["municipality"])
    return reverse("public:municipality", args=[org.municipality.slug])


ROWS = {
    "public:municipalities": Row(lambda request: reverse("public:municipalities"), OPEN),
    "public:municipality": Row(_municipality_url, OPEN),
    "public:about": Row(_slug("public:about"), OPEN),
    "public:programs": Row(_slug("public:programs"), OPEN),
    "public:practices": Row(_slug("public:practices"), OPEN),
    "public:case-detail": Row(_case_detail_url, OPEN),
    "public:documents": Row(_slug("public:documents"), OPEN),
    "public:materials": Row(_slug("public:materials"), OPEN),
    "public:file-download": Row(_file_url, OPEN),
    "public:news": Row(_slug("public:news"), OPEN),
    "public:news-detail": Row(_published_news_url("public:news-detail"), OPEN),
    "public:news-image": Row(_news_image_url, OPEN),
    "public:feed": Row(_slug("public:feed"), OPEN),
    "public:sitemap": Row(lambda request: reverse("public:sitemap"), OPEN),
    "public:manage": Row(lambda request: reverse("public:manage"), _editors(200, outsider=200)),
    "public:settings-edit": Row(
        lambda request: reverse("public:settings-edit"),
        _editors(302, outsider=302),
        method="post",
        data={"curator_contact": "Старший воспитатель", "intro": "", "frame_ancestors": ""},
        check=latest("public.PublicSettings", "curator_contact", "Старший воспитатель"),
    ),
    "public:news-create": Row(
        lambda request: reverse("public:news-create"), _editors(200, outsider=200)
    ),
    "public:news-edit": Row(_news_url("public:news-edit"), _editors(200, outsider=404)),
    "public:news-preview": Row(_news_url("public:news-preview"), _editors(200, outsider=404)),
    "public:news-publish": Row(
        _news_url("public:news-publish"),
        _editors(302, outsider=404),
        method="post",
        data={"publish": "1"},
        check=this("public.NewsItem", "published_at", lambda at: at is not None),
    ),
    "public:news-delete": Row(
        _news_url("public:news-delete"),
        _editors(302, outsider=404),
        method="post",
        check=gone("public.NewsItem"),
    ),
    "public:file-create": Row(
        lambda request: reverse("public:file-create"),
        _editors(302, outsider=302),
        method="post",
        data={"kind": "material", "title": "Памятка", "url": "https://example.ru/pamyatka"},
        check=latest("public.PublicFile", "title", "Памятка"),
    ),
    "public:file-delete": Row(
        _file_delete_url,
        _editors(302, outsider=404),
        method="post",
        check=gone("public.PublicFile"),
    ),
    "public:case-show": Row(
        _case_show_url,
        _editors(302, outsider=404),
        method="post",
        # A case without the publication consent: showing it is refused and it stays hidden.
        data={"show": "1"},
        check=refused_with("нет согласия на публикацию", "programs.Case", "is_published", False),
    ),
    "public:event-edit": Row(
        lambda request: reverse("public:event-edit"), _editors(200, outsider=200)
    ),
    # «Партнёры и совместные мероприятия»: open to every visitor.
    "public:partners": Row(_slug("public:partners"), OPEN),
}
