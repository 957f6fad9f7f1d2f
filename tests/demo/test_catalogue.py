"""The demo catalogue follows DOMAIN.md: real posts, units by organisation, rules
that each name their regulation. Pure data checks, no database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.demo import catalogue
from app.demo.catalogue import RequirementSpec
from app.models import Education, PositionRequirement, RequirementKind

ROOT = Path(__file__).resolve().parents[2]
RANKS = {r["code"]: r for r in json.loads((ROOT / "app/data/ranks.json").read_text())}
CERTIFICATES = {
    c["code"]: c
    for c in json.loads((ROOT / "app/data/certificate_types.json").read_text())
}
MARELAN_AREAS = {"Kecamatan Medan Marelan"} | {
    f"Kelurahan {name}"
    for name in (
        "Labuhan Deli",
        "Paya Pasir",
        "Rengas Pulau",
        "Tanah Enam Ratus",
        "Terjun",
    )
}
POSITIONS = {p.code: p for p in catalogue.positions()}


def _demo_texts() -> dict[str, str]:
    """Every file of demo data and demo-writing code, by path."""
    files = [*sorted((ROOT / "app/data").rglob("*.json"))]
    files += sorted((ROOT / "app/demo").rglob("*.py"))
    return {str(f.relative_to(ROOT)): f.read_text(encoding="utf-8") for f in files}


def test_no_made_up_position_and_no_dtks_anywhere_in_the_demo_data():
    for spec in catalogue.positions():
        assert not re.search(r"pranata\s+keuangan|apbd", spec.name, re.I), spec.name
    for path, text in _demo_texts().items():
        assert not re.search(r"pranata\s+keuangan\s+apbd", text, re.I), path
        assert "DTKS" not in text, path  # the register is DTSEN (Inpres 4/2025)
    # Regional finance work: Analis Keuangan Pusat dan Daerah (PermenPANRB 42/2014).
    assert POSITIONS["ANALIS-KEUDA-PERTAMA"].family == (
        "Analis Keuangan Pusat dan Daerah"
    )


def test_units_form_a_tree_by_organisation_with_the_area_they_serve():
    units = {u.code: u for u in catalogue.units()}
    assert units["PEMKOT"].parent is None
    for code, unit in units.items():
        assert unit.area, code
        assert unit.parent is None or unit.parent in units
    under_camat = catalogue.descendants("KEC")
    assert {f"KEL-{s}" for s in ("LD", "PP", "RP", "TER", "TJ")} <= under_camat
    outside = [u for u in units.values() if u.kind in ("puskesmas", "sekolah")]
    outside.append(units["POLPP-MRL"])
    assert len(outside) == 7
    for unit in outside:
        # Working in the kecamatan's area, not under the Camat.
        assert unit.code not in under_camat, unit.code
        assert unit.area in MARELAN_AREAS, unit.code
    assert {units[u.parent].code for u in outside} == {"DINKES", "DISDIK", "SATPOL"}
    assert units["PKM-TJ"].parent == "DINKES" and units["PKM-TJ"].area == (
        "Kelurahan Terjun"
    )


def test_every_requirement_names_its_basis_and_fits_its_column():
    columns = PositionRequirement.__table__.c
    for spec in catalogue.positions():
        assert spec.requirements, spec.code
        for row in spec.requirements:
            assert row.basis.strip(), (spec.code, row)
            assert RequirementKind(row.kind)
            for name in ("value", "value_max", "param", "basis", "alternative", "note"):
                assert len(getattr(row, name)) <= columns[name].type.length, (
                    spec.code,
                    name,
                )
            if row.kind == "rank":
                assert RANKS[row.value]["employment_type"] == "PNS"
                assert not row.value_max or row.value_max in RANKS
            if row.kind == "education":
                assert Education(row.value)
            if row.kind in ("certificate", "training"):
                # A training row names a course, a certificate row a certificate.
                assert CERTIFICATES[row.value]["training"] is (row.kind == "training")
            if row.kind == "skp":
                assert row.value == "baik" and row.param in ("1", "2")


def test_positions_carry_their_ladder_and_rank_band():
    for spec in catalogue.positions():
        assert spec.family and spec.level, spec.code
        assert spec.min_rank in RANKS and spec.max_rank in RANKS, spec.code
        assert RANKS[spec.min_rank]["ordinal"] <= RANKS[spec.max_rank]["ordinal"]
        if spec.kind != "tugas_tambahan":
            assert 1 <= spec.kelas_jabatan <= 17, spec.code
        assert (spec.eselon is not None) is spec.managerial, spec.code
        assert spec.unit is not None or spec.works_in, spec.code
    eselon = {code: POSITIONS[code].eselon for code in ("CAMAT", "SEKCAM", "LURAH-LD")}
    assert eselon == {"CAMAT": "IIIa", "SEKCAM": "IIIb", "LURAH-LD": "IVa"}
    assert POSITIONS["SEKLUR-LD"].eselon == POSITIONS["KASI-PEM-LD"].eselon == "IVb"
    assert POSITIONS["KASI-PEM-KEC"].eselon == POSITIONS["KASUBBAG-UMPEG"].eselon
    assert POSITIONS["KAPUS-TJ"].eselon == "IVa"
    bands = {
        "ahli_pertama": ("III/a", "III/b"),
        "ahli_muda": ("III/c", "III/d"),
        "ahli_madya": ("IV/a", "IV/c"),
        "terampil": ("II/b", "II/d"),
        "mahir": ("III/a", "III/b"),
        "penyelia": ("III/c", "III/d"),
    }
    for spec in catalogue.positions():
        if spec.functional:
            assert (spec.min_rank, spec.max_rank) == bands[spec.level], spec.code


def _rows(code: str, kind: str) -> list[RequirementSpec]:
    return POSITIONS[code].rows(kind)


def test_managerial_posts_follow_the_structural_rules():
    managerial = [p for p in catalogue.positions() if p.managerial]
    assert len(managerial) == 36
    for spec in managerial:
        kinds = {r.kind for r in spec.requirements}
        assert {
            "employment_type",
            "experience",
            "skp",
            "rank",
            "education",
            "discipline",
            "status",
            "training",
        } <= kinds, spec.code
        assert spec.rule("employment_type").value == "PNS"
        assert spec.rule("skp").param == "2"
        assert spec.rule("discipline").value == "ringan"
        experience = spec.rule("experience")
        leadership = spec.rule("training")
        if spec.level == "pengawas":
            assert (experience.value, experience.param) == ("4", "pelaksana")
            assert leadership.value == "PKP"
        else:
            assert (experience.value, experience.param) == ("3", "pengawas")
            assert leadership.value == "PKA"
        assert not leadership.blocking  # a gap to plan for, after appointment
        if not spec.code.startswith("LURAH-"):
            assert spec.rule("rank").value == spec.min_rank


def test_post_specific_qualifications():
    # Camat: a government degree OR the kepamongprajaan certificate (one group).
    group = [r for r in POSITIONS["CAMAT"].requirements if r.alternative]
    assert {(r.kind, r.value, r.param) for r in group} == {
        ("education", "S1", "Ilmu Pemerintahan"),
        ("certificate", "KEPAMONGPRAJAAN", ""),
    }
    assert len({r.alternative for r in group}) == 1
    lurah = POSITIONS["LURAH-TJ"]
    assert lurah.rule("rank").value == "III/c"
    assert lurah.rule("service_years").value == "10"
    assert "PP 73/2005" in lurah.rule("service_years").basis
    kapus = POSITIONS["KAPUS-RP"]
    assert "Kesehatan Masyarakat" in kapus.education_fields
    assert [r.value for r in kapus.rows("training")] == ["PKP", "MANAJEMEN-PUSKESMAS"]
    for code, field, certificates in (
        ("DOKTER-PERTAMA", "Kedokteran", {"STR"}),
        ("PERAWAT-TERAMPIL", "Keperawatan", {"STR"}),
        ("PERAWAT-PERTAMA", "Keperawatan", {"STR", "NERS"}),
        ("BIDAN-TERAMPIL", "Kebidanan", {"STR"}),
        ("GURU-PERTAMA", "Pendidikan Guru Sekolah Dasar", {"SERTIFIKAT-PENDIDIK"}),
    ):
        assert field in POSITIONS[code].education_fields, code
        assert {r.value for r in _rows(code, "certificate")} == certificates, code
    polpp = POSITIONS["POLISI-PAMONG-PRAJA-TERAMPIL"]
    assert polpp.rule("training").value == "DIKLAT-POLPP"
    assert polpp.rule("training").blocking


def test_kepala_sekolah_is_an_additional_task_of_a_guru():
    for code in ("KASEK-060925", "KASEK-064994"):
        spec = POSITIONS[code]
        assert (spec.kind, spec.level, spec.eselon) == (
            "tugas_tambahan",
            "kepala_sekolah",
            None,
        )
        assert spec.rule("family").value == "Guru"
        assert spec.rule("rank").value == "III/c"
        assert "III/b" in spec.rule("rank").note
        assert spec.rule("certificate").value == "SERTIFIKAT-PENDIDIK"
        assert spec.rule("skp").param == "2"
        assert spec.rule("age_max").value == "56"
        assert spec.rule("training").value == "CAKEPSEK"
        assert spec.rule("discipline").value == "sedang"
        own = [r for r in spec.requirements if r.kind != "status"]
        assert all("Permendikdasmen 7/2025" in r.basis for r in own)


@pytest.mark.parametrize(
    ("code", "rank", "points"),
    [
        ("ANALIS-KEBIJAKAN-MUDA", ("III/b", "III/d"), "100"),
        ("ANALIS-KEBIJAKAN-MADYA", ("III/d", "IV/c"), "200"),
        ("PERAWAT-MAHIR", ("II/d", "III/b"), "60"),
        ("PERAWAT-PENYELIA", ("III/b", "III/d"), "100"),
    ],
)
def test_a_next_jenjang_asks_the_top_rank_below_points_and_the_test(code, rank, points):
    spec = POSITIONS[code]
    assert (spec.rule("rank").value, spec.rule("rank").value_max) == rank
    assert spec.rule("credit_points").value == points
    assert spec.rule("competency_test") is not None
    assert spec.rule("skp").param == "1"


def test_next_jenjang_rank_is_the_top_of_the_jenjang_below():
    for spec in catalogue.positions():
        following = catalogue.next_jenjang(spec.code)
        if following is not None:
            assert following.rule("rank").value == spec.max_rank, following.code
    assert catalogue.next_jenjang("PERAWAT-MAHIR").code == "PERAWAT-PENYELIA"
    assert catalogue.next_jenjang("PERAWAT-PENYELIA") is None  # no cross-track step
    assert catalogue.next_jenjang("CAMAT") is None


def test_no_years_in_rank_rule_anywhere():
    text = (ROOT / "app/data/demo/positions.json").read_text()
    assert "years_in_rank" not in text
    entry = ("ahli_pertama", "terampil")
    for spec in catalogue.positions():
        if spec.level in entry:
            assert spec.rule("credit_points") is None, spec.code
            assert spec.rule("competency_test") is None, spec.code


def test_requirement_sets_combine_in_order():
    """Level defaults, then the group's rows, then the post's own; the same kind
    (and, for certificates and training, the same value) replaces."""
    lurah = POSITIONS["LURAH-LD"]
    assert [r.value for r in lurah.rows("rank")] == ["III/c"]
    assert "PP 73/2005" in lurah.rule("rank").basis
    polpp = POSITIONS["POLISI-PAMONG-PRAJA-MAHIR"]
    assert [r.value for r in polpp.rows("education")] == ["SMA"]  # not D3
    guru = POSITIONS["GURU-MUDA"]
    assert len(guru.rows("education")) == 1 and guru.rule("credit_points")
    kinds = [r.kind for r in POSITIONS["CAMAT"].requirements]
    assert kinds.index("employment_type") < kinds.index("discipline")


def test_personas_hold_posts_of_the_catalogue():
    for account in catalogue.accounts():
        spec = POSITIONS[account.position]
        assert account.unit in {u.code for u in catalogue.units()}
        assert RANKS[account.rank]["employment_type"] == account.employment_type
        if account.employment_type == "PPPK":
            assert not spec.managerial
