"""MatchModel: hard filters, browsing filters, scores, ranking and reasons."""

from __future__ import annotations

import numpy as np
import pytest

from app.matching import model as model_module
from app.matching.features import COVER_BASE, MenteeProfile, MentorCandidate
from app.matching.model import MatchModel, Reason, ReasonKind, top_k

ANGGARAN, ARSIP, LAYANAN, DATA = 1, 2, 3, 4


def mentee(**fields) -> MenteeProfile:
    """Needs +2 on anggaran (2 -> 4) and +1 on arsip (0 -> 1); unit 1."""
    values = {
        "id": 100,
        "unit_id": 1,
        "supervisor_id": 50,
        "current": {ANGGARAN: 2},
        "target": {ANGGARAN: 4, ARSIP: 1},
        "goal_competencies": frozenset(),
        "text": "Penyusunan anggaran berbasis kinerja untuk Analis Keuangan",
    }
    return MenteeProfile(**{**values, **fields})


def mentor(mentor_id: int, levels: dict[int, int], **fields) -> MentorCandidate:
    """A mentor in unit 2 with one place left, unless told otherwise."""
    values = {"unit_id": 2, "name": f"Mentor {mentor_id}", "text": ""}
    return MentorCandidate(mentor_id, levels=levels, **{**values, **fields})


def ids(suggestions) -> list[int]:
    return [s.mentor_id for s in suggestions]


@pytest.fixture
def mentors() -> list[MentorCandidate]:
    return [
        mentor(1, {ANGGARAN: 4}, text="Penyusunan anggaran dan belanja daerah"),
        mentor(2, {ANGGARAN: 5, ARSIP: 4}, unit_id=1, name="Siti Lubis"),
        mentor(3, {ARSIP: 4}, text="Arsip digital dan dokumentasi"),
        mentor(4, {LAYANAN: 5, DATA: 5}, text="Pelayanan publik"),
    ]


@pytest.fixture
def model(mentors) -> MatchModel:
    return MatchModel.fit(mentors, [mentee()])


def test_suggests_covering_mentors_best_first(model) -> None:
    suggestions = model.suggest(mentee())
    assert ids(suggestions) == [2, 1, 3]  # 4 covers nothing the mentee needs
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


@pytest.mark.parametrize(
    "changed, why",
    [
        (mentor(100, {ANGGARAN: 5}), "the mentee themself"),
        (mentor(50, {ANGGARAN: 5}), "the mentee's supervisor"),
        (mentor(7, {ANGGARAN: 5}, available=False), "paused"),
        (mentor(7, {ANGGARAN: 5}, capacity_left=0), "full"),
        (mentor(7, {ANGGARAN: 3}), "below the target level"),
        (mentor(7, {ARSIP: 3}), "holds the target of 1, but below level 4"),
        (mentor(7, {LAYANAN: 5}), "offers nothing needed"),
    ],
)
def test_hard_filters(changed, why) -> None:
    fitted = MatchModel.fit([changed, mentor(8, {ANGGARAN: 4})])
    assert ids(fitted.suggest(mentee())) == [8], why
    _, eligible = fitted.scores([mentee()])
    assert eligible.tolist() == [[False, True]], why


def test_update_availability_without_refit(model) -> None:
    model.update_availability({2: (False, 1), 3: (True, 0), 999: (True, 5)})
    assert ids(model.suggest(mentee())) == [1]
    model.update_availability({2: (True, 2)})
    assert ids(model.suggest(mentee())) == [2, 1]
    assert model.capacity_left([2, 3]).tolist() == [2, 0]


@pytest.mark.parametrize(
    "options, expected",
    [
        ({"competency": ARSIP}, [2, 3]),
        ({"competency": 99}, []),
        ({"unit_id": 2}, [1, 3]),
        ({"scope": "same"}, [2]),
        ({"scope": "other"}, [1, 3]),
        ({"query": "ANGGARAN belanja"}, [1]),  # every word, any case
        ({"query": "anggaran arsip"}, []),
        ({"query": "siti"}, [2]),  # the name counts too
        ({"exclude": {2, 3}}, [1]),
        ({"k": 1}, [2]),
        ({"k": 0}, []),
    ],
)
def test_browsing_filters(model, options, expected) -> None:
    assert ids(model.suggest(mentee(), **options)) == expected


def test_unknown_scope_is_refused(model) -> None:
    with pytest.raises(ValueError, match="scope"):
        model.suggest(mentee(), scope="elsewhere")


def test_covers_gap_reason_carries_the_numbers(model) -> None:
    first = model.suggest(mentee(), unit_id=2)[0]
    assert first.mentor_id == 1
    assert first.reasons[0] == Reason(
        ReasonKind.COVERS_GAP,
        competency_id=ANGGARAN,
        mentor_level=4,
        need=2,
        target=4,
        headroom=0,
    )
    [arsip] = [r for r in model.explain(mentee(), 2) if r.competency_id == ARSIP]
    assert (arsip.mentor_level, arsip.target, arsip.headroom) == (4, 1, 3)


