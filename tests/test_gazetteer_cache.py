"""The gazetteer's on-disk cache: what is read back equals what is built, and a bad cache is rebuilt."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geoevent import gazetteer as gz


@pytest.fixture(scope="module")
def built() -> gz.Gazetteer:
    return gz._build()


def _same(a: gz.Gazetteer, b: gz.Gazetteer) -> None:
    pd.testing.assert_frame_equal(a.places, b.places, check_exact=True)
    assert list(a.names.items()) == list(b.names.items())  # same keys, numbers and order
    assert np.array_equal(a._rows, b._rows) and np.array_equal(a._cut, b._cut)
    assert a.max_words == b.max_words
    assert a.lookup("Kyiv").equals(b.lookup("Kyiv"))


def test_cache_round_trip_equals_the_build(
    built: gz.Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOEVENT_CACHE_DIR", str(tmp_path))
    gz.gazetteer.cache_clear()
    try:
        first = gz.gazetteer()  # builds and writes
        files = sorted(p.name for p in tmp_path.iterdir())
        assert len(files) == 2 and all(f.startswith(f"gazetteer-{gz._cache_key()}") for f in files)
        gz.gazetteer.cache_clear()
        second = gz.gazetteer()  # reads
        assert second is not first
        _same(built, first)
        _same(built, second)
    finally:
        gz.gazetteer.cache_clear()


def test_a_damaged_cache_is_rebuilt_and_an_empty_setting_turns_it_off(
    built: gz.Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = gz._cache_key()
    places, names = gz._cache_files(tmp_path, key)
    places.write_bytes(b"ARROW1 cut short")
    names.write_bytes(b"")
    assert gz._read_cache(tmp_path, key) is None
    monkeypatch.setenv("GEOEVENT_CACHE_DIR", str(tmp_path))
    gz.gazetteer.cache_clear()
    try:
        _same(built, gz.gazetteer())
        assert gz._read_cache(tmp_path, key) is not None  # rewritten
        monkeypatch.setenv("GEOEVENT_CACHE_DIR", "")
        assert gz.cache_folder() is None
    finally:
        gz.gazetteer.cache_clear()


def test_cache_folder_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GEOEVENT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.cache_folder() == tmp_path / "geoevent"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert gz.cache_folder() == tmp_path / ".cache" / "geoevent"


def test_an_unwritable_cache_folder_still_gives_the_gazetteer(
    built: gz.Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GEOEVENT_CACHE_DIR", str(blocker / "sub"))
    gz.gazetteer.cache_clear()
    try:
        _same(built, gz.gazetteer())
    finally:
        gz.gazetteer.cache_clear()
