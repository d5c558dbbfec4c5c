"""Access-matrix rows of the ground: home, login and password pages, the organization switch,
letters, background jobs and /health/."""

from tests.access_table import Row, everyone, url
from tests.core.access_rows_production import ROWS as NOTIFICATION_ROWS

ROWS: dict[str, Row] = {
    "home": Row(url("home"), everyone()),
    "login": Row(url("login"), everyone(302, anonymous=200)),
    "logout": Row(url("logout"), everyone(302, anonymous=302), method="post"),
    "password_change": Row(url("password_change"), everyone()),
    "password_change_done": Row(url("password_change_done"), everyone()),
    # Password reset by e-mail (issue 13): open to everyone, logged in or not.
    "password_reset": Row(url("password_reset"), everyone(200, anonymous=200)),
    "password_reset_done": Row(url("password_reset_done"), everyone(200, anonymous=200)),
    "password_reset_confirm": Row(
        url("password_reset_confirm", "MQ", "bad-token"), everyone(200, anonymous=200)
    ),
    "password_reset_complete": Row(url("password_reset_complete"), everyone(200, anonymous=200)),
    "organization-switch": Row(
        url("organization-switch"),
        # Posting an organization one is not a member of is a 404 for everybody.
        everyone(404),
        method="post",
        data={"organization": "999999"},
    ),
}
ROWS.update(NOTIFICATION_ROWS)
