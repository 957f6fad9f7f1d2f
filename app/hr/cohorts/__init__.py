"""HR's cohort matching: many mentees matched to mentors at once, then confirmed.

``routes`` (the pages), ``forms`` (criteria and chosen pairs), ``services``
(``proposal`` and ``confirmation``); the matching itself is the pure
``app.matching.propose``.
"""
