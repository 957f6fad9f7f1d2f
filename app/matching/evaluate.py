"""Measure the model on generated data with planted good pairs, against baselines.

Each planted mentor teaches a distinct set of 2-4 competencies; its mentees need
exactly those, up to the mentor's levels, and their goal text shares words with
the mentor's expertise (and, for half of them, mentions an unrelated topic).
``generate`` checks that the planted mentor really is the best fit by competency
cosine among the mentors that pass the hard filters, so no method is graded
against a wrong answer. Distractors are built to fool simple methods: the same
competencies below the target level, generalists offering nearly everything,
partial covers with unrelated text, and near rivals that cover every gap but
teach one competency more, with the same expertise text as the planted mentor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from app.matching.features import MenteeProfile, MentorCandidate
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
SUPERVISED_SHARE = 0.3  # mentees whose supervisor is one of the mentors
CLOSED_SHARE = 0.1  # distractors paused or full
ASIDE_SHARE = 0.5  # mentees whose goal text also names an unrelated topic
RETRIES = 5
METHODS = ("model", "random", "name_overlap")


@dataclass(frozen=True)
class Dataset:
    """Generated mentees and mentors, and the planted good mentor of each mentee."""

    mentees: tuple[MenteeProfile, ...]
    mentors: tuple[MentorCandidate, ...]
    planted: dict[int, int]


@dataclass(frozen=True)
class Metrics:
    """Ranking quality: share of planted mentors at rank 1, within 5, mean 1/rank."""

    precision_at_1: float
    precision_at_5: float
    mrr: float


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

    def mentor(
        self, mentor_id: int, levels: dict[int, int], words: list[str]
    ) -> MentorCandidate:
        """A mentor with these levels and an expertise text of these words."""
        name = f"{self.rng.choice(NAMES)} {self.rng.choice(SURNAMES)}"
        text = f"Berpengalaman dalam {' '.join(words)} dan siap membimbing rekan."
        unit = int(self.rng.integers(1, N_UNITS + 1))
        return MentorCandidate(mentor_id, unit, name, levels, text, capacity_left=3)

    def focus_sets(self, count: int) -> list[tuple[int, ...]]:
        """Distinct sets of 2-4 competencies, one per planted mentor."""
        sets: dict[tuple[int, ...], None] = {}  # insertion-ordered: reproducible
        while len(sets) < count:
            size = int(self.rng.integers(2, 5))
            chosen = self.rng.choice(self.n_competencies, size=size, replace=False)
            sets[tuple(sorted(int(c) + 1 for c in chosen))] = None
        return list(sets)

    def mentee(
        self,
        mentee_id: int,
        planted: MentorCandidate,
        supervisor: int | None,
        exact: bool,
    ) -> MenteeProfile:
        """A mentee needing exactly the planted mentor's competencies, within reach.

        Targets are the mentor's levels and gaps are drawn at random;
        ``exact`` makes the need equal to the mentor's levels (no goals), the one
        need for which no other mentor can rival the planted one.
        """
        levels = planted.levels
        focus = sorted(levels)
        goals: frozenset[int] = frozenset()
        if not exact:
            size = int(self.rng.integers(1, min(2, len(focus)) + 1))
            goals = frozenset(int(c) for c in self.rng.choice(focus, size, False))
        current, target = {}, {}
        for c in focus:
            target[c] = levels[c]
            gap = levels[c]
            if not exact:
                gap = int(self.rng.integers(1, min(target[c], 3) + 1))
            if target[c] > gap:
                current[c] = target[c] - gap
        others = [c for c in range(1, self.n_competencies + 1) if c not in levels]
        for c in self.rng.choice(others, size=min(3, len(others)), replace=False):
            target[int(c)] = int(self.rng.integers(1, 5))
            current[int(c)] = target[int(c)] + int(self.rng.integers(0, 2))
        # One word per goal topic, of those the planted mentor wrote: shared words.
        offered = set(planted.text.split())
        goal_words = [
            str(self.rng.choice([w for w in topic(c) if w in offered]))
            for c in sorted(goals or focus)
        ]
        if self.rng.random() < ASIDE_SHARE:
            aside = int(self.rng.choice(others))
            goal_words.append(f"serta {self.words([aside], per_topic=1)[0]}")
        position = self.rng.choice(POSITIONS)
        text = f"Ingin meningkatkan kemampuan {' '.join(goal_words)} untuk {position}"
        unit = int(self.rng.integers(1, N_UNITS + 1))
        return MenteeProfile(mentee_id, unit, supervisor, current, target, goals, text)


def generate(
    n_mentees: int, n_mentors: int, n_competencies: int = 30, seed: int = 0
) -> Dataset:
    """Mentees, mentors and one planted good mentor per mentee (see module doc).

    Mentors get ids 1..n_mentors, mentees the ids after; when there are more
    mentees than planted mentors (two thirds of the mentors), they share them.
    """
    if n_mentors < 2 or n_competencies < 5:
        raise ValueError("need at least 2 mentors and 5 competencies")
    gen = _Generator(n_competencies, seed)
    rng = gen.rng
    n_planted = max(1, min(n_mentees, 2 * n_mentors // 3))
    focus_levels = [
        {c: int(rng.integers(2, 6)) for c in focus}
        for focus in gen.focus_sets(n_planted)
    ]
    mentors = [
        gen.mentor(p + 1, levels, gen.words(sorted(levels)))
        for p, levels in enumerate(focus_levels)
    ]
    planted_mentors = tuple(mentors)
    planted_sets = {tuple(sorted(levels)) for levels in focus_levels}
    for number in range(n_mentors - n_planted):
        mentor_id = len(mentors) + 1
        mentors.append(
            _distractor(gen, mentor_id, number, planted_mentors, planted_sets)
        )
    judge = _Judge(mentors, n_competencies)
    mentees, planted = [], {}
    for i in range(n_mentees):
        p = i % n_planted
        mentee_id = n_mentors + i + 1
        supervisor = None
        if rng.random() < SUPERVISED_SHARE:
            supervisor = int(rng.integers(1, n_mentors))
            supervisor += supervisor >= p + 1  # anyone but the planted mentor
        for attempt in range(RETRIES + 1):
            exact = attempt == RETRIES
            mentee = gen.mentee(mentee_id, mentors[p], supervisor, exact)
            if judge.planted_is_best(mentee, p):
                break
        else:
            raise RuntimeError(f"mentor {p + 1} is not the best fit of {mentee_id}")
        mentees.append(mentee)
        planted[mentee_id] = p + 1
    return Dataset(tuple(mentees), tuple(mentors), planted)


def _distractor(
    gen: _Generator,
    mentor_id: int,
    number: int,
    planted: Sequence[MentorCandidate],
    planted_sets: set[tuple[int, ...]],
) -> MentorCandidate:
    """A mentor built to fool simple methods, of four kinds in turn."""
    rng = gen.rng
    template = planted[int(rng.integers(len(planted)))]
    mimicked = dict(template.levels)
    kind = number % 4
    if kind == 0:  # the same competencies and topics, each one level short
        levels = {c: level - 1 for c, level in mimicked.items()}
        words = gen.words(sorted(levels))
    elif kind == 1:  # a generalist: nearly every competency, at high levels
        size = int(0.7 * gen.n_competencies)
        chosen = [int(c) + 1 for c in rng.choice(gen.n_competencies, size, False)]
        levels = {c: int(rng.integers(4, 6)) for c in chosen}
        words = gen.words(sorted(chosen[:6]), per_topic=1)
    elif kind == 2:  # covers part of a need, writes about something else
        focus = sorted(mimicked)
        part = sorted(
            int(c) for c in rng.choice(focus, rng.integers(1, len(focus)), False)
        )
        if tuple(part) in planted_sets:  # it would be another group's exact fit
            part = part[:1]
        levels = {c: mimicked[c] for c in part}
        others = [c for c in range(1, gen.n_competencies + 1) if c not in mimicked]
        words = gen.words(sorted(int(c) for c in rng.choice(others, 2, False)))
    else:  # a near rival: every gap and one competency more, the same write-up
        others = [c for c in range(1, gen.n_competencies + 1) if c not in mimicked]
        levels = {**mimicked, int(rng.choice(others)): int(rng.integers(2, 6))}
        words = []
    mentor = gen.mentor(mentor_id, levels, words)
    if kind == 3:
        mentor = replace(mentor, text=template.text)
    if rng.random() < CLOSED_SHARE:
        paused = bool(rng.random() < 0.5)
        return replace(mentor, available=not paused, capacity_left=3 * paused)
    return mentor


class _Judge:
    """Checks a planted pair by competency cosine alone, independently of the model."""

    def __init__(self, mentors: Sequence[MentorCandidate], n_competencies: int):
        """Dense levels and normalised strengths of the mentors."""
        self.levels = np.zeros((len(mentors), n_competencies + 1))
        for row, mentor in enumerate(mentors):
            for c, level in mentor.levels.items():
                self.levels[row, c] = level
        norms = np.linalg.norm(self.levels, axis=1, keepdims=True)
        self.strength = self.levels / np.where(norms > 0, norms, 1)
        self.is_open = np.array([m.available and m.capacity_left > 0 for m in mentors])

    def planted_is_best(self, mentee: MenteeProfile, planted_row: int) -> bool:
        """Whether the planted mentor passes the filters and has the highest cosine."""
        gaps = mentee.needs()
        columns = np.array(sorted(gaps))
        need = np.array([gaps[c] * mentee.weight(c) for c in columns])
        target = np.array([mentee.target[c] for c in columns])
        eligible = self.is_open & (self.levels[:, columns] >= target).any(axis=1)
        if mentee.supervisor_id is not None:
            eligible[mentee.supervisor_id - 1] = False  # mentor ids are rows + 1
        cosine = self.strength[:, columns] @ need / np.linalg.norm(need)
        rivals = cosine[eligible & (np.arange(len(cosine)) != planted_row)]
        best = rivals.max(initial=0.0)
        return bool(eligible[planted_row] and cosine[planted_row] > best + 1e-9)


def evaluate(dataset: Dataset, seed: int = 0) -> dict[str, Metrics]:
    """Metrics of the model and of the two baselines on a dataset."""
    mentees = dataset.mentees
    model = MatchModel.fit(dataset.mentors, mentees)
    ids = np.array(model.mentor_ids)
    column = {int(i): j for j, i in enumerate(ids)}
    planted = np.array([column[dataset.planted[m.id]] for m in mentees], dtype=np.intp)
    not_self = ids[None, :] != np.array([m.id for m in mentees])[:, None]
    rng = np.random.default_rng(seed)
    shape = not_self.shape

    scores, eligible = model.scores(mentees)
    by_id = np.broadcast_to(ids, shape)  # the model's own tie-break
    results = {"model": _metrics(_ranks(scores, eligible, by_id, planted))}

    random_keys = rng.random(shape)
    ranks = _ranks(random_keys, not_self, np.zeros(shape), planted)
    results["random"] = _metrics(ranks)

    overlap = _name_overlap(mentees, dataset.mentors)
    ranks = _ranks(overlap, not_self, rng.random(shape), planted)
    results["name_overlap"] = _metrics(ranks)
    return results


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


def _ranks(
    scores: np.ndarray, ranked: np.ndarray, keys: np.ndarray, planted: np.ndarray
) -> np.ndarray:
    """Rank (1 = first) of each row's planted column; 0 where it is not ranked.

    Among the ``ranked`` columns, higher scores come first and equal scores in
    ascending ``keys`` order.
    """
    rows = np.arange(len(planted))
    score = scores[rows, planted][:, None]
    key = keys[rows, planted][:, None]
    ahead = ranked & ((scores > score) | ((scores == score) & (keys < key)))
    return np.where(ranked[rows, planted], 1 + ahead.sum(axis=1), 0)


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
    n_mentees: int = 200, n_mentors: int = 300, seed: int = 0
) -> dict[str, Metrics]:
    """Generate a dataset and evaluate every method on it (``flask matching-eval``)."""
    return evaluate(generate(n_mentees, n_mentors, seed=seed), seed=seed)


def format_report(results: dict[str, Metrics]) -> str:
    """The metrics as an aligned plain-text table, one method per line."""
    width = max(len("method"), *(len(name) for name in results))
    lines = [f"{'method':<{width}}    P@1    P@5    MRR", "-" * (width + 21)]
    for name, m in results.items():
        lines.append(
            f"{name:<{width}}  {m.precision_at_1:5.3f}  {m.precision_at_5:5.3f}"
            f"  {m.mrr:5.3f}"
        )
    return "\n".join(lines)
