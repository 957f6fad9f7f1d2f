"""The mentor matching model: hard filters, a cover score, and reasons per pair.

Score = cover x (1 - ``TEXT_SHARE`` + ``TEXT_SHARE`` x text), from 0 to 1:

- *cover* is the share of the mentee's need the mentor covers: each gap weighs its
  size (doubled when a plan goal names it), and counts by ``cover_quality``: 0
  unless the mentor teaches it (level 4 or more, and at least the mentee's
  target), then more with each level of headroom above the target;
- *text* is the cosine of the TF-IDF rows of the mentee's goal text and the
  mentor's expertise. It scales the cover by at most ``TEXT_SHARE``, so it can
  reorder close mentors but never lifts one who teaches nothing needed above 0.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import sparse

from app.matching.features import (
    TEACHING_LEVEL,
    MenteeProfile,
    MentorCandidate,
    build_mentor_features,
    build_need_rows,
    cover_quality,
    make_vectorizer,
)

TEXT_SHARE = 0.05
MAX_GAP_REASONS = 3
MAX_TERMS = 3
CHUNK_ROWS = 512  # mentees per block in ``scores``: bounds the temporary arrays


class ReasonKind(StrEnum):
    """What a reason is about; the Flask layer words each kind for people."""

    COVERS_GAP = "covers_gap"
    BELOW_NEED = "below_need"  # offers a needed competency, below what it takes
    SHARES_GOALS = "shares_goals"
    SHARED_TERMS = "shared_terms"
    SAME_UNIT = "same_unit"


@dataclass(frozen=True)
class Reason:
    """One cause of a suggestion, as data: only the fields of its kind are set."""

    kind: ReasonKind
    competency_id: int | None = None
    mentor_level: int | None = None
    need: int | None = None  # levels missing
    target: int | None = None
    headroom: int | None = None  # covers_gap: mentor level minus target
    count: int | None = None  # shares_goals: goal competencies covered
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A mentor suggested to a mentee, with its score and the reasons behind it."""

    mentor_id: int
    score: float
    reasons: tuple[Reason, ...]


