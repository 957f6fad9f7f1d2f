"""Views of the opportunities (vacancies)."""
