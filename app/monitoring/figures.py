"""Drill-down: every figure names the people behind it.

A section registers each of its figures here: a key (the ``figure`` query
parameter of the people list), its parameters with their parsers, the list's
title and a SELECT of ``(employee_id, value)`` for the people in view. The
people list, its CSV and its XLSX read the same SELECT, with the same filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select

from app.monitoring.view import View


@dataclass(frozen=True)
class Figure:
    """One drill-down list.

    ``params`` maps each query parameter to a parser returning the value or
    None when it is malformed; ``title(params)`` words the list's heading;
    ``people(view, params)`` selects ``employee_id`` and ``value`` (the figure's
    number for the person, shown under ``value_label``; may be NULL).
    """

    key: str
    title: Callable[[Mapping[str, Any]], str]
    people: Callable[[View, Mapping[str, Any]], Select]
    params: Mapping[str, Callable[[str], Any]] = field(default_factory=dict)
    value_label: Any = None
    section: str = ""


FIGURES: dict[str, Figure] = {}
# Query parameters a figure's own may not take: the filters', the list's.
RESERVED = frozenset(
    {"unit", "period", "rank", "kind", "employment", "figure", "page", "extension"}
)


def register(figure: Figure) -> Figure:
    """Add ``figure`` to the drill-down lists (each key once, its parameters
    named apart from the filters' so that links can carry both)."""
    if figure.key in FIGURES:
        raise ValueError(f"figure {figure.key!r} registered twice")
    clash = RESERVED.intersection(figure.params)
    if clash:
        raise ValueError(f"figure {figure.key!r} reuses {sorted(clash)}")
    FIGURES[figure.key] = figure
    return figure


@dataclass(frozen=True)
class Choice:
    """The figure a people list shows (None: everyone in view), its parsed
    parameters, and what was ignored as unknown or malformed."""

    figure: Figure | None
    params: Mapping[str, Any]
    ignored: tuple[str, ...] = ()

    def args(self) -> dict[str, str]:
        """The query parameters that choose this figure again."""
        if self.figure is None:
            return {}
        values = {"figure": self.figure.key}
        for name, value in self.params.items():
            values[name] = str(getattr(value, "value", value))
        return values


def choose(args: Mapping[str, str]) -> Choice:
    """The figure the query string asks for; an unknown one, or one with a
    malformed parameter, falls back to everyone in view, with a notice."""
    key = args.get("figure", "")
    if not key:
        return Choice(None, {})
    figure = FIGURES.get(key)
    if figure is None:
        return Choice(
            None, {}, (_("There is no such figure; everyone in view is listed."),)
        )
    params = {}
    for name, parse in figure.params.items():
        value = parse(args.get(name, ""))
        if value is None:
            notice = _(
                "The figure's choice “%(name)s” is not valid; everyone in view "
                "is listed.",
                name=name,
            )
            return Choice(None, {}, (notice,))
        params[name] = value
    return Choice(figure, params)
