"""Forms of the register of partner organizations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.requisites import validate_inn, validate_ogrn
from mentoring.models import Partner, PartnerKind


class PartnerFilterForm(forms.Form):
    """Search of the register by name or ИНН; every field is optional."""

    q = forms.CharField(label=_("Название или ИНН"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Вид организации"),
        required=False,
        choices=[("", _("Все виды")), *PartnerKind.choices],
    )
    ended = forms.BooleanField(label=_("Показать завершённое сотрудничество"), required=False)


class PartnerForm(forms.ModelForm):
    """What the register says about a partner organization."""

    website = forms.URLField(label=_("Сайт"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Partner
        fields = [
            "name",
            "short_name",
            "kind",
            "inn",
            "ogrn",
            "address",
            "contact_person",
            "phone",
            "email",
            "website",
            "scope",
        ]
        widgets = {"scope": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "inn": _("10 цифр для организации, 12 — для индивидуального предпринимателя."),
            "ogrn": _("13 цифр (ОГРН) или 15 (ОГРНИП)."),
            "scope": _("Например: методическое сопровождение молодых педагогов, стажировки."),
        }

    def clean_inn(self):
        inn = "".join(self.cleaned_data.get("inn", "").split())
        if inn:
            validate_inn(inn)
        return inn

    def clean_ogrn(self):
        ogrn = "".join(self.cleaned_data.get("ogrn", "").split())
        if ogrn:
            validate_ogrn(ogrn)
        return ogrn
