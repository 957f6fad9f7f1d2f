"""Fixtures for career plans: a plan of the world's employee in any state."""

from __future__ import annotations

import pytest

from app.models import CareerPlan
from tests.factories import make_plan


@pytest.fixture
def plan_of(world):
    """``plan_of(status=..., goals=..., activities=...)`` makes a plan."""

    def make(**kwargs) -> CareerPlan:
        return make_plan(world, **kwargs)

    return make
