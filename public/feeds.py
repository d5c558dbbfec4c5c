"""The Atom feed of published news and announcements of one organization."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from public import selectors


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str):
        from public.views import site_or_404

        return site_or_404(slug)

    def title(self, site) -> str:
        return f"Новости наставничества — {site.short_name}"

    def link(self, site) -> str:
        return reverse("public:news", args=[site.slug])

    def subtitle(self, site) -> str:
        return (
            f"Новости и анонсы системы наставничества педагогических работников {site.short_name}"
        )

    def items(self, site):
        return selectors.news(site)[:30]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.body

    def item_link(self, item) -> str:
        return reverse("public:news-detail", args=[self._site.slug, item.id])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def get_feed(self, obj, request):
        self._site = obj
        return super().get_feed(obj, request)
