"""The gaps section of the dashboard (to be built)."""
