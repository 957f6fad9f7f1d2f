"""Judge a person against a position's requirements: met, not met or unknown.

One pure function, ``evaluate``, serves the career paths, a plan's readiness
and (next) the eligibility for a vacancy. It takes the facts (``app.rules.facts``)
and returns a ``Readiness``: each requirement's verdict with the person's own
figure, what is required and the regulation it rests on. Unknown (no data yet)
is never met. A competency met only on a self or supervisor level makes the
readiness *indicative*: never "ready" on its own (Perban BKN 26/2019 gives the
assessment centre's result, valid 3 years, that weight).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property

from app.rules.facts import CompetencyRule, Person, Post, RankFact, Rule
from app.rules.ladder import GRADES, grade

# Orders of the enumerations in app.models.types, lowest first (a test keeps
# them equal); the rules do not import the models.
EDUCATION_ORDER = ("SD", "SMP", "SMA", "D1", "D2", "D3", "S1", "S2", "S3")
PREDIKAT_ORDER = ("sangat_kurang", "kurang", "butuh_perbaikan", "baik", "sangat_baik")
SEVERITY_ORDER = ("ringan", "sedang", "berat")
ASSESSMENT_VALID_YEARS = 3  # Perban BKN 26/2019: an assessment result's validity
COMPETENCY_TEST = "UJI-KOMPETENSI"  # the certificate type of a passed uji kompetensi


class State(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verdict:
    """One requirement judged: its state, why (``reason`` + ``data``), its basis.

    ``fixed`` marks what development cannot close (the employment type, the
    family one must hold, a profession's field of education). ``indicative``
    marks a competency met on a self or supervisor level only.
    """

    kind: str
    state: State
    reason: str
    basis: str
    data: Mapping[str, object] = field(default_factory=dict)
    blocking: bool = True
    fixed: bool = False
    indicative: bool = False
    alternative: str = ""
    note: str = ""

    @property
    def met(self) -> bool:
        return self.state is State.MET


@dataclass(frozen=True)
class Item:
    """One counted requirement: a single verdict, or an OR-group met by any."""

    verdicts: tuple[Verdict, ...]

    @property
    def state(self) -> State:
        states = {v.state for v in self.verdicts}
        for state in (State.MET, State.UNKNOWN):
            if state in states:
                return state
        return State.NOT_MET

    @property
    def blocking(self) -> bool:
        return any(v.blocking for v in self.verdicts)

    @property
    def fixed(self) -> bool:
        return self.state is State.NOT_MET and all(v.fixed for v in self.verdicts)

    @property
    def indicative(self) -> bool:
        met = [v for v in self.verdicts if v.met]
        return bool(met) and all(v.indicative for v in met)


@dataclass(frozen=True)
class Readiness:
    """How a person measures up to one position, requirement by requirement."""

    verdicts: tuple[Verdict, ...]

    @cached_property
    def items(self) -> tuple[Item, ...]:
        groups: dict[str, list[Verdict]] = {}
        items: list[list[Verdict]] = []
        for verdict in self.verdicts:
            if verdict.alternative:
                if verdict.alternative not in groups:
                    groups[verdict.alternative] = []
                    items.append(groups[verdict.alternative])
                groups[verdict.alternative].append(verdict)
            else:
                items.append([verdict])
        return tuple(Item(tuple(group)) for group in items)

    @cached_property
    def counted(self) -> tuple[Item, ...]:
        """The requirements that decide readiness (not the ones to plan for)."""
        return tuple(item for item in self.items if item.blocking)

    def _count(self, state: State) -> int:
        return sum(1 for item in self.counted if item.state is state)

    @property
    def met(self) -> int:
        return self._count(State.MET)

    @property
    def not_met(self) -> int:
        return self._count(State.NOT_MET)

    @property
    def unknown(self) -> int:
        return self._count(State.UNKNOWN)

    @property
    def total(self) -> int:
        return len(self.counted)

    @property
    def percent(self) -> int:
        """Share of the deciding requirements met, 0..100 (100 if none)."""
        return round(100 * self.met / self.total) if self.total else 100

    @property
    def indicative(self) -> bool:
        """Some competency counts only on a self or supervisor level."""
        return any(item.indicative for item in self.counted)

    @property
    def ready(self) -> bool:
        """Every deciding requirement met, none unknown, none only indicative."""
        return self.met == self.total and not self.indicative

    @property
    def barred(self) -> bool:
        """Something development cannot close is not met (type, family, field)."""
        return any(item.fixed for item in self.counted)

    @property
    def status(self) -> str:
        """ready, indicative (met, but on self/supervisor levels), incomplete
        (nothing failed but something is unknown) or not_ready."""
        if self.not_met:
            return "not_ready"
        if self.unknown:
            return "incomplete"
        return "indicative" if self.indicative else "ready"

    @property
    def to_plan(self) -> tuple[Item, ...]:
        """Requirements that follow appointment (leadership training) not yet met."""
        return tuple(
            item
            for item in self.items
            if not item.blocking and item.state is not State.MET
        )


def full_years(since: date, today: date) -> int:
    """Whole years from ``since`` to ``today`` (negative before it)."""
    before_anniversary = (today.month, today.day) < (since.month, since.day)
    return today.year - since.year - before_anniversary


def evaluate(
    person: Person,
    rules: Sequence[Rule],
    standard: Sequence[CompetencyRule],
    today: date,
    *,
    ranks: Mapping[str, RankFact],
    candidate: Post | None = None,
) -> Readiness:
    """Each requirement of a position judged for ``person`` on ``today``.

    ``ranks`` is the rank catalogue by code; ``candidate`` the position itself
    (a passed uji kompetensi is for one jenjang). A rank row of the other
    employment type does not apply: a PPPK is judged by PPPK golongan rows.
    """
    verdicts: list[Verdict] = []
    for rule in rules:
        judge = _JUDGES.get(rule.kind, _unsupported)
        verdict = judge(person, rule, today, ranks, candidate)
        if verdict is not None:
            verdicts.append(verdict)
    verdicts.extend(_competency(person, need, today) for need in standard)
    return Readiness(tuple(verdicts))


def _verdict(rule: Rule, state: State, reason: str, **data) -> Verdict:
    return Verdict(
        kind=rule.kind,
        state=state,
        reason=reason,
        basis=rule.basis,
        data=data,
        blocking=rule.blocking,
        alternative=rule.alternative,
        note=rule.note,
    )


def _met(ok: bool) -> State:
    return State.MET if ok else State.NOT_MET


def _employment_type(person, rule, today, ranks, candidate):
    actual = "PPPK" if person.pppk else "PNS"
    required = rule.value or "PNS"
    verdict = _verdict(
        rule, _met(actual == required), "type", required=required, actual=actual
    )
    return verdict if verdict.met else _fixed(verdict)


def _fixed(verdict: Verdict) -> Verdict:
    return Verdict(**{**verdict.__dict__, "fixed": True})


def _rank(person, rule, today, ranks, candidate):
    low, high = ranks.get(rule.value), ranks.get(rule.value_max)
    bound = low or high
    if bound is None:
        return _verdict(rule, State.UNKNOWN, "no_rule", low=rule.value)
    if bound.pppk != person.pppk:
        return None  # a row for the other employment type
    data = {
        "low": low.code if low else "",
        "high": high.code if high else "",
        "pppk": person.pppk,
    }
    rank = person.rank
    if rank is None or rank.pppk != person.pppk:
        return _verdict(rule, State.UNKNOWN, "no_rank", actual=None, **data)
    if low is not None and rank.ordinal < low.ordinal:
        return _verdict(rule, State.NOT_MET, "below", actual=rank.code, **data)
    if high is not None and rank.ordinal > high.ordinal:
        return _verdict(rule, State.NOT_MET, "above", actual=rank.code, **data)
    return _verdict(rule, State.MET, "within", actual=rank.code, **data)


def _whole(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _experience(person, rule, today, ranks, candidate):
    years, level = _whole(rule.value) or 0, rule.param or "pelaksana"
    data = {"years": years, "level": level}
    post = person.post
    if post is None or person.post_since is None:
        return _verdict(rule, State.UNKNOWN, "no_tmt", **data)
    held = max(full_years(person.post_since, today), 0)
    data.update(held=held, since=person.post_since, post=post.name or post.code)
    if grade(post) < GRADES.get(level, 0):
        return _verdict(rule, State.NOT_MET, "post_below", **data)
    return _verdict(rule, _met(held >= years), "years", **data)


def _service_years(person, rule, today, ranks, candidate):
    years = _whole(rule.value) or 0
    held = max(full_years(person.service_start, today), 0)
    return _verdict(
        rule, _met(held >= years), "years", years=years, held=held,
        since=person.service_start,
    )  # fmt: skip


def _skp(person, rule, today, ranks, candidate):
    lowest = rule.value if rule.value in PREDIKAT_ORDER else "baik"
    count = min(max(_whole(rule.param) or 1, 1), 5)
    years = [today.year - offset for offset in range(1, count + 1)]
    ratings = [(year, person.ratings.get(year)) for year in years]
    data = {"lowest": lowest, "count": count, "ratings": ratings}
    floor = PREDIKAT_ORDER.index(lowest)
    below = [(y, p) for y, p in ratings if p and PREDIKAT_ORDER.index(p) < floor]
    if below:
        return _verdict(rule, State.NOT_MET, "below", below=below, **data)
    missing = [year for year, predikat in ratings if predikat is None]
    if missing:
        return _verdict(rule, State.UNKNOWN, "missing", missing=missing, **data)
    return _verdict(rule, State.MET, "at_least", **data)


def _credit_points(person, rule, today, ranks, candidate):
    try:
        required = Decimal(rule.value or "0")
    except InvalidOperation:
        required = Decimal(0)
    actual = person.credit_points
    if actual is None:
        return _verdict(rule, State.UNKNOWN, "none", required=required, actual=None)
    return _verdict(
        rule, _met(actual >= required), "total", required=required, actual=actual
    )


def _absent(person: Person, rule: Rule, reason: str, **data) -> Verdict:
    """A record that is not there: not met once HR has checked, else unknown."""
    if person.records_checked_on is not None:
        return _verdict(
            rule, State.NOT_MET, reason, checked=person.records_checked_on, **data
        )
    return _verdict(rule, State.UNKNOWN, "unchecked", **data)


def _competency_test(person, rule, today, ranks, candidate):
    code = rule.value or COMPETENCY_TEST
    for held in person.certificates:
        if held.code == code and candidate and held.position_id == candidate.id:
            return _verdict(rule, State.MET, "passed", on=held.issued_on)
    return _absent(person, rule, "not_passed")


def _field(text: str) -> str:
    return " ".join(text.split()).casefold()


def _education(person, rule, today, ranks, candidate):
    level = rule.value if rule.value in EDUCATION_ORDER else None
    fields = [f.strip() for f in rule.param.split(";") if f.strip()]
    data = {
        "level": level or "",
        "fields": fields,
        "actual": person.education,
        "actual_field": person.education_field,
    }
    if person.education not in EDUCATION_ORDER:
        return _verdict(rule, State.UNKNOWN, "no_education", **data)
    if level and EDUCATION_ORDER.index(person.education) < EDUCATION_ORDER.index(level):
        return _verdict(rule, State.NOT_MET, "level_below", **data)
    if fields:
        if not person.education_field.strip():
            return _verdict(rule, State.UNKNOWN, "no_field", **data)
        if _field(person.education_field) not in {_field(f) for f in fields}:
            return _fixed(_verdict(rule, State.NOT_MET, "field", **data))
    return _verdict(rule, State.MET, "meets", **data)


def _certificate(person, rule, today, ranks, candidate):
    held = [h for h in person.certificates if h.code == rule.value]
    valid = [h for h in held if h.valid_on(today)]
    if valid:
        best = max(valid, key=lambda h: (h.valid_until or date.max, h.issued_on))
        return _verdict(
            rule, State.MET, "held", code=rule.value, on=best.issued_on,
            until=best.valid_until,
        )  # fmt: skip
    if held:
        last = max(held, key=lambda h: h.valid_until or date.max)
        return _verdict(
            rule, State.NOT_MET, "expired", code=rule.value, until=last.valid_until
        )
    return _absent(person, rule, "missing", code=rule.value)


def _age_max(person, rule, today, ranks, candidate):
    limit = _whole(rule.value) or 0
    age = full_years(person.birth_date, today)
    return _verdict(rule, _met(age <= limit), "age", limit=limit, age=age)


def _discipline(person, rule, today, ranks, candidate):
    lightest = rule.value if rule.value in SEVERITY_ORDER else "ringan"
    floor = SEVERITY_ORDER.index(lightest)
    barring = [
        p
        for p in person.penalties
        if p.in_force(today)
        and p.severity in SEVERITY_ORDER
        and SEVERITY_ORDER.index(p.severity) >= floor
    ]
    if barring:
        worst = max(
            barring, key=lambda p: (SEVERITY_ORDER.index(p.severity), p.ends_on)
        )
        return _verdict(
            rule, State.NOT_MET, "in_force", lightest=lightest,
            severity=worst.severity, until=worst.ends_on,
        )  # fmt: skip
    if person.records_checked_on is None:
        return _verdict(rule, State.UNKNOWN, "unchecked", lightest=lightest)
    return _verdict(
        rule, State.MET, "clean", lightest=lightest, checked=person.records_checked_on
    )


def _status(person, rule, today, ranks, candidate):
    return _verdict(
        rule, _met(person.status == "active"), "status", status=person.status
    )


def _family(person, rule, today, ranks, candidate):
    actual = person.post.family if person.post else ""
    ok = bool(actual) and _field(actual) == _field(rule.value)
    verdict = _verdict(rule, _met(ok), "family", family=rule.value, actual=actual)
    return verdict if ok else _fixed(verdict)


def _unsupported(person, rule, today, ranks, candidate):
    return _verdict(rule, State.UNKNOWN, "unsupported")


_JUDGES = {
    "employment_type": _employment_type,
    "rank": _rank,
    "experience": _experience,
    "service_years": _service_years,
    "skp": _skp,
    "credit_points": _credit_points,
    "competency_test": _competency_test,
    "education": _education,
    "certificate": _certificate,
    "training": _certificate,
    "age_max": _age_max,
    "discipline": _discipline,
    "status": _status,
    "family": _family,
}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _competency(person: Person, need: CompetencyRule, today: date) -> Verdict:
    """Which level counts: a valid assessment-centre result, else the
    supervisor's, else the self-assessment, the latter two only indicatively."""
    levels = person.levels.get(need.competency_id, ())
    assessments = sorted(
        (lv for lv in levels if lv.source == "assessment"), key=lambda lv: lv.on
    )
    valid = [
        lv for lv in assessments if _add_years(lv.on, ASSESSMENT_VALID_YEARS) >= today
    ]
    expired = assessments[-1] if assessments and not valid else None
    chosen, indicative = None, False
    if valid:
        chosen = valid[-1]
    else:
        for source in ("supervisor", "self"):
            found = sorted(
                (lv for lv in levels if lv.source == source), key=lambda lv: lv.on
            )
            if found:
                chosen, indicative = found[-1], True
                break
    data = {
        "code": need.code,
        "competency_id": need.competency_id,
        "required": need.level,
        "expired_on": _add_years(expired.on, ASSESSMENT_VALID_YEARS)
        if expired
        else None,
    }
    rule = Rule(kind="competency", basis=need.basis)
    if chosen is None:
        return _verdict(rule, State.UNKNOWN, "unassessed", gap=None, **data)
    gap = max(need.level - chosen.level, 0)
    data.update(
        level=chosen.level,
        source=chosen.source,
        on=chosen.on,
        gap=gap,
        valid_until=None
        if indicative
        else _add_years(chosen.on, ASSESSMENT_VALID_YEARS),
    )
    verdict = _verdict(rule, _met(gap == 0), "level", **data)
    if indicative and verdict.met:
        return Verdict(**{**verdict.__dict__, "indicative": True})
    return verdict
