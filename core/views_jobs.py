"""A background job's page: the progress bar (polled by htmx) and the file when it is ready.

These pages serve an organization's jobs. A municipality's job has its pages in the region app,
behind the coordinator's check; they load the job their own way and answer with ``job_page``
and ``job_file`` from here, so both look and behave alike.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core import jobs
from core.access import access, get_object_in_org
from core.models import BackgroundJob, JobStatus
from core.rules import can_view_job


def job_page(
    request,
    job: BackgroundJob,
    *,
    progress_url: str,
    download_url: str,
    retry_url: str = "",
    fragment=False,
):
    """The job's page, or only its progress fragment (for htmx, which polls ``progress_url``);
    a failed job offers «Попробовать ещё раз» (a POST to ``retry_url``)."""
    template = "jobs/partials/progress.html" if fragment or request.htmx else "jobs/detail.html"
    links = {"progress": progress_url, "download": download_url, "retry": retry_url}
    return render(request, template, {"job": job, "links": links})


def job_retried(request, job: BackgroundJob):
    """Start the failed job again as a new one; the caller redirects to the returned job."""
    if job.status != JobStatus.FAILED:
        messages.info(request, "Эта задача не завершилась ошибкой: запускать её заново не нужно.")
        return job
    new = jobs.job_retry(job=job, user=request.user)
    messages.success(request, "Задача запущена заново.")
    return new


def job_file(job: BackgroundJob) -> HttpResponse:
    """The finished job's file as a download; 404 while it is not ready or after it is deleted."""
    if not job.has_file or job.result is None:
        raise Http404("The file is not ready.")
    response = HttpResponse(bytes(job.result), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


def _job(request, pk: int, *, with_file: bool = False) -> BackgroundJob:
    queryset = BackgroundJob.objects.all() if with_file else BackgroundJob.objects.defer("result")
    return get_object_in_org(request, queryset, rule=can_view_job, pk=pk)


def _page(request, job: BackgroundJob, *, fragment: bool = False):
    return job_page(
        request,
        job,
        progress_url=reverse("jobs:progress", args=[job.pk]),
        download_url=reverse("jobs:download", args=[job.pk]),
        retry_url=reverse("jobs:retry", args=[job.pk]),
        fragment=fragment,
    )


@access()
def job_detail(request, pk: int):
    return _page(request, _job(request, pk))


@access()
def job_progress(request, pk: int):
    return _page(request, _job(request, pk), fragment=True)


@access()
def job_download(request, pk: int):
    return job_file(_job(request, pk, with_file=True))


@require_POST
@access()
def job_retry(request, pk: int):
    return redirect(job_retried(request, _job(request, pk)))
