"""Where positions sit on the ladders, and which kind of move one is from another.

The words are the regulation's (DOMAIN.md, "Positions"):

- the next jenjang of the same functional position (kenaikan jenjang,
  PermenPANRB 1/2023): Terampil -> Mahir -> Penyelia, Ahli Pertama -> Ahli Muda;
- across tracks within the same functional position, from keterampilan to
  keahlian at the same grade or the lowest above it (Mahir -> Ahli Pertama);
- promotion to a managerial post (promosi jabatan manajerial, PP 11/2017 ps.
  54-55): a higher eselon, at most one managerial level up, so Sekretaris Lurah
  -> Lurah and Sekretaris Camat -> Camat are promotions;
- a horizontal move between equal posts (perpindahan horizontal, jabatan
  setara; equivalence of PermenPANRB 17/2021: administrator ~ Ahli Madya,
  pengawas ~ Ahli Muda ~ Penyelia);
- an additional task (tugas tambahan) such as Kepala Sekolah, for whoever may
  hold it (the requirement rows say who: a Guru).
"""

from __future__ import annotations

import enum

from app.rules.facts import Post

# Comparable grades across the ladders (PermenPANRB 17/2021 equivalence;
# Penyelia sits at the Ahli Muda grade).
GRADES = {
    "pelaksana": 1,
    "pemula": 1,
    "terampil": 1,
    "mahir": 2,
    "ahli_pertama": 2,
    "penyelia": 3,
    "ahli_muda": 3,
    "pengawas": 3,
    "ahli_madya": 4,
    "administrator": 4,
    "ahli_utama": 5,
    "pratama": 5,
    "madya": 6,
    "utama": 7,
}
KEAHLIAN = ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama")
KETERAMPILAN = ("pemula", "terampil", "mahir", "penyelia")
MANAGERIAL_LEVELS = ("pengawas", "administrator", "pratama", "madya", "utama")
ESELON_ORDER = {
    "Vb": 1,
    "Va": 2,
    "IVb": 3,
    "IVa": 4,
    "IIIb": 5,
    "IIIa": 6,
    "IIb": 7,
    "IIa": 8,
    "Ib": 9,
    "Ia": 10,
}


class Move(enum.StrEnum):
    """The kinds of move from one position to another, best known first."""

    NEXT_JENJANG = "next_jenjang"
    CROSS_TRACK = "cross_track"
    PROMOTION = "promotion"
    HORIZONTAL = "horizontal"
    ADDITIONAL_TASK = "additional_task"


def grade(post: Post | None) -> int:
    """The comparable grade of a post; 0 for none or an unknown level."""
    return GRADES.get(post.level, 0) if post else 0


def is_managerial(post: Post | None) -> bool:
    return (
        post is not None
        and post.level in MANAGERIAL_LEVELS
        and post.kind
        in (
            "administrasi",
            "jpt",
        )
    )


def track(post: Post) -> tuple[str, ...] | None:
    """The functional track (keahlian or keterampilan) of a post, if any."""
    if post.kind != "fungsional":
        return None
    for ladder in (KEAHLIAN, KETERAMPILAN):
        if post.level in ladder:
            return ladder
    return None


def rung(post: Post | None) -> int:
    """The managerial rung a post sits at or is equivalent to.

    0 below pengawas (pelaksana, Terampil, Mahir, Ahli Pertama), 1 pengawas
    (and Ahli Muda, Penyelia), 2 administrator (and Ahli Madya), 3 JPT pratama.
    """
    return max(grade(post) - 2, 0)


def ladder_key(post: Post) -> tuple[int, int, int, int]:
    """Order posts from the lowest: grade, eselon, kelas jabatan, jenjang."""
    jenjang = track(post)
    return (
        grade(post),
        ESELON_ORDER.get(post.eselon or "", 0),
        post.kelas or 0,
        jenjang.index(post.level) if jenjang else 0,
    )


def classify(current: Post | None, candidate: Post) -> Move | None:
    """Which kind of move ``candidate`` is from ``current``; None if it is none."""
    if current is None or candidate.id == current.id:
        return None
    if candidate.kind == "tugas_tambahan":
        return Move.ADDITIONAL_TASK
    if current.kind == "tugas_tambahan":
        return None
    own, other = track(current), track(candidate)
    if own and other and candidate.family == current.family:
        if own is other:
            step = other.index(candidate.level) - own.index(current.level)
            return Move.NEXT_JENJANG if step == 1 else None
        if own is KETERAMPILAN and grade(candidate) == max(grade(current), 2):
            return Move.CROSS_TRACK
        return None
    if is_managerial(candidate):
        if is_managerial(current):
            if ladder_key(candidate)[:2] == ladder_key(current)[:2]:
                return Move.HORIZONTAL
            higher = ladder_key(candidate)[:2] > ladder_key(current)[:2]
            near = rung(candidate) <= rung(current) + 1
            return Move.PROMOTION if higher and near else None
        if rung(candidate) == rung(current) + 1:
            return Move.PROMOTION
        if rung(candidate) == rung(current) and grade(candidate) == grade(current):
            return Move.HORIZONTAL
        return None
    if grade(candidate) == grade(current) and grade(current):
        return Move.HORIZONTAL
    return None
