"""The development section of the dashboard (to be built)."""
