"""HR's position catalogue: each position's competency standard and requirement
rows (each with its regulation basis), changed in place and recorded in the
audit trail.

``routes`` (thin views on the ``hr`` blueprint), ``pages`` (the position page
and the answer to a change), ``forms``, ``requirements`` (what a row of each
kind may hold: pure), ``services`` (the changes, each with its audit event) and
``queries`` (the list and one position).
"""
