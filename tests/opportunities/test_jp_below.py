"""JP this year on the profile and the plan, and HR's list of the employees
below their target, computed in SQL, per unit."""

from __future__ import annotations

from datetime import date

from app.extensions import db
from app.i18n import local_today
from app.models import (
    MentoringSession,
    Mentorship,
    MentorshipRequest,
    RecordStatus,
    RequestStatus,
)
from tests.conftest import text_of
from tests.factories import make_employee, make_plan, make_pppk
from tests.opportunities.factories_training import make_record


def mentoring_minutes(world, mentee, minutes: int, held_on: date | None = None):
    accepted = MentorshipRequest(
        mentee=mentee, mentor=world.mentor, status=RequestStatus.ACCEPTED
    )
    mentorship = Mentorship(request=accepted, mentee=mentee, mentor=world.mentor)
    mentorship.sessions.append(
        MentoringSession(
            held_on=held_on or local_today(), minutes=minutes, topic="Tata naskah"
        )
    )
    db.session.add_all([accepted, mentorship])
    db.session.commit()


def verified(employee, jp: int, **fields):
    return make_record(employee, jp, status=RecordStatus.VERIFIED, **fields)


def ledger_world(world):
    """Kelurahan Alpha: Sri 25 JP (met), Andi 5, Rahmat none. Kelurahan Beta:
    Budi 10 + 90 minutes of mentoring (12 JP), Rina (PPPK, target 24) 22 JP and a
    certificate still waiting (it never counts), Joko 30 JP (met)."""
    verified(world.employee, 25)
    verified(world.colleague, 5)
    verified(world.outsider, 10)
    mentoring_minutes(world, world.outsider, 90)
    rina = make_pppk(world, "Rina Simanjuntak")
    rina.unit = world.kel_b
    joko = make_employee("Joko Sitepu", world.kel_b)
    db.session.commit()
    verified(rina, 22)
    make_record(rina, 50)  # submitted, not verified
    verified(joko, 30)
    verified(world.colleague, 40, completed_on=date(local_today().year - 1, 6, 1))
    return rina, joko


def rows(response) -> dict[str, str]:
    body = response.get_data(as_text=True)
    return {part.split('"', 1)[0]: part for part in body.split('data-employee="')[1:]}


def test_hr_sees_who_is_below_per_unit(world, login):
    rina, joko = ledger_world(world)
    client = login("hr")
    alpha = client.get(f"/hr/jp?unit={world.kel.id}")
    beta = client.get(f"/hr/jp?unit={world.kel_b.id}")
    assert alpha.status_code == beta.status_code == 200
    assert set(rows(alpha)) == {str(world.colleague.id), str(world.supervisor.id)}
    assert set(rows(beta)) == {str(world.outsider.id), str(rina.id)}
    assert "2 employees below the target" in text_of(alpha)
    budi = text_of_row(rows(beta)[str(world.outsider.id)])
    assert "12 of 20 JP" in budi
    rina_row = text_of_row(rows(beta)[str(rina.id)])
    assert "22 of 24 JP" in rina_row
    # Most missing first: Rahmat (20) before Andi (15).
    order = list(rows(alpha))
    assert order == [str(world.supervisor.id), str(world.colleague.id)]
    everyone = client.get(f"/hr/jp?unit={world.kec.id}")
    assert str(world.employee.id) not in rows(everyone)
    assert str(joko.id) not in rows(everyone)
    assert str(world.outsider.id) in rows(everyone)


def text_of_row(html: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("</tr>")[0]))


def test_a_bad_filter_is_a_400_with_a_message(world, login):
    client = login("hr")
    for query in ("unit=999999", "unit=x", "page=0", "page=abc"):
        response = client.get(f"/hr/jp?{query}")
        assert response.status_code == 400, query
        assert "Please correct the filters" in text_of(response)


def test_the_list_query_count_does_not_grow(world, login, count_queries):
    client = login("hr")
    counts = []
    for n in (1, 8):
        for i in range(n):
            make_employee(f"Pegawai {n}-{i}", world.kel_b)
        db.session.commit()
        with count_queries() as counter:
            assert client.get("/hr/jp").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_the_list_is_paged(world, login):
    for i in range(55):
        make_employee(f"Pegawai {i:02d}", world.kel_b)
    db.session.commit()
    client = login("hr")
    first = client.get("/hr/jp")
    assert len(rows(first)) == 50 and "Page 1 of 2" in text_of(first)
    second = client.get("/hr/jp?page=2")
    assert len(rows(second)) == 61 - 50  # 55 and the world's 6 employees


def test_the_profile_and_the_plan_show_jp_this_year(world, login):
    ledger_world(world)
    plan = make_plan(world, owner=world.outsider)
    client = login("outsider")
    profile = text_of(client.get("/profile"))
    assert "JP this year" in profile and "12 of 20 JP" in profile
    assert "Training: 10 JP" in profile and "Mentoring: 2 JP" in profile
    plan_page = text_of(client.get(f"/plans/{plan.id}"))
    assert "JP this year" in plan_page and "12 of 20 JP" in plan_page
