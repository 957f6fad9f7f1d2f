"""A small catalogue written by hand from DOMAIN.md, for the rule tables.

Pure facts (no database): the PNS pangkat and PPPK golongan, and positions with
their requirement rows and bases as the regulations set them.
"""

from __future__ import annotations

from datetime import date
from itertools import count

from app.rules import Candidate, CompetencyRule, Person, Post, RankFact, Rule

PNS_CODES = [
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
]
PPPK_CODES = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
RANKS = {code: RankFact(code, n, False) for n, code in enumerate(PNS_CODES, 1)} | {
    code: RankFact(code, n, True) for n, code in enumerate(PPPK_CODES, 1)
}
TODAY = date(2026, 12, 1)

PP11 = "PP 11/2017 jo. PP 17/2020 ps. 54"
JF = "PermenPANRB 1/2023; Peraturan BKN 3/2023"
KS = "Permendikdasmen 7/2025"
_ids = count(1)

# The competency standard every post here shares (M.01 Integritas, M.03 Komunikasi).
INTEGRITY, COMMUNICATION = 1, 3


def standard(level: int) -> tuple[CompetencyRule, ...]:
    return (
        CompetencyRule(INTEGRITY, "M.01", level),
        CompetencyRule(COMMUNICATION, "M.03", level),
    )


def post(code, kind, level, family="", eselon=None, kelas=None) -> Post:
    return Post(next(_ids), code, kind, level, family or code, eselon, kelas, code)


def managerial(level, years, since_level, rank, training):
    return (
        Rule("employment_type", "PNS", basis="UU 20/2023 ps. 19"),
        Rule("rank", rank, basis=PP11),
        Rule("experience", str(years), param=since_level, basis=PP11),
        Rule("skp", "baik", param="2", basis=PP11),
        Rule("education", "S1", basis=PP11),
        Rule("discipline", "ringan", basis="PP 94/2021"),
        Rule("status", basis="PP 11/2017 ps. 54"),
        Rule("training", training, basis="Peraturan LAN 15/2019", blocking=False),
    )


def next_jenjang(low, high, points, education="S1", field=""):
    return (
        Rule("rank", low, high, basis=JF),
        Rule("credit_points", str(points), basis=JF),
        Rule("competency_test", basis=JF),
        Rule("skp", "baik", param="1", basis=JF),
        Rule("education", education, param=field, basis=JF),
        Rule("discipline", "ringan", basis="PP 94/2021"),
        Rule("status", basis="PP 11/2017 ps. 54"),
    )


def entry(low, high, education, field="", certificate=None):
    rules = [
        Rule("rank", low, high, basis=JF),
        Rule("education", education, param=field, basis=JF),
        Rule("status", basis="PP 11/2017 ps. 54"),
    ]
    if certificate:
        rules.append(Rule("certificate", certificate, basis=JF))
    return tuple(rules)


def candidate(p: Post, rules, level=2) -> Candidate:
    return Candidate(p, rules, standard(level))


KEL = "pengawas"
C = {}


def _add(code, p, rules, level=2):
    C[code] = candidate(p, rules, level)


