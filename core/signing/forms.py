"""The shape of a verification request: a typed code or an uploaded file."""

from django import forms


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label="PDF-файл документа",
        error_messages={"required": "Выберите PDF-файл, который нужно проверить."},
    )
