"""HR's mentoring outcomes: for each closed mentorship, whether the mentee's
assessed level rose in the competencies the mentor taught, and how both sides
rated it; per mentor and overall. A start on learning from outcomes: nothing
here feeds the matching yet.

``rules`` (the before/after rule and the figures: pure), ``queries`` (closed
mentorships with what they taught, the assessments and ratings, in a fixed
number of queries), ``report`` (the page's content), ``words`` (the outcome in
words), ``export`` (the CSV), ``forms`` and ``routes``.
"""
