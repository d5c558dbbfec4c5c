"""``chaos.slow``: a job that takes about six seconds in twelve steps, so a worker can be killed
in the middle of it."""

import time

from core.jobs import JobFile, job_kind


@job_kind("chaos.slow")
def slow(job, progress):
    for step in range(1, 13):
        progress(step * 8, f"Шаг {step} из 12")
        time.sleep(0.5)
    return JobFile("chaos.txt", "text/plain", b"done")
