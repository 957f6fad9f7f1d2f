"""The plans section of the dashboard (to be built)."""
