"""The visitor's pages: open to everyone, read only through ``public.selectors``.

Each page has an accessible version (``?a11y=1``, remembered in a cookie) and an embeddable
variant (``?embed=1``) that the organization's own site may frame. The municipality's page
(``/public/`` and ``/public/mo/<slug>/``) has the accessible version and is framed by nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings as django_settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from core import security
from core.access import public
from core.files import file_response
from public import a11y, selectors
from public.framing import allow_framing

# The lists and the municipality's search by kindergarten: one budget per address a minute.
limited = security.rate_limited(
    "public",
    setting="PUBLIC_RATE_LIMIT",
    reason="С вашего адреса за минуту пришло слишком много запросов к публичному разделу.",
)
A11Y_COOKIE = "public_a11y"
A11Y_MAX_AGE = 365 * 24 * 3600
SECTIONS = (
    ("about", "О наставничестве", "public:about"),
    ("programs", "Программы", "public:programs"),
    ("practices", "Лучшие практики", "public:practices"),
    ("documents", "Документы", "public:documents"),
    ("materials", "Методические материалы", "public:materials"),
    ("news", "Новости и анонсы", "public:news"),
    ("partners", "Партнёры", "public:partners"),
)


def site_or_404(slug: str) -> selectors.Site:
    site = selectors.site_for_slug(slug)
    if site is None:
        raise Http404("No such public section.")
    return site


def is_accessible(request) -> bool:
    asked = request.GET.get("a11y")
    if asked in ("0", "1"):
        return asked == "1"
    return request.COOKIES.get(A11Y_COOKIE) == "1"


@dataclass(frozen=True)
class Pager:
    """Links to the pages of a list, keeping the rest of the query string."""

    label: str
    number: int
    previous: str
    next: str
    links: tuple[tuple[int | str, str], ...]  # (number, url); the ellipsis has no url


def pager(request, paged: selectors.Paged, *, param: str = "page", label: str) -> Pager | None:
    """The page links of ``paged`` (None when it fits on one page)."""
    paginator = paged.paginator()
    if paginator.num_pages < 2:
        return None

    def url(number: int) -> str:
        query = request.GET.copy()
        query[param] = str(number)
        return "?" + query.urlencode()

    page = paginator.page(paged.number)
    return Pager(
        label=label,
        number=paged.number,
        previous=url(page.previous_page_number()) if page.has_previous() else "",
        next=url(page.next_page_number()) if page.has_next() else "",
        links=tuple(
            (n, "" if n == paginator.ELLIPSIS else url(n))
            for n in paginator.get_elided_page_range(paged.number, on_each_side=1, on_ends=1)
        ),
    )


def render_visitor(
    request,
    template: str,
    context: dict,
    *,
    title: str,
    description: str,
    status: int = 200,
) -> HttpResponse:
    """Render a visitor's page in its plain or accessible variant."""
    accessible = is_accessible(request)
    prefs = a11y.chosen(request) if accessible else {}
    context = {
        **context,
        "accessible": accessible,
        "a11y_classes": a11y.body_classes(prefs),
        "show_images": not accessible or prefs.get("images") == "on",
        "a11y_controls": a11y.controls(request, prefs, embed=bool(context.get("embed")))
        if accessible
        else [],
        "page_title": title,
        "page_description": description,
        "path": request.path,
    }
    response = render(request, template, context, status=status)
    if request.GET.get("a11y") in ("0", "1"):
        response.set_cookie(
            A11Y_COOKIE,
            request.GET["a11y"],
            max_age=A11Y_MAX_AGE,
            secure=django_settings.SESSION_COOKIE_SECURE,  # HTTPS only in production
            httponly=True,  # read by the server alone
            samesite="Lax",
        )
    a11y.remember(request, response)
    return response


def render_public(
    request,
    site,
    template: str,
    context: dict,
    *,
    section: str,
    title: str,
    description: str,
    status: int = 200,
) -> HttpResponse:
    """Render a kindergarten's page in its plain, accessible or embeddable variant."""
    embed = request.GET.get("embed") == "1"
    query = "?embed=1" if embed else ""
    context = {
        **context,
        "site": site,
        "section": section,
        "sections": [
            (key, label, reverse(name, args=[site.slug]) + query) for key, label, name in SECTIONS
        ],
        "embed": embed,
        "query": query,
    }
    response = render_visitor(
        request, template, context, title=title, description=description, status=status
    )
    if embed:
        allow_framing(response, site.origins)
    return response


@public
def about(request, slug: str):
    site = site_or_404(slug)
    return render_public(
        request,
        site,
        "public/about.html",
        {"about": selectors.about(site)},
        section="about",
        title="О наставничестве",
        description=f"Система наставничества педагогических работников в {site.short_name}: "
        "цикл, этапы дорожной карты и их выполнение.",
    )


@public
@limited
def programs(request, slug: str):
    site = site_or_404(slug)
    lists, counts = {}, selectors.program_counts(site.id)
    for which, adjective in (("running", "реализуемых"), ("finished", "завершённых")):
        param, label = f"{which}_page", f"Страницы списка {adjective} программ"
        paged = selectors.programs_page(site, which, request.GET.get(param), counts=counts)
        lists[which] = {"page": paged, "pager": pager(request, paged, param=param, label=label)}
    return render_public(
        request,
        site,
        "public/programs.html",
        {"programs": lists},
        section="programs",
        title="Программы наставничества",
        description=f"Персонализированные программы наставничества в {site.short_name}: "
        "реализуемые и завершённые, формы, направления и сроки.",
    )


