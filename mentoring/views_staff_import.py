"""The curator's staff import: upload, mapping and chosen values, preview, save, files."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import access
from core.models import Role
from mentoring import staff_import
from mentoring.forms import StaffImportForm
from mentoring.staff_import.headers import FIELDS

SESSION_KEY = "staff_import"
STAFF_EDITORS = (Role.CURATOR, Role.ADMIN)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _stored(request) -> dict | None:
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("organization") != request.organization.pk:
        return None
    return stored


def _parse(request, stored: dict) -> staff_import.ImportResult:
    mapping = stored.get("mapping")
    return staff_import.parse(
        organization=request.organization,
        name=stored["name"],
        data=base64.b64decode(stored["data"]),
        mapping={int(k): v for k, v in mapping.items()} if mapping is not None else None,
        resolutions=stored.get("resolutions") or {},
    )


def _read_choices(request, stored: dict) -> None:
    """Take the column mapping and the chosen values from the review form into the session."""
    stored["mapping"] = {
        key[4:]: value
        for key, value in request.POST.items()
        if key.startswith("col-") and key[4:].isdigit() and value in FIELDS
    }
    result = _parse(request, stored)
    resolutions = stored.setdefault("resolutions", {})
    for item in result.unmatched:
        value = request.POST.get(item.form_name, "")
        if value in dict(item.choices):
            resolutions.setdefault(item.field, {})[item.key] = value
    request.session.modified = True


def _page(request, form, result):
    context = {"form": form, "result": result, "fields": FIELDS}
    return render(request, "mentoring/staff_import.html", context)


@access(*STAFF_EDITORS)
def staff_import_upload(request):
    """Upload a staff list; the page then shows the mapping and every row before saving."""
    form = StaffImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(staff_import.MAX_BYTES + 1)
        stored = {
            "name": upload.name,
            "data": base64.b64encode(data).decode(),
            "organization": request.organization.pk,
        }
        request.session[SESSION_KEY] = stored
        result = _parse(request, stored)
    elif request.GET.get("continue") and (stored := _stored(request)):
        result = _parse(request, stored)
    return _page(request, form, result)


@require_POST
@access(*STAFF_EDITORS)
def staff_import_confirm(request):
    """Apply the curator's mapping and choices: check again, or save the rows without errors."""
    stored = _stored(request)
    if stored is None:
        messages.error(request, "Сначала загрузите файл и проверьте предпросмотр.")
        return redirect("mentoring:staff-import")
    _read_choices(request, stored)
    result = _parse(request, stored)
    if request.POST.get("action") != "save":
        return _page(request, StaffImportForm(), result)
    try:
        report = staff_import.staff_import_apply(organization=request.organization, result=result)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _page(request, StaffImportForm(), result)
    text = f"Список сотрудников загружен: добавлено {report.added}, обновлено {report.updated}."
    left = len(result.error_rows) + len(report.failed)
    if left:
        text += (
            f" Не загружено строк с ошибками: {left}. Скачайте их файлом, исправьте "
            "и загрузите снова."
        )
    messages.success(request, text)
    for problem in report.failed:
        messages.error(request, problem)
    if result.error_rows:
        return redirect(reverse("mentoring:staff-import") + "?continue=1")
    request.session.pop(SESSION_KEY, None)
    return redirect("mentoring:staff-list")


@access(*STAFF_EDITORS)
def staff_import_errors(request):
    """The rows with errors of the uploaded file, with an «Ошибки» column, as XLSX."""
    stored = _stored(request)
    if stored is None:
        messages.error(request, "Сначала загрузите файл со списком сотрудников.")
        return redirect("mentoring:staff-import")
    response = HttpResponse(staff_import.errors_xlsx(_parse(request, stored)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="staff-errors.xlsx"'
    return response


@access(*STAFF_EDITORS)
def staff_import_template(request):
    """An empty staff list with the usual headings and the accepted values."""
    response = HttpResponse(staff_import.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="staff-template.xlsx"'
    return response
