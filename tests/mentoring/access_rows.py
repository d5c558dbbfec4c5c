"""Access-matrix rows for the pages of the mentoring app and the login pages."""

from django.urls import reverse

from tests.access_table import ME, MR, Row, everyone, managers_only, url


def _own_staff(persona):
    def build(request):
        users = request.getfixturevalue("users")
        return reverse("mentoring:staff-detail", args=[users[persona].staff_records.get().pk])

    return build


ROWS: dict[str, Row] = {
    "home": Row(url("home"), everyone()),
    "login": Row(url("login"), everyone(302, anonymous=200)),
    "logout": Row(url("logout"), everyone(302, anonymous=302), method="post"),
    "password_change": Row(url("password_change"), everyone()),
    "password_change_done": Row(url("password_change_done"), everyone()),
    "mentoring:organization-switch": Row(
        url("mentoring:organization-switch"),
        # Posting an organization one is not a member of is a 404 for everybody.
        everyone(404),
        method="post",
        data={"organization": "999999"},
    ),
    "mentoring:staff-list": Row(url("mentoring:staff-list"), managers_only(outsider=200)),
    # The mentee's own card: managers of the organization and the mentee see it.
    "mentoring:staff-detail": Row(_own_staff("mentee"), {**managers_only(), MR: 404, ME: 200}),
}
