"""The demo organisation around Kecamatan Medan Marelan, read from ``app/data/demo/``.

Data, not code, like the competency dictionary and the rank catalogue:

- ``units.json``: the unit tree by organisation (Pemerintah Kota Medan, the
  kecamatan and its kelurahan, Dinas Kesehatan and its puskesmas, Dinas
  Pendidikan and its schools, Satpol PP), each unit with the area it serves;
- ``positions.json``: real positions with their kind, level, family, eselon,
  kelas jabatan, rank band, competency standard and requirement rows, each row
  with its regulation basis; shared rows are kept once per level and group;
- ``names.json``: given names, family names, academic titles and fields of study;
- ``accounts.json``: the demo personas, one per role.

Each file's ``about`` says what its fields mean. The files are read once, on
first use, into frozen records; lists keep the files' order, which the seeded
draws depend on. ``PositionSpec.requirements`` holds each position's rows
resolved: level defaults, group rows and the position's own, placeholders filled.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

DEMO_DATA = Path(__file__).resolve().parent.parent / "data" / "demo"

MANAGERIAL_LEVELS = ("pengawas", "administrator", "pratama", "madya", "utama")
# The jenjang of each functional track, lowest first (DOMAIN.md).
TRACKS = (
    ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama"),
    ("pemula", "terampil", "mahir", "penyelia"),
)
# Requirement kinds of which a position may hold several rows, told apart by value.
_MANY_BY_VALUE = ("certificate", "training")
# The order a position's rows are listed in: who may hold it, then what one brings.
KIND_ORDER = (
    "employment_type",
    "family",
    "status",
    "rank",
    "service_years",
    "experience",
    "education",
    "certificate",
    "training",
    "skp",
    "credit_points",
    "competency_test",
    "age_max",
    "discipline",
)


class CatalogueError(ValueError):
    """A demo data file that does not fit together (a test and the seed say so)."""


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str  # kota, kecamatan, sekretariat, seksi, kelurahan, dinas, puskesmas ...
    parent: str | None
    area: str  # the wilayah the unit serves


@dataclass(frozen=True)
class RequirementSpec:
    """One requirement row; see ``RequirementKind`` for what the fields mean."""

    kind: str
    basis: str
    value: str = ""
    value_max: str = ""
    param: str = ""
    blocking: bool = True
    alternative: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Rows with the same key replace each other when sets are combined."""
        value = self.value if self.kind in _MANY_BY_VALUE else ""
        return (self.kind, self.alternative, value)

    def as_tuple(self) -> tuple:
        return (
            self.kind,
            self.value,
            self.value_max,
            self.param,
            self.basis,
            self.blocking,
            self.alternative,
            self.note,
        )


@dataclass(frozen=True)
class PositionSpec:
    code: str
    name: str
    kind: str  # a PositionKind value
    level: str
    family: str
    eselon: str | None
    kelas_jabatan: int | None
    unit: str | None  # the unit of a post with a seat; None: held in many units
    min_rank: str | None
    max_rank: str | None
    competencies: Mapping[str, int]  # competency code -> required level
    requirements: tuple[RequirementSpec, ...]
    works_in: tuple[str, ...]  # unit kinds where a post without a seat is held

    @property
    def managerial(self) -> bool:
        return self.level in MANAGERIAL_LEVELS

    @property
    def functional(self) -> bool:
        return self.kind == "fungsional"

    def rows(self, kind: str) -> list[RequirementSpec]:
        return [r for r in self.requirements if r.kind == kind]

    def rule(self, kind: str) -> RequirementSpec | None:
        """The row of this kind outside any alternative group, if any."""
        return next((r for r in self.rows(kind) if not r.alternative), None)

    @property
    def education(self) -> str:
        """The lowest education level the position asks for."""
        row = self.rule("education")
        return row.value if row else "SMA"

    @property
    def education_fields(self) -> tuple[str, ...]:
        """The fields of study the position accepts; empty: any field."""
        row = self.rule("education")
        return tuple(f for f in row.param.split("; ") if f) if row else ()


@dataclass(frozen=True)
class Account:
    """A demo persona: a login with a fixed NIP or NI, post and role."""

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
    employment_type: str = "PNS"
    education_field: str = ""


@dataclass(frozen=True)
class Names:
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]
    family: tuple[str, ...]
    academic_titles: Mapping[str, tuple[str, ...]]  # by education level
    title_prefixes: tuple[str, ...]  # titles written before the name
    fields: Mapping[str, tuple[str, ...]]  # fields of study by academic title


def _read(name: str) -> dict[str, Any]:
    return json.loads((DEMO_DATA / name).read_text(encoding="utf-8"))


