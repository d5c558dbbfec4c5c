"""Forms of the coordinator's pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import Organization, User, validate_organization_slug
from core.text import fold
from region.selectors import SORTS

PROBLEMS = [
    ("", _("Все ДОУ")),
    ("late", _("Отстают от дорожной карты")),
    ("stalled", _("Есть пары без движения")),
    ("overdue", _("Есть просроченные мероприятия")),
    ("without_pair", _("Есть наставляемые без пары")),
]


class OverviewFilterForm(forms.Form):
    q = forms.CharField(label=_("Поиск по названию"), required=False, max_length=100)
    problem = forms.ChoiceField(label=_("Показать"), choices=PROBLEMS, required=False)
    sort = forms.ChoiceField(
        label=_("Сортировка"),
        choices=[(k, k) for k in SORTS],
        required=False,
        widget=forms.HiddenInput,
    )
    desc = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": data.get("q") or "",
            "problem": data.get("problem") or "",
            "sort": data.get("sort") or "name",
            "descending": bool(data.get("desc")),
        }


class OrganizationCreateForm(forms.Form):
    full_name = forms.CharField(label=_("Полное наименование ДОУ"), max_length=500)
    short_name = forms.CharField(label=_("Сокращённое наименование"), max_length=200)
    slug = forms.SlugField(
        label=_("Адрес страницы (латиницей)"),
        max_length=60,
        required=False,
        help_text=_("Например, ds-15. Если оставить пустым, составим из сокращённого названия."),
    )
    city = forms.CharField(label=_("Населённый пункт"), max_length=200)
    director_last_name = forms.CharField(label=_("Фамилия руководителя"), max_length=150)
    director_first_name = forms.CharField(label=_("Имя руководителя"), max_length=150)
    director_middle_name = forms.CharField(
        label=_("Отчество руководителя"), max_length=150, required=False
    )
    director_email = forms.EmailField(
        label=_("Электронная почта руководителя"),
        help_text=_("На этот адрес придёт приглашение с логином и временным паролем."),
    )

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_short_name(self):
        name = self.cleaned_data["short_name"].strip()
        if self.municipality is not None:
            taken = Organization.objects.filter(municipality=self.municipality).values_list(
                "short_name", flat=True
            )
            if any(fold(other) == fold(name) for other in taken):  # Cyrillic case on SQLite
                raise ValidationError(
                    _(
                        "Такой ДОУ в муниципалитете уже есть. "
                        "Проверьте список или уточните название."
                    ),
                    code="organization_exists",
                )
        return name

    def clean_director_email(self):
        email = self.cleaned_data["director_email"].lower()
        if User.objects.filter(username=email).exists():
            raise ValidationError(
                _("Пользователь с такой почтой уже есть. Укажите другой адрес руководителя."),
                code="user_exists",
            )
        return email

    def clean(self):
        data = super().clean()
        slug = data.get("slug") or slugify(data.get("short_name", ""), allow_unicode=False)
        if not slug:
            slug = f"dou-{Organization.objects.count() + 1}"
        try:
            validate_organization_slug(slug)
        except ValidationError as error:
            self.add_error("slug", error)
        if Organization.objects.filter(slug=slug).exists():
            self.add_error(
                "slug",
                ValidationError(
                    _("Такой адрес страницы уже занят. Укажите другой, например с номером ДОУ."),
                    code="slug_taken",
                ),
            )
        data["slug"] = slug
        return data
