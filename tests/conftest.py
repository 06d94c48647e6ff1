"""Shared test configuration: Hypothesis profiles.

``ci`` (the default) runs fewer examples with no deadline, so the suite stays
quick on two cores; ``dev`` runs more; ``thorough`` is for hunting bugs by hand.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

import casefile  # noqa: E402

SMALL = Path(__file__).parent / "data" / "small"


@pytest.fixture
def small_documents() -> Path:
    """The documents folder of the small test casefile."""
    return SMALL


@pytest.fixture
def small() -> casefile.Casefile:
    """A small casefile built from tests/data/small: competing periods, a dispute, a figure."""
    return casefile.build_file(SMALL / "extraction.yaml", SMALL)
