"""Access-matrix rows for the pages of the roadmap app."""

ROWS: dict = {}
