"""Access-matrix rows for the pages of the monitoring app."""

ROWS: dict = {}
