"""The mentorship page: the mentee's plan, the session log, closing with feedback."""
