"""The career rules over the seeded demo: every kind of requirement the catalogue
uses is met for someone, not met for someone and, where it can be, unknown."""

from __future__ import annotations

from collections import defaultdict

import pytest
from sqlalchemy import select

from app.demo.catalogue import persona_nip
from app.extensions import db
from app.i18n import local_today
from app.models import Employee, PositionRequirement
from app.rules import Readiness, State, classify, evaluate
from tests.demo.facts import Demo, load_demo

# What the rules read for these kinds is always there (the employment type, the
# number's birth date and TMT, the service status, the post held), so they are
# met or not met, never unknown.
ALWAYS_KNOWN = {"employment_type", "service_years", "age_max", "status", "family"}


@pytest.fixture
def demo(runner) -> Demo:
    result = runner.invoke(args=["seed-demo", "--employees", "100"])
    assert result.exit_code == 0, result.output
    return load_demo()


def _judge(demo: Demo, person, post) -> Readiness:
    return evaluate(
        person,
        demo.rules.get(post.id, ()),
        demo.standards.get(post.id, ()),
        local_today(),
        ranks=demo.ranks,
        candidate=post,
    )


def _person(demo: Demo, role: str):
    employee_id = db.session.scalar(
        select(Employee.id).where(Employee.nip == persona_nip(role))
    )
    return demo.people[employee_id]


def _post(demo: Demo, code: str):
    return next(post for post in demo.posts.values() if post.code == code)


def test_every_kind_of_requirement_shows_every_verdict(demo):
    """Each person against each post they could move to (whatever the kind of
    move, barred or not): the states seen per requirement kind."""
    seen: dict[str, set[State]] = defaultdict(set)
    for person in demo.people.values():
        for post in demo.posts.values():
            if classify(person.post, post) is None:
                continue
            for verdict in _judge(demo, person, post).verdicts:
                seen[verdict.kind].add(verdict.state)
    used = set(db.session.scalars(select(PositionRequirement.kind).distinct()))
    assert {kind.value for kind in used} | {"competency"} == set(seen)
    for kind, states in seen.items():
        expected = {State.MET, State.NOT_MET}
        if kind not in ALWAYS_KNOWN:
            expected.add(State.UNKNOWN)
        assert states == expected, kind


def test_nadia_meets_some_misses_some_and_some_are_unknown(demo):
    nadia = _person(demo, "employee")
    verdicts = {
        v.kind: v for v in _judge(demo, nadia, _post(demo, "SEKLUR-LD")).verdicts
    }
    assert verdicts["rank"].state is State.MET
    assert verdicts["education"].state is State.MET
    assert verdicts["employment_type"].state is State.MET
    assert verdicts["discipline"].state is State.MET  # checked, none in force
    assert verdicts["experience"].state is State.NOT_MET  # two years of four
    assert verdicts["skp"].state is State.UNKNOWN  # last year's not in yet
    pkp = verdicts["training"]
    assert pkp.state is State.NOT_MET and not pkp.blocking  # a gap to plan for


def test_fitri_lacks_what_ahli_muda_asks(demo):
    fitri = _person(demo, "admin")
    readiness = _judge(demo, fitri, _post(demo, "PRANATA-KOMPUTER-MUDA"))
    verdicts = {v.kind: v.state for v in readiness.verdicts}
    assert verdicts["rank"] is State.MET  # III/b, the top of Ahli Pertama
    assert verdicts["credit_points"] is State.NOT_MET
    assert verdicts["competency_test"] is State.NOT_MET
    assert verdicts["skp"] is State.MET


def test_rina_the_pppk_guru(demo):
    rina = _person(demo, "pppk")
    assert rina.pppk and rina.rank.pppk
    camat = _judge(demo, rina, _post(demo, "CAMAT"))
    assert camat.barred  # no managerial post for a PPPK
    kasek = {
        v.kind: v.state
        for v in _judge(demo, rina, _post(demo, "KASEK-060925")).verdicts
    }
    assert kasek["family"] is State.MET
    assert kasek["certificate"] is State.MET  # her sertifikat pendidik
    assert "rank" not in kasek  # a pangkat row does not apply to a PPPK
