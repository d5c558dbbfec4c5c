"""Program templates of the organization: the list and the editor."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.models import Role
from programs.forms import TemplateForm, TemplateRowFormSet
from programs.models import ProgramTemplate
from programs.views import PARTICIPANTS


@access(*MANAGING_ROLES, *PARTICIPANTS)
def template_list(request):
    templates = ProgramTemplate.objects.filter(organization=request.organization).annotate(
        rows_count=Count("rows")
    )
    return render(request, "programs/template_list.html", {"templates": templates})


@access(Role.CURATOR, Role.COUNCIL)
def template_edit(request, pk: int | None = None):
    template = (
        get_object_in_org(request, ProgramTemplate, pk=pk)
        if pk
        else ProgramTemplate(organization=request.organization)
    )
    form = TemplateForm(request.POST or None, instance=template)
    rows = TemplateRowFormSet(request.POST or None, instance=template, prefix="rows")
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        saved = form.save()
        rows.instance = saved
        rows.save()
        messages.success(request, "Шаблон сохранён.")
        return redirect("programs:template-list")
    return render(
        request, "programs/template_edit.html", {"form": form, "rows": rows, "template": template}
    )
