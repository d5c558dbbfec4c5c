"""The sitemap of every organization's public section, read through the selectors only."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from public import selectors

PAGES = (
    "public:about",
    "public:programs",
    "public:practices",
    "public:documents",
    "public:materials",
    "public:news",
    "public:partners",
)


class SectionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [(site.slug, name) for site in selectors.all_sites() for name in PAGES]

    def location(self, item) -> str:
        slug, name = item
        return reverse(name, args=[slug])


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            (site.slug, item) for site in selectors.all_sites() for item in selectors.news(site)
        ]

    def location(self, item) -> str:
        slug, news = item
        return reverse("public:news-detail", args=[slug, news.id])

    def lastmod(self, item):
        return item[1].published_at


class CaseSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            (site.slug, case.id)
            for site in selectors.all_sites()
            for case in selectors.practices(site).cases
        ]

    def location(self, item) -> str:
        return reverse("public:case-detail", args=list(item))


class MunicipalitySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [area.slug for area in selectors.municipalities()]

    def location(self, item) -> str:
        return reverse("public:municipality", args=[item])


SITEMAPS = {
    "sections": SectionSitemap,
    "municipalities": MunicipalitySitemap,
    "news": NewsSitemap,
    "cases": CaseSitemap,
}
