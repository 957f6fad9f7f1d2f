"""HR's opportunities: drafting, changing, publishing and closing them.

Each use case is one transaction that also writes its audit event (who, when,
each field before and after). A change names the version of the opportunity
its page showed; the write is a conditional UPDATE that holds only while the
row still has that version, so a change from a stale page, or one that lost a
race, is refused with a conflict and nothing is overwritten.

A vacancy's position and merit weights are its published rules: once somebody
has applied they no longer change. The UPDATE that would change them carries
``WHERE applicants = 0``, so a change racing the first application cannot slip
through (the application raises ``applicants`` with its own conditional UPDATE).
A training's quota never drops below the places taken (``WHERE booked <= quota``).

Publishing notifies, in the same transaction, the employees the opportunity
matches (``matching_employee_ids``: aggregate queries, nobody loaded whole).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, union, update

from app import audit, catalogue
from app.errors import Conflict, DomainError
from app.extensions import db
from app.models import (
    CareerPlan,
    Employee,
    NotificationKind,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    PlanGoal,
    RequirementKind,
    TrainingMode,
    User,
)
from app.models.opportunities import MAX_JP, MAX_POSTS, MAX_QUOTA
from app.models.types import utcnow
from app.notifications.services import notify
from app.opportunities.services import training

SUBJECT = "opportunity"
DEFAULT_WEIGHTS = {
    "performance": 40,
    "competency": 30,
    "development": 15,
    "experience": 15,
}
WEIGHT_FIELDS = tuple(f"weight_{name}" for name in DEFAULT_WEIGHTS)
LIMITS = {"title": 200, "description": 5000, "audience": 300, "provider": 150}
EARLIEST = date(2000, 1, 1)
YEARS_AHEAD = 10

STALE = _l(
    "This opportunity has changed since the page was opened. Reload the page to "
    "see it as it is now, then try again."
)
RULES_LOCKED = _l(
    "Somebody has applied already: the position and the merit weights of a "
    "vacancy cannot change after the first application."
)
CLOSED = _l("A closed opportunity is kept for the record and no longer changes.")


@dataclass(frozen=True)
class OpportunityFields:
    """What HR sets on an opportunity; the fields of other kinds stay empty."""

    title: str = ""
    description: str = ""
    audience: str = ""
    opens_on: date | None = None
    closes_on: date | None = None
    provider: str = ""
    mode: TrainingMode | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    jp: int | None = None
    quota: int | None = None
    competency_ids: tuple[int, ...] = ()
    position_id: int | None = None
    posts: int | None = None
    weight_performance: int | None = None
    weight_competency: int | None = None
    weight_development: int | None = None
    weight_experience: int | None = None

    def columns(self) -> dict:
        """The values to store on the opportunity's own columns."""
        values = asdict(self)
        values.pop("competency_ids")
        return values


KIND_FIELDS = {
    OpportunityKind.TRAINING: (
        "audience",
        "provider",
        "mode",
        "starts_on",
        "ends_on",
        "jp",
        "quota",
        "competency_ids",
    ),
    OpportunityKind.VACANCY: ("position_id", "posts", *WEIGHT_FIELDS),
    OpportunityKind.ANNOUNCEMENT: (),
}
COMMON = ("title", "description", "opens_on", "closes_on")


def for_kind(kind: OpportunityKind, fields: OpportunityFields) -> OpportunityFields:
    """``fields`` with everything another kind would hold emptied, text tidied."""
    kept = {*COMMON, *KIND_FIELDS[kind]}
    empty = OpportunityFields()
    values = {
        name: (getattr(fields, name) if name in kept else getattr(empty, name))
        for name in OpportunityFields.__dataclass_fields__
    }
    for name in ("title", "audience", "provider"):
        values[name] = " ".join((values[name] or "").split())
    values["description"] = (values["description"] or "").strip()
    values["competency_ids"] = tuple(sorted(set(values["competency_ids"])))
    return OpportunityFields(**values)


def _check_day(
    problems: dict, name: str, day: date | None, today: date, required: bool
) -> None:
    if day is None:
        if required:
            problems[name] = _l("Enter a date.")
        return
    if day < EARLIEST or day.year > today.year + YEARS_AHEAD:
        problems[name] = _l(
            "Enter a date from %(first)d to %(last)d.",
            first=EARLIEST.year,
            last=today.year + YEARS_AHEAD,
        )


