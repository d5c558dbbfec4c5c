"""The form a participant fills to record her activity."""

from __future__ import annotations

from django import forms

from programs.forms import DATE, Bootstrap
from programs.models import Activity


class ActivityForm(Bootstrap, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ("kind", "title", "happened_on", "level", "result", "evidence_file")
        widgets = {"happened_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A returned record keeps its file unless a new one is chosen; the service checks it.
        self.fields["evidence_file"].required = False
        self.fields["evidence_file"].widget = forms.FileInput(
            attrs={"class": "form-control", "accept": ".pdf,.doc,.docx,.jpg,.jpeg,.png"}
        )


class ActivityReturnForm(forms.Form):
    reason = forms.CharField(label="Что исправить", widget=forms.Textarea(attrs={"rows": 2}))
