"""The catalogues every area reads: positions, competencies, ranks and units.

Views and services ask here instead of querying the catalogue tables
themselves. Each list is read once per transaction and kept in the session's
``info``: the pages that show a select of positions and also look one up by its
code run one query, and a commit or rollback (an HR change to a catalogue, a
test's factory) forgets them, so nothing stale outlives the unit of work.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import (
    Integer,
    event,
    false,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session, joinedload

from app.extensions import db
from app.models import (
    CertificateType,
    Competency,
    EmploymentRule,
    EmploymentType,
    Position,
    Rank,
    TalentBox,
    TalentLevel,
    Unit,
)

T = TypeVar("T")
_KEY = "jenjang.catalogue"


def cached(name: str, load: Callable[[], T]) -> T:
    """``load()`` once per transaction under ``name`` (for readers built on the
    catalogue, e.g. the positions as the career rules see them)."""
    return _cached(f"derived:{name}", load)


def _cached(name: str, load: Callable[[], Sequence[T]]) -> Sequence[T]:
    cache = db.session.info.setdefault(_KEY, {})
    if name not in cache:
        cache[name] = load()
    return cache[name]


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, *args) -> None:
    """A finished transaction may have changed a catalogue: read it again."""
    session.info.pop(_KEY, None)


def positions() -> Sequence[Position]:
    """The position catalogue with each post's unit, by name, in one query.

    The requirement rows, as the career rules read them, are
    ``app.plans.readiness.catalogue_candidates``.
    """
    return _cached(
        "positions",
        lambda: db.session.scalars(
            select(Position).options(joinedload(Position.unit)).order_by(Position.name)
        ).all(),
    )


def position_by_code(code: str | None) -> Position | None:
    """A position by its code, None for an unknown or empty one."""
    if not code:
        return None
    return next((p for p in positions() if p.code == code), None)


def competencies() -> Sequence[Competency]:
    """The competency dictionary, by code (M.01, ..., T.12)."""
    return _cached(
        "competencies",
        lambda: db.session.scalars(select(Competency).order_by(Competency.code)).all(),
    )


def competency_by_code(code: str | None) -> Competency | None:
    """A competency of the dictionary by its code, None for an unknown one."""
    if not code:
        return None
    return next((c for c in competencies() if c.code == code), None)


def competencies_by_id(ids: Collection[int]) -> dict[int, Competency]:
    """The competencies with these ids, by id."""
    wanted = set(ids)
    return {c.id: c for c in competencies() if c.id in wanted}


def units() -> Sequence[Unit]:
    """Every unit, by code (the catalogue is small)."""
    return _cached(
        "units", lambda: db.session.scalars(select(Unit).order_by(Unit.code)).all()
    )


def unit_by_code(code: str | None) -> Unit | None:
    """A unit by its code, None for an unknown one."""
    return next((u for u in units() if u.code == code), None) if code else None


def unit_with_descendants(unit_id: int) -> set[int]:
    """The unit and every unit below it in the tree."""
    children: dict[int | None, list[int]] = {}
    for unit in units():
        children.setdefault(unit.parent_id, []).append(unit.id)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def unit_tree() -> list[tuple[Unit, int]]:
    """Every unit with its depth, each followed by the units below it (by code):
    the order of a select that shows the tree."""
    children: dict[int | None, list[Unit]] = {}
    ids = {unit.id for unit in units()}
    for unit in units():
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    ordered: list[tuple[Unit, int]] = []
    seen: set[int] = set()
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        if unit.id in seen:
            continue
        seen.add(unit.id)
        ordered.append((unit, depth))
        stack.extend(
            (child, depth + 1) for child in reversed(children.get(unit.id, []))
        )
    return ordered


def ranks() -> Sequence[Rank]:
    """Every rank, PNS pangkat/golongan then PPPK golongan, lowest first."""
    return _cached(
        "ranks",
        lambda: db.session.scalars(
            select(Rank).order_by(Rank.employment_type, Rank.ordinal)
        ).all(),
    )


@dataclass(frozen=True)
class Term:
    """A rank, a certificate type or a yearly JP target, by its code."""

    kind: str  # "rank", "certificate" or "jp" (code: the employment type)
    code: str
    ordinal: int | None
    pppk: bool
    name: str
    name_en: str


def rule_terms() -> Sequence[Term]:
    """The ranks, the certificate types and the JP targets together, in one
    query: what the requirement rows name by code, and the yearly JP duty."""

    def load() -> list[Term]:
        ranks = select(
            literal("rank").label("kind"),
            Rank.code,
            Rank.ordinal,
            Rank.employment_type == EmploymentType.PPPK.value,
            Rank.name,
            Rank.name.label("name_en"),
        )
        types = select(
            literal("certificate"),
            CertificateType.code,
            type_coerce(null(), Integer),
            false(),
            CertificateType.name,
            CertificateType.name_en,
        )
        targets = select(
            literal("jp"),
            EmploymentRule.employment_type,
            EmploymentRule.jp_target,
            false(),
            EmploymentRule.jp_basis,
            EmploymentRule.jp_basis,
        )
        rows = db.session.execute(union_all(ranks, types, targets)).all()
        return [Term(*row[:3], bool(row[3]), *row[4:]) for row in rows]

    return _cached("rule_terms", load)


def certificate_types() -> Sequence[CertificateType]:
    """The certificate and training types requirements can name, by name."""
    return _cached(
        "certificate_types",
        lambda: db.session.scalars(
            select(CertificateType).order_by(CertificateType.name)
        ).all(),
    )


# What the migration sets, used while HR has not saved a rule of its own.
DEFAULT_JP_TARGETS = {
    EmploymentType.PNS: (20, "UU 20/2023 ps. 49; PP 17/2020 ps. 203"),
    EmploymentType.PPPK: (24, "PP 49/2018 ps. 39 (check)"),
}


def employment_rules() -> dict[EmploymentType, EmploymentRule]:
    """The rule of each employment type (its yearly JP target and basis).

    A type without a saved row gets its default, not added to the session.
    """

    def load() -> dict[EmploymentType, EmploymentRule]:
        saved = {
            r.employment_type: r for r in db.session.scalars(select(EmploymentRule))
        }
        return {
            kind: saved.get(kind)
            or EmploymentRule(
                employment_type=kind,
                jp_target=DEFAULT_JP_TARGETS[kind][0],
                jp_basis=DEFAULT_JP_TARGETS[kind][1],
            )
            for kind in EmploymentType
        }

    return _cached("employment_rules", load)


def jp_target(employment_type: EmploymentType) -> int:
    """The yearly JP target HR set for an employment type."""
    for term in rule_terms():
        if term.kind == "jp" and term.code == employment_type.value:
            return term.ordinal
    return DEFAULT_JP_TARGETS[employment_type][0]


TALENT_BOXES_FILE = Path(__file__).parent / "data" / "talent_boxes.json"


@cache
def default_talent_boxes() -> dict[tuple[TalentLevel, TalentLevel], dict]:
    """The boxes of PermenPANRB 3/2020 by (performance, potential): what holds
    while HR has not saved numbering and names of its own."""
    data = json.loads(TALENT_BOXES_FILE.read_text(encoding="utf-8"))
    return {
        (TalentLevel(box["performance"]), TalentLevel(box["potential"])): {
            **box,
            "performance": TalentLevel(box["performance"]),
            "potential": TalentLevel(box["potential"]),
            "basis": data["basis"],
        }
        for box in data["boxes"]
    }


def talent_boxes() -> dict[tuple[TalentLevel, TalentLevel], TalentBox]:
    """Each box of the 9-box by (performance, potential), as HR numbered and
    named it; a box without a saved row gets its default (not added to the
    session)."""

    def load() -> dict[tuple[TalentLevel, TalentLevel], TalentBox]:
        saved = {
            (box.performance, box.potential): box
            for box in db.session.scalars(select(TalentBox))
        }
        return {
            key: saved.get(key) or TalentBox(**default)
            for key, default in default_talent_boxes().items()
        }

    return _cached("talent_boxes", load)
