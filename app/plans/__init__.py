"""Career plans: individual development plans and their review."""