def test_a_needed_competency_held_too_low_is_a_reason_against() -> None:
    # Anggaran at 3 does not teach; arsip at 4 does; layanan at 4 is below 5.
    profile = mentee(current={}, target={ANGGARAN: 2, ARSIP: 1, LAYANAN: 5})
    fitted = MatchModel.fit([mentor(1, {ANGGARAN: 3, ARSIP: 4, LAYANAN: 4})])
    reasons = fitted.explain(profile, 1)
    below = [r for r in reasons if r.kind is ReasonKind.BELOW_NEED]
    assert [(r.competency_id, r.mentor_level, r.target) for r in below] == [
        (LAYANAN, 4, 5),
        (ANGGARAN, 3, 2),
    ]
    assert [r.competency_id for r in reasons if r.kind is ReasonKind.COVERS_GAP] == [
        ARSIP
    ]


def test_reasons_ordered_by_contribution(model) -> None:
    profile = mentee(goal_competencies=frozenset({ARSIP}))
    reasons = model.explain(profile, 2)
    kinds = [r.kind for r in reasons]
    assert kinds == [
        ReasonKind.COVERS_GAP,
        ReasonKind.COVERS_GAP,
        ReasonKind.SHARES_GOALS,
        ReasonKind.SAME_UNIT,
    ]
    # Anggaran: need 2 x 1 at 0.8 (one above 4); arsip: need 1 x goal weight 2
    # at 0.95 (three above 1): arsip contributes more.
    assert [r.competency_id for r in reasons[:2]] == [ARSIP, ANGGARAN]
    assert reasons[2].count == 1


def test_at_most_three_gap_reasons_largest_first() -> None:
    target = {1: 5, 2: 5, 3: 5, 4: 5}
    current = {1: 4, 2: 1, 3: 3, 4: 2}  # needs 1, 4, 2, 3
    profile = mentee(current=current, target=target)
    fitted = MatchModel.fit([mentor(1, dict.fromkeys(target, 5))])
    reasons = fitted.explain(profile, 1)
    gaps = [r.competency_id for r in reasons if r.kind is ReasonKind.COVERS_GAP]
    assert gaps == [2, 4, 3]


def test_shared_terms_reason(model) -> None:
    reasons = model.explain(mentee(), 1)
    terms = next(r.terms for r in reasons if r.kind is ReasonKind.SHARED_TERMS)
    assert set(terms) == {"penyusunan", "anggaran"}
    assert len(terms) <= 3


def test_explain_many_matches_explain(model) -> None:
    pairs = [(mentee(), 1), (mentee(unit_id=2), 3)]
    assert model.explain_many(pairs) == [model.explain(m, i) for m, i in pairs]
    with pytest.raises(ValueError, match="unknown mentor"):
        model.explain(mentee(), 999)


def test_goal_competency_raises_a_covering_mentors_rank() -> None:
    # Needs: anggaran 2, arsip 3. Mentor 1 teaches anggaran, mentor 2 arsip.
    profile = mentee(current={}, target={ANGGARAN: 2, ARSIP: 3}, text="")
    fitted = MatchModel.fit([mentor(1, {ANGGARAN: 5}), mentor(2, {ARSIP: 5})])
    assert ids(fitted.suggest(profile)) == [2, 1]
    with_goal = mentee(**{**vars(profile), "goal_competencies": frozenset({1})})
    assert ids(fitted.suggest(with_goal)) == [1, 2]


def test_equal_scores_go_by_mentor_id() -> None:
    same = {"levels": {ANGGARAN: 5}, "text": "anggaran"}
    fitted = MatchModel.fit([mentor(i, **same) for i in (9, 3, 7, 5)])
    assert ids(fitted.suggest(mentee())) == [3, 5, 7, 9]
    assert ids(fitted.suggest(mentee(), k=2)) == [3, 5]


def test_deterministic(mentors) -> None:
    first = MatchModel.fit(mentors, [mentee()]).suggest(mentee())
    again = MatchModel.fit(mentors, [mentee()]).suggest(mentee())
    assert first == again


def test_scores_agree_with_suggest(model, mentors, monkeypatch) -> None:
    monkeypatch.setattr(model_module, "CHUNK_ROWS", 1)  # several chunks
    profiles = [mentee(), mentee(id=101, unit_id=2, supervisor_id=2)]
    scores, eligible = model.scores(profiles)
    assert scores.shape == eligible.shape == (2, len(mentors))
    assert scores.dtype == np.float32
    for row, profile in enumerate(profiles):
        suggested = {s.mentor_id: s.score for s in model.suggest(profile)}
        columns = np.flatnonzero(eligible[row])
        assert {model.mentor_ids[c] for c in columns} == set(suggested)
        for c in columns:
            assert scores[row, c] == pytest.approx(suggested[model.mentor_ids[c]])


