"""Forms of the monitoring app: they check the shape of input, services do the rest."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentoring.models import MentoringForm
from monitoring import selectors
from monitoring.models import (
    Measure,
    Moment,
    ParticipantRole,
    Question,
    QuestionKind,
    SurveyKind,
    SurveyTemplate,
)
from monitoring.periods import AcademicYear, CyclePeriod, year_of
from roadmap.models import Cycle
from roadmap.selectors import current_cycle


class SurveyTemplateForm(forms.ModelForm):
    class Meta:
        model = SurveyTemplate
        fields = ["title", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "options", "required", "measure"]
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "measure": _("Только для шкалы: ответы «до» и «после» сравниваются по показателю."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = QuestionKind.choices
        self.fields["measure"].choices = [("", _("Не относится к показателям влияния"))] + list(
            Measure.choices
        )

    def clean(self):
        data = super().clean()
        kind, options = data.get("kind"), data.get("options", "")
        lines = [line for line in (options or "").splitlines() if line.strip()]
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(lines) < 2:
            self.add_error(
                "options",
                ValidationError(
                    _("Укажите не меньше двух вариантов ответа, каждый с новой строки."),
                    code="too_few_options",
                ),
            )
        return data


class PairChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{selectors.pair_label(obj)} ({obj.get_status_display().lower()})"


class AssignmentForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=SurveyTemplate.objects.none(), label=_("Анкета"), empty_label=_("Выберите анкету")
    )
    moment = forms.ChoiceField(label=_("Этап мониторинга"), choices=Moment.choices)
    deadline = forms.DateField(
        label=_("Заполнить до (включительно)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    roles = forms.MultipleChoiceField(
        label=_("Кому в парах"),
        choices=ParticipantRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Если не отмечено: анкеты наставника и удовлетворённости наставников — наставникам, "
            "анкеты наставляемых — наставляемым, самооценка — всем."
        ),
    )
    pairs = PairChoiceField(
        queryset=None,
        label=_("Пары и группы"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Отметьте хотя бы одну пару или группу.")},
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = SurveyTemplate.objects.filter(organization=organization)
        self.fields["pairs"].queryset = selectors.pairs_with_people(organization=organization)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise ValidationError(
                _("Срок заполнения уже прошёл. Укажите сегодняшнюю или более позднюю дату."),
                code="deadline_past",
            )
        return deadline


class FilterForm(forms.Form):
    cycle = forms.TypedChoiceField(label=_("Цикл наставничества"), coerce=int, required=False)
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)  # older links
    form = forms.ChoiceField(
        label=_("Форма наставничества"),
        choices=[("", _("Все формы"))] + list(MentoringForm.choices),
        required=False,
    )
    mentor = forms.ModelChoiceField(
        label=_("Наставник"), queryset=None, required=False, empty_label=_("Все наставники")
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current_cycle(organization)  # roadmap creates it on first use
        self.cycles = list(Cycle.objects.filter(organization=organization).order_by("-starts_on"))
        self.fields["cycle"].choices = [(c.pk, c.title) for c in self.cycles]
        self.fields["mentor"].queryset = selectors.mentors(organization=organization)

    def _period(self, data):
        by_pk = {c.pk: c for c in self.cycles}
        if data.get("cycle") in by_pk:
            return CyclePeriod.of(by_pk[data["cycle"]])
        year = data.get("year")
        if year:
            match = next((c for c in self.cycles if year_of(c.starts_on).start_year == year), None)
            return CyclePeriod.of(match) if match else AcademicYear(year)
        return CyclePeriod.of(self.current)

    def filters(self):
        from monitoring.indicators import Filters

        data = self.cleaned_data if self.is_valid() else {}
        mentor = data.get("mentor")
        return Filters(
            year=self._period(data),
            form=data.get("form") or "",
            mentor_id=mentor.pk if mentor else None,
        )


class ConclusionsForm(forms.Form):
    conclusions = forms.CharField(
        label=_("Выводы куратора"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )


SURVEY_KIND_CHOICES = SurveyKind.choices
