"""Measure the model on generated data with planted good mentors and traps.

Mentees come in groups that aim at one target position: the same target levels
on 2-4 competencies (the group's *focus*), each mentee short of the target in
every one of them by 1-3 levels. Each group has one planted good mentor, a
specialist who teaches every focus competency (level 4 or more, at least the
target) with headroom above the target on at least one. Around it, traps aimed
at the group, one of each kind:

- ``generalist``: level 3 in the focus and 4-8 other competencies (4 in two
  more), and an expertise text that names many topics: it names everything,
  teaches none of the focus;
- ``twin``: exactly the focus competencies, at level 3 where the target is 3 or
  less (it holds the target but does not teach it) and one below the target
  above that; writes about the same topics;
- ``near_rival``: the planted mentor's levels but one level less in one focus
  competency where it has headroom: a real mentor, a hair worse, whose text has
  every word of the focus topics, so the text term pulls it up;
- ``one_gap``: level 5 in one focus competency only, one where the planted
  mentor is 5 too: one gap superbly against all of them well;
- ``wordy``: the planted mentor's text and more words of the focus, level 4 in
  one focus competency and 3 in the rest;
- ``full``, ``paused``: the planted mentor's levels and text, no place left or
  paused;
- ``same_levels``: the planted mentor's levels exactly, with an expertise text
  about other topics: between equals, the text of the mentee's goals decides;
- ``supervisor`` (three groups in ten): level 5 in every focus competency, and
  the direct supervisor of the group's mentees.

Mentors beyond the groups' are more traps of random kinds, aimed at random
groups. The planted answer is then checked without the model: among the
mentors that pass the hard rules, the planted one must be at least as good in
every focus competency (it teaches it, at the highest level) and better in one.
Where another mentor teaches a focus competency higher, the planted mentor is
raised to that level; focus sets never contain one another, so no mentor of
another group teaches a whole focus. Only ``same_levels`` equals it, and the
planted mentor's text shares a word with every mentee's goals, its text none.

Methods compared: the ``model``; ``model_without_text`` (the same with the text
term off: between equal mentors only the id decides); ``cosine``, the earlier
score (0.8 x cosine of need and level + 0.2 x text cosine, with its hard rules:
it accepted a mentor holding the target in one gap, at any level);
``name_overlap`` (how many needed competencies a mentor names, at any level);
``random``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.matching.cohort import propose
from app.matching.features import (
    MAX_LEVEL,
    TEACHING_LEVEL,
    MenteeProfile,
    MentorCandidate,
    make_vectorizer,
)
from app.matching.model import MatchModel

# One topic per competency: four words its goal and expertise texts draw from.
TOPICS = (
    ("arsip", "digital", "kearsipan", "dokumentasi"),
    ("pelayanan", "publik", "pengaduan", "loket"),
    ("anggaran", "penyusunan", "belanja", "pagu"),
    ("akuntansi", "pembukuan", "neraca", "rekonsiliasi"),
    ("pengadaan", "barang", "jasa", "tender"),
    ("kepegawaian", "mutasi", "formasi", "pensiun"),
    ("perencanaan", "pembangunan", "musrenbang", "renstra"),
    ("statistik", "data", "survei", "sensus"),
    ("hukum", "regulasi", "perda", "legislasi"),
    ("komunikasi", "humas", "media", "publikasi"),
    ("jaringan", "server", "infrastruktur", "komputer"),
    ("kepemimpinan", "tim", "motivasi", "delegasi"),
    ("integritas", "etika", "antikorupsi", "gratifikasi"),
    ("kerjasama", "kolaborasi", "kemitraan", "koordinasi"),
    ("inovasi", "kreativitas", "terobosan", "gagasan"),
    ("transformasi", "reformasi", "birokrasi", "perubahan"),
    ("keputusan", "risiko", "pertimbangan", "alternatif"),
    ("pelatihan", "coaching", "pembelajaran", "kurikulum"),
    ("kependudukan", "akta", "ktp", "domisili"),
    ("perizinan", "izin", "usaha", "umkm"),
    ("kebersihan", "lingkungan", "sampah", "drainase"),
    ("ketertiban", "keamanan", "trantib", "patroli"),
    ("sosial", "bansos", "kemiskinan", "disabilitas"),
    ("kesehatan", "posyandu", "gizi", "stunting"),
    ("pendidikan", "sekolah", "beasiswa", "literasi"),
    ("aset", "inventaris", "pertanahan", "sertifikat"),
    ("pajak", "retribusi", "pendapatan", "piutang"),
    ("evaluasi", "kinerja", "monitoring", "indikator"),
    ("bencana", "mitigasi", "evakuasi", "darurat"),
    ("budaya", "pariwisata", "kesenian", "festival"),
)
SUFFIXES = ("wan", "si", "ra", "to", "ni", "ko", "me", "lu")  # more topics than 30
POSITIONS = (
    "Arsiparis",
    "Analis Kebijakan",
    "Pranata Komputer",
    "Analis Keuangan",
    "Penata Layanan Operasional",
    "Pengelola Data",
    "Analis Sumber Daya Manusia Aparatur",
    "Perencana",
)
NAMES = ("Siti", "Budi", "Rahmat", "Dewi", "Agus", "Nurhayati", "Fitri", "Hendra")
SURNAMES = ("Lubis", "Nasution", "Siregar", "Harahap", "Sitepu", "Ginting", "Tarigan")
N_UNITS = 10
PER_GROUP = 16  # planted, eight traps, a supervisor in three groups in ten, extras
SUPERVISOR_SHARE = 0.3
# Competencies per group by default: focus sets overlap now and then, so a mentor
# made for one group is sometimes a partial rival in another.
COMPETENCIES_PER_GROUP = 4
HEADROOM_ODDS = 0.35  # a planted level one above what teaching the target takes
ASIDE_SHARE = 0.5  # mentees whose goal text also names an unrelated topic
PLACES = 3
TARGETS = (2, 3, 4, 5)
TARGET_ODDS = (0.2, 0.35, 0.3, 0.15)
PLANTED = "planted"
TRAPS = (
    "generalist",
    "twin",
    "near_rival",
    "one_gap",
    "wordy",
    "full",
    "paused",
    "same_levels",
    "supervisor",
)
EXTRA_TRAPS = TRAPS[:-1]  # a supervisor is one per group
TIES = ("same_levels",)  # kinds that may equal the planted mentor's levels
SIZES = ((200, 300), (1000, 1500))
SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class Dataset:
    """Generated mentees and mentors, the planted good mentor of each mentee,
    and what each mentor is (``kinds``) and which group it was made for."""

    mentees: tuple[MenteeProfile, ...]
    mentors: tuple[MentorCandidate, ...]
    planted: dict[int, int]  # mentee id -> planted mentor id
    kinds: dict[int, str]  # mentor id -> PLANTED or a trap kind
    aimed: dict[int, int]  # mentor id -> group
    groups: dict[int, int]  # mentee id -> group


@dataclass(frozen=True)
class Metrics:
    """Ranking quality: share of planted mentors at rank 1, within 5, mean 1/rank."""

    precision_at_1: float
    precision_at_5: float
    mrr: float


@dataclass(frozen=True)
class Evaluation:
    """One dataset's figures: metrics and trap rates per method, and the cohort.

    ``traps[method][kind]`` is the share of the mentees a trap of that kind was
    aimed at who see one ranked above their planted mentor. The cohort is the
    model's exact assignment within every mentor's places: how many mentees got
    a mentor, and how many of them their planted one.
    """

    metrics: dict[str, Metrics]
    traps: dict[str, dict[str, float]]
    mentees: int
    assigned: int
    assigned_planted: int


@dataclass(frozen=True)
class Run:
    """An evaluation of one generated dataset, with its size and seed."""

    mentees: int
    mentors: int
    seed: int
    evaluation: Evaluation


def topic(competency: int) -> tuple[str, ...]:
    """The words of a competency's topic (beyond 30, suffixed pseudo-topics)."""
    base = TOPICS[(competency - 1) % len(TOPICS)]
    rounds = (competency - 1) // len(TOPICS)
    if not rounds:
        return base
    suffix = SUFFIXES[(rounds - 1) % len(SUFFIXES)] * (
        (rounds - 1) // len(SUFFIXES) + 1
    )
    return tuple(word + suffix for word in base)


