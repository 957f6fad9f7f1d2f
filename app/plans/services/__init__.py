"""The rules of career plans, one transaction per use case.

``plans`` creates plans, ``goals`` edits their goals and activities,
``workflow`` runs the review; every change goes through ``changes``.
"""
