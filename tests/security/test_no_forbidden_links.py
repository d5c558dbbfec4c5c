"""No link or button leads to a page the person may not open.

On the demo data, every persona starts at the home page and opens every same-site link of the
menu and of the home page; from each of those pages she opens every same-site link again (one
level deeper). GET only, each address once. Any 403 is a link the template should not have
shown: templates ask the same rules as the views (``{% test_rule %}``).
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from core.models import User
from mentoring.seeding import DEMO_COORDINATOR, DEMO_USERS, seed_demo

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/admin/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def same_site_links(page_url: str, html: str) -> list[str]:
    """The site's own addresses a page links to (no anchors, mail, phones or other hosts)."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urlsplit(urljoin("http://testserver" + page_url, href))
        if url.netloc != "testserver" or url.path.startswith(SKIP_PREFIXES):
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def _html(response) -> str:
    if "text/html" not in response.get("Content-Type", ""):
        return ""
    return response.content.decode()


def walk(client: Client) -> tuple[list[tuple[str, str]], int]:
    """(link, page it was on) of every 403 one level below the menu and the home page."""
    forbidden: list[tuple[str, str]] = []
    seen: set[str] = set()
    home = client.get("/", follow=True)
    start = home.redirect_chain[-1][0] if home.redirect_chain else "/"
    first_level = same_site_links(start, _html(home))
    seen.add(urlsplit(start).path)
    pages: list[tuple[str, str]] = []  # (url, html) of the first level
    for url in first_level:
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code == 403:
            forbidden.append((url, start))
        pages.append((url, _html(response)))
    for page_url, html in pages:
        for url in same_site_links(page_url, html):
            path = urlsplit(url).path
            if path in seen:
                continue
            seen.add(path)
            if client.get(url).status_code == 403:
                forbidden.append((url, page_url))
    return forbidden, len(seen)


def test_no_persona_sees_a_link_to_a_page_she_may_not_open(settings):
    settings.PUBLIC_RATE_LIMIT = 100_000
    seed_demo()
    usernames = [demo.username for demo in DEMO_USERS]
    if User.objects.filter(username=DEMO_COORDINATOR[0]).exists():
        usernames.append(DEMO_COORDINATOR[0])
    report = []
    for username in usernames:
        client = Client()
        client.force_login(User.objects.get(username=username))
        forbidden, opened = walk(client)
        assert opened > 5, f"{username}: the walk opened only {opened} pages"
        report += [f"{username}: {url} (linked from {where})" for url, where in forbidden]
    assert report == [], "Links to pages that answer 403:\n" + "\n".join(report)


def test_the_roadmap_shows_the_public_sections_links_to_the_curator_alone(client_for, org, users):
    from django.urls import reverse

    manage = f'href="{reverse("public:manage")}"'
    director = client_for("director").get(reverse("roadmap:roadmap-detail")).content.decode()
    curator = client_for("curator").get(reverse("roadmap:roadmap-detail")).content.decode()
    assert manage not in director
    assert "Информационная поддержка: ход этапа освещён на сайте" in director  # the check stays
    assert manage in curator


def test_the_agreement_button_is_shown_to_those_who_may_draft(client_for):
    from django.urls import reverse

    create = f'href="{reverse("roadmap:agreement-create")}"'
    assert create in client_for("curator").get(reverse("roadmap:agreement-list")).content.decode()
    assert create not in client_for("admin").get(reverse("roadmap:agreement-list")).content.decode()
