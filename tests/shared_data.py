"""Where the sample files from outside the project would be (../shared/data beside the checkout).

Only an extra check reads them (``tests/mentoring/test_staff_import_shared_samples.py``), and it
is skipped, saying why, when they are not there: the suite's own files are in ``tests/data/``.
"""

import os
from pathlib import Path

SHARED_DATA = Path(
    os.environ.get("SHARED_DATA_DIR", Path(__file__).resolve().parents[2] / "shared" / "data")
)
