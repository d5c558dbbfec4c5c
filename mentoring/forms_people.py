"""Forms of the roles page and of a person's account: name a role, link, merge."""

from django import forms

from core.models import Role, User
from mentoring.models import StaffMember
from mentoring.role_naming import NAMED_ROLES

LOGIN_WAYS = [
    ("invite", "отправить приглашение на электронную почту"),
    ("slip", "распечатать листок с логином и временным паролем"),
]


class RoleNameForm(forms.Form):
    role = forms.ChoiceField(label="Роль", choices=[(r, str(Role(r).label)) for r in NAMED_ROLES])
    staff = forms.ModelChoiceField(
        label="Сотрудник из штатного списка",
        queryset=StaffMember.objects.none(),
        empty_label="— выберите сотрудника —",
        error_messages={"required": "Выберите сотрудника из штатного списка."},
    )
    login = forms.ChoiceField(
        label="Если у сотрудника ещё нет учётной записи",
        choices=LOGIN_WAYS,
        initial="invite",
        widget=forms.RadioSelect,
        help_text="Учётная запись создаётся сразу; приглашение уходит на почту из карточки, "
        "листок скачивается файлом PDF.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = StaffMember.objects.filter(
            organization=organization,
            is_active=True,
            anonymized_at=None,
            personal_data_withdrawn_at=None,
        ).select_related("user")
        self.fields["staff"].label_from_instance = _staff_label


def _staff_label(staff: StaffMember) -> str:
    account = f"логин {staff.user.username}" if staff.user else "нет учётной записи"
    return f"{staff.full_name}, {staff.get_position_display().lower()} ({account})"


def _account_label(user: User) -> str:
    name = user.full_name or "без имени"
    email = f", {user.email}" if user.email else ""
    return f"{name} — логин {user.username}{email}"


class AccountChoiceForm(forms.Form):
    """Pick one account among the offered ones (linking a card, merging into this one)."""

    account = forms.ModelChoiceField(
        label="Учётная запись",
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Выберите учётную запись.",
            "invalid_choice": "Этой учётной записи нет среди предложенных: выберите из списка.",
        },
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u in accounts]).order_by(
            "last_name", "first_name", "username"
        )
        field.label_from_instance = _account_label
