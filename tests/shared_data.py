"""The sample files from outside the project (../shared/data beside the checkout), as they are."""

import os
from pathlib import Path

# The project's checkout sits beside shared/ (on a developer's machine and in CI alike).
SHARED_DATA = Path(
    os.environ.get("SHARED_DATA_DIR", Path(__file__).resolve().parents[2] / "shared" / "data")
)
