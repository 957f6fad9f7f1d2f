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
from sklearn.preprocessing import normalize

MAX_LEVEL = 5
# PermenPANRB 38/2017: from level 4 a person guides and develops others in a
# competency, so a mentor teaches it from there (and never below the mentee's target).
TEACHING_LEVEL = 4
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

    ``reaches`` has one block of columns per level l (block l-1): 1 where the mentor's
    level on the competency is at least l, so covering needs is one matrix product.
    """

    ids: np.ndarray
    units: np.ndarray
    competencies: np.ndarray
    column: dict[int, int]
    levels: np.ndarray
    strength: np.ndarray
    reaches: np.ndarray
    haystacks: tuple[str, ...]


@dataclass(frozen=True)
class NeedRows:
    """A batch of mentees' needs over the mentors' competency columns.

    ``need`` rows are the weighted gaps divided by the norm of *all* the mentee's
    gaps (also those no mentor offers), so a gap nobody can teach still lowers the
    cosine. ``cover`` marks (target level, competency) in ``reaches``'s layout.
    """

    need: sparse.csr_matrix
    cover: sparse.csr_matrix


def build_mentor_features(mentors: Sequence[MentorCandidate]) -> MentorFeatures:
    """Arrays of the mentors' ids, units, levels and normalised strength."""
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
    scaled = levels.astype(np.float32) / MAX_LEVEL
    # normalize refuses an empty array: no mentors yet, or none offering anything.
    strength = normalize(scaled) if scaled.size else scaled
    reaches = np.hstack(
        [levels >= level for level in range(1, MAX_LEVEL + 1)], dtype=np.float32
    )
    return MentorFeatures(
        ids=ids,
        units=np.array([m.unit_id for m in mentors], dtype=np.int64),
        competencies=competencies,
        column=column,
        levels=levels,
        strength=strength,
        reaches=reaches,
        haystacks=tuple(f"{m.name}\n{m.text}".lower() for m in mentors),
    )


def build_need_rows(
    mentees: Sequence[MenteeProfile], column: Mapping[int, int]
) -> NeedRows:
    """Sparse need and cover rows of the mentees over the given competency columns."""
    n_columns = len(column)
    need_rows, need_cols, need_vals = [], [], []
    cover_rows, cover_cols = [], []
    for i, mentee in enumerate(mentees):
        gaps = mentee.needs()
        weighted = {c: gap * mentee.weight(c) for c, gap in gaps.items()}
        norm = float(np.sqrt(sum(w * w for w in weighted.values())))
        for c, w in weighted.items():
            j = column.get(c)
            if j is None:
                continue
            need_rows.append(i)
            need_cols.append(j)
            need_vals.append(w / norm)
            target = mentee.target[c]
            if target <= MAX_LEVEL:  # above the scale nobody can cover it
                cover_rows.append(i)
                cover_cols.append((target - 1) * n_columns + j)
    shape = (len(mentees), n_columns)
    need = sparse.csr_matrix(
        (np.array(need_vals, dtype=np.float32), (need_rows, need_cols)), shape=shape
    )
    cover = sparse.csr_matrix(
        (np.ones(len(cover_rows), dtype=np.float32), (cover_rows, cover_cols)),
        shape=(len(mentees), MAX_LEVEL * n_columns),
    )
    return NeedRows(need=need, cover=cover)


def make_vectorizer() -> TfidfVectorizer:
    """The TF-IDF settings for goal and expertise text (Indonesian, short)."""
    return TfidfVectorizer(
        lowercase=True,
        sublinear_tf=True,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(STOP_WORDS | COMMON_WORDS),
        dtype=np.float32,
    )
