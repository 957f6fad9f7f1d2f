"""The career rules: pure functions over plain facts (no Flask, no database).

``evaluate`` judges a person against a position's requirement rows;
``classify`` names the kind of move from one position to another. The data
(requirement rows with their regulation basis) lives in the database, editable
by HR; see DOMAIN.md for the facts they encode.
"""

from app.rules.evaluate import (
    Item,
    Readiness,
    State,
    Verdict,
    evaluate,
    full_years,
)
from app.rules.facts import (
    CompetencyRule,
    Held,
    Level,
    Penalty,
    Person,
    Post,
    RankFact,
    Rule,
)
from app.rules.ladder import Move, classify, ladder_key
from app.rules.paths import Candidate, Path, Paths, career_paths

__all__ = [
    "Candidate",
    "CompetencyRule",
    "Held",
    "Item",
    "Level",
    "Move",
    "Path",
    "Paths",
    "Penalty",
    "Person",
    "Post",
    "RankFact",
    "Readiness",
    "Rule",
    "State",
    "Verdict",
    "career_paths",
    "classify",
    "evaluate",
    "full_years",
    "ladder_key",
]
