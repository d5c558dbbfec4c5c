"""Pages of the monitoring app by family: questionnaires, indicators, the report."""
