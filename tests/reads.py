"""What a page reads when it is served again (its cached parts in place)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def served_again(client, url) -> tuple[str, list[str]]:
    """The page at ``url`` requested twice: the second time's HTML and its SQL statements."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return page, [q["sql"] for q in captured.captured_queries]
