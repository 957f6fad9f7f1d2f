"""Person x position cases written by hand from DOMAIN.md.

Each row: who (post, rank and facts), which position, the kind of move the
career paths should call it (None: not offered), and the verdicts expected for
the requirements that the case is about. The defects of issue 10 are rows too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.rules import Held, Level, Penalty, State, classify, evaluate
from app.rules.paths import career_paths
from tests.rules.catalogue import (
    ALL,
    COMMUNICATION,
    INTEGRITY,
    RANKS,
    TODAY,
    C,
    person,
    standard,
)

MET, NOT, UNK = State.MET, State.NOT_MET, State.UNKNOWN
CHECKED = date(2026, 6, 1)
GOOD = {2025: "baik", 2024: "sangat_baik"}


def ac(level, on=date(2025, 3, 1)):
    """Assessment-centre levels in both standard competencies."""
    return {c: (Level(level, "assessment", on),) for c in (INTEGRITY, COMMUNICATION)}


def own(level, source="self"):
    return {
        c: (Level(level, source, date(2026, 1, 5)),) for c in (INTEGRITY, COMMUNICATION)
    }


def ujikom(target):
    return Held("UJI-KOMPETENSI", date(2026, 2, 1), position_id=C[target].post.id)


CASES = [
    # --- defects of issue 10 ------------------------------------------------
    (
        "mahir-to-penyelia is the next jenjang",
        person("ARSIPARIS-MAHIR", "III/b"),
        "ARSIPARIS-PENYELIA",
        "next_jenjang",
        {"rank": MET},
    ),
    (
        "pemula-to-terampil is the next jenjang",
        person("POLPP-PEMULA", "II/a", education="SMA"),
        "POLPP-TERAMPIL",
        "next_jenjang",
        {"rank": MET},
    ),
    (
        "mahir-to-ahli-pertama is across tracks",
        person("PRANATA-KOMPUTER-MAHIR", "III/a"),
        "PRANATA-KOMPUTER-PERTAMA",
        "cross_track",
        {"rank": MET, "education": MET},
    ),
    (
        "top rank of ahli pertama (III/b) meets ahli muda's rank",
        person("ARSIPARIS-PERTAMA", "III/b", post_since=date(2026, 10, 1)),
        "ARSIPARIS-MUDA",
        "next_jenjang",
        {"rank": MET},
    ),
    (
        "a fresh III/b has no years-in-rank to wait for",
        person("GURU-PERTAMA", "III/b", post_since=date(2026, 11, 1)),
        "GURU-MUDA",
        "next_jenjang",
        {"rank": MET},
    ),
    (
        "kepala sekolah is offered to a guru ahli muda",
        person("GURU-MUDA", "III/c"),
        "KEPSEK",
        "additional_task",
        {"family": MET, "rank": MET},
    ),
    (
        "kepala sekolah is not for a nurse",
        person("PERAWAT-MUDA", "III/c"),
        "KEPSEK",
        None,
        {"family": NOT},
    ),
    (
        "kepala sekolah is not for computer staff",
        person("PRANATA-KOMPUTER-MUDA", "III/c"),
        "KEPSEK",
        None,
        {"family": NOT},
    ),
    (
        "guru to dokter is no horizontal move",
        person("GURU-PERTAMA", "III/a", education_field="Pendidikan"),
        "DOKTER-PERTAMA",
        None,
        {"education": NOT},
    ),
    (
        "sekretaris lurah to lurah is a promotion",
        person("SEKLUR", "III/c"),
        "LURAH",
        "promotion",
        {"rank": MET},
    ),
    (
        "sekretaris camat to camat is a promotion",
        person("SEKCAM", "III/d"),
        "CAMAT",
        "promotion",
        {"rank": MET},
    ),
    (
        "a pppk is never judged on a pns rank",
        person("GURU-PERTAMA", "IX", pppk=True, education_field="Pendidikan"),
        "GURU-PERTAMA-AS-TARGET",
        None,
        {"rank": MET},
    ),
    (
        "a pppk is not offered a managerial post",
        person("PENATA-LAYANAN", "IX"),
        "KASI-KEL",
        None,
        {"employment_type": NOT},
    ),
    (
        "self-assessment alone is indicative, never ready",
        person(
            "ARSIPARIS-MAHIR",
            "III/b",
            levels=own(4),
            ratings=GOOD,
            credit_points=Decimal(120),
            certificates=(ujikom("ARSIPARIS-PENYELIA"),),
            records_checked_on=CHECKED,
            education="D3",
        ),
        "ARSIPARIS-PENYELIA",
        "next_jenjang",
        {"competency": MET},
    ),
    # --- managerial rules (PP 11/2017 ps. 54) ------------------------------
    (
        "pengawas needs 4 years as pelaksana: 5 years counts",
        person("PENGADM", "III/a", post_since=date(2021, 7, 1)),
        "KASI-KEL",
        "promotion",
        {"experience": MET},
    ),
    (
        "pengawas needs 4 years as pelaksana: 2 years is short",
        person("PENGADM", "III/a", post_since=date(2024, 7, 1)),
        "KASI-KEL",
        "promotion",
        {"experience": NOT},
    ),
    (
        "no TMT jabatan: experience is unknown, not met",
        person("PENGADM", "III/a"),
        "KASI-KEL",
        "promotion",
        {"experience": UNK},
    ),
    (
        "administrator from a pengawas post of 3 years",
        person("LURAH", "III/d", post_since=date(2023, 1, 1)),
        "SEKCAM",
        "promotion",
        {"experience": MET},
    ),
    (
        "lurah asks 10 years of service: 8 is not enough",
        person("SEKLUR", "III/c", service_start=date(2018, 3, 1)),
        "LURAH",
        "promotion",
        {"service_years": NOT},
    ),
    (
        "skp baik for two years, both recorded",
        person("SEKLUR", "III/c", ratings=GOOD),
        "LURAH",
        "promotion",
        {"skp": MET},
    ),
    (
        "skp butuh perbaikan in one of two years fails",
        person("SEKLUR", "III/c", ratings={2025: "butuh_perbaikan", 2024: "baik"}),
        "LURAH",
        "promotion",
        {"skp": NOT},
    ),
    (
        "skp missing for a year is unknown",
        person("SEKLUR", "III/c", ratings={2025: "baik"}),
        "LURAH",
        "promotion",
        {"skp": UNK},
    ),
    (
        "a light penalty in force bars a managerial post",
        person(
            "SEKLUR",
            "III/c",
            records_checked_on=CHECKED,
            penalties=(Penalty("ringan", date(2026, 5, 1), date(2027, 4, 30)),),
        ),
        "LURAH",
        "promotion",
        {"discipline": NOT},
    ),
    (
        "an ended penalty no longer bars",
        person(
            "SEKLUR",
            "III/c",
            records_checked_on=CHECKED,
            penalties=(Penalty("berat", date(2020, 1, 1), date(2022, 12, 31)),),
        ),
        "LURAH",
        "promotion",
        {"discipline": MET},
    ),
    (
        "penalties never checked: discipline is unknown",
        person("SEKLUR", "III/c"),
        "LURAH",
        "promotion",
        {"discipline": UNK},
    ),
    (
        "a cpns cannot be promoted",
        person("PENGADM", "III/a", status="cpns"),
        "KASI-KEL",
        "promotion",
        {"status": NOT},
    ),
    (
        "on study leave: not now",
        person("ARSIPARIS-MAHIR", "III/b", status="study_leave"),
        "ARSIPARIS-PENYELIA",
        "next_jenjang",
        {"status": NOT},
    ),
    (
        "leadership training follows appointment: planned, not counted",
        person("SEKLUR", "III/c", records_checked_on=CHECKED),
        "LURAH",
        "promotion",
        {"training": NOT},
    ),
    (
        "camat: a government degree meets the post's qualification",
        person("SEKCAM", "III/d", education_field="Ilmu Pemerintahan"),
        "CAMAT",
        "promotion",
        {"education": MET},
    ),
    (
        "camat: another field with the kepamongprajaan certificate",
        person(
            "SEKCAM",
            "III/d",
            education_field="Ekonomi",
            certificates=(Held("KEPAMONGPRAJAAN", date(2022, 5, 1)),),
        ),
        "CAMAT",
        "promotion",
        {"certificate": MET},
    ),
    # --- functional rules (PermenPANRB 1/2023) -----------------------------
    (
        "credit points 100 for ahli muda: 80 is short",
        person("ARSIPARIS-PERTAMA", "III/b", credit_points=Decimal("80.5")),
        "ARSIPARIS-MUDA",
        "next_jenjang",
        {"credit_points": NOT},
    ),
    (
        "credit points never recorded are unknown",
        person("ARSIPARIS-PERTAMA", "III/b"),
        "ARSIPARIS-MUDA",
        "next_jenjang",
        {"credit_points": UNK},
    ),
    (
        "uji kompetensi passed for this jenjang",
        person("ARSIPARIS-PERTAMA", "III/b", certificates=(ujikom("ARSIPARIS-MUDA"),)),
        "ARSIPARIS-MUDA",
        "next_jenjang",
        {"competency_test": MET},
    ),
    (
        "uji kompetensi for another post does not count",
        person(
            "ARSIPARIS-PERTAMA",
            "III/b",
            records_checked_on=CHECKED,
            certificates=(ujikom("GURU-MUDA"),),
        ),
        "ARSIPARIS-MUDA",
        "next_jenjang",
        {"competency_test": NOT},
    ),
    (
        "a rank above the jenjang's band is not met",
        person("PERAWAT-PERTAMA", "IV/a"),
        "PERAWAT-MUDA",
        "next_jenjang",
        {"rank": NOT},
    ),
    (
        "no rank recorded is unknown, never met",
        person("ARSIPARIS-PERTAMA", None),
        "ARSIPARIS-MUDA",
        "next_jenjang",
        {"rank": UNK},
    ),
    (
        "a nurse's STR expired",
        person(
            "PERAWAT-TERAMPIL",
            "II/c",
            education="D3",
            education_field="Keperawatan",
            certificates=(Held("STR", date(2019, 1, 1), date(2024, 1, 1)),),
        ),
        "PERAWAT-PERTAMA",
        "cross_track",
        {"certificate": NOT, "education": NOT},
    ),
    (
        "education field unknown is not a bar",
        person("PERAWAT-MAHIR", "III/a", education="S1"),
        "PERAWAT-PERTAMA",
        "cross_track",
        {"education": UNK},
    ),
    # --- kepala sekolah (Permendikdasmen 7/2025) ---------------------------
    (
        "kepala sekolah: 57 is above the age cap",
        person("GURU-MUDA", "III/d", birth_date=date(1969, 5, 1)),
        "KEPSEK",
        "additional_task",
        {"age_max": NOT},
    ),
    (
        "kepala sekolah: a light penalty does not bar, a moderate one does",
        person(
            "GURU-MUDA",
            "III/c",
            records_checked_on=CHECKED,
            penalties=(Penalty("ringan", date(2026, 1, 1), date(2026, 12, 31)),),
        ),
        "KEPSEK",
        "additional_task",
        {"discipline": MET},
    ),
    (
        "kepala sekolah: a moderate penalty bars",
        person(
            "GURU-MUDA",
            "III/c",
            records_checked_on=CHECKED,
            penalties=(Penalty("sedang", date(2026, 1, 1), date(2027, 6, 30)),),
        ),
        "KEPSEK",
        "additional_task",
        {"discipline": NOT},
    ),
    # --- horizontal moves ---------------------------------------------------
    (
        "kasi kelurahan to sekretaris lurah is horizontal (both IVb)",
        person("KASI-KEL", "III/b"),
        "SEKLUR",
        "horizontal",
        {"rank": MET},
    ),
    (
        "pelaksana to another pelaksana of the same grade",
        person("PENGADM", "II/c", education="SMA"),
        "PENATA-LAYANAN",
        "horizontal",
        {"education": NOT},
    ),
    (
        "lurah to sekretaris lurah is no move up or across",
        person("LURAH", "III/d"),
        "SEKLUR",
        None,
        {"rank": MET},
    ),
    (
        "pelaksana to camat skips a rung",
        person("PENGADM", "III/d"),
        "CAMAT",
        None,
        {"employment_type": MET},
    ),
]

# A PPPK guru judged against the guru post itself (classify: same post, no move).
C["GURU-PERTAMA-AS-TARGET"] = C["GURU-PERTAMA"]


@pytest.mark.parametrize(
    ("who", "target", "move", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_case(who, target, move, expected):
    candidate = C[target]
    readiness = evaluate(
        who, candidate.rules, candidate.standard, TODAY, ranks=RANKS,
        candidate=candidate.post,
    )  # fmt: skip
    for kind, state in expected.items():
        states = {v.state for v in readiness.verdicts if v.kind == kind}
        assert states, f"no {kind} verdict"
        assert state in states, (
            kind,
            [v for v in readiness.verdicts if v.kind == kind],
        )
    found = classify(who.post, candidate.post)
    offered = found is not None and not readiness.barred
    assert (found.value if offered else None) == move


def test_there_are_at_least_thirty_hand_written_cases():
    assert len(CASES) >= 30


def test_self_assessment_alone_is_indicative_never_ready():
    who = CASES[13][1]
    target = C["ARSIPARIS-PENYELIA"]
    readiness = evaluate(
        who, target.rules, target.standard, TODAY, ranks=RANKS, candidate=target.post
    )
    assert readiness.met == readiness.total and readiness.percent == 100
    assert readiness.indicative and not readiness.ready
    assert readiness.status == "indicative"
    # The same levels from a valid assessment centre make it ready.
    assessed = type(who)(**{**who.__dict__, "levels": ac(4)})
    readiness = evaluate(
        assessed, target.rules, target.standard, TODAY, ranks=RANKS,
        candidate=target.post,
    )  # fmt: skip
    assert readiness.ready and readiness.status == "ready"


def test_an_expired_assessment_falls_back_to_indicative_levels():
    who = person("ARSIPARIS-MAHIR", "III/b", levels={
        INTEGRITY: (Level(4, "assessment", date(2022, 11, 30)),
                    Level(3, "supervisor", date(2026, 2, 1))),
    })  # fmt: skip
    verdicts = evaluate(who, (), standard(4), TODAY, ranks=RANKS).verdicts
    integrity = verdicts[0]
    assert integrity.state is NOT and integrity.data["source"] == "supervisor"
    assert integrity.data["expired_on"] == date(2025, 11, 30)
    assert verdicts[1].state is UNK  # Komunikasi never assessed


def test_a_valid_assessment_outranks_a_newer_supervisor_level():
    who = person("ARSIPARIS-MAHIR", "III/b", levels={
        INTEGRITY: (Level(2, "assessment", date(2024, 1, 10)),
                    Level(5, "supervisor", date(2026, 2, 1))),
    })  # fmt: skip
    verdict = evaluate(who, (), standard(4), TODAY, ranks=RANKS)
    first = verdict.verdicts[0]
    assert (first.state, first.data["level"], first.indicative) == (NOT, 2, False)
    assert first.data["valid_until"] == date(2027, 1, 10)


def test_unknown_counts_against_the_percentage_but_is_never_met():
    who = person("SEKLUR", "III/c")  # no TMT, no SKP, records never checked
    target = C["LURAH"]
    readiness = evaluate(
        who, target.rules, target.standard, TODAY, ranks=RANKS, candidate=target.post
    )
    assert readiness.unknown >= 4 and readiness.not_met == 0
    assert readiness.status == "incomplete" and not readiness.ready
    assert readiness.percent < 100


def test_an_or_group_counts_once_and_is_met_by_either():
    target = C["CAMAT"]
    both_missing = person("SEKCAM", "III/d", education_field="Ekonomi",
                          records_checked_on=CHECKED)  # fmt: skip
    readiness = evaluate(
        both_missing, target.rules, target.standard, TODAY, ranks=RANKS
    )
    group = [item for item in readiness.items if len(item.verdicts) == 2]
    assert len(group) == 1 and group[0].state is NOT
    assert not readiness.barred  # a certificate can still be earned
    with_certificate = type(both_missing)(**{
        **both_missing.__dict__,
        "certificates": (Held("KEPAMONGPRAJAAN", date(2020, 1, 1)),),
    })  # fmt: skip
    readiness = evaluate(
        with_certificate, target.rules, target.standard, TODAY, ranks=RANKS
    )
    group = [item for item in readiness.items if len(item.verdicts) == 2]
    assert group[0].state is MET


def test_training_to_plan_for_does_not_decide_readiness():
    target = C["LURAH"]
    who = person("SEKLUR", "III/d", post_since=date(2015, 1, 1),
                 service_start=date(2008, 1, 1), ratings=GOOD,
                 records_checked_on=CHECKED, levels=ac(3))  # fmt: skip
    readiness = evaluate(who, target.rules, target.standard, TODAY, ranks=RANKS)
    assert readiness.ready
    assert [item.verdicts[0].data["code"] for item in readiness.to_plan] == ["PKP"]


def test_career_paths_order_up_the_ladder_and_leave_out_what_is_barred():
    who = person("SEKLUR", "III/c")
    found = career_paths(who, ALL, TODAY, ranks=RANKS)
    promotions = [p.candidate.post.code for p in found.paths["promotion"]]
    assert promotions == ["LURAH", "SEKCAM", "CAMAT"]  # IVa, IIIb, IIIa
    horizontal = [p.candidate.post.code for p in found.paths["horizontal"]]
    assert horizontal[0] == "KASI-KEL"  # a post of its own kind first
    assert "ARSIPARIS-MUDA" in horizontal  # pengawas ~ Ahli Muda
    pppk = person("PENATA-LAYANAN", "IX")
    found = career_paths(pppk, ALL, TODAY, ranks=RANKS)
    assert found.counts["promotion"] == 0
    guru = person("GURU-MUDA", "III/c", education_field="Pendidikan")
    found = career_paths(guru, ALL, TODAY, ranks=RANKS)
    assert [p.candidate.post.code for p in found.paths["additional_task"]] == ["KEPSEK"]
    nurse = person("PERAWAT-MUDA", "III/c", education_field="Keperawatan")
    found = career_paths(nurse, ALL, TODAY, ranks=RANKS)
    assert found.counts["additional_task"] == 0
    assert "GURU-MUDA" not in [p.candidate.post.code for p in found.paths["horizontal"]]


def test_the_rules_know_the_orders_of_the_models_enumerations():
    from app.models.types import Education, PenaltySeverity, Predikat
    from app.rules.evaluate import EDUCATION_ORDER, PREDIKAT_ORDER, SEVERITY_ORDER

    assert tuple(e.value for e in Education) == EDUCATION_ORDER
    assert tuple(p.value for p in reversed(Predikat)) == PREDIKAT_ORDER
    assert tuple(s.value for s in PenaltySeverity) == SEVERITY_ORDER


def test_the_rules_import_neither_flask_nor_the_database():
    import ast
    from pathlib import Path

    import app.rules

    for path in Path(app.rules.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = (
                    [node.module]
                    if isinstance(node, ast.ImportFrom)
                    else [alias.name for alias in node.names]
                )
                for name in names:
                    assert not name.startswith(
                        ("flask", "sqlalchemy", "app.models", "app.extensions")
                    ), (path, name)
