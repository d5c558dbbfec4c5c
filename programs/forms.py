"""Forms check the shape of input; services check the rules."""

from django import forms
from django.db.models import Exists, OuterRef

from mentoring.models import Direction, Pair, StaffMember
from programs.models import (
    NOTE_FIELDS,
    Case,
    ChangeKind,
    EndReason,
    Meeting,
    PlanRow,
    Program,
    ProgramStatus,
    ProgramTemplate,
    TemplateRow,
    WorkMode,
)
from programs.services import ROW_PLAN_FIELDS, validate_evidence


class Bootstrap:
    """Small Bootstrap controls for hand-written inline forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
                continue
            css = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else ("form-control form-control-sm")
            )
            widget.attrs.setdefault("class", css)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgramCreateForm(forms.Form):
    pair = forms.ModelChoiceField(label="Пара/группа", queryset=None, empty_label=None)
    template = forms.ModelChoiceField(
        label="Начать с шаблона", queryset=None, required=False, empty_label="Без шаблона"
    )
    title = forms.CharField(label="Название", max_length=300, required=False)
    starts_on = forms.DateField(label="Начало", widget=DATE)
    ends_on = forms.DateField(
        label="Окончание",
        widget=DATE,
        required=False,
        help_text="Если начинаете с шаблона, можно не указывать: срок возьмётся из шаблона.",
    )

    def __init__(self, *args, pairs, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = pairs
        self.fields["pair"].label_from_instance = lambda p: (
            f"{p}: {', '.join(m.short_name for m in p.mentors.all())} → "
            f"{', '.join(m.short_name for m in p.mentees.all())}"
        )
        self.fields["template"].queryset = templates
        self.fields["template"].label_from_instance = self.template_label

    @staticmethod
    def template_label(template) -> str:
        """«Дистанционное наставничество — форма: виртуальное (дистанционное)»: the form's own
        brackets are not nested in another pair."""
        if not template.mentoring_form:
            return template.title
        return f"{template.title} — форма: {template.get_mentoring_form_display().lower()}"

    def clean(self):
        data = super().clean()
        if not data.get("ends_on") and data.get("starts_on"):
            template = data.get("template")
            if template is None:
                self.add_error("ends_on", "Укажите дату окончания программы.")
            else:
                from programs.services import add_months

                data["ends_on"] = add_months(data["starts_on"], template.duration_months)
        return data


class NoteForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Program
        fields = ("title", "starts_on", "ends_on", *NOTE_FIELDS)
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            **{f: forms.Textarea(attrs={"rows": 3}) for f in NOTE_FIELDS if f != "mode"},
        }


class RowPlanForm(Bootstrap, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PlanRow
        fields = ROW_PLAN_FIELDS
        widgets = {"deadline": DATE, "expected_result": forms.Textarea(attrs={"rows": 2})}


class RowReportForm(Bootstrap, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence_file = forms.FileField(label="Подтверждающий файл", required=False)
    evidence_url = forms.URLField(
        label="Ссылка на подтверждение", required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = PlanRow
        fields = ("status", "deadline", "done_on", "actual_result", "evidence_url")
        widgets = {
            "deadline": DATE,
            "done_on": DATE,
            "actual_result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].required = False
        self.fields["deadline"].help_text = "Меняйте, если мероприятие перенесено."
        self.fields["done_on"].help_text = "Для выполненного: когда. Пусто — сегодня."

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            try:
                validate_evidence(upload)
            except forms.ValidationError as error:
                raise forms.ValidationError(error.message_dict["evidence_file"]) from None
        return upload


class MeetingForm(Bootstrap, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = (
            "held_on",
            "start_time",
            "duration_minutes",
            "format",
            "place",
            "topic",
            "notes",
        )
        widgets = {
            "held_on": DATE,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_duration_minutes(self):
        value = self.cleaned_data["duration_minutes"]
        if not 5 <= value <= 480:
            raise forms.ValidationError("Длительность встречи — от 5 до 480 минут.")
        return value


class ReturnForm(Bootstrap, forms.Form):
    comment = forms.CharField(label="Что исправить", widget=forms.Textarea(attrs={"rows": 3}))


class ChangeForm(Bootstrap, forms.Form):
    kind = forms.ChoiceField(label="Что изменить", choices=ChangeKind.choices)
    reason = forms.CharField(label="Обоснование", widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(
        label="Что именно меняется", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    new_ends_on = forms.DateField(label="Новая дата окончания", required=False, widget=DATE)
    end_reason = forms.ChoiceField(
        label="Основание досрочного завершения",
        required=False,
        choices=[("", "—"), *[c for c in EndReason.choices if c[0] != EndReason.PLAN_DONE]],
    )
    new_direction = forms.ChoiceField(
        label="Новое мероприятие: направление",
        required=False,
        choices=[("", "—"), *Direction.choices],
    )
    new_event = forms.CharField(label="Новое мероприятие", required=False, max_length=500)
    new_deadline = forms.DateField(label="Срок нового мероприятия", required=False, widget=DATE)
    new_mode = forms.ChoiceField(
        label="Новый режим работы", required=False, choices=[("", "—"), *WorkMode.choices]
    )

    # Which kinds of change each optional field belongs to (the page hides the others).
    KINDS = {
        "description": "plan form",
        "new_ends_on": "extend shorten",
        "end_reason": "end",
        "new_direction": "plan",
        "new_event": "plan",
        "new_deadline": "plan",
        "new_mode": "form",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kinds in self.KINDS.items():
            self.fields[name].kinds = kinds


class DecisionForm(forms.Form):
    comment = forms.CharField(label="Комментарий", required=False)


class ProgramFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Статус", required=False, choices=[("", "Все"), *ProgramStatus.choices]
    )
    mentor = forms.ModelChoiceField(
        label="Наставник", required=False, queryset=StaffMember.objects.none(), empty_label="Все"
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        # EXISTS over the mentors' link table and only the columns of the label, rather than
        # SELECT DISTINCT over whole staff rows joined to pairs and programs.
        has_program = Pair.mentors.through.objects.filter(
            staffmember=OuterRef("pk"), pair__program__isnull=False
        )
        self.fields["mentor"].queryset = (
            StaffMember.objects.filter(organization=organization)
            .filter(Exists(has_program))
            .only("id", "last_name", "first_name", "middle_name")
        )


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = (
            "form_and_role_model",
            "given",
            "need",
            "who_needed",
            "results",
            *[f"stage_{n}" for n in range(1, 8)],
        )
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in (
                "given",
                "need",
                "who_needed",
                "results",
                *[f"stage_{n}" for n in range(1, 8)],
            )
        }


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ProgramTemplate
        fields = ("title", "mentoring_form", "duration_months", *NOTE_FIELDS)
        widgets = {f: forms.Textarea(attrs={"rows": 2}) for f in NOTE_FIELDS if f != "mode"}

    def clean_duration_months(self):
        value = self.cleaned_data["duration_months"]
        if not 3 <= value <= 12:
            raise forms.ValidationError("Срок программы — от 3 до 12 месяцев.")
        return value


class TemplateRowForm(Bootstrap, forms.ModelForm):
    class Meta:
        model = TemplateRow
        fields = ("direction", "event", "event_form", "week", "expected_result")
        widgets = {
            "expected_result": forms.TextInput(),
            "week": forms.NumberInput(attrs={"style": "width: 5rem", "min": 0, "max": 52}),
        }


TemplateRowFormSet = forms.inlineformset_factory(
    ProgramTemplate, TemplateRow, form=TemplateRowForm, extra=3, can_delete=True
)


class CouncilDecisionForm(forms.Form):
    """A decision of a signed council protocol to attach to a program."""

    decision = forms.ModelChoiceField(
        label="Решение методического совета",
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={
            "required": "Выберите решение совета из подписанного протокола.",
            "invalid_choice": "Привязать можно только решение из подписанного протокола совета.",
        },
    )

    def __init__(self, *args, organization, **kwargs):
        from roadmap.models import CouncilDecision, MeetingStatus

        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.queryset = (
            CouncilDecision.objects.filter(
                meeting__organization=organization, meeting__status=MeetingStatus.SIGNED
            )
            .select_related("meeting")
            .order_by("-meeting__held_on", "-meeting__number", "position")
        )
        field.label_from_instance = lambda d: (
            f"Протокол № {d.meeting.number} от {d.meeting.held_on:%d.%m.%Y}, "
            f"п. {d.position}: {d.text[:120]}"
        )
