"""The area kit: domain errors answered once, page or partial, the catalogue."""

from __future__ import annotations

import pytest
from flask import render_template_string
from jinja2 import ChoiceLoader, DictLoader

from app import catalogue
from app.errors import Conflict, DomainError, refusal_on_form
from app.extensions import db
from app.htmx import go_to, page_or_partial, saved_part, wants_partial
from app.models import Unit
from app.plans.readiness import catalogue_candidates
from tests.conftest import text_of
from tests.factories import make_competency, make_unit

HX = {"HX-Request": "true"}


# Domain errors ------------------------------------------------------------------


@pytest.fixture
def refusing_app(app):
    """Routes that raise the two domain errors after writing a unit."""

    def write_then_raise(error):
        make_unit("HALF", "Half-written unit")
        db.session.flush()
        raise error

    @app.get("/refuse")
    def refuse():
        write_then_raise(DomainError("The rules say no."))

    @app.get("/conflict")
    def conflict():
        write_then_raise(Conflict("It moved on meanwhile."))

    return app


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [("/refuse", 422, "The rules say no."), ("/conflict", 409, "It moved on")],
)
def test_a_domain_error_no_view_caught_is_answered_once(
    refusing_app, world, path, status, message
):
    client = refusing_app.test_client()
    response = client.get(path)
    assert response.status_code == status
    assert message in text_of(response)
    assert "<html" in response.get_data(as_text=True)
    partial = client.get(path, headers=HX)
    assert partial.status_code == status
    assert "<html" not in partial.get_data(as_text=True)
    # Nothing of the refused change was kept; the world's units are still there.
    assert db.session.query(Unit).filter_by(code="HALF").count() == 0
    assert db.session.query(Unit).count() >= 2


def test_refusal_on_form_puts_a_refusal_beside_its_field_and_stops_a_conflict(app):
    from app.plans.forms import ReviewForm

    with app.test_request_context(method="POST"):
        form = ReviewForm(meta={"csrf": False})
        refusal_on_form(form, DomainError("Too long.", field="comment"))
        refusal_on_form(form, DomainError("Not now."))
        assert list(form.comment.errors) == ["Too long."]
        assert form.form_errors == ["Not now."]
        with pytest.raises(Exception) as stopped:
            refusal_on_form(form, Conflict("Reload."))
        assert stopped.value.code == 409


# Page or partial ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "target", "expected"),
    [
        ({}, None, False),
        (HX, None, True),
        ({**HX, "HX-Boosted": "true"}, None, False),
        ({**HX, "HX-Target": "results"}, "results", True),
        ({**HX, "HX-Target": "elsewhere"}, "results", False),
        ({**HX, "HX-Target": "results", "HX-Boosted": "true"}, "results", False),
    ],
)
def test_wants_partial_follows_what_htmx_asked(app, headers, target, expected):
    with app.test_request_context(headers=headers):
        assert wants_partial(target) is expected


def test_page_or_partial_renders_the_one_asked_for(app):
    templates = {
        "kit/page.html": "PAGE {{ name }} {{ status }}",
        "kit/_part.html": "PART {{ name }} {{ status }}",
    }
    app.jinja_env.loader = ChoiceLoader([DictLoader(templates), app.jinja_env.loader])
    # A page's own "status" (a filter) is context, never the response's status.
    context = {"name": "x", "status": "submitted"}
    with app.test_request_context():
        page = page_or_partial("kit/page.html", "kit/_part.html", context)
        assert page == ("PAGE x submitted", 200)
    with app.test_request_context(headers=HX):
        part = page_or_partial(
            "kit/page.html", "kit/_part.html", context, status=422, push_url="/q?a=1"
        )
        assert (part.get_data(as_text=True), part.status_code) == (
            "PART x submitted",
            422,
        )
        assert part.headers["HX-Push-Url"] == "/q?a=1"
    with app.test_request_context(headers={**HX, "HX-Target": "elsewhere"}):
        aimed = page_or_partial("kit/page.html", "kit/_part.html", context, target="x")
        assert aimed[0].startswith("PAGE")


def test_saved_part_carries_the_saved_event(app):
    with app.test_request_context(headers=HX):
        response = saved_part(render_template_string("ok"), "Saved: it.", 201)
        assert response.status_code == 201
        assert response.headers["HX-Trigger"] == '{"jenjang:saved": "Saved: it."}'
        assert "HX-Trigger" not in saved_part("ok", None).headers


def test_go_to_redirects_or_lets_htmx_navigate(app):
    with app.test_request_context():
        response = go_to("/plans", "Done.")
        assert (response.status_code, response.location) == (303, "/plans")
    with app.test_request_context(headers=HX):
        response = go_to("/plans", "Done.")
        assert response.status_code == 200
        assert response.headers["HX-Location"] == "/plans"


# Catalogue ----------------------------------------------------------------------


def test_the_catalogue_is_read_once_per_transaction(app, world, count_queries):
    db.session.commit()
    with count_queries() as counter:
        first = catalogue.competencies()
        assert catalogue.competency_by_code(first[0].code) is first[0]
        assert catalogue.competencies_by_id([first[0].id]) == {first[0].id: first[0]}
        catalogue.competencies()
    assert counter.count == 1
    assert [c.code for c in first] == sorted(c.code for c in first)


def test_a_commit_forgets_the_catalogue(app, world):
    before = {c.code for c in catalogue.competencies()}
    make_competency("T.99", "Kompetensi Baru")
    db.session.commit()
    after = {c.code for c in catalogue.competencies()}
    assert after == before | {"T.99"}
    assert catalogue.competency_by_code("T.99") is not None
    assert catalogue.competency_by_code("T.98") is None
    assert catalogue.competency_by_code("") is None


def test_units_below_a_unit_follow_the_tree(app, world):
    top = make_unit("TOP", "Kantor")
    middle = make_unit("MID", "Seksi", parent=top)
    make_unit("LOW", "Sub", parent=middle)
    make_unit("OTHER", "Lain")
    db.session.commit()
    by_code = {unit.code: unit.id for unit in catalogue.units()}
    assert catalogue.unit_with_descendants(by_code["TOP"]) == {
        by_code["TOP"],
        by_code["MID"],
        by_code["LOW"],
    }
    assert catalogue.unit_with_descendants(by_code["LOW"]) == {by_code["LOW"]}
    assert catalogue.unit_by_code("MID").name == "Seksi"


def test_positions_with_standards_carry_their_requirements(app, world, count_queries):
    db.session.commit()
    plain = catalogue.positions()
    assert [p.name for p in plain] == sorted(p.name for p in plain)
    db.session.commit()
    with count_queries() as counter:
        standards = catalogue_candidates()
        required = sum(len(c.standard) for c in standards)
        codes = {need.code for c in standards for need in c.standard}
        kinds = {rule.kind for c in standards for rule in c.rules}
        units = {p.unit.code for p in catalogue.positions() if p.unit}
    assert required > 0 and codes and kinds and units
    assert counter.count <= 3  # positions, their standards, their requirement rows
    assert catalogue.position_by_code(plain[0].code) is plain[0]
    assert catalogue.position_by_code("NO-SUCH") is None
