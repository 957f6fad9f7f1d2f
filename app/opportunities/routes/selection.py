"""Views of the opportunities (selection)."""
