"""HR: the employee directory, cohort matching (``cohorts``) and, later, monitoring
and exports."""