def top_k(scores: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, best first; equal scores by lower id."""
    if k <= 0 or scores.size == 0:
        return np.empty(0, dtype=np.intp)
    if scores.size > k:
        best = np.argpartition(-scores, k - 1)[:k]
        # Every score equal to the k-th best competes, so ties never depend on the
        # partition's arbitrary order.
        candidates = np.flatnonzero(scores >= scores[best].min())
    else:
        candidates = np.arange(scores.size)
    order = np.lexsort((ids[candidates], -scores[candidates]))
    return candidates[order[:k]]


class MatchModel:
    """Mentors fitted once; scores, filters and explains any mentee against them."""

    def __init__(
        self,
        mentors: Sequence[MentorCandidate],
        texts: Sequence[str],
        text_share: float = TEXT_SHARE,
    ):
        """Build the mentor arrays and fit TF-IDF on ``texts``; use ``fit``."""
        if not 0.0 <= text_share < 1.0:
            raise ValueError("text_share must be from 0 up to 1")
        self._text_share = text_share
        self._mentors = tuple(mentors)
        self._features = build_mentor_features(self._mentors)
        self._ids = tuple(int(i) for i in self._features.ids)
        self._row = {mentor_id: row for row, mentor_id in enumerate(self._ids)}
        self._available = np.array([m.available for m in mentors], dtype=bool)
        self._capacity = np.array([m.capacity_left for m in mentors], dtype=np.int64)
        self._vectorizer = make_vectorizer()
        try:
            self._vectorizer.fit(texts)
        except ValueError as error:
            if "empty vocabulary" not in str(error):
                raise
            # No word in any text: the text cosine is 0 for every pair.
            self._vectorizer = None
            self._terms = np.empty(0, dtype=object)
        else:
            self._terms = self._vectorizer.get_feature_names_out()
        self._mentor_text = self._text_rows([m.text for m in self._mentors])

    @classmethod
    def fit(
        cls,
        mentors: Sequence[MentorCandidate],
        mentees: Sequence[MenteeProfile] = (),
        *,
        text_share: float = TEXT_SHARE,
    ) -> MatchModel:
        """Fit on the mentors; mentees' texts only sharpen the TF-IDF weights.

        ``text_share`` is how far the text may scale the cover (the evaluation
        compares the model without text).
        """
        texts = [m.text for m in mentors] + [m.text for m in mentees]
        return cls(mentors, texts, text_share)

    def __len__(self) -> int:
        """Number of mentors fitted."""
        return len(self._mentors)

    def __contains__(self, mentor_id: object) -> bool:
        """Whether the mentor was fitted (``mentor_id in model``)."""
        return mentor_id in self._row

    @property
    def mentor_ids(self) -> tuple[int, ...]:
        """Mentor ids in column order of ``scores``."""
        return self._ids

    def capacity_left(self, mentor_ids: Sequence[int] | None = None) -> np.ndarray:
        """Places left per mentor (all, or the given ids), as last updated."""
        return self._capacity[self._columns(mentor_ids)].copy()

    def update_availability(self, states: Mapping[int, tuple[bool, int]]) -> None:
        """Set (available, capacity_left) per mentor id; unknown ids are ignored."""
        for mentor_id, (available, capacity_left) in states.items():
            row = self._row.get(mentor_id)
            if row is not None:
                self._available[row] = available
                self._capacity[row] = capacity_left

    def suggest(
        self,
        mentee: MenteeProfile,
        k: int = 10,
        *,
        competency: int | None = None,
        unit_id: int | None = None,
        scope: str | None = None,
        query: str = "",
        exclude: Collection[int] = (),
    ) -> list[Suggestion]:
        """The k best eligible mentors for a mentee, best first, with reasons.

        ``scope`` is "same" or "other" (unit, against the mentee's); ``query`` keeps
        mentors whose name or expertise contains every word of it.
        """
        text = self._text_rows([mentee.text])
        scores, eligible = self._block([mentee], text, None)
        keep = eligible[0]
        keep &= self._filters(mentee, competency, unit_id, scope, exclude)
        candidates = np.flatnonzero(keep)
        if query.strip():
            words = query.lower().split()
            haystacks = self._features.haystacks
            candidates = np.array(
                [r for r in candidates if all(w in haystacks[r] for w in words)],
                dtype=np.intp,
            )
        row_scores = scores[0, candidates]
        best = candidates[top_k(row_scores, self._features.ids[candidates], k)]
        return [
            Suggestion(
                mentor_id=int(self._features.ids[r]),
                score=float(scores[0, r]),
                reasons=self._reasons(mentee, text, r),
            )
            for r in best
        ]

    def scores(
        self,
        mentees: Sequence[MenteeProfile],
        mentor_ids: Sequence[int] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores (float32) and hard-filter eligibility (bool), mentees x mentors.

        Columns follow ``mentor_ids`` (default: ``self.mentor_ids``); mentees go
        through in chunks so the temporaries stay small whatever their number.
        """
        # None spares each chunk a copy of the mentor arrays.
        columns = None if mentor_ids is None else self._columns(mentor_ids)
        width = len(self) if columns is None else len(columns)
        scores = np.zeros((len(mentees), width), dtype=np.float32)
        eligible = np.zeros((len(mentees), width), dtype=bool)
        for start in range(0, len(mentees), CHUNK_ROWS):
            chunk = mentees[start : start + CHUNK_ROWS]
            text = self._text_rows([m.text for m in chunk])
            block_scores, block_eligible = self._block(chunk, text, columns)
            scores[start : start + len(chunk)] = block_scores
            eligible[start : start + len(chunk)] = block_eligible
        return scores, eligible

    def explain(self, mentee: MenteeProfile, mentor_id: int) -> tuple[Reason, ...]:
        """The reasons for one pair, whether or not it passes the filters."""
        return self.explain_many([(mentee, mentor_id)])[0]

    def explain_many(
        self, pairs: Sequence[tuple[MenteeProfile, int]]
    ) -> list[tuple[Reason, ...]]:
        """The reasons for many pairs, with the texts vectorised in one go."""
        text = self._text_rows([mentee.text for mentee, _ in pairs])
        return [
            self._reasons(mentee, text[i], self._columns([mentor_id])[0])
            for i, (mentee, mentor_id) in enumerate(pairs)
        ]

    def _columns(self, mentor_ids: Sequence[int] | None) -> np.ndarray:
        """Row numbers of the given mentor ids (all when None)."""
        if mentor_ids is None:
            return np.arange(len(self._mentors))
        try:
            return np.array([self._row[i] for i in mentor_ids], dtype=np.intp)
        except KeyError as error:
            raise ValueError(f"unknown mentor id {error.args[0]}") from None

    def _text_rows(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """L2-normalised TF-IDF rows (no columns when there was no text to fit)."""
        if self._vectorizer is None:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        if not texts:  # scikit-learn refuses to transform no rows at all
            width = len(self._vectorizer.vocabulary_)
            return sparse.csr_matrix((0, width), dtype=self._vectorizer.dtype)
        return self._vectorizer.transform(texts)

    def _block(
        self,
        mentees: Sequence[MenteeProfile],
        text: sparse.csr_matrix,
        columns: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Scores and eligibility of some mentees against some mentors (or all)."""
        features = self._features
        quality, mentor_text, ids = features.quality, self._mentor_text, features.ids
        is_open = self._available & (self._capacity > 0)
        if columns is not None:
            quality, mentor_text = quality[:, columns], mentor_text[columns]
            ids, is_open = ids[columns], is_open[columns]
        needs = build_need_rows(mentees, features.column)
        cover = needs.weight @ quality
        similarity = (text @ mentor_text.T).toarray()
        share = self._text_share
        scores = cover * (1.0 - share + share * similarity)
        eligible = (cover > 0) & is_open
        for i, mentee in enumerate(mentees):
            eligible[i] &= ids != mentee.id
            if mentee.supervisor_id is not None:
                eligible[i] &= ids != mentee.supervisor_id
        return scores.astype(np.float32, copy=False), eligible

    def _filters(
        self,
        mentee: MenteeProfile,
        competency: int | None,
        unit_id: int | None,
        scope: str | None,
        exclude: Collection[int],
    ) -> np.ndarray:
        """The optional browsing filters as one mask over the mentors."""
        features = self._features
        keep = np.ones(len(self._mentors), dtype=bool)
        if competency is not None:
            column = features.column.get(competency)
            if column is None:
                keep[:] = False
            else:
                keep &= features.levels[:, column] >= TEACHING_LEVEL
        if unit_id is not None:
            keep &= features.units == unit_id
        if scope == "same":
            keep &= features.units == mentee.unit_id
        elif scope == "other":
            keep &= features.units != mentee.unit_id
        elif scope is not None:
            raise ValueError(f"scope must be 'same' or 'other', not {scope!r}")
        if exclude:
            keep &= ~np.isin(features.ids, np.fromiter(exclude, dtype=np.int64))
        return keep

    def _reasons(
        self, mentee: MenteeProfile, text: sparse.csr_matrix, row: int
    ) -> tuple[Reason, ...]:
        """Reasons for the mentor in ``row``, the largest contribution first."""
        mentor = self._mentors[row]
        covered, short = [], []
        for c, gap in mentee.needs().items():
            level, target = mentor.levels.get(c, 0), mentee.target[c]
            weight = gap * mentee.weight(c)
            quality = cover_quality(level, target)
            if quality:
                covered.append((-weight * quality, c, level, gap, target))
            elif level:
                short.append((-weight, c, level, gap, target))
        covered.sort()
        short.sort()
        reasons = [
            Reason(
                ReasonKind.COVERS_GAP,
                competency_id=c,
                mentor_level=level,
                need=gap,
                target=target,
                headroom=level - target,
            )
            for _, c, level, gap, target in covered[:MAX_GAP_REASONS]
        ]
        goals = sum(1 for _, c, *_ in covered if c in mentee.goal_competencies)
        if goals:
            reasons.append(Reason(ReasonKind.SHARES_GOALS, count=goals))
        reasons += [
            Reason(
                ReasonKind.BELOW_NEED,
                competency_id=c,
                mentor_level=level,
                need=gap,
                target=target,
            )
            for _, c, level, gap, target in short[:MAX_GAP_REASONS]
        ]
        terms = self._shared_terms(text, row)
        if terms:
            reasons.append(Reason(ReasonKind.SHARED_TERMS, terms=terms))
        if mentor.unit_id == mentee.unit_id:
            reasons.append(Reason(ReasonKind.SAME_UNIT))
        return tuple(reasons)

    def _shared_terms(self, text: sparse.csr_matrix, row: int) -> tuple[str, ...]:
        """Terms in both texts, by their share of the text cosine (largest first)."""
        mentor = self._mentor_text[row]
        common, mine, theirs = np.intersect1d(
            text.indices, mentor.indices, assume_unique=True, return_indices=True
        )
        if not common.size:
            return ()
        weight = text.data[mine] * mentor.data[theirs]
        order = np.lexsort((common, -weight))[:MAX_TERMS]
        return tuple(str(self._terms[i]) for i in common[order])
