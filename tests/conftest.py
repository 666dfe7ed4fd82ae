"""Shared fixtures; the helpers they use live in tests/helpers.py."""

from __future__ import annotations

import pytest

from geoevent.dictionaries.tables import Dictionaries
from tests.helpers import sentence, shared_path, small_dictionaries

# re-exported for branches that still import them from here; new tests import tests.helpers
__all__ = ["sentence", "shared_path", "small_dictionaries"]


@pytest.fixture(scope="session")
def small_dicts() -> Dictionaries:
    return small_dictionaries()
