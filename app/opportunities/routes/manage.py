"""Views of the opportunities (manage)."""
