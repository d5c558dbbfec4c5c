"""Access-matrix rows for the pages of the programs app."""

ROWS: dict = {}