@dataclass
class _Group:
    """Mentees aiming at one position: its focus, target levels and planted levels."""

    focus: tuple[int, ...]
    target: dict[int, int]
    levels: dict[int, int]  # the planted mentor's (raised where a rival is higher)
    star: int  # a focus competency the planted mentor holds at 5, target <= 4
    text: str = ""
    supervisor: int | None = None  # spec row of the supervisor trap
    planted: int = -1  # spec row of the planted mentor


@dataclass
class _Spec:
    """A mentor before it gets its id: what it is, for whom, its offer."""

    kind: str
    group: int
    levels: dict[int, int]
    text: str
    available: bool = True
    places: int = PLACES
    lower: int | None = None  # near_rival: the competency one below the planted

    def follow(self, group: _Group) -> None:
        """Keep a near rival one level below its (possibly raised) planted mentor."""
        if self.lower is not None:
            self.levels = {**group.levels, self.lower: group.levels[self.lower] - 1}


class _Generator:
    """The random choices behind ``generate``, sharing one seeded generator."""

    def __init__(self, n_competencies: int, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.n_competencies = n_competencies

    def words(self, competencies: Sequence[int], per_topic: int = 2) -> list[str]:
        """A few words of each competency's topic."""
        chosen = []
        for c in competencies:
            chosen += list(self.rng.choice(topic(c), size=per_topic, replace=False))
        return chosen

    def others(self, focus: Sequence[int], count: int) -> list[int]:
        """``count`` competencies outside the focus, at random."""
        rest = [c for c in range(1, self.n_competencies + 1) if c not in focus]
        return sorted(int(c) for c in self.rng.choice(rest, count, replace=False))

    def focus_sets(self, count: int) -> list[tuple[int, ...]]:
        """Sets of 2-4 competencies, none inside another (an antichain)."""
        sets: list[frozenset[int]] = []
        smallest, misses = 2, 0
        while len(sets) < count:
            size = int(self.rng.integers(smallest, 5))
            chosen = frozenset(
                int(c) + 1
                for c in self.rng.choice(self.n_competencies, size, replace=False)
            )
            if any(chosen <= s or s <= chosen for s in sets):
                misses += 1
                if misses > 50 and smallest < 4:  # small sets run out first
                    smallest, misses = smallest + 1, 0
                continue
            sets.append(chosen)
        return [tuple(sorted(s)) for s in sets]

    def group(self, focus: tuple[int, ...]) -> _Group:
        """Target levels of a group and its planted mentor's levels and text."""
        rng = self.rng
        target = {c: int(rng.choice(TARGETS, p=TARGET_ODDS)) for c in focus}
        levels = {
            c: min(max(TEACHING_LEVEL, t) + int(rng.random() < HEADROOM_ODDS), 5)
            for c, t in target.items()
        }
        stars = [c for c in focus if levels[c] == MAX_LEVEL and target[c] < MAX_LEVEL]
        if stars:
            star = int(rng.choice(stars))
        else:
            star = min(focus, key=lambda c: (target[c], c))
            target[star] = min(target[star], MAX_LEVEL - 1)
            levels[star] = MAX_LEVEL
        text = self.expertise(self.words(focus))
        return _Group(focus, target, levels, star, text)

    @staticmethod
    def expertise(words: Sequence[str]) -> str:
        """A mentor's expertise text around these words."""
        return f"Berpengalaman dalam {' '.join(words)} dan siap membimbing rekan."

    def trap(self, kind: str, g: int, group: _Group) -> _Spec:
        """A trap of this kind, aimed at the group (see the module doc)."""
        focus, target = group.focus, group.target
        if kind == "generalist":
            spread = self.others(focus, int(self.rng.integers(4, 9)))
            levels = dict.fromkeys((*focus, *spread), 3)
            levels.update(dict.fromkeys(self.others(levels, 2), 4))
            words = self.words([*focus, *spread[:4]], per_topic=1)
            return _Spec(kind, g, levels, self.expertise(words))
        if kind == "twin":
            levels = {c: 3 if t <= 3 else t - 1 for c, t in target.items()}
            return _Spec(kind, g, levels, self.expertise(self.words(focus)))
        if kind == "near_rival":  # and every word of the focus topics
            spare = [
                c for c in focus if group.levels[c] > max(TEACHING_LEVEL, target[c])
            ]
            lower = int(self.rng.choice(spare))  # the star at least
            words = self.words(focus, per_topic=4)
            spec = _Spec(kind, g, {}, self.expertise(words), lower=lower)
            spec.follow(group)
            return spec
        if kind == "one_gap":
            levels = {group.star: MAX_LEVEL}
            return _Spec(kind, g, levels, self.expertise(self.words([group.star])))
        if kind == "wordy":
            taught = min(focus, key=lambda c: (target[c], c))  # its target <= 4
            levels = {c: TEACHING_LEVEL if c == taught else 3 for c in focus}
            more = " ".join(self.words(focus, per_topic=4))
            return _Spec(kind, g, levels, f"{group.text} Juga {more}.")
        # The copies share the planted mentor's levels, raised or not.
        if kind == "same_levels":
            words = self.words(self.others(focus, len(focus)))
            return _Spec(kind, g, group.levels, self.expertise(words))
        # The copies share the planted mentor's levels, raised or not.
        if kind == "same_levels":
            words = self.words(self.others(focus, len(focus)))
            return _Spec(kind, g, group.levels, self.expertise(words))
        if kind == "supervisor":
            return _Spec(kind, g, dict.fromkeys(focus, MAX_LEVEL), group.text)
        if kind in ("full", "paused"):
            paused = kind == "paused"
            places = PLACES if paused else 0
            return _Spec(kind, g, group.levels, group.text, not paused, places)
        raise ValueError(f"unknown trap kind {kind!r}")

    def mentee(
        self, mentee_id: int, group: _Group, supervisor: int | None
    ) -> MenteeProfile:
        """A mentee of the group: short of every focus target, a goal text."""
        rng = self.rng
        current, target = {}, dict(group.target)
        for c, t in group.target.items():
            gap = int(rng.integers(1, min(t, 3) + 1))
            if t > gap:
                current[c] = t - gap
        for c in self.others(group.focus, 3):  # targets already met
            target[c] = int(rng.integers(1, 5))
            current[c] = target[c] + int(rng.integers(0, 2))
        size = int(rng.integers(0, min(2, len(group.focus)) + 1))
        goals = frozenset(int(c) for c in rng.choice(group.focus, size, False))
        # Random words of the goal topics, one of them of the planted mentor's.
        topics = sorted(goals or group.focus)
        offered = [w for w in topic(topics[0]) if w in group.text.split()]
        goal_words = [str(rng.choice(offered)), *self.words(topics[1:], 1)]
        if rng.random() < ASIDE_SHARE:
            aside = self.others(group.focus, 1)
            goal_words.append(f"serta {self.words(aside, per_topic=1)[0]}")
        position = rng.choice(POSITIONS)
        text = f"Ingin meningkatkan kemampuan {' '.join(goal_words)} untuk {position}"
        unit = int(rng.integers(1, N_UNITS + 1))
        return MenteeProfile(mentee_id, unit, supervisor, current, target, goals, text)


def generate(
    n_mentees: int, n_mentors: int, n_competencies: int | None = None, seed: int = 0
) -> Dataset:
    """Mentees in groups, a planted good mentor and traps per group (module doc).

    Mentors get ids 1..n_mentors in random order (so no tie-break by id favours
    the planted ones), mentees the ids after.
    """
    n_groups = max(1, min(n_mentors // PER_GROUP, n_mentees))
    if n_competencies is None:
        n_competencies = max(30, COMPETENCIES_PER_GROUP * n_groups)
    if n_mentors < len(TRAPS) or n_mentees < 1 or n_competencies < 10:
        raise ValueError("need at least 8 mentors, 1 mentee and 10 competencies")
    gen = _Generator(n_competencies, seed)
    rng = gen.rng
    groups = [gen.group(focus) for focus in gen.focus_sets(n_groups)]
    specs: list[_Spec] = []
    for g, group in enumerate(groups):
        group.planted = len(specs)
        specs.append(_Spec(PLANTED, g, group.levels, group.text))
        kinds = list(EXTRA_TRAPS)
        if rng.random() < SUPERVISOR_SHARE and len(specs) + len(TRAPS) <= n_mentors:
            kinds.append("supervisor")
        for kind in kinds:
            if kind == "supervisor":
                group.supervisor = len(specs)
            specs.append(gen.trap(kind, g, group))
    while len(specs) < n_mentors:
        g = int(rng.integers(n_groups))
        specs.append(gen.trap(str(rng.choice(EXTRA_TRAPS)), g, groups[g]))
    specs = specs[:n_mentors]
    _raise_planted(specs, groups, n_competencies)
    ids = rng.permutation(len(specs)) + 1
    mentors = [
        MentorCandidate(
            int(ids[row]),
            int(rng.integers(1, N_UNITS + 1)),
            f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}",
            spec.levels,
            spec.text,
            capacity_left=spec.places,
            available=spec.available,
        )
        for row, spec in enumerate(specs)
    ]
    mentees, planted, of_group = [], {}, {}
    for i in range(n_mentees):
        g = i % n_groups
        group = groups[g]
        mentee_id = n_mentors + i + 1
        boss = None if group.supervisor is None else int(ids[group.supervisor])
        mentees.append(gen.mentee(mentee_id, group, boss))
        planted[mentee_id] = int(ids[group.planted])
        of_group[mentee_id] = g
    order = np.argsort(ids)
    return Dataset(
        mentees=tuple(mentees),
        mentors=tuple(mentors[row] for row in order),
        planted=planted,
        kinds={int(ids[row]): spec.kind for row, spec in enumerate(specs)},
        aimed={int(ids[row]): spec.group for row, spec in enumerate(specs)},
        groups=of_group,
    )


def _raise_planted(
    specs: Sequence[_Spec], groups: Sequence[_Group], n_competencies: int
) -> None:
    """Make each planted mentor the best teacher of its focus, then check it.

    Raises a planted level to any higher one another eligible mentor teaches (until
    nothing moves: a raised planted mentor is a rival of other groups), then
    checks that every eligible mentor is below the planted one somewhere.
    """
    is_open = np.array([s.available and s.places > 0 for s in specs])
    moved = True
    while moved:
        moved = False
        for spec in specs:
            spec.follow(groups[spec.group])
        levels = _level_matrix(specs, n_competencies)
        for group in groups:
            rivals = _rivals(is_open, group)
            for c in group.focus:
                taught = levels[rivals, c]
                taught = taught[taught >= max(TEACHING_LEVEL, group.target[c])]
                if taught.size and taught.max() > group.levels[c]:
                    group.levels[c] = levels[group.planted, c] = int(taught.max())
                    moved = True
    for g, group in enumerate(groups):
        focus = list(group.focus)
        floor = np.array([max(TEACHING_LEVEL, group.target[c]) for c in focus])
        held = levels[:, focus]
        rivals = _rivals(is_open, group)
        taught = np.where(held >= floor, held, 0)[rivals]
        best = taught.max(axis=0, initial=0)
        mine = levels[group.planted, focus]
        tied = (taught == mine).all(axis=1)
        allowed = np.array(
            [
                specs[row].kind in TIES and specs[row].group == g
                for row in np.flatnonzero(rivals)
            ],
            dtype=bool,
        )
        if (best > mine).any() or (tied & ~allowed).any():
            raise RuntimeError(f"the planted mentor of focus {focus} is not the best")


def _level_matrix(specs: Sequence[_Spec], n_competencies: int) -> np.ndarray:
    """The specs' levels as a dense matrix, one column per competency (0 unused)."""
    levels = np.zeros((len(specs), n_competencies + 1), dtype=np.int64)
    for row, spec in enumerate(specs):
        for c, level in spec.levels.items():
            levels[row, c] = level
    return levels


def _rivals(is_open: np.ndarray, group: _Group) -> np.ndarray:
    """Mask of the mentors a group's mentees may be matched with, but its planted."""
    rivals = is_open.copy()
    rivals[group.planted] = False
    if group.supervisor is not None:
        rivals[group.supervisor] = False
    return rivals


# -- evaluating --------------------------------------------------------------


def evaluate(dataset: Dataset, seed: int = 0) -> Evaluation:
    """Metrics and trap rates of the model and the baselines, and the cohort."""
    mentees, mentors = dataset.mentees, dataset.mentors
    ids = np.array([m.id for m in mentors])
    column = {int(i): j for j, i in enumerate(ids)}
    planted = np.array([column[dataset.planted[m.id]] for m in mentees], dtype=np.intp)
    mentee_ids = np.array([m.id for m in mentees])
    not_self = ids[None, :] != mentee_ids[:, None]
    shape = not_self.shape
    rng = np.random.default_rng(seed)
    by_id = np.broadcast_to(ids, shape)

    model = MatchModel.fit(mentors, mentees)
    rankings = {"model": (*model.scores(mentees), by_id)}
    textless = MatchModel.fit(mentors, mentees, text_share=0.0)
    rankings["model_without_text"] = (*textless.scores(mentees), by_id)
    rankings["cosine"] = (*_previous_scores(mentees, mentors), by_id)
    overlap = _name_overlap(mentees, mentors)
    rankings["name_overlap"] = (overlap, not_self, rng.random(shape))
    rankings["random"] = (rng.random(shape), not_self, np.zeros(shape))

    kinds = np.array([dataset.kinds[int(i)] for i in ids])
    aimed = np.array([dataset.aimed[int(i)] for i in ids])
    groups = np.array([dataset.groups[int(i)] for i in mentee_ids])
    aimed_here = aimed[None, :] == groups[:, None]
    metrics, traps = {}, {}
    for name, (scores, ranked, keys) in rankings.items():
        ranks, ahead = _ahead(scores, ranked, keys, planted)
        metrics[name] = _metrics(ranks)
        traps[name] = {}
        for kind in TRAPS:
            aimed_kind = aimed_here & (kinds == kind)[None, :]
            concerned = aimed_kind.any(axis=1)
            above = (ahead & aimed_kind).any(axis=1)
            traps[name][kind] = (
                float(above[concerned].mean()) if concerned.any() else 0.0
            )
    cohort = propose(model, mentees)
    planted_pairs = sum(
        1 for pair in cohort.pairs if dataset.planted[pair.mentee_id] == pair.mentor_id
    )
    return Evaluation(metrics, traps, len(mentees), len(cohort.pairs), planted_pairs)


def _previous_scores(
    mentees: Sequence[MenteeProfile], mentors: Sequence[MentorCandidate]
) -> tuple[np.ndarray, np.ndarray]:
    """The earlier score and hard rules (see the module doc), mentees x mentors."""
    competencies = sorted(
        {c for m in mentors for c in m.levels} | {c for m in mentees for c in m.target}
    )
    column = {c: j for j, c in enumerate(competencies)}
    levels = np.zeros((len(mentors), len(competencies)))
    for row, mentor in enumerate(mentors):
        for c, level in mentor.levels.items():
            levels[row, column[c]] = level
    norms = np.linalg.norm(levels, axis=1, keepdims=True)
    strength = levels / np.where(norms > 0, norms, 1)
    need = np.zeros((len(mentees), len(competencies)))
    target = np.full((len(mentees), len(competencies)), MAX_LEVEL + 1)
    for row, mentee in enumerate(mentees):
        for c, gap in mentee.needs().items():
            need[row, column[c]] = gap * mentee.weight(c)
            target[row, column[c]] = mentee.target[c]
    need /= np.maximum(np.linalg.norm(need, axis=1, keepdims=True), 1e-12)
    vectorizer = make_vectorizer()
    vectorizer.fit([m.text for m in mentors] + [m.text for m in mentees])
    text = vectorizer.transform([m.text for m in mentees])
    expertise = vectorizer.transform([m.text for m in mentors])
    scores = 0.8 * need @ strength.T + 0.2 * (text @ expertise.T).toarray()
    covers = np.zeros(scores.shape, dtype=bool)
    for j in range(len(competencies)):  # holds the target in some gap
        covers |= levels[None, :, j] >= target[:, None, j]
    is_open = np.array([m.available and m.capacity_left > 0 for m in mentors])
    ids = np.array([m.id for m in mentors])
    eligible = covers & is_open[None, :]
    for row, mentee in enumerate(mentees):
        eligible[row] &= (ids != mentee.id) & (ids != mentee.supervisor_id)
    return scores, eligible


def _name_overlap(
    mentees: Sequence[MenteeProfile], mentors: Sequence[MentorCandidate]
) -> np.ndarray:
    """Per pair, how many competencies the mentee needs the mentor offers at all."""
    competencies = sorted({c for m in mentors for c in m.levels})
    column = {c: j for j, c in enumerate(competencies)}
    offers = np.zeros((len(mentors), len(competencies)))
    for row, mentor in enumerate(mentors):
        offers[row, [column[c] for c in mentor.levels]] = 1
    needs = np.zeros((len(mentees), len(competencies)))
    for row, mentee in enumerate(mentees):
        needs[row, [column[c] for c in mentee.needs() if c in column]] = 1
    return needs @ offers.T


def _ahead(
    scores: np.ndarray, ranked: np.ndarray, keys: np.ndarray, planted: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rank of each row's planted column (0: not ranked), and who is ahead of it.

    Among the ``ranked`` columns, higher scores come first and equal scores in
    ascending ``keys`` order; when the planted column is not ranked, every ranked
    column is ahead of it.
    """
    rows = np.arange(len(planted))
    score = scores[rows, planted][:, None]
    key = keys[rows, planted][:, None]
    found = ranked[rows, planted]
    ahead = ranked & ((scores > score) | ((scores == score) & (keys < key)))
    ahead |= ranked & ~found[:, None]
    ranks = np.where(found, 1 + ahead.sum(axis=1), 0)
    return ranks, ahead


def _ranks(
    scores: np.ndarray, ranked: np.ndarray, keys: np.ndarray, planted: np.ndarray
) -> np.ndarray:
    """Rank (1 = first) of each row's planted column; 0 where it is not ranked."""
    return _ahead(scores, ranked, keys, planted)[0]


def _metrics(ranks: np.ndarray) -> Metrics:
    """Precision at 1 and 5 and the mean reciprocal rank of the planted mentors."""
    if not ranks.size:
        return Metrics(0.0, 0.0, 0.0)
    found = ranks > 0
    reciprocal = np.divide(1.0, ranks, out=np.zeros(len(ranks)), where=found)
    return Metrics(
        precision_at_1=float(np.mean(found & (ranks == 1))),
        precision_at_5=float(np.mean(found & (ranks <= 5))),
        mrr=float(np.mean(reciprocal)),
    )


def run_evaluation(
    sizes: Sequence[tuple[int, int]] = SIZES, seeds: Sequence[int] = SEEDS
) -> list[Run]:
    """Generate a dataset per size and seed and evaluate it (``matching-eval``)."""
    return [
        Run(
            n_mentees,
            n_mentors,
            seed,
            evaluate(generate(n_mentees, n_mentors, seed=seed), seed),
        )
        for n_mentees, n_mentors in sizes
        for seed in seeds
    ]


def summarize(runs: Sequence[Run]) -> dict[tuple[int, int], list[Run]]:
    """The runs by size (mentees, mentors), in the order they came."""
    by_size: dict[tuple[int, int], list[Run]] = {}
    for run in runs:
        by_size.setdefault((run.mentees, run.mentors), []).append(run)
    return by_size


def format_report(runs: Sequence[Run]) -> str:
    """Per size: the metrics (mean over seeds, lowest in brackets), the traps
    ranked above the planted mentor, and the cohort, as aligned plain text."""
    blocks = []
    for (n_mentees, n_mentors), group in summarize(runs).items():
        seeds = ", ".join(str(run.seed) for run in group)
        lines = [
            f"{n_mentees} mentees x {n_mentors} mentors, seeds {seeds}",
            "",
            _metric_table(group),
            "",
            "Traps ranked above the planted mentor (share of the mentees aimed at):",
            _trap_table(group),
            "",
            _cohort_line(group),
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _metric_table(runs: Sequence[Run]) -> str:
    """method | P@1 | P@5 | MRR, each the mean over the runs (lowest)."""
    methods = list(runs[0].evaluation.metrics)
    width = max(len("method"), *map(len, methods))
    header = f"{'method':<{width}}  {'P@1':>13}  {'P@5':>13}  {'MRR':>13}"
    lines = [header, "-" * len(header)]
    for name in methods:
        cells = []
        for field_name in ("precision_at_1", "precision_at_5", "mrr"):
            values = [getattr(r.evaluation.metrics[name], field_name) for r in runs]
            cells.append(f"{np.mean(values):.3f} ({min(values):.3f})")
        lines.append(f"{name:<{width}}  " + "  ".join(f"{c:>13}" for c in cells))
    return "\n".join(lines)


def _trap_table(runs: Sequence[Run]) -> str:
    """method | one column per trap kind: the mean share over the runs."""
    methods = list(runs[0].evaluation.traps)
    width = max(len("method"), *map(len, methods))
    header = f"{'method':<{width}}" + "".join(f"  {k:>10}" for k in TRAPS)
    lines = [header, "-" * len(header)]
    for name in methods:
        values = [
            np.mean([r.evaluation.traps[name][kind] for r in runs]) for kind in TRAPS
        ]
        lines.append(f"{name:<{width}}" + "".join(f"  {v:>10.3f}" for v in values))
    return "\n".join(lines)


def _cohort_line(runs: Sequence[Run]) -> str:
    """The cohort's assigned mentees and planted pairs, summed over the runs."""
    mentees = sum(r.evaluation.mentees for r in runs)
    assigned = sum(r.evaluation.assigned for r in runs)
    planted = sum(r.evaluation.assigned_planted for r in runs)
    share = planted / assigned if assigned else 0.0
    return (
        f"Cohort ({PLACES} places per mentor, exact): {assigned} of {mentees} "
        f"mentees assigned, {planted} of them ({share:.1%}) to their planted mentor"
    )
