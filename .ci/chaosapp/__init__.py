"""A slow job kind for the chaos run only (.ci/chaos installs it into its checkout's settings)."""
