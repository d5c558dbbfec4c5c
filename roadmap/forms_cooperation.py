"""Forms of network cooperation: an agreement's draft, the partner's signed copy, a joint event."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentoring.models import Partner
from roadmap.models import CooperationAgreement, JointEvent


def _styled(form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        field.widget.attrs.setdefault("class", css)


def _date():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CooperationForm(forms.ModelForm):
    """The curator's draft of an agreement with a partner."""

    class Meta:
        model = CooperationAgreement
        fields = ["partner", "kind", "subject", "obligations", "starts_on", "ends_on"]
        widgets = {
            "starts_on": _date(),
            "ends_on": _date(),
            "subject": forms.Textarea(attrs={"rows": 3}),
            "obligations": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            organization=organization, is_active=True
        )
        self.fields["partner"].empty_label = _("Выберите организацию из реестра")
        _styled(self)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends <= starts:
            raise ValidationError(
                _("Дата окончания договора должна быть позже даты начала."), code="end_before_start"
            )
        return data


class PartnerSignatureForm(forms.Form):
    """The partner's paper copy: its scan and the date the partner signed it."""

    signed_on = forms.DateField(label=_("Дата подписи партнёра"), widget=_date())
    scan = forms.FileField(
        label=_("Скан подписанного экземпляра"),
        help_text=_("PDF, JPG или PNG, до 10 МБ."),
    )


class JointEventForm(forms.ModelForm):
    """A joint event with a partner."""

    class Meta:
        model = JointEvent
        fields = ["partner", "agreement", "held_on", "title", "format", "participants", "is_public"]
        widgets = {"held_on": _date(), "participants": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(organization=organization)
        self.fields["partner"].empty_label = _("Выберите организацию из реестра")
        self.fields["agreement"].queryset = (
            CooperationAgreement.objects.filter(organization=organization, number__isnull=False)
            .select_related("partner")
            .defer("pdf", "signed_html", "scan")
        )
        self.fields["agreement"].empty_label = _("Без договора")
        _styled(self)
