"""Views of the opportunities (training)."""
