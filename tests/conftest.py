"""Shared fixtures and the Hypothesis profiles; the helpers they use live in tests/helpers.py."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from geoevent.dictionaries.tables import Dictionaries
from tests.helpers import sentence, shared_path, small_dictionaries

# re-exported for branches that still import them from here; new tests import tests.helpers
__all__ = ["sentence", "shared_path", "small_dictionaries"]

# Hypothesis profiles, picked by HYPOTHESIS_PROFILE (a test's own @settings still win):
# "default" is quick, "ci" runs more examples reproducibly, "fuzz" runs thousands of examples of
# the tests that leave max_examples to the profile (tests/test_fuzz_pipeline.py: a few minutes).
settings.register_profile("default", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, print_blob=True)
settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def small_dicts() -> Dictionaries:
    return small_dictionaries()
