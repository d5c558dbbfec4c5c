"""Access-matrix rows of the register of partner organizations (joined into ``access_rows``)."""

from django.urls import reverse

from tests.access_table import AD, CO, ME, MR, OUT, A, C, D, Row, managers_only, this, url

KEEPERS = {A: "login", D: 200, C: 200, AD: 200, CO: 403, MR: 403, ME: 403}


def _partner_url(name):
    def build(request):
        from tests.roadmap.cooperation_factories import partner

        return reverse(name, args=[partner(request.getfixturevalue("org")).pk])

    return build


ROWS: dict[str, Row] = {
    # The council reads the register; the curator, the director and the admin keep it.
    "mentoring:partner-list": Row(url("mentoring:partner-list"), managers_only(outsider=200)),
    "mentoring:partner-create": Row(url("mentoring:partner-create"), {**KEEPERS, OUT: 200}),
    "mentoring:partner-detail": Row(_partner_url("mentoring:partner-detail"), managers_only()),
    "mentoring:partner-edit": Row(_partner_url("mentoring:partner-edit"), {**KEEPERS, OUT: 404}),
    # Ending the cooperation keeps the partner in the register, inactive.
    "mentoring:partner-activity": Row(
        _partner_url("mentoring:partner-activity"),
        {A: "login", D: 302, C: 302, AD: 302, CO: 403, MR: 403, ME: 403, OUT: 404},
        method="post",
        data={"active": "0"},
        check=this("mentoring.Partner", "is_active", False),
    ),
}
