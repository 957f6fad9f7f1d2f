"""Views of the opportunities (jp)."""
