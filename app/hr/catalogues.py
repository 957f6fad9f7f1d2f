"""Loading the rank catalogue, the competency dictionary and the certificate types.

They are catalogues HR may replace without a code change; loading is an upsert
by code, so running it again changes only what changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.errors import DomainError
from app.extensions import db
from app.models import (
    CertificateType,
    Competency,
    CompetencyCategory,
    CompetencyLevel,
    EmploymentType,
    Rank,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
RANKS_FILE = DATA_DIR / "ranks.json"
COMPETENCIES_FILE = DATA_DIR / "competencies.json"
CERTIFICATE_TYPES_FILE = DATA_DIR / "certificate_types.json"


class CatalogueError(DomainError):
    """A catalogue file that does not have the expected shape (operator tools)."""


@dataclass
class LoadReport:
    """How many rows a load added and updated."""

    added: int = 0
    updated: int = 0


def _read(path: Path) -> list[dict]:
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise CatalogueError(f"{path}: {error}") from error
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise CatalogueError(f"{path}: expected a JSON array of objects")
    return rows


def _require(row: dict, key: str, kind: type, where: str):
    value = row.get(key)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise CatalogueError(f"{where}: '{key}' must be a non-empty {kind.__name__}")
    return value


def load_ranks(path: Path = RANKS_FILE) -> LoadReport:
    """Upsert the PNS pangkat/golongan and PPPK golongan (code, name, ordinal)."""
    try:
        return _load_ranks(path)
    except CatalogueError:
        db.session.rollback()  # a bad row leaves nothing half-loaded
        raise


def _load_ranks(path: Path) -> LoadReport:
    rows = _read(path)
    existing = {rank.code: rank for rank in db.session.scalars(select(Rank))}
    report = LoadReport()
    for number, row in enumerate(rows, 1):
        where = f"{path} row {number}"
        code = _require(row, "code", str, where)
        name = _require(row, "name", str, where)
        ordinal = _require(row, "ordinal", int, where)
        kind = row.get("employment_type", EmploymentType.PNS.value)
        if kind not in {t.value for t in EmploymentType}:
            raise CatalogueError(f"{where}: employment_type must be PNS or PPPK")
        kind = EmploymentType(kind)
        rank = existing.get(code)
        if rank is None:
            db.session.add(
                Rank(code=code, name=name, ordinal=ordinal, employment_type=kind)
            )
            report.added += 1
        elif (rank.name, rank.ordinal, rank.employment_type) != (name, ordinal, kind):
            rank.name, rank.ordinal, rank.employment_type = name, ordinal, kind
            report.updated += 1
    db.session.commit()
    return report


def load_competencies(path: Path = COMPETENCIES_FILE) -> LoadReport:
    """Upsert the competency dictionary with its five level descriptors each."""
    try:
        return _load_competencies(path)
    except CatalogueError:
        db.session.rollback()
        raise


def _load_competencies(path: Path) -> LoadReport:
    rows = _read(path)
    existing = {
        competency.code: competency
        for competency in db.session.scalars(select(Competency))
    }
    categories = {category.value for category in CompetencyCategory}
    report = LoadReport()
    for number, row in enumerate(rows, 1):
        where = f"{path} row {number}"
        code = _require(row, "code", str, where)
        category = _require(row, "category", str, where)
        if category not in categories:
            raise CatalogueError(
                f"{where}: category must be one of {sorted(categories)}"
            )
        levels = _require(row, "levels", list, where)
        by_level = {
            level.get("level"): level for level in levels if isinstance(level, dict)
        }
        if sorted(by_level) != [1, 2, 3, 4, 5]:
            raise CatalogueError(f"{where}: needs exactly the levels 1 to 5")
        values = {
            "category": CompetencyCategory(category),
            "name": _require(row, "name", str, where),
            "name_en": row.get("name_en", ""),
            "description": row.get("description", ""),
            "description_en": row.get("description_en", ""),
        }
        competency = existing.get(code)
        if competency is None:
            competency = Competency(code=code, **values)
            db.session.add(competency)
            report.added += 1
        elif any(getattr(competency, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(competency, key, value)
            report.updated += 1
        current = {level.level: level for level in competency.levels}
        for level_number, level in sorted(by_level.items()):
            descriptor = _require(
                level, "descriptor", str, f"{where} level {level_number}"
            )
            english = level.get("descriptor_en", "")
            if level_number not in current:
                competency.levels.append(
                    CompetencyLevel(
                        level=level_number, descriptor=descriptor, descriptor_en=english
                    )
                )
            else:
                current[level_number].descriptor = descriptor
                current[level_number].descriptor_en = english
    db.session.commit()
    return report


def load_certificate_types(path: Path = CERTIFICATE_TYPES_FILE) -> LoadReport:
    """Upsert the certificate and training types that requirements can name."""
    try:
        return _load_certificate_types(path)
    except CatalogueError:
        db.session.rollback()
        raise


def _load_certificate_types(path: Path) -> LoadReport:
    rows = _read(path)
    existing = {t.code: t for t in db.session.scalars(select(CertificateType))}
    report = LoadReport()
    for number, row in enumerate(rows, 1):
        where = f"{path} row {number}"
        code = _require(row, "code", str, where)
        validity = row.get("validity_years")
        if validity is not None and (not isinstance(validity, int) or validity < 1):
            raise CatalogueError(f"{where}: validity_years must be a whole number")
        values = {
            "name": _require(row, "name", str, where),
            "name_en": row.get("name_en", ""),
            "training": bool(row.get("training", False)),
            "validity_years": validity,
            "basis": _require(row, "basis", str, where),
        }
        kind = existing.get(code)
        if kind is None:
            db.session.add(CertificateType(code=code, **values))
            report.added += 1
        elif any(getattr(kind, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(kind, key, value)
            report.updated += 1
    db.session.commit()
    return report
