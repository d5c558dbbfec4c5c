"""Lighthouse on a phone: accessibility 100 (issue 14). Performance is timed, so it is measured
in the benchmark (`make bench` runs `manage.py bench_lighthouse`), never asserted here.

Four representative pages run with the browser tests; every main page of every role runs in
the slower ``-m slow`` test (about 15 seconds a page).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from tests.browser.lighthouse import lighthouse, session_cookie, shortfalls
from tests.browser.pages import main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.browser
def test_four_representative_pages_score_100_for_accessibility(
    lighthouse_server,
):
    pages = main_pages()
    program_url = pages["mentee"][1]
    checks = [
        ("", reverse("login")),
        ("mentee", program_url),
        ("curator", reverse("roadmap:order-list")),
        ("curator", reverse("monitoring:dashboard")),
    ]
    runs = [
        (lighthouse_server + url, session_cookie(persona) if persona else "")
        for persona, url in checks
    ]
    # Each run is its own Lighthouse and chromium, mostly waiting on the page: side by side.
    with ThreadPoolExecutor(max_workers=len(runs)) as pool:
        reports = list(pool.map(lambda run: lighthouse(run[0], cookie=run[1]), runs))
    problems = [problem for report in reports for problem in shortfalls(report)]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_every_main_page_scores_100_for_accessibility_and_90_for_speed(lighthouse_server):
    problems = []
    for persona, urls in main_pages().items():
        cookie = session_cookie(persona) if persona else ""
        for url in urls:
            problems += shortfalls(lighthouse(lighthouse_server + url, cookie=cookie))
    assert not problems, "\n".join(problems)
