"""The mentoring section of the dashboard (to be built)."""
