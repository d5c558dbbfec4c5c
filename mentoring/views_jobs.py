"""A background job's page: the progress bar (polled by htmx) and the file when it is ready."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from mentoring.access import access, get_object_in_org
from mentoring.models import BackgroundJob, JobStatus
from mentoring.rules import can_view_job


def _job(request, pk: int, *, with_file: bool = False) -> BackgroundJob:
    queryset = BackgroundJob.objects.all() if with_file else BackgroundJob.objects.defer("result")
    return get_object_in_org(request, queryset, rule=can_view_job, pk=pk)


@access()
def job_detail(request, pk: int):
    job = _job(request, pk)
    template = "jobs/partials/progress.html" if request.htmx else "jobs/detail.html"
    return render(request, template, {"job": job})


@access()
def job_progress(request, pk: int):
    return render(request, "jobs/partials/progress.html", {"job": _job(request, pk)})


@access()
def job_download(request, pk: int):
    job = _job(request, pk, with_file=True)
    if job.status != JobStatus.DONE or job.result is None:
        raise Http404("The file is not ready.")
    response = HttpResponse(bytes(job.result), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
