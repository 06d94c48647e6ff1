"""Shared test configuration: Hypothesis profiles.

``ci`` (the default) runs 40 examples with no deadline and does not shrink failures, so the
suite stays quick on two cores and a failure cannot stall CI; ``dev`` runs more and shrinks,
for reading a failure; ``thorough`` is for hunting bugs by hand, and also runs the adversarial
inputs of ``tests/test_bounded.py`` at the full sizes that once took minutes or gigabytes.
Choose one with HYPOTHESIS_PROFILE=dev.

A failing test that draws ``casefiles`` can be reported under ``ci`` as Hypothesis'
``FlakyStrategyDefinition`` ("Inconsistent data generation") instead of its own failure: the
example found is replayed unshrunk, and that replay draws differently. Run it again with
HYPOTHESIS_PROFILE=dev, which shrinks the example and reports the real failure.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
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


# The reference casefile is immutable: one load and one index serve the whole run.
@pytest.fixture(scope="session")
def case() -> casefile.Casefile:
    """The reference casefile, quotes verified."""
    return casefile.reference()


@pytest.fixture(scope="session")
def index(case: casefile.Casefile) -> casefile.Index:
    """The reference casefile, indexed."""
    return casefile.Index(case)


WATCHDOG = Path(__file__).parent / "data" / "watchdog"


@pytest.fixture(scope="session")
def watchdog() -> casefile.Casefile:
    """Three fictional watchdog case summaries (tests/data/watchdog): hearings, an appeal,
    a referral and an inquest, built from their extraction."""
    return casefile.build_file(WATCHDOG / "extraction.yaml", WATCHDOG)
