"""Input records for matching and the arrays built from them.

The records are plain frozen dataclasses that the mentoring service fills from the
database; the builders turn them into the sparse and dense arrays the model scores,
so that scoring many pairs is a few matrix products instead of Python loops.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

MAX_LEVEL = 5
# PermenPANRB 38/2017: from level 4 a person guides and develops others in a
# competency, so a mentor teaches it from there (and never below the mentee's target).
TEACHING_LEVEL = 4
# A gap covered at the mentee's target counts COVER_BASE of its weight; each level
# of headroom above the target closes half of what is left to all of it (0.6,
# 0.8, 0.9, 0.95): more headroom is always better, and covering a gap at all
# outweighs any headroom on another gap of the same weight.
COVER_BASE = 0.6
GOAL_WEIGHT = 2.0  # a gap named in an active plan goal counts double

# scikit-learn ships an English list only; these carry no topic in Indonesian text.
STOP_WORDS = frozenset(
    """
    ada adalah agar akan antara apa atas atau bagi bahwa banyak baik bisa dalam dan
    dapat dari demi dengan di hal hingga ini itu jika juga ke karena kami kepada kita
    lain lebih masih melalui mereka namun oleh pada para per saat saya sebagai secara
    sehingga seperti serta setiap suatu sudah tanpa telah tentang terhadap tersebut
    untuk yaitu yakni yang
    """.split()  # noqa: SIM905  (a paragraph of words reads better than 60 strings)
)
# Words every civil servant's text shares (time, offices, the region's places):
# they would otherwise surface as "shared terms" that explain nothing.
COMMON_WORDS = frozenset(
    """
    tahun bulan hari kerja unit kantor pegawai asn pns negeri bidang seksi sub
    kota kabupaten kecamatan kelurahan medan marelan labuhan deli rengas pulau
    tanah enam ratus terjun paya pasir sd smp upt
    """.split()  # noqa: SIM905
)
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"  # letters only: codes and numbers say little


@dataclass(frozen=True)
class MenteeProfile:
    """An employee looking for a mentor: assessed levels, target levels, plan goals."""

    id: int
    unit_id: int
    supervisor_id: int | None
    current: Mapping[int, int]
    target: Mapping[int, int]
    goal_competencies: frozenset[int] = field(default_factory=frozenset)
    text: str = ""

    def need(self, competency: int) -> int:
        """Levels missing on a competency: target minus assessed, never below 0."""
        return max(self.target.get(competency, 0) - self.current.get(competency, 0), 0)

    def needs(self) -> dict[int, int]:
        """Every competency with a gap, mapped to the levels missing."""
        gaps = {c: self.need(c) for c in self.target}
        return {c: gap for c, gap in gaps.items() if gap > 0}

    def weight(self, competency: int) -> float:
        """How much a gap on this competency counts in the need vector."""
        return GOAL_WEIGHT if competency in self.goal_competencies else 1.0


@dataclass(frozen=True)
class MentorCandidate:
    """An employee offering to mentor: the competencies taught and at what level."""

    id: int
    unit_id: int
    name: str
    levels: Mapping[int, int]
    text: str = ""
    capacity_left: int = 1
    available: bool = True


@dataclass(frozen=True)
class MentorFeatures:
    """The mentors as arrays: row i is mentor ``ids[i]``, column j ``competencies[j]``.

    ``quality`` has one column per mentor and one block of rows per target level t
    (block t-1, one row per competency): how well the mentor teaches the
    competency to a mentee aiming at level t (``cover_quality``), 0 where they do
    not teach it at that level; so a batch of mentees' weighted gaps against
    every mentor is one matrix product. It is stored in that (C) order, which
    the sparse product reads without a copy.
    """

    ids: np.ndarray
    units: np.ndarray
    competencies: np.ndarray
    column: dict[int, int]
    levels: np.ndarray
    quality: np.ndarray
    haystacks: tuple[str, ...]


@dataclass(frozen=True)
class NeedRows:
    """A batch of mentees' gaps over the mentors' (target level, competency) columns.

    Each gap's weight is divided by the total weight of *all* the mentee's gaps
    (also those nobody teaches), so a row's product with ``quality`` is the share
    of the need a mentor covers, from 0 to 1.
    """

    weight: sparse.csr_matrix


def cover_quality(level: int, target: int) -> float:
    """How well a mentor at ``level`` covers a gap aiming at ``target`` (0 to 1).

    0 unless the mentor teaches it (``TEACHING_LEVEL`` or higher) and holds the
    target; then ``COVER_BASE`` at the target itself, and each level of headroom
    above it halves what is left to 1.
    """
    if level < max(TEACHING_LEVEL, target):
        return 0.0
    return 1.0 - (1.0 - COVER_BASE) * 0.5 ** (level - target)


# cover_quality for every (level, target) pair, indexed [level, target].
_QUALITY = np.array(
    [
        [cover_quality(level, target) for target in range(MAX_LEVEL + 1)]
        for level in range(MAX_LEVEL + 1)
    ],
    dtype=np.float32,
)


def build_mentor_features(mentors: Sequence[MentorCandidate]) -> MentorFeatures:
    """Arrays of the mentors' ids, units, levels and cover quality per target."""
    ids = np.array([m.id for m in mentors], dtype=np.int64)
    if len(np.unique(ids)) != len(ids):
        raise ValueError("mentor ids must be unique")
    competencies = np.array(
        sorted({c for m in mentors for c, level in m.levels.items() if level > 0}),
        dtype=np.int64,
    )
    column = {int(c): j for j, c in enumerate(competencies)}
    levels = np.zeros((len(mentors), len(competencies)), dtype=np.int8)
    for i, mentor in enumerate(mentors):
        for c, level in mentor.levels.items():
            if not 0 <= level <= MAX_LEVEL:
                raise ValueError(f"mentor {mentor.id}: level {level} out of range")
            if level > 0:
                levels[i, column[c]] = level
    quality = np.ascontiguousarray(
        np.vstack(
            [_QUALITY[levels.T, target] for target in range(1, MAX_LEVEL + 1)],
            dtype=np.float32,
        ).reshape(MAX_LEVEL * len(competencies), len(mentors))
    )
    return MentorFeatures(
        ids=ids,
        units=np.array([m.unit_id for m in mentors], dtype=np.int64),
        competencies=competencies,
        column=column,
        levels=levels,
        quality=quality,
        haystacks=tuple(f"{m.name}\n{m.text}".lower() for m in mentors),
    )


def build_need_rows(
    mentees: Sequence[MenteeProfile], column: Mapping[int, int]
) -> NeedRows:
    """Sparse weight rows of the mentees' gaps in ``quality``'s column layout."""
    n_columns = len(column)
    rows, columns, values = [], [], []
    for i, mentee in enumerate(mentees):
        weighted = {c: gap * mentee.weight(c) for c, gap in mentee.needs().items()}
        total = sum(weighted.values())
        for c, w in weighted.items():
            j = column.get(c)
            target = mentee.target[c]
            if j is None or target > MAX_LEVEL:  # nobody can cover it
                continue
            rows.append(i)
            columns.append((target - 1) * n_columns + j)
            values.append(w / total)
    weight = sparse.csr_matrix(
        (np.array(values, dtype=np.float32), (rows, columns)),
        shape=(len(mentees), MAX_LEVEL * n_columns),
    )
    return NeedRows(weight=weight)


def make_vectorizer() -> TfidfVectorizer:
    """The TF-IDF settings for goal and expertise text (Indonesian, short)."""
    return TfidfVectorizer(
        lowercase=True,
        sublinear_tf=True,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(STOP_WORDS | COMMON_WORDS),
        dtype=np.float32,
    )
