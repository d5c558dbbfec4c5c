"""Forms of the mentoring app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.grammar import agree_with
from mentoring.models import (
    ChangeRequestKind,
    ConsentKind,
    Direction,
    LeavingReason,
    MenteeCategory,
    MenteeProfile,
    MenteeStatus,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    ParticipantsForm,
    Partner,
    Position,
    StaffMember,
    TrainingSession,
)


class StaffFilterForm(forms.Form):
    """Search and filter of the staff list; every field is optional."""

    q = forms.CharField(label=_("Поиск по ФИО"), required=False, max_length=100)
    position = forms.ChoiceField(
        label=_("Должность"),
        required=False,
        choices=[("", _("Все должности")), *Position.choices],
    )
    left = forms.BooleanField(label=_("Показать уволенных"), required=False)


class LeavingForm(forms.Form):
    """The date and the reason of leaving, as the staff list writes them."""

    left_on = forms.DateField(
        label=_("Дата увольнения"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Последний рабочий день по приказу об увольнении."),
    )
    reason = forms.ChoiceField(
        label=_("Основание"), choices=LeavingReason.choices, widget=forms.RadioSelect
    )


# --- staff, banks, pairs ---------------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffForm(forms.ModelForm):
    class Meta:
        model = StaffMember
        fields = [
            "personnel_number",
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "position",
            "total_experience_years",
            "teaching_experience_years",
            "education",
            "qualification_category",
            "date_hired",
            "email",
            "phone",
            "is_active",
            "gender",
            "name_genitive",
            "name_dative",
            "name_accusative",
            "name_instrumental",
            "name_prepositional",
        ]
        widgets = {"birth_date": DATE_INPUT, "date_hired": DATE_INPUT}

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.instance.organization = organization
        if self.instance.left_on is not None:
            # «Работает» follows the leaving (mentoring.leaving), never a checkbox.
            del self.fields["is_active"]
        if self.instance.pk:
            # Show what the documents will print unless the curator writes another form.
            from core.declension import OVERRIDE_FIELDS, decline_name

            for case, name in OVERRIDE_FIELDS.items():
                self.fields[name].widget.attrs["placeholder"] = decline_name(
                    (self.instance.last_name, self.instance.first_name, self.instance.middle_name),
                    case,
                    self.instance.gender or None,
                )
                self.fields[name].help_text = _(
                    "Заполните, только если в документах ФИО склоняется неверно."
                )

    def clean_personnel_number(self):
        number = self.cleaned_data["personnel_number"].strip()
        # The uniqueness constraint includes the organization, which is not a form field,
        # so the model form would skip it and the database would answer with an error.
        if number:
            taken = StaffMember.objects.filter(
                organization=self.instance.organization, personnel_number=number
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("Табельный номер %(number)s уже есть у сотрудника %(name)s."),
                    code="duplicate_personnel_number",
                    params={"number": number, "name": taken.first().full_name},
                )
        return number


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Файл со списком сотрудников"),
        help_text=_(
            "XLSX, XLS (выгрузка из 1С) или CSV в UTF-8 или Windows-1251 с разделителем «;» "
            "или «,». Строку с названиями столбцов мы найдём сами, даже под заголовком таблицы."
        ),
    )


class MenteeProfileForm(forms.ModelForm):
    desired_forms = forms.MultipleChoiceField(
        label=_("Желаемые формы наставничества"),
        choices=MentoringForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MenteeProfile
        fields = ["category", "desired_forms", "mode", "portrait", "status"]
        widgets = {"portrait": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, with_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_status:
            del self.fields["status"]


class MenteeRequestForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Направление"), choices=[("", "—"), *Direction.choices], required=False
    )
    text = forms.CharField(label=_("Запрос или затруднение"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("direction"):
            self.add_error("direction", _("Выберите направление, к которому относится запрос."))
        if data.get("direction") and not data.get("text"):
            self.add_error("text", _("Опишите запрос словами."))
        return data


MenteeRequestFormSet = forms.formset_factory(MenteeRequestForm, extra=2, max_num=20)


class MentorProfileForm(forms.ModelForm):
    expertise = forms.MultipleChoiceField(
        label=_("Направления экспертизы"),
        choices=Direction.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Отметьте хотя бы одно направление экспертизы.")},
    )

    class Meta:
        model = MentorProfile
        fields = [
            "experience_sphere",
            "strengths",
            "hobbies",
            "motivation",
            "hours_per_week",
            "expertise",
            "forms",
            "achievements",
            "capacity",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("experience_sphere", "strengths", "hobbies", "motivation", "achievements")
        }

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The mentor answers in the first person: «Готова работать в формах» for a woman.
        self.fields["forms"].label = agree_with(
            staff, "Готов работать в формах", "Готова работать в формах"
        )
        for name in ("experience_sphere", "strengths", "hobbies", "motivation"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _(
                "Это обязательный вопрос анкеты наставника."
            )

    # Declared last: the name «forms» shadows the module inside the class body.
    forms = forms.MultipleChoiceField(
        label=_("Готов работать в формах"),
        choices=MentoringForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class MenteeFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по ФИО"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Статус"), required=False, choices=[("", _("Все")), *MenteeStatus.choices]
    )
    category = forms.ChoiceField(
        label=_("Категория"), required=False, choices=[("", _("Все")), *MenteeCategory.choices]
    )
    direction = forms.ChoiceField(
        label=_("Направление запроса"),
        required=False,
        choices=[("", _("Все")), *Direction.choices],
    )


class MentorFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по ФИО"), required=False, max_length=100)
    direction = forms.ChoiceField(
        label=_("Направление"), required=False, choices=[("", _("Все")), *Direction.choices]
    )
    status = forms.ChoiceField(
        label=_("Статус"), required=False, choices=[("", _("Все")), *MentorStatus.choices]
    )
    position = forms.ChoiceField(
        label=_("Должность"), required=False, choices=[("", _("Все")), *Position.choices]
    )
    free = forms.BooleanField(label=_("Есть свободные места"), required=False)


class PairCreateForm(forms.Form):
    mentors = forms.ModelMultipleChoiceField(
        label=_("Наставники"),
        queryset=StaffMember.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    mentees = forms.ModelMultipleChoiceField(
        label=_("Наставляемые"),
        queryset=StaffMember.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    pair_forms = forms.MultipleChoiceField(
        label=_("Формы наставничества (можно сочетать)"),
        choices=MentoringForm.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Выберите хотя бы одну форму наставничества.")},
    )
    participants_form = forms.ChoiceField(
        label=_("Форма по составу участников"), choices=ParticipantsForm.choices
    )
    partner = forms.ModelChoiceField(
        label=_("Организация-партнёр (сетевая форма)"),
        queryset=Partner.objects.none(),
        required=False,
        help_text=_("Обязательна для сетевой формы наставничества."),
    )
    role_model = forms.CharField(
        label=_("Ролевая модель"),
        required=False,
        max_length=200,
        help_text=_("Например, «новичок – мастер»."),
    )
    request_text = forms.CharField(
        label=_("Запрос, которому служит пара"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    suggestion_mentee = forms.IntegerField(required=False, widget=forms.HiddenInput)
    suggestion_mentor = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        base = StaffMember.objects.filter(
            organization=organization, personal_data_withdrawn_at__isnull=True
        )
        # Only mentors appointed by order who consented to the duties.
        self.fields["mentors"].queryset = base.filter(
            mentor_profile__status=MentorStatus.ACTIVE,
            consents__kind=ConsentKind.MENTOR_DUTIES,
            consents__withdrawn_at__isnull=True,
        ).distinct()
        self.fields["partner"].queryset = Partner.objects.filter(organization=organization)
        # Only mentees still looking for a mentor; consents are checked before the order.
        self.fields["mentees"].queryset = base.employees().filter(
            mentee_profile__status__in=[MenteeStatus.NEW, MenteeStatus.WITHOUT_PAIR],
        )


class TrainingSessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["title", "held_on", "materials"]
        widgets = {"held_on": DATE_INPUT, "materials": forms.Textarea(attrs={"rows": 3})}


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Присутствовали"),
        queryset=MentorProfile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (
            MentorProfile.objects.filter(organization=organization)
            .exclude(status__in=[MentorStatus.RELEASED, MentorStatus.LEFT])
            .filter(staff__personal_data_withdrawn_at__isnull=True)
            .select_related("staff")
        )
        self.fields["attendees"].label_from_instance = lambda p: p.staff.full_name


class ChangeRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=ChangeRequestKind.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Причина"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Напишите, почему вы об этом просите.")},
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Удовлетворить")), ("0", _("Отклонить"))], coerce=lambda v: v == "1"
    )
    comment = forms.CharField(
        label=_("Комментарий"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
