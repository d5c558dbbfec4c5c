"""Getting a file that a page hands to a background job: follow the job, download the file."""

from django.test import TestCase


def file_via_job(client, url: str, data: dict | None = None, *, method: str = "get"):
    """GET (or POST) ``url``, which queues a job and redirects to its page; the job runs eagerly
    after the commit; return the download response of the finished job."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = getattr(client, method)(url, data or {})
    assert started.status_code == 302, started.status_code
    assert "/jobs/" in started["Location"], started["Location"]
    page = client.get(started["Location"])
    assert page.status_code == 200
    assert "Скачать файл" in page.content.decode(), page.content.decode()
    return client.get(started["Location"] + "download/")