def _check_number(
    problems: dict, name: str, value: int | None, low: int, high: int, message
) -> None:
    if value is None or not low <= value <= high:
        problems[name] = message


def problems_of(
    kind: OpportunityKind, fields: OpportunityFields, today: date
) -> dict[str, object]:
    """Every field the rules refuse, with its message (empty: all is well).

    The form shows them beside their fields; the service refuses on the first.
    ``weights`` names the merit weights as a whole.
    """
    problems: dict[str, object] = {}
    if not fields.title:
        problems["title"] = _l("Enter a title.")
    for name, most in LIMITS.items():
        if len(getattr(fields, name) or "") > most:
            problems[name] = _l("Keep this to %(most)d characters.", most=most)
    _check_day(problems, "opens_on", fields.opens_on, today, True)
    _check_day(problems, "closes_on", fields.closes_on, today, True)
    if (
        "opens_on" not in problems
        and "closes_on" not in problems
        and fields.closes_on < fields.opens_on
    ):
        problems["closes_on"] = _l("The closing date cannot lie before the opening.")
    if kind is OpportunityKind.TRAINING:
        _check_training(problems, fields, today)
    elif kind is OpportunityKind.VACANCY:
        _check_vacancy(problems, fields)
    return problems


def _check_training(problems: dict, fields: OpportunityFields, today: date) -> None:
    if fields.mode is None:
        problems["mode"] = _l("Choose how the training is held.")
    _check_day(problems, "starts_on", fields.starts_on, today, True)
    _check_day(problems, "ends_on", fields.ends_on, today, True)
    if (
        "starts_on" not in problems
        and "ends_on" not in problems
        and fields.ends_on < fields.starts_on
    ):
        problems["ends_on"] = _l("The training cannot end before it starts.")
    _check_number(
        problems,
        "jp",
        fields.jp,
        1,
        MAX_JP,
        _l("Enter the JP as a whole number from 1 to %(most)d.", most=MAX_JP),
    )
    if fields.quota is not None:  # none: no limit (an e-learning course)
        _check_number(
            problems,
            "quota",
            fields.quota,
            0,
            MAX_QUOTA,
            _l(
                "Enter the quota as a whole number from 0 to %(most)d.",
                most=MAX_QUOTA,
            ),
        )
    wanted = set(fields.competency_ids)
    if len(catalogue.competencies_by_id(wanted)) != len(wanted):
        problems["competencies"] = _l("Choose competencies from the dictionary.")


def _check_vacancy(problems: dict, fields: OpportunityFields) -> None:
    if fields.position_id is None or fields.position_id not in {
        p.id for p in catalogue.positions()
    }:
        problems["position"] = _l("Choose a position from the catalogue.")
    _check_number(
        problems,
        "posts",
        fields.posts,
        1,
        MAX_POSTS,
        _l("Enter the posts as a whole number from 1 to %(most)d.", most=MAX_POSTS),
    )
    weights = [getattr(fields, name) for name in WEIGHT_FIELDS]
    for name, weight in zip(WEIGHT_FIELDS, weights, strict=True):
        if weight is None or not 0 <= weight <= 100:
            problems[name] = _l("Enter a whole percentage from 0 to 100.")
    if not any(name in problems for name in WEIGHT_FIELDS) and sum(weights) != 100:
        problems["weights"] = _l(
            "The four weights must add up to 100 (now %(total)d).",
            total=sum(weights),
        )


def _refuse_problems(kind, fields, today) -> OpportunityFields:
    fields = for_kind(kind, fields)
    problems = problems_of(kind, fields, today)
    if problems:
        name, message = next(iter(problems.items()))
        raise DomainError(message, field=name)
    return fields


