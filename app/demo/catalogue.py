"""The demo organisation, Kecamatan Medan Marelan, read from ``app/data/demo/``.

Data, not code, like the competency dictionary and the rank catalogue:

- ``units.json``: the unit tree, parents before children;
- ``positions.json``: positions (jabatan) with their competency standard
  (minimum rank and education, required level per competency code of
  ``app/data/competencies.json``) and the minimum years in rank per level;
- ``names.json``: given names, family names and academic titles of Medan;
- ``accounts.json``: the five demo personas, one per role.

Each file's ``about`` says what its fields mean. The files are read once, on
first use, into frozen records; lists keep the files' order, which the seeded
draws depend on.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

DEMO_DATA = Path(__file__).resolve().parent.parent / "data" / "demo"


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str  # kecamatan, sekretariat, seksi, kelurahan, puskesmas, sekolah
    parent: str | None


@dataclass(frozen=True)
class PositionSpec:
    code: str
    name: str
    kind: str  # a PositionKind value
    level: str
    unit: str | None  # the unit of a structural post; None: any unit
    min_rank: str | None
    min_education: str  # an Education value
    competencies: Mapping[str, int]  # competency code -> required level
    min_years_in_rank: int | None


@dataclass(frozen=True)
class Account:
    """A demo persona: a login with a fixed NIP, post and role."""

    role: str
    full_name: str
    title: str  # academic titles written after the name
    nip: str
    unit: str
    position: str
    rank: str
    education: str
    email: str
    reports_to: str | None  # the role of the persona who supervises, if any


@dataclass(frozen=True)
class Names:
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]
    family: tuple[str, ...]
    academic_titles: Mapping[str, tuple[str, ...]]  # by education level
    title_prefixes: tuple[str, ...]  # titles written before the name


def _read(name: str) -> dict[str, Any]:
    return json.loads((DEMO_DATA / name).read_text(encoding="utf-8"))


@functools.cache
def units() -> tuple[UnitSpec, ...]:
    return tuple(UnitSpec(**row) for row in _read("units.json")["units"])


@functools.cache
def positions() -> tuple[PositionSpec, ...]:
    data = _read("positions.json")
    years = data["min_years_in_rank"]
    return tuple(
        PositionSpec(
            **{
                **row,
                "competencies": MappingProxyType(row["competencies"]),
                "min_years_in_rank": row.get(
                    "min_years_in_rank", years.get(row["level"])
                ),
            }
        )
        for group in data["groups"]
        for row in group["positions"]
    )


@functools.cache
def accounts() -> tuple[Account, ...]:
    return tuple(Account(**row) for row in _read("accounts.json")["accounts"])


@functools.cache
def names() -> Names:
    data = _read("names.json")
    return Names(
        male_given=tuple(data["male_given"]),
        female_given=tuple(data["female_given"]),
        family=tuple(name for group in data["family"].values() for name in group),
        academic_titles=MappingProxyType(
            {level: tuple(t) for level, t in data["academic_titles"].items()}
        ),
        title_prefixes=tuple(data["title_prefixes"]),
    )


@functools.cache
def unit(code: str) -> UnitSpec:
    return {u.code: u for u in units()}[code]


@functools.cache
def position(code: str) -> PositionSpec:
    return {p.code: p for p in positions()}[code]


@functools.cache
def persona_nip(role: str) -> str:
    """The NIP of the demo persona with this role."""
    return next(a.nip for a in accounts() if a.role == role)
