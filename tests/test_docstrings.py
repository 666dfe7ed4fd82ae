"""The public API (geoevent.__all__) has numpy-style docstrings, and their examples run."""

from __future__ import annotations

import doctest
import inspect

import pandas as pd
import pytest

import geoevent

PUBLIC = {name: getattr(geoevent, name) for name in geoevent.__all__}
FUNCTIONS = sorted(n for n, obj in PUBLIC.items() if inspect.isfunction(obj))
CLASSES = sorted(n for n, obj in PUBLIC.items() if inspect.isclass(obj) and not issubclass(obj, (Exception, Warning)))


def test_the_lists_are_not_empty() -> None:
    assert {"code", "code_frame", "explain", "export_events", "read_events", "write_events"} <= set(FUNCTIONS)
    assert {"Event", "Actor", "CodingRules", "Dictionaries", "Explanation"} <= set(CLASSES)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_functions_have_parameters_returns_and_examples(name: str) -> None:
    doc = inspect.getdoc(PUBLIC[name]) or ""
    sections = ["Returns\n-------", "Examples\n--------"]
    if inspect.signature(PUBLIC[name]).parameters:
        sections.insert(0, "Parameters\n----------")
    for section in sections:
        assert section in doc, f"{name}: no {section.splitlines()[0]} section"
    params = [p for p in inspect.signature(PUBLIC[name]).parameters if p not in ("self",)]
    described = doc.split("Parameters\n----------", 1)[-1].split("Returns\n-------", 1)[0]
    for p in params:
        assert f"{p} :" in described or f"{p}\n" in described, f"{name}: parameter {p!r} is not described"


@pytest.mark.parametrize("name", CLASSES)
def test_classes_have_examples(name: str) -> None:
    assert "Examples\n--------" in (inspect.getdoc(PUBLIC[name]) or ""), name


@pytest.mark.parametrize("name", FUNCTIONS + CLASSES)
def test_docstring_examples_run(name: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    tests = doctest.DocTestFinder(recurse=False).find(PUBLIC[name], name, globs={"pd": pd, "geoevent": geoevent})
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    ran = 0
    for test in tests:
        ran += len(test.examples)
        runner.run(test)
    assert ran, f"{name}: no examples"
    assert runner.failures == 0, f"{name}: {runner.failures} example(s) failed (run pytest -s to see them)"