def snapshot(opportunity: Opportunity) -> dict:
    """The opportunity's fields as plain JSON, as the audit trail keeps them."""
    values = {
        "title": opportunity.title,
        "description": opportunity.description,
        "opens_on": opportunity.opens_on,
        "closes_on": opportunity.closes_on,
    }
    if opportunity.is_training:
        values.update(
            audience=opportunity.audience,
            provider=opportunity.provider,
            mode=opportunity.mode,
            starts_on=opportunity.starts_on,
            ends_on=opportunity.ends_on,
            jp=opportunity.jp,
            quota=opportunity.quota,
            competencies=[c.code for c in opportunity.competencies],
        )
    elif opportunity.is_vacancy:
        values.update(
            position=opportunity.position.code if opportunity.position else None,
            posts=opportunity.posts,
            **{name: getattr(opportunity, name) for name in WEIGHT_FIELDS},
        )
    return {
        key: (
            value.isoformat()
            if isinstance(value, date)
            else value.value
            if hasattr(value, "value")
            else value
        )
        for key, value in values.items()
    }


def fields_of(opportunity: Opportunity) -> OpportunityFields:
    """A stored opportunity as the fields its form shows."""
    return OpportunityFields(
        **{
            name: getattr(opportunity, name)
            for name in OpportunityFields.__dataclass_fields__
            if name != "competency_ids"
        },
        competency_ids=tuple(sorted(c.id for c in opportunity.competencies)),
    )


def _set_competencies(opportunity: Opportunity, ids: Collection[int]) -> None:
    known = catalogue.competencies_by_id(ids)
    opportunity.competencies = sorted(known.values(), key=lambda c: c.code)


def create(
    kind: OpportunityKind, fields: OpportunityFields, actor: User, today: date
) -> Opportunity:
    """A new draft: only HR sees it until it is published."""
    fields = _refuse_problems(kind, fields, today)
    opportunity = Opportunity(
        kind=kind,
        status=OpportunityStatus.DRAFT,
        created_by_id=actor.id,
        **fields.columns(),
    )
    _set_competencies(opportunity, fields.competency_ids)
    db.session.add(opportunity)
    db.session.flush()
    db.session.refresh(opportunity, ["position"])
    audit.record(
        actor,
        "opportunity.created",
        SUBJECT,
        opportunity.id,
        {"before": None, "after": snapshot(opportunity)},
    )
    db.session.commit()
    return opportunity


def _seen(opportunity: Opportunity | None, version: int | None) -> Opportunity:
    if opportunity is None or opportunity.version != version:
        raise Conflict(STALE)
    return opportunity


