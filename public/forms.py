"""Forms of the curator's «Публичный раздел»: they check shape; services check the rest."""

from __future__ import annotations

import re

from django import forms

from public.models import DocumentLevel, EventFormat, EventKind, FileKind

ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:\d{1,5})?$", re.IGNORECASE)


class SettingsForm(forms.Form):
    curator_contact = forms.CharField(
        label="Контакт куратора",
        max_length=300,
        required=False,
        help_text="Должность, телефон и почта, без фамилии. Пустое поле — контакты организации.",
    )
    intro = forms.CharField(
        label="О системе наставничества в ДОУ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    frame_ancestors = forms.CharField(
        label="Сайты, которые могут встраивать раздел",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По одному адресу в строке, например https://ds20.example.ru",
    )

    def clean_frame_ancestors(self) -> str:
        lines = [
            line.strip().rstrip("/") for line in self.cleaned_data["frame_ancestors"].splitlines()
        ]
        lines = [line for line in lines if line]
        wrong = [line for line in lines if not ORIGIN.match(line)]
        if wrong:
            raise forms.ValidationError(
                "Адрес «%(value)s» не похож на адрес сайта: укажите его целиком, например "
                "https://ds20.example.ru, без пути и пробелов.",
                code="bad_origin",
                params={"value": wrong[0]},
            )
        return "\n".join(lines)


class NewsForm(forms.Form):
    title = forms.CharField(label="Заголовок", max_length=300)
    body = forms.CharField(label="Текст", widget=forms.Textarea(attrs={"rows": 8}))
    is_announcement = forms.BooleanField(label="Это анонс мероприятия", required=False)
    image = forms.FileField(label="Изображение (JPG или PNG, до 3 МБ)", required=False)
    image_alt = forms.CharField(label="Описание изображения", max_length=300, required=False)
    remove_image = forms.BooleanField(label="Убрать изображение", required=False)


class FileForm(forms.Form):
    kind = forms.ChoiceField(
        label="Раздел",
        choices=[
            (FileKind.NORMATIVE, FileKind.NORMATIVE.label),
            (FileKind.MATERIAL, FileKind.MATERIAL.label),
            (FileKind.EVENT, FileKind.EVENT.label),
        ],
    )
    level = forms.ChoiceField(
        label="Уровень (для документов)",
        choices=[("", "—"), *DocumentLevel.choices],
        required=False,
    )
    title = forms.CharField(label="Название", max_length=300)
    description = forms.CharField(
        label="Описание", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    upload = forms.FileField(
        label="Файл (PDF, DOC, DOCX, ODT, XLS, XLSX, PPT, PPTX, JPG, PNG)", required=False
    )
    url = forms.URLField(label="или ссылка", required=False, max_length=500, assume_scheme="https")


class FinalEventForm(forms.Form):
    kind = forms.ChoiceField(label="Вид мероприятия", choices=EventKind.choices)
    title = forms.CharField(label="Тема", max_length=300)
    held_on = forms.DateField(
        label="Дата проведения", widget=forms.DateInput(attrs={"type": "date"})
    )
    format = forms.ChoiceField(label="Формат", choices=EventFormat.choices)
    participants_count = forms.IntegerField(label="Число участников", min_value=0, max_value=1000)
    participant_roles = forms.CharField(
        label="Кто участвовал (без имён)",
        max_length=500,
        required=False,
        help_text="Например: наставники, наставляемые, педагоги других ДОУ.",
    )
    summary = forms.CharField(
        label="Итоги", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    best_cases = forms.TypedMultipleChoiceField(
        label="Лучшие практики", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, case_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["best_cases"].choices = list(case_choices)