@public
@limited
def practices(request, slug: str):
    site = site_or_404(slug)
    data = selectors.practices(site)
    return render_public(
        request,
        site,
        "public/practices.html",
        {"practices": data, "case_titles": {c.id: c.form_and_role_model for c in data.cases}},
        section="practices",
        title="Лучшие практики наставничества",
        description=f"Кейсы завершённых программ наставничества {site.short_name}, "
        "опубликованные с согласия участников, и итоговые мероприятия.",
    )


@public
def case_detail(request, slug: str, pk: int):
    site = site_or_404(slug)
    case = selectors.case(site, pk)
    if case is None:
        raise Http404("No such case.")
    return render_public(
        request,
        site,
        "public/case_detail.html",
        {"case": case},
        section="practices",
        title=f"Кейс программы наставничества: {case.form_and_role_model}",
        description="Кейс персонализированной программы наставничества: дано, надо, портрет "
        "наставника, результаты и этапы.",
    )


@public
def partners(request, slug: str):
    """«Партнёры и совместные мероприятия»: network cooperation as the site shows it."""
    site = site_or_404(slug)
    return render_public(
        request,
        site,
        "public/partners.html",
        {"network": selectors.partners(site)},
        section="partners",
        title="Партнёры и совместные мероприятия",
        description=f"Сетевое взаимодействие {site.short_name} в сфере наставничества: "
        "организации-партнёры и совместные мероприятия.",
    )


@public
@limited
def documents(request, slug: str):
    site = site_or_404(slug)
    acts = selectors.local_acts_page(site, request.GET.get("page"))
    return render_public(
        request,
        site,
        "public/documents.html",
        {
            "documents": selectors.documents(site),
            "acts": acts,
            "acts_pager": pager(request, acts, label="Страницы списка локальных актов"),
        },
        section="documents",
        title="Документы",
        description=f"Нормативная база наставничества {site.short_name}: федеральные, "
        "региональные, муниципальные документы и локальные акты.",
    )


def _area_page(request, area: selectors.Area, *, directory: tuple) -> HttpResponse:
    kindergartens = selectors.area_kindergartens(area)
    chosen = next((k for k in kindergartens if k.slug == request.GET.get("doo")), None)
    cases = selectors.area_cases_page(
        area, request.GET.get("page"), kindergartens=kindergartens, kindergarten=chosen
    )
    return render_visitor(
        request,
        "public/municipality.html",
        {
            "area": area,
            "kindergartens": kindergartens,
            "chosen": chosen,
            "cases": cases,
            "cases_pager": pager(request, cases, label="Страницы списка кейсов"),
            "other_areas": len(directory) > 1,
        },
        title=f"Наставничество в детских садах: {area.name}",
        description=f"Лучшие практики наставничества педагогических работников детских садов "
        f"({area.name}): кейсы завершённых программ, опубликованные с согласия участников.",
    )


@public
@limited
def municipalities(request):
    """The municipalities whose kindergartens have a public section; the only one shown here."""
    directory = selectors.municipalities()
    if len(directory) == 1 and (area := selectors.area_for_slug(directory[0].slug)):
        return _area_page(request, area, directory=directory)
    return render_visitor(
        request,
        "public/municipalities.html",
        {"directory": directory},
        title="Наставничество в детских садах муниципалитетов",
        description="Наставничество педагогических работников в детских садах: муниципалитеты "
        "и лучшие практики их детских садов.",
    )


@public
@limited
def municipality(request, slug: str):
    area = selectors.area_for_slug(slug)
    if area is None:
        raise Http404("No such municipality.")
    return _area_page(request, area, directory=selectors.municipalities())


@public
def materials(request, slug: str):
    site = site_or_404(slug)
    return render_public(
        request,
        site,
        "public/materials.html",
        {"materials": selectors.materials(site)},
        section="materials",
        title="Методические материалы",
        description=f"Методические рекомендации и материалы по наставничеству {site.short_name}.",
    )


@public
def file_download(request, slug: str, pk: int):
    site = site_or_404(slug)
    item = selectors.published_file(site, pk)
    if item is None:
        raise Http404("No such file.")
    return file_response(bytes(item.content), item.file_name)


@public
@limited
def news(request, slug: str):
    site = site_or_404(slug)
    return render_public(
        request,
        site,
        "public/news.html",
        {"news": selectors.news(site)},
        section="news",
        title="Новости и анонсы",
        description=f"Новости и анонсы мероприятий наставничества {site.short_name}.",
    )


@public
def news_detail(request, slug: str, pk: int):
    site = site_or_404(slug)
    item = selectors.news_item(site, pk)
    if item is None:
        raise Http404("No such news item.")
    return render_public(
        request,
        site,
        "public/news_detail.html",
        {"item": item},
        section="news",
        title=item.title,
        description=item.body[:160],
    )


@public
def news_image(request, slug: str, pk: int):
    site = site_or_404(slug)
    item = selectors.news_image(site, pk)
    if item is None:
        raise Http404("No such image.")
    extension = ".png" if item.image_type == "image/png" else ".jpg"
    response = file_response(bytes(item.image), f"image-{pk}{extension}")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@public
def sitemap(request):
    """Every organization's public pages, news and cases, for search engines."""
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    from public.sitemaps import SITEMAPS

    return django_sitemap(request, sitemaps=SITEMAPS)
