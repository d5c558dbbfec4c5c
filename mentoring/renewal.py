"""The questionnaires to renew for a new academic year (``renew_for_year``): the person's card.

Opening the next year (``roadmap.new_year``) marks the questionnaires of everyone in the banks;
saving the questionnaire (``mentee_profile_save``, ``mentor_profile_save``) clears the mark.
"""

from __future__ import annotations

from django.db.models import CharField, Value
from django.urls import reverse

from core.home import HomeCard, HomeContext
from mentoring.models import MenteeProfile, MentorProfile

WHICH = {
    "mentee": ("анкету наставляемого", "mentoring:my-mentee-profile"),
    "mentor": ("анкету наставника", "mentoring:my-mentor-profile"),
}


def to_renew(staff) -> list[tuple[int, str]]:
    """(year, "mentee" | "mentor") of the person's questionnaires waiting for renewal, one query."""
    mine = {"staff": staff, "renew_for_year__isnull": False}
    mentee = (
        MenteeProfile.objects.filter(**mine)
        .order_by()
        .values_list("renew_for_year", Value("mentee", output_field=CharField()))
    )
    mentor = (
        MentorProfile.objects.filter(**mine)
        .order_by()
        .values_list("renew_for_year", Value("mentor", output_field=CharField()))
    )
    return sorted(mentee.union(mentor), key=lambda row: row[1], reverse=True)


def renew_questionnaire(home: HomeContext) -> HomeCard | None:
    """«Обновите анкету на 2027/2028 учебный год» on the home page of the person in a bank."""
    record = home.staff_record
    if record is None or record.left_on is not None:
        return None
    rows = to_renew(record)
    if not rows:
        return None
    year, kind = rows[0]
    what = " и ".join(WHICH[k][0] for _, k in rows)
    return HomeCard(
        title="Обновите анкету на новый учебный год",
        text=f"Открыт {year}/{year + 1} учебный год. Проверьте и сохраните {what}: "
        "запросы, опыт и ресурс времени могли измениться за год.",
        url=reverse(WHICH[kind][1]),
        link_label="Обновить анкету",
        tone="warning",
        order=12,
    )
