"""Forms of the mentoring app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.models import Position


class StaffFilterForm(forms.Form):
    """Search and filter of the staff list; every field is optional."""

    q = forms.CharField(label=_("Поиск по ФИО"), required=False, max_length=100)
    position = forms.ChoiceField(
        label=_("Должность"),
        required=False,
        choices=[("", _("Все должности")), *Position.choices],
    )
