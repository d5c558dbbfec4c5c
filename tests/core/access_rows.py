"""Access-matrix rows of the ground: home, login and password pages, the organization switch,
letters, background jobs and /health/."""

from tests.access_table import Row, everyone, url
from tests.core.access_rows_production import ROWS as NOTIFICATION_ROWS


def _logged_out(request, persona, response):
    assert not response.wsgi_request.user.is_authenticated, f"{persona} is still logged in"


def _organization_kept(request, persona, response):
    from core.access import SESSION_KEY

    chosen = response.wsgi_request.session.get(SESSION_KEY)
    assert chosen != 999999, f"{persona} switched to an organization of which not a member"


ROWS: dict[str, Row] = {
    "home": Row(url("home"), everyone()),
    "login": Row(url("login"), everyone(302, anonymous=200)),
    "logout": Row(url("logout"), everyone(302, anonymous=302), method="post", check=_logged_out),
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
        check=_organization_kept,
    ),
}
ROWS["organization-requisites"] = Row(
    url("organization-requisites"),
    {**everyone(403), "director": 200, "admin": 200},
)
ROWS.update(NOTIFICATION_ROWS)
