"""Setting the yearly JP target of an employment type, recorded in the audit trail.

The change names the version of the rule its page showed; the write holds only
while the rule is still as that version describes (see positions/services.py),
so two officers never overwrite each other silently. Plans read the target
whenever they are shown (``app.catalogue.jp_target``).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect, update

from app import audit, catalogue
from app.errors import Conflict, DomainError, moved_on
from app.extensions import db
from app.models import EmploymentRule, EmploymentType, User

SUBJECT = "employment_rule"
MAX_JP = 1000  # the column's CHECK
MAX_BASIS = 160
STALE_RULE = _l(
    "This JP target has changed since the page was opened. Reload the page to see "
    "it as it is now, then try again."
)


def subject_id(employment_type: EmploymentType) -> int:
    """The audit subject id of a rule: PNS 1, PPPK 2 (the key is not a number)."""
    return list(EmploymentType).index(employment_type) + 1


def rule_snapshot(rule: EmploymentRule) -> dict:
    return {"jp_target": rule.jp_target, "jp_basis": rule.jp_basis}


def rule_version(rule: EmploymentRule) -> str:
    """The version marker of a rule as it is now (its default while unsaved)."""
    return audit.version_of(rule_snapshot(rule))


def _check(jp_target: int | None, basis: str) -> dict:
    if jp_target is None or not 0 <= jp_target <= MAX_JP:
        raise DomainError(
            _l("The JP target must be a whole number from 0 to %(max)d.", max=MAX_JP),
            field="jp_target",
        )
    basis = " ".join(basis.split())
    if not basis:
        raise DomainError(
            _l("Name the regulation the JP target rests on (its basis)."),
            field="jp_basis",
        )
    if len(basis) > MAX_BASIS:
        raise DomainError(
            _l("The basis can be at most %(max)d characters.", max=MAX_BASIS),
            field="jp_basis",
        )
    return {"jp_target": jp_target, "jp_basis": basis}


def set_jp_target(
    employment_type: EmploymentType,
    jp_target: int | None,
    basis: str,
    seen: str | None,
    actor: User,
) -> bool:
    """Set the yearly JP target of an employment type; False when unchanged."""
    rule = catalogue.employment_rules()[employment_type]
    before = rule_snapshot(rule)
    if rule_version(rule) != seen:
        raise Conflict(STALE_RULE)
    after = _check(jp_target, basis)
    if after == before:
        return False
    if inspect(rule).persistent:
        result = db.session.execute(
            update(EmploymentRule)
            .where(
                EmploymentRule.employment_type == employment_type,
                EmploymentRule.jp_target == before["jp_target"],
                EmploymentRule.jp_basis == before["jp_basis"],
            )
            .values(**after)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            db.session.rollback()
            raise Conflict(STALE_RULE)
    else:  # never saved: the first save stores it (a second one loses the race)
        db.session.add(EmploymentRule(employment_type=employment_type, **after))
    audit.record(
        actor,
        "jp_target.changed",
        SUBJECT,
        subject_id(employment_type),
        {"employment_type": employment_type.value, "before": before, "after": after},
    )
    with moved_on(Conflict(STALE_RULE)):
        db.session.commit()
    return True
