"""Employee profiles and competency assessments."""
