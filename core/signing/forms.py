"""The shape of a verification request: a typed code or an uploaded file."""

from django import forms
from django.core.exceptions import ValidationError

from core.files import check_upload


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label="PDF-файл документа",
        error_messages={"required": "Выберите PDF-файл, который нужно проверить."},
    )

    def clean_file(self):
        """Only a PDF is checked: anything else is refused by its content, not its name."""
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, allowed={".pdf"})
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload
