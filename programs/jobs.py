"""Programs' heavy files as background jobs: the program PDF when the plan is long."""

from __future__ import annotations

from core.jobs import PDF, JobFile, Progress, job_kind
from core.models import BackgroundJob
from programs import selectors
from programs.models import Program
from programs.pdf import program_pdf

PROGRAM_PDF = "programs.program_pdf"
# Up to this many plan rows the PDF is made within the request (well under a second).
SYNC_ROWS = 30


@job_kind(PROGRAM_PDF)
def program_pdf_job(job: BackgroundJob, progress: Progress) -> JobFile:
    program = selectors.program_for_page(Program.objects.filter(organization=job.organization)).get(
        pk=job.params["program"]
    )
    progress(10, "Собираем план мероприятий")
    return JobFile(f"program-{program.pk}.pdf", PDF, program_pdf(program))
