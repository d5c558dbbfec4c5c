"""The demo's municipal figures, counted after every app has added its demo data."""

from core.models import Organization
from region.summaries import summaries_refresh


def seed_demo(organization: Organization) -> None:
    """Refresh the demo kindergarten's summary, so the coordinator sees what its pages show."""
    summaries_refresh(organizations=[organization])
