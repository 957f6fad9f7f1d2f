"""What a requirement row may hold, per kind, and its canonical spelling.

``RequirementKind`` says what ``value``, ``value_max`` and ``param`` mean for
each kind; ``check_requirement`` holds HR's input to that: every value is read
against its catalogue (ranks, education levels, predikat, penalty levels,
certificate types), numbers within sane bounds, fields a kind does not use left
empty, and a basis always given. It returns the row as stored (catalogue
spelling: "iii/a" becomes "III/a", "Baik" becomes "baik") or raises a
``DomainError`` beside the field at fault. Pure: the catalogues are passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from app.errors import DomainError
from app.models import (
    CertificateType,
    Education,
    EmploymentType,
    PenaltySeverity,
    Predikat,
    Rank,
    RequirementKind,
)
from app.rules.ladder import GRADES as LADDER_GRADES

# The grades an experience requirement can name: the levels the career rules
# place on their ladders (app.rules.ladder), lowest first.
GRADES = tuple(sorted(LADDER_GRADES, key=LADDER_GRADES.get))
FIELD_SEPARATOR = "; "  # between the accepted fields of an education requirement
MAX_FIELD = 120  # one field of study
LENGTHS = {"value": 80, "value_max": 80, "param": 200}  # the columns' lengths
NUMBER = re.compile(r"^([0-9]{1,6})(?:[.,]([0-9]{1,3}))?$")


@dataclass(frozen=True)
class RequirementFields:
    """One requirement row as HR writes it (and, once checked, as stored)."""

    kind: RequirementKind
    value: str = ""
    value_max: str = ""
    param: str = ""
    basis: str = ""
    blocking: bool = True
    alternative: str = ""
    note: str = ""

    def snapshot(self) -> dict:
        """The row as plain JSON for the audit trail and the version marker."""
        return {**asdict(self), "kind": self.kind.value}


@dataclass(frozen=True)
class Catalogues:
    """What values are read against: ranks, certificate types, known grades."""

    ranks: Sequence[Rank]
    certificate_types: Sequence[CertificateType]

    def rank(self, code: str) -> Rank | None:
        return next((r for r in self.ranks if r.code.lower() == code.lower()), None)

    def certificate(self, code: str) -> CertificateType | None:
        wanted = code.upper()
        return next((t for t in self.certificate_types if t.code == wanted), None)

    @property
    def grades(self) -> list[str]:
        """Only levels the rules can compare: another would judge nothing."""
        return list(GRADES)


def _choice(text: str, choices: Sequence[str]) -> str | None:
    """``text`` as one of ``choices``, ignoring case, spaces and hyphens."""
    wanted = re.sub(r"[\s-]+", "_", text.strip().lower())
    return next((c for c in choices if c.lower() == wanted), None)


def _number(text: str, low: int, high: int, places: int) -> str | None:
    """A number from ``low`` to ``high`` with at most ``places`` decimals
    (a comma or a point), written plainly ("2.5", "100"); None otherwise."""
    match = NUMBER.match(text.strip())
    if not match or len(match.group(2) or "") > places:
        return None
    number = Decimal(f"{match.group(1)}.{match.group(2) or '0'}")
    if not low <= number <= high:
        return None
    return format(number.normalize(), "f")


# Messages --------------------------------------------------------------------------

EMPTY = _l("Leave this empty for this kind of requirement.")
RANK = _l("Enter a rank code of the catalogue, e.g. III/a (PNS) or IX (PPPK).")
EDUCATION = _l("Enter an education level: SD, SMP, SMA, D1, D2, D3, S1, S2 or S3.")
PREDIKAT = _l(
    "Enter a predikat: sangat_baik, baik, butuh_perbaikan, kurang or sangat_kurang."
)
SKP_YEARS = _l("Enter the number of last years the predikat must hold: 1 or 2.")
SEVERITY = _l("Enter the lightest penalty level that bars: ringan, sedang or berat.")
EMPLOYMENT = _l("Enter the employment type: PNS or PPPK.")
CERTIFICATE = _l("Enter the code of a certificate or training type of the catalogue.")
FAMILY = _l("Enter the functional position (family) one must hold.")
GRADE = _l("Enter the grade the experience must be in, e.g. pelaksana or pengawas.")
YEARS = _l("Enter the years as a number from 0 to 50 (at most one decimal).")
CREDIT_POINTS = _l(
    "Enter the credit points as a number from 0 to 10000 (at most three decimals)."
)
AGE = _l("Enter the age as a whole number from 18 to 70.")
FIELDS = _l(
    "Separate the fields of study with a semicolon; each can be at most "
    "%(max)d characters.",
    max=MAX_FIELD,
)


# Per kind: a reader for value, value_max and param (None: must stay empty) ----------

Reader = Callable[[str, Catalogues], str]


def _read(message, parse: Callable[[str, Catalogues], str | None]) -> Reader:
    def read(text: str, catalogues: Catalogues) -> str:
        result = parse(text, catalogues)
        if result is None:
            raise ValueError(str(message))
        return result

    read.message = message
    return read


def _fields(text: str, catalogues: Catalogues) -> str | None:
    fields = [part.strip() for part in text.split(";") if part.strip()]
    if any(len(part) > MAX_FIELD for part in fields):
        return None
    return FIELD_SEPARATOR.join(dict.fromkeys(fields))


rank_code = _read(RANK, lambda t, c: r.code if (r := c.rank(t.strip())) else None)
education = _read(EDUCATION, lambda t, c: _choice(t, [e.value for e in Education]))
predikat = _read(PREDIKAT, lambda t, c: _choice(t, [p.value for p in Predikat]))
skp_years = _read(
    SKP_YEARS, lambda t, c: t.strip() if t.strip() in ("1", "2") else None
)
severity = _read(SEVERITY, lambda t, c: _choice(t, [s.value for s in PenaltySeverity]))
employment = _read(
    EMPLOYMENT, lambda t, c: _choice(t, [e.value for e in EmploymentType])
)
certificate = _read(
    CERTIFICATE, lambda t, c: ct.code if (ct := c.certificate(t.strip())) else None
)
family = _read(FAMILY, lambda t, c: " ".join(t.split()) or None)
grade = _read(GRADE, lambda t, c: _choice(t, c.grades))
years = _read(YEARS, lambda t, c: _number(t, 0, 50, 1))
credit_points = _read(CREDIT_POINTS, lambda t, c: _number(t, 0, 10000, 3))
age = _read(AGE, lambda t, c: _number(t, 18, 70, 0))
study_fields = _read(FIELDS, _fields)


@dataclass(frozen=True)
class Spec:
    """How one kind reads its fields; ``optional`` names those that may be empty."""

    value: Reader | None = None
    value_max: Reader | None = None
    param: Reader | None = None
    optional: frozenset[str] = frozenset()


K = RequirementKind
SPECS: dict[RequirementKind, Spec] = {
    K.EMPLOYMENT_TYPE: Spec(value=employment),
    K.RANK: Spec(
        value=rank_code, value_max=rank_code, optional=frozenset({"value", "value_max"})
    ),
    K.EXPERIENCE: Spec(value=years, param=grade),
    K.SERVICE_YEARS: Spec(value=years),
    K.SKP: Spec(value=predikat, param=skp_years),
    K.CREDIT_POINTS: Spec(value=credit_points),
    K.COMPETENCY_TEST: Spec(),
    K.EDUCATION: Spec(
        value=education, param=study_fields, optional=frozenset({"param"})
    ),
    K.CERTIFICATE: Spec(value=certificate),
    K.TRAINING: Spec(value=certificate),
    K.AGE_MAX: Spec(value=age),
    K.DISCIPLINE: Spec(value=severity),
    K.STATUS: Spec(),
    K.FAMILY: Spec(value=family),
}


def check_requirement(
    fields: RequirementFields, catalogues: Catalogues
) -> RequirementFields:
    """The row as stored, or a ``DomainError`` beside the field at fault."""
    basis = " ".join(fields.basis.split())
    if not basis:
        raise DomainError(
            _l("Name the regulation this requirement rests on (its basis)."),
            field="basis",
        )
    spec = SPECS[fields.kind]
    read: dict[str, str] = {}
    for name in ("value", "value_max", "param"):
        text = getattr(fields, name).strip()
        reader = getattr(spec, name)
        if reader is None:
            if text:
                raise DomainError(EMPTY, field=name)
            read[name] = ""
        elif not text:
            if name not in spec.optional:
                raise DomainError(reader.message, field=name)
            read[name] = ""
        else:
            try:
                read[name] = reader(text, catalogues)
            except ValueError:
                raise DomainError(reader.message, field=name) from None
            if len(read[name]) > LENGTHS[name]:
                raise DomainError(
                    _l("This can be at most %(max)d characters.", max=LENGTHS[name]),
                    field=name,
                )
    if fields.kind is K.RANK:
        _check_band(read["value"], read["value_max"], catalogues)
    return replace(
        fields,
        **read,
        basis=basis,
        alternative=fields.alternative.strip(),
        note=fields.note.strip(),
    )


def _check_band(low: str, high: str, catalogues: Catalogues) -> None:
    """A rank requirement names a lowest or highest rank, or both in order."""
    if not low and not high:
        raise DomainError(
            _l("Enter the lowest rank, the highest rank, or both."), field="value"
        )
    if low and high:
        lowest, highest = catalogues.rank(low), catalogues.rank(high)
        if lowest.employment_type is not highest.employment_type:
            raise DomainError(
                _l("The lowest and highest rank must be of the same employment type."),
                field="value_max",
            )
        if lowest.ordinal > highest.ordinal:
            raise DomainError(
                _l("The highest rank cannot lie below the lowest rank."),
                field="value_max",
            )
