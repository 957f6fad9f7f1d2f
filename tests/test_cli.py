"""``flask load-catalogues`` and ``flask create-user``."""

import json

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Competency, Employee, Rank, User


def test_load_catalogues_is_idempotent(runner):
    first = runner.invoke(args=["load-catalogues"])
    assert first.exit_code == 0, first.output
    assert "Ranks: 34 added" in first.output
    assert "Competencies: 20 added" in first.output
    second = runner.invoke(args=["load-catalogues"])
    assert "Ranks: 0 added, 0 updated" in second.output
    ranks = db.session.scalars(select(Rank).order_by(Rank.ordinal)).all()
    assert [r.code for r in ranks][:2] == ["I/a", "I/b"]
    assert (ranks[8].code, ranks[8].name) == ("III/a", "Penata Muda")
    assert ranks[-1].name == "Pembina Utama"
    managerial = db.session.scalars(
        select(Competency.name)
        .where(Competency.code.like("M.%"))
        .order_by(Competency.code)
    ).all()
    assert managerial == [
        "Integritas",
        "Kerja Sama",
        "Komunikasi",
        "Orientasi pada Hasil",
        "Pelayanan Publik",
        "Pengembangan Diri dan Orang Lain",
        "Mengelola Perubahan",
        "Pengambilan Keputusan",
    ]
    perekat = db.session.scalar(select(Competency).where(Competency.code == "SK.01"))
    assert perekat.name == "Perekat Bangsa"
    assert [level.level for level in perekat.levels] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        json.dumps({"code": "M.01"}),
        json.dumps([{"code": "X.01", "category": "teknis", "name": "A", "levels": []}]),
        json.dumps(
            [
                {
                    "code": "X.01",
                    "category": "teknis",
                    "name": "A",
                    "levels": [{"level": n, "descriptor": "d"} for n in range(1, 6)],
                },
                {"code": "X.02", "category": "wrong", "name": "B", "levels": []},
            ]
        ),
    ],
    ids=["not-json", "not-a-list", "missing-levels", "bad-second-row"],
)
def test_broken_dictionary_is_refused_whole(runner, tmp_path, content):
    path = tmp_path / "dictionary.json"
    path.write_text(content)
    result = runner.invoke(args=["load-catalogues", "--competencies", str(path)])
    assert result.exit_code != 0
    assert "Error" in result.output
    assert db.session.scalar(select(func.count()).select_from(Competency)) == 0


def test_create_user_for_a_new_employee(runner, world):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "Baru@Marelan.example.id",
            "--nip",
            "19900101 201503 1 001",
            "--name",
            "Pegawai Baru",
            "--unit",
            "KEL-A",
            "--password",
            "panjang-sekali-1",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(
        select(User).where(User.email == "baru@marelan.example.id")
    )
    assert user.employee.nip == "199001012015031001"
    assert user.employee.unit.code == "KEL-A"
    assert not user.is_hr


def test_create_staff_only_admin(runner, world):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "ops@marelan.example.id",
            "--admin",
            "--password",
            "panjang-sekali-1",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "ops@marelan.example.id"))
    assert user.is_admin and user.employee is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--nip", "19900230 201503 1 001", "--name", "X", "--unit", "KEL-A"],
            "Invalid NIP",
        ),
        (
            ["--nip", "19900101 201503 1 001", "--name", "X", "--unit", "NOPE"],
            "Unknown unit",
        ),
        (["--nip", "19900101 201503 1 001", "--unit", "KEL-A"], "needs --name"),
        (["--email", "not-an-email"], "Invalid e-mail"),
        (["--email", "sri@uji.example.id"], "exists already"),
        (["--password", "short"], "at least 10"),
    ],
)
def test_create_user_refuses_bad_input(runner, world, args, message):
    base = {"--email": "new@marelan.example.id", "--password": "panjang-sekali-1"}
    for flag in ("--email", "--password"):
        if flag in args:
            base.pop(flag)
    argv = ["create-user", *args]
    for flag, value in base.items():
        argv += [flag, value]
    employees = db.session.scalar(select(func.count()).select_from(Employee))
    users = db.session.scalar(select(func.count()).select_from(User))
    result = runner.invoke(args=argv)
    assert result.exit_code != 0
    assert message in result.output
    assert db.session.scalar(select(func.count()).select_from(Employee)) == employees
    assert db.session.scalar(select(func.count()).select_from(User)) == users


def test_matching_eval_shows_the_model_beating_both_baselines(runner):
    result = runner.invoke(
        args=["matching-eval", "--mentees", "40", "--mentors", "80", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    rows = {
        line.split()[0]: [float(value) for value in line.split()[1:]]
        for line in result.output.splitlines()
        if line.split() and line.split()[0] in {"model", "random", "name_overlap"}
    }
    assert set(rows) == {"model", "random", "name_overlap"}
    for baseline in ("random", "name_overlap"):
        precision_1, precision_5, mrr = rows["model"]
        assert precision_1 >= rows[baseline][0] + 0.3
        assert precision_5 >= rows[baseline][1]
        assert mrr >= rows[baseline][2] + 0.2
