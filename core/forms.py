"""Forms of the ground's own pages: the organization's requisites."""

from django import forms

from core.models import Organization
from core.organizations import REQUISITE_FIELDS


class RequisitesForm(forms.ModelForm):
    """The requisites documents carry; names in the genitive are offered from the full names."""

    class Meta:
        model = Organization
        fields = REQUISITE_FIELDS
        help_texts = {
            "full_name_genitive": "Как в документах: «приказ по …», «педагогические работники "
            "…». Предложено по правилам склонения; проверьте и исправьте при необходимости.",
            "short_name_genitive": "Аббревиатура не склоняется: «МБДОУ «Детский сад № 20»».",
            "full_name_prepositional": "Как в документах: «в …», например «в Муниципальном "
            "бюджетном дошкольном образовательном учреждении …». Предложено по правилам "
            "склонения; проверьте.",
            "short_name_prepositional": "Например «в МБДОУ «Детский сад № 20»» или «в детском "
            "саду № 20».",
            "director_name": "Полностью, как в подписи приказов: фамилия, имя, отчество.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.instance
        for case, suffix in Organization.OWN_FORMS.items():
            for short in (False, True):
                field = f"{'short' if short else 'full'}_name_{suffix}"
                if not getattr(organization, field) and not self.is_bound:
                    self.initial[field] = organization.name_in(case, short=short)
