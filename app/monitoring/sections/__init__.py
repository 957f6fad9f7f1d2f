"""The dashboard's sections, in the order of the tabs.

A section is a page of figures (``figures(view)`` gives its template's context,
a few aggregate queries) and a tile on the overview (``headline(view)``, one
query). Each section module registers its drill-down figures when imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.monitoring.view import View


@dataclass(frozen=True)
class Section:
    """``key`` is the URL (/monitoring/<key>); ``template`` the figures region
    of the section page; ``tile`` the overview's card."""

    key: str
    title: Any  # a lazy string
    template: str
    tile: str
    figures: Callable[[View], dict[str, Any]]
    headline: Callable[[View], dict[str, Any]]


# The tabs' order: the plans first (the design card's first question), the
# talent map last (it builds on performance and potential).
ORDER = ("plans", "gaps", "development", "mentoring", "talent")
SECTIONS: dict[str, Section] = {}


def add(section: Section) -> Section:
    """Add ``section`` to the dashboard, keeping the tabs in ``ORDER``."""
    SECTIONS[section.key] = section
    ordered = sorted(SECTIONS.values(), key=lambda s: ORDER.index(s.key))
    SECTIONS.clear()
    SECTIONS.update((s.key, s) for s in ordered)
    return section
