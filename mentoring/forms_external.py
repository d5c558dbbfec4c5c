"""The form of a mentor from outside the staff (seed 004)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.models import ExternalKind, Partner, StaffMember
from mentoring.services.external import EXTERNAL_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExternalMentorForm(forms.ModelForm):
    external_kind = forms.ChoiceField(
        label=_("Кто он (она)"),
        choices=ExternalKind.choices,
        error_messages={"required": _("Укажите, кто внешний наставник.")},
    )

    class Meta:
        model = StaffMember
        fields = list(EXTERNAL_FIELDS)
        widgets = {"birth_date": DATE_INPUT}
        help_texts = {
            "partner": _("Для представителя организации-партнёра обязательно."),
            "teaching_experience_years": _("Если есть: например, у педагога на пенсии."),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["partner"].queryset = Partner.objects.filter(organization=organization)
        self.fields["partner"].required = False
        for name in ("total_experience_years", "teaching_experience_years"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("external_kind") == ExternalKind.PARTNER and not data.get("partner"):
            self.add_error(
                "partner",
                _("Выберите организацию-партнёра: наставник — её представитель."),
            )
        return data

    def _post_clean(self):
        # The service validates and saves; the model's own checks run there (the instance has
        # no organization yet on creation).
        pass
