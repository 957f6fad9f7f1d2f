"""``flask load-catalogues`` and ``flask create-user``."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app import catalogue
from app.extensions import db
from app.models import Competency, Employee, EmploymentType, User
from tests.factories import make_pppk


def test_load_catalogues_is_idempotent(runner):
    first = runner.invoke(args=["load-catalogues"])
    assert first.exit_code == 0, first.output
    assert "Ranks: 34 added" in first.output
    assert "Competencies: 20 added" in first.output
    second = runner.invoke(args=["load-catalogues"])
    assert "Ranks: 0 added, 0 updated" in second.output
    ranks = catalogue.ranks()  # PNS pangkat/golongan first, then PPPK golongan
    assert [r.employment_type for r in ranks] == [EmploymentType.PNS] * 17 + [
        EmploymentType.PPPK
    ] * 17
    assert [r.code for r in ranks][:2] == ["I/a", "I/b"]
    assert (ranks[8].code, ranks[8].name) == ("III/a", "Penata Muda")
    assert ranks[16].name == "Pembina Utama"
    assert [r.code for r in ranks][17:20] == ["I", "II", "III"]
    assert (ranks[25].code, ranks[25].label) == ("IX", "Golongan IX")
    assert ranks[-1].name == "Golongan XVII"
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


NEW = ["--name", "Pegawai Baru", "--unit", "KEL-A"]


def _months_ahead(months: int) -> str:
    """YYYYMM of the month ``months`` from now (a TMT CPNS)."""
    today = date.today()
    month = today.month - 1 + months
    return f"{today.year + month // 12:04d}{month % 12 + 1:02d}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--nip", "19900230 201503 1 001", "--name", "X", "--unit", "KEL-A"],
            "Invalid NIP or NI: The first 8 digits of the NIP are not a real birth",
        ),
        (
            ["--nip", "19900101 201503 1 001", "--name", "X", "--unit", "NOPE"],
            "Unknown unit",
        ),
        (["--nip", "19900101 201503 1 001", "--unit", "KEL-A"], "needs --name"),
        (["--rank", "III/a"], "give --nip too"),
        (["--pppk"], "give --nip too"),
        (
            [*NEW, "--nip", "19900101 2022 2 1 2 001", "--rank", "III/a"],
            "Rank III/a is a PNS pangkat/golongan, but 19900101 2022 2 1 2 001 is "
            "the NI of a PPPK, who holds a PPPK golongan, I to XVII.",
        ),
        (
            [*NEW, "--nip", "19900101 201503 1 001", "--rank", "IX"],
            "Rank IX is a PPPK golongan, but 19900101 201503 1 001 is the NIP of a "
            "PNS, who holds a PNS pangkat/golongan, I/a to IV/e.",
        ),
        ([*NEW, "--nip", "19900101 201503 1 001", "--rank", "III/z"], "Unknown rank"),
        (
            [*NEW, "--nip", "19900101 2022 3 1 2 001"],
            "Invalid NIP or NI: Digit 13 of an NI is the PPPK type digit and must",
        ),
        (
            [*NEW, "--pppk", "--nip", "19900101 201503 1 001"],
            "Invalid NI: Digit 13 of an NI is the PPPK type digit",
        ),
        (
            [*NEW, "--pns", "--nip", "199001012022212001"],
            "19900101 2022 2 1 2 001 is the NI of a PPPK (digit 13 is 2), not an NIP",
        ),
        (
            [*NEW, "--nip", "19900101 2022 2 0 2 001"],
            "Invalid NIP or NI: Digit 14 of the NI is the contract number",
        ),
        (
            [*NEW, "--nip", f"20000315{_months_ahead(13)}1001"],
            "The TMT CPNS in the NIP lies more than a year in the future.",
        ),
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


@pytest.mark.parametrize(
    ("args", "ni", "rank"),
    [
        (["--nip", "19900101 2022 2 1 2 001", "--rank", "IX"], True, "IX"),
        (["--pppk", "--nip", "199001012022212001", "--rank", "IX"], True, "IX"),
        (["--nip", "199001012022212001"], True, None),
        (
            ["--pns", "--nip", "19900101 201503 1 001", "--rank", "III/a"],
            False,
            "III/a",
        ),
        (
            ["--nip", f"20000315 {_months_ahead(6)} 1 001", "--rank", "III/a"],
            False,
            "III/a",
        ),
    ],
    ids=["ni", "ni-with-pppk", "ni-without-rank", "nip-with-pns", "cpns-tmt-ahead"],
)
def test_create_user_for_a_new_pppk_or_pns(runner, world, args, ni, rank):
    argv = ["create-user", "--email", "baru@marelan.example.id", *NEW, *args]
    result = runner.invoke(args=[*argv, "--password", "panjang-sekali-1"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(
        select(User).where(User.email == "baru@marelan.example.id")
    )
    employee = user.employee
    assert employee.employment_type is (
        EmploymentType.PPPK if ni else EmploymentType.PNS
    )
    assert (employee.rank.code if employee.rank else None) == rank
    if ni:
        assert employee.nip == "199001012022212001"
        assert employee.rank is None or employee.rank.label == "Golongan IX"


def test_create_user_links_an_existing_employee_but_sets_no_rank(runner, world):
    rina = make_pppk(world, rank=None)
    db.session.commit()
    argv = ["create-user", "--email", "rina@uji.example.id", "--nip", rina.nip]
    argv += ["--password", "panjang-sekali-1"]
    refused = runner.invoke(args=[*argv, "--rank", "IX"])
    assert refused.exit_code != 0
    assert "--rank is only for a new one" in refused.output
    assert rina.user is None
    linked = runner.invoke(args=argv)
    assert linked.exit_code == 0, linked.output
    assert rina.user.email == "rina@uji.example.id"
    assert rina.rank is None


def test_matching_eval_prints_each_size_with_the_model_ahead(runner):
    result = runner.invoke(
        args=[
            "matching-eval",
            *("--size", "40x120", "--size", "30x100"),
            *("--seed", "3", "--seed", "4"),
        ]
    )
    assert result.exit_code == 0, result.output
    output = result.output
    assert "40 mentees x 120 mentors, seeds 3, 4" in output
    assert "30 mentees x 100 mentors, seeds 3, 4" in output
    first = output.split("30 mentees x 100 mentors")[0]
    methods = {"model", "model_without_text", "cosine", "name_overlap", "random"}
    means = {
        line.split()[0]: [float(line.split()[k]) for k in (1, 3, 5)]
        for line in first.splitlines()
        if line.split() and line.split()[0] in methods and "(" in line
    }
    assert set(means) == methods
    for baseline in methods - {"model"}:
        precision_1, precision_5, mrr = means["model"]
        assert precision_1 >= means[baseline][0]
        assert precision_5 >= means[baseline][1]
        assert mrr >= means[baseline][2]
    assert means["model"][2] >= means["cosine"][2] + 0.3
    assert "Traps ranked above the planted mentor" in first
    assert "Cohort (3 places per mentor, exact)" in first


@pytest.mark.parametrize(
    "args, message",
    [
        (["--size", "40"], "is not MENTEESxMENTORS"),
        (["--size", "axb"], "is not MENTEESxMENTORS"),
        (["--size", "0x100"], "mentees from 1"),
        (["--size", "40x99999"], "up to 20000"),
        (["--seed", "-1"], "--seed"),
    ],
)
def test_matching_eval_refuses_bad_sizes_and_seeds(runner, args, message):
    result = runner.invoke(args=["matching-eval", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