_add(
    "PENGADM",
    post("PENGADM", "administrasi", "pelaksana", kelas=5),
    (Rule("education", "SMA", basis=PP11),),
)
_add(
    "PENATA-LAYANAN",
    post("PENATA-LAYANAN", "administrasi", "pelaksana", kelas=7),
    (Rule("education", "S1", basis=PP11),),
)
_add(
    "KASI-KEL",
    post("KASI-KEL", "administrasi", KEL, eselon="IVb", kelas=8),
    managerial(KEL, 4, "pelaksana", "III/a", "PKP"),
    3,
)
_add(
    "SEKLUR",
    post("SEKLUR", "administrasi", KEL, eselon="IVb", kelas=8),
    managerial(KEL, 4, "pelaksana", "III/a", "PKP"),
    3,
)
_add(
    "LURAH",
    post("LURAH", "administrasi", KEL, eselon="IVa", kelas=9),
    (
        *managerial(KEL, 4, "pelaksana", "III/c", "PKP"),
        Rule("service_years", "10", basis="PP 73/2005 (check)"),
    ),
    3,
)
_add(
    "SEKCAM",
    post("SEKCAM", "administrasi", "administrator", eselon="IIIb", kelas=11),
    managerial("administrator", 3, "pengawas", "III/c", "PKA"),
    4,
)
_add(
    "CAMAT",
    post("CAMAT", "administrasi", "administrator", eselon="IIIa", kelas=12),
    (
        *managerial("administrator", 3, "pengawas", "III/d", "PKA"),
        Rule(
            "education",
            "S1",
            param="Ilmu Pemerintahan",
            alternative="A",
            basis="UU 23/2014 ps. 224",
        ),
        Rule(
            "certificate",
            "KEPAMONGPRAJAAN",
            alternative="A",
            basis="UU 23/2014 ps. 224",
        ),
    ),
    4,
)
for family, field, cert in (
    ("Arsiparis", "", None),
    ("Pranata Komputer", "", None),
    ("Perawat", "Keperawatan", "STR"),
):
    slug = family.upper().replace(" ", "-")
    _add(
        f"{slug}-TERAMPIL",
        post(f"{slug}-TERAMPIL", "fungsional", "terampil", family),
        entry("II/b", "II/d", "D3", field, cert),
    )
    _add(
        f"{slug}-MAHIR",
        post(f"{slug}-MAHIR", "fungsional", "mahir", family),
        next_jenjang("II/d", "III/b", 60, "D3", field),
    )
    _add(
        f"{slug}-PENYELIA",
        post(f"{slug}-PENYELIA", "fungsional", "penyelia", family),
        next_jenjang("III/b", "III/d", 100, "D3", field),
    )
    _add(
        f"{slug}-PERTAMA",
        post(f"{slug}-PERTAMA", "fungsional", "ahli_pertama", family),
        entry("III/a", "III/b", "S1", field, cert),
    )
    _add(
        f"{slug}-MUDA",
        post(f"{slug}-MUDA", "fungsional", "ahli_muda", family),
        next_jenjang("III/b", "III/d", 100, "S1", field),
        3,
    )
_add(
    "POLPP-PEMULA",
    post("POLPP-PEMULA", "fungsional", "pemula", "Polisi Pamong Praja"),
    entry("II/a", "II/a", "SMA", "", "DIKLAT-POLPP"),
)
_add(
    "POLPP-TERAMPIL",
    post("POLPP-TERAMPIL", "fungsional", "terampil", "Polisi Pamong Praja"),
    next_jenjang("II/a", "II/d", 20, "SMA"),
)
_add(
    "GURU-PERTAMA",
    post("GURU-PERTAMA", "fungsional", "ahli_pertama", "Guru"),
    (
        *entry("III/a", "III/b", "S1", "Pendidikan", "SERTIFIKAT-PENDIDIK"),
        Rule("rank", "IX", "IX", basis="Perpres 98/2020"),
    ),
)
_add(
    "GURU-MUDA",
    post("GURU-MUDA", "fungsional", "ahli_muda", "Guru"),
    next_jenjang("III/b", "III/d", 100, "S1", "Pendidikan"),
    3,
)
_add(
    "DOKTER-PERTAMA",
    post("DOKTER-PERTAMA", "fungsional", "ahli_pertama", "Dokter"),
    entry("III/a", "III/b", "S1", "Kedokteran", "STR"),
)
_add(
    "KEPSEK",
    post("KEPSEK", "tugas_tambahan", "kepala_sekolah", "Kepala Sekolah"),
    (
        Rule("family", "Guru", basis=KS),
        Rule("rank", "III/c", basis=KS, note="III/b only where no III/c candidate"),
        Rule("certificate", "SERTIFIKAT-PENDIDIK", basis=KS),
        Rule("skp", "baik", param="2", basis=KS),
        Rule("age_max", "56", basis=KS),
        Rule("discipline", "sedang", basis=KS),
        Rule("training", "CAKEPSEK", basis=KS),
    ),
    3,
)

ALL = tuple(C.values())


def person(holding: str | None, rank: str | None, **facts) -> Person:
    """A person in post ``holding`` with ``rank``; PPPK when the rank is one."""
    facts.setdefault("birth_date", date(1985, 6, 15))
    facts.setdefault("service_start", date(2010, 3, 1))
    facts.setdefault("education", "S1")
    rank_fact = RANKS[rank] if rank else None
    facts.setdefault("pppk", bool(rank_fact and rank_fact.pppk))
    return Person(
        rank=rank_fact,
        post=C[holding].post if holding else None,
        **facts,
    )
