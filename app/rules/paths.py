"""Career paths: the positions a person could move to next, by kind of move.

Pure: the candidates come with their requirement rows; nothing is read here.
A candidate is left out when the person is barred from it by what development
cannot change (a PPPK and a managerial post, a Kepala Sekolah task for a
non-Guru, a profession's field of education for someone of another field).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.rules.evaluate import Readiness, evaluate
from app.rules.facts import CompetencyRule, Person, Post, RankFact, Rule
from app.rules.ladder import Move, classify, ladder_key


@dataclass(frozen=True)
class Candidate:
    """A position with its requirement rows and competency standard."""

    post: Post
    rules: Sequence[Rule]
    standard: Sequence[CompetencyRule]
    unit_id: int | None = None


@dataclass(frozen=True)
class Path:
    """One candidate position, the kind of move to it and the readiness for it."""

    candidate: Candidate
    move: Move
    readiness: Readiness


@dataclass(frozen=True)
class Paths:
    """The first few paths of each kind, and how many there are of each."""

    paths: Mapping[Move, list[Path]]
    counts: Mapping[Move, int]


def career_paths(
    person: Person,
    candidates: Iterable[Candidate],
    today: date,
    *,
    ranks: Mapping[str, RankFact],
    unit_id: int | None = None,
    limit: int = 6,
) -> Paths:
    """Paths from the person's post, each kind ordered up the ladder.

    Within a kind the nearest post comes first (eselon, kelas jabatan, jenjang;
    for horizontal moves posts of one's own kind), then the readiest, then the
    person's own unit.
    """
    found: dict[Move, list[Path]] = {move: [] for move in Move}
    for candidate in candidates:
        move = classify(person.post, candidate.post)
        if move is None:
            continue
        readiness = evaluate(
            person,
            candidate.rules,
            candidate.standard,
            today,
            ranks=ranks,
            candidate=candidate.post,
        )
        if not readiness.barred:
            found[move].append(Path(candidate, move, readiness))

    def order(path: Path):
        post = path.candidate.post
        same_unit = path.candidate.unit_id in (None, unit_id)
        if path.move is Move.HORIZONTAL:  # posts of one's own kind first
            place = (int(person.post is None or post.kind != person.post.kind),)
        else:
            place = ladder_key(post)
        return (place, -path.readiness.percent, not same_unit, post.name)

    return Paths(
        paths={move: sorted(items, key=order)[:limit] for move, items in found.items()},
        counts={move: len(items) for move, items in found.items()},
    )
