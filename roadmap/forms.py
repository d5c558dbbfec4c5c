"""Forms of the roadmap app: drafting, editing, signing, register filters, verification."""

from django import forms

from mentoring.models import StaffMember
from roadmap.models import OrderKind, OrderStatus
from roadmap.models.agreements import AgreementPay


class OrderCreateForm(forms.Form):
    # The council's composition names a chair and a secretary: drafted on the council's page.
    kind = forms.ChoiceField(
        label="Вид приказа",
        choices=[c for c in OrderKind.choices if c[0] != OrderKind.COUNCIL_COMPOSITION],
    )
    curator = forms.ModelChoiceField(
        label="Куратор (для приказа о внедрении целевой модели)",
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label="— не нужен для этого вида приказа —",
    )
    people = forms.ModelMultipleChoiceField(
        label="Кого касается приказ",
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="Наставники, члены рабочей группы и другие названные в приказе сотрудники; "
        "после подписания они знакомятся с приказом в системе.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        staff = StaffMember.objects.filter(organization=organization, is_active=True).order_by(
            "search_name"
        )
        self.fields["people"].queryset = staff
        self.fields["curator"].queryset = staff


class OrderEditForm(forms.Form):
    title = forms.CharField(
        label="Заголовок", max_length=500, error_messages={"required": "Укажите заголовок."}
    )
    body = forms.CharField(
        label="Текст приказа",
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": "Текст приказа не может быть пустым."},
    )
    annexes = forms.CharField(
        label="Приложения",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="По одному приложению в строке.",
    )
    document_text = forms.CharField(
        label="Текст утверждаемого документа (приложение 1)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Заголовок раздела начинайте с «#», каждый пункт — с новой строки. "
        "Текст войдёт в подписанный приказ и после подписания не меняется.",
    )

    def __init__(self, *args, with_document: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_document:
            del self.fields["document_text"]


class SignForm(forms.Form):
    password = forms.CharField(
        label="Ваш пароль",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Введите пароль, чтобы подписать приказ."},
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Что исправить",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Напишите, что нужно исправить."},
    )


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label="Поиск по номеру, заголовку и тексту", required=False)
    kind = forms.ChoiceField(
        label="Вид", required=False, choices=[("", "Все виды"), *OrderKind.choices]
    )
    status = forms.ChoiceField(
        label="Статус", required=False, choices=[("", "Все статусы"), *OrderStatus.choices]
    )
    year = forms.TypedChoiceField(label="Год", required=False, coerce=int, empty_value=None)
    signer = forms.TypedChoiceField(
        label="Кто подписал", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, years=(), signers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Все годы"), *((y, str(y)) for y in years)]
        self.fields["signer"].choices = [
            ("", "Все"),
            *((u.pk, u.short_name) for u in signers),
        ]


class DocumentForm(forms.Form):
    title = forms.CharField(label="Название документа", max_length=300)
    file = forms.FileField(label="Файл")


class AgreementForm(forms.ModelForm):
    """The curator's draft of a mentor's additional agreement."""

    class Meta:
        from roadmap.models import MentorAgreement

        model = MentorAgreement
        fields = [
            "mentor",
            "mentees",
            "contract_reference",
            "content",
            "starts_on",
            "ends_on",
            "form",
            "pay",
            "pay_amount",
            "pay_terms",
        ]
        widgets = {
            "pay_amount": forms.NumberInput(attrs={"min": "0.01", "step": "0.01"}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "content": forms.Textarea(attrs={"rows": 4}),
            "mentees": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        from mentoring.models import StaffMember

        staff = StaffMember.objects.filter(organization=organization, is_active=True)
        self.fields["mentor"].queryset = staff
        self.fields["mentees"].queryset = staff.employees()
        self.fields["pay_amount"].required = True
        self.fields["pay_amount"].error_messages["required"] = (
            "Укажите размер доплаты за наставничество: по статье 351.8 Трудового кодекса "
            "наставничество оплачивается."
        )
        self.fields["pay_amount"].error_messages["invalid"] = "Введите число, например 15 или 5000."
        self.is_volunteer = self._chosen_mentor_external(staff)
        if self.is_volunteer:
            # No labour contract and no pay: the agreement is on mentoring without pay.
            for name in ("contract_reference", "pay", "pay_amount", "pay_terms"):
                del self.fields[name]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    @property
    def title(self) -> str:
        """The heading follows the mentor chosen: a volunteer agreement for a mentor from
        outside the staff, the addendum for an employee, neutral while nobody is chosen."""
        if self.is_volunteer is None:
            return "Соглашение наставника"
        if self.is_volunteer:
            return "Соглашение о наставничестве на безвозмездной основе"
        return "Дополнительное соглашение к трудовому договору"

    def _chosen_mentor_external(self, staff) -> bool | None:
        """Whether the mentor chosen (posted or given in the link) is from outside the staff;
        None when no mentor is chosen yet."""
        raw = self.data.get("mentor") if self.is_bound else self.initial.get("mentor")
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            return None
        flags = list(staff.filter(pk=pk).values_list("is_external", flat=True))
        return flags[0] if flags else None

    def clean(self):
        data = super().clean()
        mentor = data.get("mentor")
        if mentor is not None and mentor.is_external:
            # A volunteer agreement has no pay: the service writes its own terms.
            from roadmap.agreements import VOLUNTEER_TERMS

            for name in ("pay_terms", "pay_amount", "pay"):
                self._errors.pop(name, None)
            # The model's check reads the instance; the pay fields may be left out of the form
            # (then the data carries none of them: the service writes the volunteer terms).
            self.instance.pay, self.instance.pay_amount = AgreementPay.VOLUNTEER, None
            self.instance.pay_terms = VOLUNTEER_TERMS
            if "pay" in self.fields:
                data["pay_terms"] = VOLUNTEER_TERMS
                data["pay"], data["pay_amount"] = AgreementPay.VOLUNTEER, None
        return data


def _date_widget():
    return forms.DateInput(
        attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
    )


def _text_widget():
    return forms.TextInput(attrs={"class": "form-control form-control-sm"})


class StageRowForm(forms.Form):
    """One stage of a draft roadmap version: dates and the people responsible."""

    stage_number = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = forms.DateField(
        label="Начало", widget=_date_widget(), error_messages={"required": "Укажите начало."}
    )
    ends_on = forms.DateField(
        label="Окончание", widget=_date_widget(), error_messages={"required": "Укажите окончание."}
    )
    responsible = forms.CharField(
        label="Ответственные",
        max_length=300,
        widget=_text_widget(),
        error_messages={"required": "Укажите ответственных."},
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError(
                "Окончание этапа раньше его начала: исправьте даты.", code="end_before_start"
            )
        return data


StageRowFormSet = forms.formset_factory(StageRowForm, extra=0)


class RoadmapEventForm(forms.Form):
    stage_number = forms.TypedChoiceField(
        label="Этап",
        coerce=int,
        choices=(),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    title = forms.CharField(
        label="Мероприятие",
        max_length=500,
        widget=_text_widget(),
        error_messages={"required": "Напишите, что за мероприятие."},
    )
    due_on = forms.DateField(
        label="Срок", widget=_date_widget(), error_messages={"required": "Укажите срок."}
    )
    responsible = forms.CharField(
        label="Ответственный",
        max_length=300,
        widget=_text_widget(),
        error_messages={"required": "Укажите ответственного."},
    )
    expected_result = forms.CharField(
        label="Ожидаемый результат",
        max_length=500,
        widget=_text_widget(),
        error_messages={"required": "Напишите ожидаемый результат."},
    )

    def __init__(self, *args, **kwargs):
        from roadmap.stages import STAGES

        super().__init__(*args, **kwargs)
        self.fields["stage_number"].choices = [(s.number, f"{s.number}. {s.title}") for s in STAGES]


class EventDoneForm(forms.Form):
    done_on = forms.DateField(
        label="Дата выполнения",
        required=False,
        widget=_date_widget(),
        help_text="Оставьте пустым, чтобы снять отметку.",
    )


class RoadmapApproveForm(forms.Form):
    password = forms.CharField(
        label="Ваш пароль",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _active_staff(organization):
    return StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "search_name"
    )


class CouncilOrderForm(forms.Form):
    """The composition of the council for its order: chair, secretary (optional), members."""

    chair = forms.ModelChoiceField(
        label="Председатель совета",
        queryset=StaffMember.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"required": "Выберите председателя методического совета."},
    )
    secretary = forms.ModelChoiceField(
        label="Секретарь совета",
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label="— без секретаря —",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    members = forms.ModelMultipleChoiceField(
        label="Члены совета",
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="Председателя и секретаря отмечать не нужно: они входят в совет.",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        staff = _active_staff(organization)
        for name in ("chair", "secretary", "members"):
            self.fields[name].queryset = staff


class CouncilMeetingForm(forms.Form):
    """A meeting of the council and its protocol."""

    held_on = forms.DateField(
        label="Дата заседания",
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Укажите дату заседания.",
            "invalid": "Дата в формате ДД.ММ.ГГГГ.",
        },
    )
    agenda = forms.CharField(
        label="Повестка",
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text="По одному вопросу в строке.",
        error_messages={"required": "Заполните повестку заседания."},
    )
    attendees = forms.ModelMultipleChoiceField(
        label="Присутствовали",
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": "Отметьте присутствовавших членов совета."},
    )
    heard = forms.CharField(
        label="Слушали",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    spoke = forms.CharField(
        label="Выступили",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    decisions = forms.CharField(
        label="Решили",
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text="По одному решению в строке; решения нумеруются по порядку.",
        error_messages={"required": "Запишите хотя бы одно решение совета."},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members

    def clean_decisions(self):
        return [
            line.strip() for line in self.cleaned_data["decisions"].splitlines() if line.strip()
        ]