@functools.cache
def units() -> tuple[UnitSpec, ...]:
    return tuple(UnitSpec(**row) for row in _read("units.json")["units"])


def _requirement(row: dict, where: str) -> RequirementSpec:
    try:
        spec = RequirementSpec(**row)
    except TypeError as error:
        raise CatalogueError(f"{where}: {error}") from None
    if spec.kind not in KIND_ORDER:
        raise CatalogueError(f"{where}: unknown requirement kind {spec.kind}")
    if not spec.basis.strip():
        raise CatalogueError(f"{where}: a {spec.kind} requirement without a basis")
    return spec


def _combine(*layers) -> list[RequirementSpec]:
    """The rows of the layers, a later row replacing an earlier one of the same
    key, listed by kind (``KIND_ORDER``), alternatives after the plain row."""
    rows: dict[tuple, RequirementSpec] = {}
    for layer in layers:
        for row in layer:
            rows[row.key] = row
    return sorted(
        rows.values(), key=lambda r: (KIND_ORDER.index(r.kind), bool(r.alternative))
    )


def _resolve(spec: RequirementSpec, fills: Mapping[str, str], field: str):
    if spec.kind == "education" and not spec.param and field:
        spec = replace(spec, param=field)
    return replace(
        spec,
        value=fills.get(spec.value, spec.value),
        value_max=fills.get(spec.value_max, spec.value_max),
    )


@functools.cache
def positions() -> tuple[PositionSpec, ...]:
    data = _read("positions.json")
    sets = {
        name: [_requirement(row, f"requirement set {name}") for row in rows]
        for name, rows in data["requirement_sets"].items()
    }
    bands, classes = data["rank_bands"], data["kelas_jabatan"]
    result = []
    for group in data["groups"]:
        shared = [_requirement(r, "group") for r in group.get("requirements", ())]
        for row in group["positions"]:
            code, level, eselon = row["code"], row["level"], row.get("eselon")
            band = row.get("rank_band") or bands.get(eselon) or bands.get(level)
            min_rank, max_rank = band if band else (None, None)
            own = [_requirement(r, code) for r in row.get("requirements", ())]
            layers = [sets[name] for name in data["levels"][level]]
            fills = {
                "@min_rank": min_rank or "",
                "@max_rank": max_rank or "",
                "@education": row.get("education", ""),
            }
            field = row.get("education_field", group.get("education_field", ""))
            requirements = tuple(
                _resolve(r, fills, field) for r in _combine(*layers, shared, own)
            )
            for r in requirements:
                if r.value.startswith("@") or r.value_max.startswith("@"):
                    raise CatalogueError(f"{code}: unfilled {r.value or r.value_max}")
            result.append(
                PositionSpec(
                    code=code,
                    name=row["name"],
                    kind=row["kind"],
                    level=level,
                    family=row["family"],
                    eselon=eselon,
                    kelas_jabatan=row.get(
                        "kelas_jabatan", classes.get(eselon) or classes.get(level)
                    ),
                    unit=row.get("unit"),
                    min_rank=min_rank,
                    max_rank=max_rank,
                    competencies=MappingProxyType(row["competencies"]),
                    requirements=requirements,
                    works_in=tuple(row.get("works_in", group.get("works_in", ()))),
                )
            )
    return tuple(result)


@functools.cache
def retired() -> Mapping[str, str]:
    """Codes of positions an older demo had -> the post that takes their place."""
    return MappingProxyType(_read("positions.json").get("retired", {}))


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
        fields=MappingProxyType(
            {title: tuple(f) for title, f in data["fields_by_title"].items()}
        ),
    )


@functools.cache
def unit(code: str) -> UnitSpec:
    return {u.code: u for u in units()}[code]


@functools.cache
def descendants(code: str) -> frozenset[str]:
    """The unit and every unit below it in the tree, by code."""
    found, stack = set(), [code]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(u.code for u in units() if u.parent == current)
    return frozenset(found)


@functools.cache
def position(code: str) -> PositionSpec:
    return {p.code: p for p in positions()}[code]


@functools.cache
def next_jenjang(code: str) -> PositionSpec | None:
    """The next jenjang of a functional position in its family, if the demo has it."""
    current = position(code)
    if not current.functional:
        return None
    track = next((t for t in TRACKS if current.level in t), ())
    above = track[track.index(current.level) + 1 :] if track else ()
    family = {
        p.level: p for p in positions() if p.functional and p.family == current.family
    }
    return next((family[level] for level in above if level in family), None)


@functools.cache
def persona_nip(role: str) -> str:
    """The NIP (or NI) of the demo persona with this role."""
    return next(a.nip for a in accounts() if a.role == role)
