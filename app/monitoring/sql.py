"""Day counts in SQL that SQLite and PostgreSQL write differently, as
constructs compiled per dialect (never a dialect test in the calling code).

SQLite has no date arithmetic but ``julianday``; PostgreSQL subtracts dates
and timestamps.
"""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class days_since(FunctionElement):
    """Whole days from the WIB date of a UTC timestamp to a date (``today``).

    SQLite has no date arithmetic but ``julianday``; PostgreSQL subtracts
    dates. Medan keeps UTC+7 all year, so the local date is the shifted one.
    """

    type = Integer()
    name = "days_since"
    inherit_cache = True


@compiles(days_since)
def _days_since_sqlite(element, compiler, **kw):
    moment, today = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"CAST(julianday({today}) - julianday(date({moment}, '+7 hours')) AS INTEGER)"
    )


@compiles(days_since, "postgresql")
def _days_since_postgresql(element, compiler, **kw):
    moment, today = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"(CAST({today} AS DATE) - "
        f"CAST(({moment} AT TIME ZONE 'Asia/Jakarta') AS DATE))"
    )


class whole_days(FunctionElement):
    """Whole 24-hour days elapsed from a UTC timestamp (``start``) to another
    (``end``), rounded down: how long something has waited."""

    type = Integer()
    name = "whole_days"
    inherit_cache = True


@compiles(whole_days)
def _whole_days_sqlite(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


@compiles(whole_days, "postgresql")
def _whole_days_postgresql(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(floor(EXTRACT(epoch FROM ({end} - {start})) / 86400) AS INTEGER)"
