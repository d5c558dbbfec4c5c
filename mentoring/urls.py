from django.urls import path

from mentoring import (
    views,
    views_banks,
    views_external,
    views_leaving,
    views_logins,
    views_pairs,
    views_people,
    views_staff_import,
)

app_name = "mentoring"

urlpatterns = [
    path("staff/", views.staff_list, name="staff-list"),
    path("staff/new/", views_banks.staff_create, name="staff-create"),
    path("staff/import/", views_staff_import.staff_import_upload, name="staff-import"),
    path(
        "staff/import/confirm/",
        views_staff_import.staff_import_confirm,
        name="staff-import-confirm",
    ),
    path(
        "staff/import/errors.xlsx",
        views_staff_import.staff_import_errors,
        name="staff-import-errors",
    ),
    path(
        "staff/import/template.xlsx",
        views_staff_import.staff_import_template,
        name="staff-import-template",
    ),
    path("staff/logins/", views_logins.staff_logins, name="staff-logins"),
    path(
        "staff/logins/invite-all/",
        views_logins.staff_logins_invite_all,
        name="staff-logins-invite-all",
    ),
    path(
        "staff/logins/slips-all/",
        views_logins.staff_logins_slips_all,
        name="staff-logins-slips-all",
    ),
    path(
        "staff/<int:pk>/login/invite/", views_logins.staff_login_invite, name="staff-login-invite"
    ),
    path("staff/<int:pk>/login/slip/", views_logins.staff_login_slip, name="staff-login-slip"),
    path("accounts/invite/<uidb64>/<token>/", views_logins.invite_accept, name="invite-accept"),
    path("staff/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("staff/<int:pk>/account/", views_people.staff_account_link, name="staff-account-link"),
    path("roles/", views_people.roles_page, name="roles"),
    path("roles/name/", views_people.role_name, name="role-name"),
    path("roles/<int:pk>/take-away/", views_people.role_take_away_view, name="role-take-away"),
    path("people/<int:pk>/", views_people.person_detail, name="person"),
    path("people/<int:pk>/merge/", views_people.person_merge, name="person-merge"),
    path("staff/<int:pk>/edit/", views_banks.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/leave/", views_leaving.staff_leave, name="staff-leave"),
    path("staff/<int:pk>/consents/", views_pairs.staff_consents, name="staff-consents"),
    path("staff/<int:pk>/consents/give/", views_pairs.consent_give, name="consent-give"),
    path(
        "staff/<int:pk>/consents/print/<slug:kind>/",
        views_pairs.consent_print,
        name="consent-print",
    ),
    path("consents/<int:pk>/withdraw/", views_pairs.consent_withdraw, name="consent-withdraw"),
    path("mentees/", views_banks.mentee_list, name="mentee-list"),
    path("mentees/staff/<int:staff_pk>/", views_banks.mentee_edit, name="mentee-edit"),
    path("mentees/<int:pk>/match/", views_banks.mentee_match, name="mentee-match"),
    path(
        "mentees/<int:pk>/without-pair/",
        views_banks.mentee_without_pair,
        name="mentee-without-pair",
    ),
    path("me/mentee/", views_banks.my_mentee_profile, name="my-mentee-profile"),
    path("me/mentor/", views_banks.my_mentor_profile, name="my-mentor-profile"),
    path("mentors/", views_banks.mentor_list, name="mentor-list"),
    path("mentors/staff/<int:staff_pk>/", views_banks.mentor_edit, name="mentor-edit"),
    path("mentors/external/new/", views_external.external_mentor_create, name="external-new"),
    path(
        "mentors/external/<int:pk>/edit/",
        views_external.external_mentor_edit,
        name="external-edit",
    ),
    path("mentors/<int:pk>/status/", views_banks.mentor_status, name="mentor-status"),
    path("trainings/", views_banks.training_list, name="training-list"),
    path("trainings/<int:pk>/", views_banks.training_detail, name="training-detail"),
    path("matching/", views_banks.matching_proposal, name="matching-proposal"),
    path("pairs/", views_pairs.pair_list, name="pair-list"),
    path("pairs/new/", views_pairs.pair_create, name="pair-create"),
    path("pairs/<int:pk>/", views_pairs.pair_detail, name="pair-detail"),
    path("pairs/<int:pk>/transition/", views_pairs.pair_transition, name="pair-transition"),
    path("requests/", views_pairs.change_request_list, name="change-request-list"),
    path("requests/new/", views_pairs.change_request_create, name="change-request-create"),
    path(
        "requests/<int:pk>/decide/",
        views_pairs.change_request_decide,
        name="change-request-decide",
    ),
]
