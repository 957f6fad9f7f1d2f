"""The talent section of the dashboard (to be built)."""
