"""The region's heavy files as background jobs: the municipal roll-up in XLSX or CSV."""

from __future__ import annotations

from django.urls import reverse

from core.exports import to_csv, to_xlsx
from core.jobs import CSV, XLSX, JobFile, Progress, job_kind, job_start
from core.models import BackgroundJob, Municipality, User
from monitoring.periods import current_year
from region.exports import rollup_rows

ROLLUP = "region.rollup"
FORMATS = {"xlsx": XLSX, "csv": CSV}


def rollup_start(*, municipality: Municipality, user: User, fmt: str) -> BackgroundJob:
    """Queue the roll-up of this academic year (or return the coordinator's unfinished one)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format: {fmt}")
    return job_start(
        municipality=municipality,
        user=user,
        kind=ROLLUP,
        title=f"Свод по ДОУ в {fmt.upper()}: {municipality.name}",
        params={"format": fmt, "start_year": current_year().start_year},
        back_url=reverse("region:overview", kwargs={"municipality": municipality.slug}),
    )


@job_kind(ROLLUP)
def rollup(job: BackgroundJob, progress: Progress) -> JobFile:
    """One row per ДОУ and the municipality's totals; the progress moves with every percent."""
    fmt, year, municipality = job.params["format"], job.params["start_year"], job.municipality

    last = [-1]

    def each(done: int, total: int) -> None:
        percent = 100 * done // total
        if percent != last[0]:  # at most a hundred writes, for 30 ДОУ or 2,000
            last[0] = percent
            progress(percent, f"{done} из {total} ДОУ")

    header, rows = rollup_rows(municipality, year, progress=each)
    content = to_xlsx({"Свод по ДОУ": (header, rows)}) if fmt == "xlsx" else to_csv(header, rows)
    return JobFile(f"svod-{municipality.slug}-{year}.{fmt}", FORMATS[fmt], content)