def test_scores_on_some_mentors(model) -> None:
    scores, eligible = model.scores([mentee()], mentor_ids=[3, 1])
    full, _ = model.scores([mentee()])
    assert scores[0].tolist() == [full[0, 2], full[0, 0]]
    assert eligible.tolist() == [[True, True]]
    with pytest.raises(ValueError, match="unknown mentor id 42"):
        model.scores([mentee()], mentor_ids=[42])


def test_works_without_any_text() -> None:
    fitted = MatchModel.fit([mentor(1, {ANGGARAN: 4})], [mentee(text="")])
    [only] = fitted.suggest(mentee(text=""))
    # Anggaran weighs 2 of the need's 3 and is covered at the target (0.6); no
    # text takes TEXT_SHARE off.
    expected = 2 / 3 * COVER_BASE * (1 - model_module.TEXT_SHARE)
    assert only.score == pytest.approx(expected, rel=1e-5)
    assert all(r.kind is not ReasonKind.SHARED_TERMS for r in only.reasons)


def test_headroom_above_the_target_ranks_higher() -> None:
    profile = mentee(current={ANGGARAN: 1}, target={ANGGARAN: 3}, text="")
    fitted = MatchModel.fit([mentor(1, {ANGGARAN: 4}), mentor(2, {ANGGARAN: 5})])
    suggestions = fitted.suggest(profile)
    assert ids(suggestions) == [2, 1]
    assert [s.reasons[0].headroom for s in suggestions] == [2, 1]


def test_covering_more_gaps_beats_one_gap_superbly() -> None:
    # Three gaps of 2 at target 3: one at level 5, or the two others at level 4.
    target = {ANGGARAN: 3, ARSIP: 3, LAYANAN: 3}
    profile = mentee(current=dict.fromkeys(target, 1), target=target, text="")
    superb = mentor(1, {ANGGARAN: 5})
    broad = mentor(2, {ARSIP: 4, LAYANAN: 4})
    fitted = MatchModel.fit([superb, broad])
    assert ids(fitted.suggest(profile)) == [2, 1]
    # Unless the one gap is most of the need: a goal, and the others small.
    goal = mentee(
        current={ANGGARAN: 0, ARSIP: 2, LAYANAN: 2},
        target=target,
        goal_competencies=frozenset({ANGGARAN}),
        text="",
    )
    assert ids(fitted.suggest(goal)) == [1, 2]


def test_text_never_lifts_a_mentor_who_teaches_nothing_needed() -> None:
    words = "Penyusunan anggaran berbasis kinerja untuk Analis Keuangan"
    profile = mentee(text=words)
    # Same words as the mentee, anggaran at 3: names it, does not teach it.
    echo = mentor(1, {ANGGARAN: 3}, text=words)
    plain = mentor(2, {ANGGARAN: 4}, text="")
    fitted = MatchModel.fit([echo, plain], [profile])
    scores, eligible = fitted.scores([profile])
    assert eligible.tolist() == [[False, True]]
    assert scores[0, 0] == 0.0
    assert ids(fitted.suggest(profile)) == [2]


def test_text_moves_a_score_by_at_most_its_share() -> None:
    words = "Penyusunan anggaran berbasis kinerja"
    profile = mentee(current={}, target={ANGGARAN: 4}, text=words)
    echo = mentor(1, {ANGGARAN: 4}, text=words)
    silent = mentor(2, {ANGGARAN: 4}, text="Pelayanan publik")
    higher = mentor(3, {ANGGARAN: 5}, text="")
    fitted = MatchModel.fit([echo, silent, higher], [profile])
    scores, _ = fitted.scores([profile])
    share = model_module.TEXT_SHARE
    assert scores[0, 0] == pytest.approx(COVER_BASE, rel=1e-5)  # the same text
    assert scores[0, 1] == pytest.approx(COVER_BASE * (1 - share), rel=1e-5)
    # Between equal levels the text decides; a level of headroom outweighs it.
    assert ids(fitted.suggest(profile)) == [3, 1, 2]


@pytest.mark.parametrize("share", [-0.1, 1.0, 2.0])
def test_text_share_is_checked(share) -> None:
    with pytest.raises(ValueError, match="text_share"):
        MatchModel.fit([mentor(1, {ANGGARAN: 4})], text_share=share)


def test_len_and_mentor_ids(model) -> None:
    assert len(model) == 4
    assert model.mentor_ids == (1, 2, 3, 4)
    assert 3 in model and 42 not in model


@pytest.mark.parametrize(
    "scores, ids, k, expected",
    [
        ([0.5, 0.9, 0.5, 0.1], [4, 3, 2, 1], 2, [1, 2]),  # 0.9, then 0.5 with id 2
        ([0.5, 0.5, 0.5], [3, 1, 2], 5, [1, 2, 0]),
        ([], [], 3, []),
    ],
)
def test_top_k(scores, ids, k, expected) -> None:
    result = top_k(np.array(scores, dtype=float), np.array(ids, dtype=int), k)
    assert result.tolist() == expected
