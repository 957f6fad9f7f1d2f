"""Views of the opportunities (browse)."""