def change(
    opportunity: Opportunity,
    fields: OpportunityFields,
    version: int | None,
    actor: User,
    today: date,
    reason: str = "",
) -> bool:
    """Save HR's changes of an opportunity; False when nothing changed."""
    _seen(opportunity, version)
    if opportunity.status is OpportunityStatus.CLOSED:
        raise Conflict(CLOSED)
    fields = _refuse_problems(opportunity.kind, fields, today)
    before_fields = for_kind(opportunity.kind, fields_of(opportunity))
    if fields == before_fields:
        return False
    before = snapshot(opportunity)
    conditions = [Opportunity.id == opportunity.id, Opportunity.version == version]
    rules_change = opportunity.is_vacancy and (
        fields.position_id != before_fields.position_id
        or any(getattr(fields, n) != getattr(before_fields, n) for n in WEIGHT_FIELDS)
    )
    if rules_change:
        conditions.append(Opportunity.applicants == 0)
    if opportunity.is_training and fields.quota is not None:
        conditions.append(Opportunity.booked <= fields.quota)
    result = db.session.execute(
        update(Opportunity)
        .where(*conditions)
        .values(**fields.columns(), version=Opportunity.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise _why_refused(opportunity.id, version, fields)
    db.session.refresh(opportunity)
    if opportunity.is_training:
        _set_competencies(opportunity, fields.competency_ids)
        # A raised quota (or none) frees places: those waiting move up in order.
        training.fill_places(opportunity.id)
    db.session.flush()
    audit.record(
        actor,
        "opportunity.changed",
        SUBJECT,
        opportunity.id,
        {"before": before, "after": snapshot(opportunity)},
        reason,
    )
    db.session.commit()
    return True


def _why_refused(opportunity_id: int, version: int, fields: OpportunityFields):
    """Why a conditional UPDATE matched nothing: the row as it is now tells."""
    row = db.session.get(Opportunity, opportunity_id, populate_existing=True)
    if row is None or row.version != version:
        return Conflict(STALE)
    if row.is_training and fields.quota is not None and row.booked > fields.quota:
        return DomainError(
            _l(
                "%(booked)d places are taken: the quota cannot be lower.",
                booked=row.booked,
            ),
            field="quota",
        )
    return Conflict(RULES_LOCKED)


def _move(
    opportunity: Opportunity,
    version: int | None,
    source: OpportunityStatus,
    target: OpportunityStatus,
    wrong_step,
    **values,
) -> dict:
    """Move the opportunity from ``source`` to ``target`` if still as seen."""
    _seen(opportunity, version)
    if opportunity.status is not source:
        raise Conflict(wrong_step)
    before = {"status": opportunity.status.value}
    result = db.session.execute(
        update(Opportunity)
        .where(
            Opportunity.id == opportunity.id,
            Opportunity.version == version,
            Opportunity.status == source,
        )
        .values(status=target, version=Opportunity.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(STALE)
    db.session.refresh(opportunity)
    return {"before": before, "after": {"status": target.value}}


def publish(
    opportunity: Opportunity, version: int | None, actor: User, today: date
) -> int:
    """Open a draft to everyone and notify those it matches; how many were."""
    if opportunity.closes_on < today:
        raise DomainError(
            _l("The closing date has passed: change it before publishing."),
            field="closes_on",
        )
    details = _move(
        opportunity,
        version,
        OpportunityStatus.DRAFT,
        OpportunityStatus.PUBLISHED,
        _l("Only a draft can be published."),
        published_at=utcnow(),
    )
    audit.record(actor, "opportunity.published", SUBJECT, opportunity.id, details)
    matched = matching_employee_ids(opportunity, today.year)
    notify(
        matched,
        NotificationKind.OPPORTUNITY_OPENED,
        opportunity.id,
        actor.employee if actor.employee_id else None,
    )
    db.session.commit()
    return len(matched)


def close(
    opportunity: Opportunity, version: int | None, actor: User, reason: str = ""
) -> None:
    """Close a published opportunity; it stays listed for the record."""
    details = _move(
        opportunity,
        version,
        OpportunityStatus.PUBLISHED,
        OpportunityStatus.CLOSED,
        _l("Only a published opportunity can be closed."),
        closed_at=utcnow(),
    )
    audit.record(actor, "opportunity.closed", SUBJECT, opportunity.id, details, reason)
    db.session.commit()


# Who an opening concerns ---------------------------------------------------------


def rank_ids_within(rows: Collection, ranks: Collection) -> set[int]:
    """The ids of the ranks a position's rank rows admit (any row will do)."""
    by_code = {rank.code: rank for rank in ranks}
    admitted: set[int] = set()
    for row in rows:
        if row.kind != RequirementKind.RANK:
            continue
        low, high = by_code.get(row.value), by_code.get(row.value_max)
        bound = low or high
        if bound is None:
            continue
        admitted.update(
            rank.id
            for rank in ranks
            if rank.employment_type == bound.employment_type
            and (low is None or rank.ordinal >= low.ordinal)
            and (high is None or rank.ordinal <= high.ordinal)
        )
    return admitted


def matching_employee_ids(opportunity: Opportunity, year: int) -> list[int]:
    """The employees an opening concerns, from one aggregate query.

    A training: whose plan for ``year`` has a goal in one of its competencies.
    A vacancy: whose plan for ``year`` targets its position, or whose rank lies
    within the position's rank requirement (not those who hold it already).
    An announcement: nobody (it is on everyone's list).
    """
    if opportunity.is_training:
        ids = [c.id for c in opportunity.competencies]
        if not ids:
            return []
        statement = (
            select(CareerPlan.employee_id)
            .join(PlanGoal, PlanGoal.plan_id == CareerPlan.id)
            .where(CareerPlan.period == year, PlanGoal.competency_id.in_(ids))
            .distinct()
        )
    elif opportunity.is_vacancy and opportunity.position_id is not None:
        targets = select(CareerPlan.employee_id).where(
            CareerPlan.period == year,
            CareerPlan.target_position_id == opportunity.position_id,
        )
        ranks = rank_ids_within(opportunity.position.rules, catalogue.ranks())
        if ranks:
            within = select(Employee.id).where(
                Employee.rank_id.in_(ranks),
                (Employee.position_id != opportunity.position_id)
                | Employee.position_id.is_(None),
            )
            statement = union(targets, within)
        else:
            statement = targets
    else:
        return []
    return sorted(set(db.session.scalars(statement)))
