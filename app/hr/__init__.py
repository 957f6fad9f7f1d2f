"""HR: the employee directory and, later, monitoring and exports."""
