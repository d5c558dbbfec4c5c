"""One verify page for every signed document (QR link, typed code, uploaded file), one download.

The old addresses printed in QR codes (``/roadmap/verify/<code>/``, ``/roadmap/verify/agreement/
<code>/``, ``/monitoring/verify/report/<code>/``) route here too, with the kind as a hint for the
wording of the «not found» page; a code is looked up in every kind either way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from core import security
from core.access import access, get_object_in_org, public
from core.signing import registry
from core.signing.forms import VerifyUploadForm
from core.signing.services import VERIFY_CODE_RE, SigningLocked

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
GENERIC_NOT_FOUND = "Документ с таким кодом проверки не найден."


def _hint(kind: str | None):
    try:
        return registry.get_kind(kind) if kind else None
    except LookupError:
        return None


def _unknown(request, kind: str | None, code: str = ""):
    hint = _hint(kind)
    context = {"not_found": hint.not_found if hint else GENERIC_NOT_FOUND, "code": code}
    return render(request, "signing/verify_unknown.html", context, status=404)


def _digest(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _page(request, spec, document, *, form, result=None, status=200):
    context = {"kind": spec, "document": document, "form": form, "result": result}
    return render(request, "signing/verify.html", context, status=status)


@public
@security.rate_limited("verify")
def verify_lookup(request, kind: str | None = None, verify_name: str = "signing:verify"):
    """Type the code printed in the stamp, or upload the file, for those who can't scan the QR.

    An old address passes its kind and its own verify page (``verify_name``), so a mistyped
    code there is answered in the words of that kind («Приказ … не найден»).
    """
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            digest = _digest(form.cleaned_data["file"])
            found = registry.find_by_digest(digest)
            if found is not None:
                result = {"match": True, "sha256": digest}
                return _page(request, *found, form=VerifyUploadForm(), result=result)
            result = {"match": False, "sha256": digest}
        return render(request, "signing/verify_lookup.html", {"form": form, "result": result})
    code = request.GET.get("code", "").strip()
    if SHA256_RE.match(code.lower()):  # the signed text's or the file's checksum, typed
        found = registry.find_by_digest(code.lower())
        if found is not None:
            return _page(request, *found, form=VerifyUploadForm())
        return _unknown(request, kind, code)
    if code and VERIFY_CODE_RE.match(code):
        return redirect(verify_name, code=code)
    if code:
        return _unknown(request, kind, code)
    return render(request, "signing/verify_lookup.html", {"form": VerifyUploadForm()})


@public
@security.rate_limited("verify")
def verify(request, code: str, kind: str | None = None):
    """Anyone with the code confirms a signed document and checks that a file is the signed one."""
    found = registry.find_by_code(code) if VERIFY_CODE_RE.match(code) else None
    if found is None:
        return _unknown(request, kind)
    spec, document = found
    if request.method != "POST":
        return _page(request, spec, document, form=VerifyUploadForm())
    form = VerifyUploadForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        digest = _digest(form.cleaned_data["file"])
        result = {"match": document.matches(digest), "sha256": digest}
    return _page(request, spec, document, form=form, result=result)


def _downloadable(request, kind: str, pk: int, queryset=None):
    """The signed document of ``kind`` the person may download, or 404/403."""
    try:
        spec = registry.get_kind(kind)
    except LookupError:
        raise Http404("Unknown kind.") from None
    if spec.roles and not request.roles & spec.roles:
        raise PermissionDenied("Role not allowed.")
    if queryset is None:
        queryset = spec.model._default_manager.filter(spec.signed)
    return get_object_in_org(request, queryset, pk=pk, rule=spec.can_download)


@access()
def signed_pdf(request, pk: int, kind: str):
    """The signed file of any kind, exactly as stored by the worker, to those the kind lets see."""
    document = _downloadable(request, kind, pk)
    spec = registry.get_kind(kind)
    content = document.signed_pdf()
    if content is None:
        raise Http404("No signed file.")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{spec.file_name(document)}"'
    return response


@access()
def pdf_status(request, kind: str, pk: int):
    """Polled by «PDF готовится»: nothing while the worker lays the PDF out, then a page reload
    (``HX-Refresh``) that shows the download link."""
    try:
        queryset = registry.get_kind(kind).signed_rows()
    except LookupError:
        raise Http404("Unknown kind.") from None
    document = _downloadable(request, kind, pk, queryset)
    response = HttpResponse(status=204)
    if not document.pdf_pending:
        response["HX-Refresh"] = "true"
    return response


def signing_response(request, sign: Callable, *, success: Callable, back: str):
    """Run a kind's sign service for a page: the lockout page, or a message and ``back``."""
    try:
        document = sign()
    except SigningLocked:
        return security.lockout_response(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success(document))
    return redirect(back)
