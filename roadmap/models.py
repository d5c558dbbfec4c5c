"""Models of the roadmap app."""
