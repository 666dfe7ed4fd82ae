"""Every ```python block of README.md and docs/*.md runs, and the mkdocs site builds.

The blocks of one page run in order in one namespace (as a reader would paste them), in a fresh
folder holding a copy of seeds/. A block may be preceded by ``<!-- docs-test: needs NAME -->``:
``petrarch2`` (the PETRARCH dictionaries of ../shared, linked into the folder) or
``stanza-models`` (installed stanza models); without it the page's test skips, naming it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, SHARED

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"(?:<!-- docs-test: needs (?P<need>[\w-]+) -->\n)?```python\n(?P<code>.*?)```", re.S)


def blocks(page: Path) -> list[tuple[str | None, str, int]]:
    """(need, code, line) of each python block of ``page``."""
    text = page.read_text(encoding="utf-8")
    return [(m.group("need"), m.group("code"), text.count("\n", 0, m.start("code")) + 1) for m in _BLOCK.finditer(text)]


def test_every_python_fence_is_found() -> None:
    # a block the pattern missed would silently go untested
    for page in PAGES:
        assert page.read_text(encoding="utf-8").count("```python") == len(blocks(page)), page.name


def _provide(need: str, folder: Path) -> None:
    if need == "petrarch2":
        src = SHARED / "dictionaries" / "petrarch2"
        if not src.is_dir():
            pytest.skip(f"needs {src} (the shared data folder beside the project), which is absent here")
        (folder / "petrarch2").symlink_to(src, target_is_directory=True)
    elif need == "stanza-models":
        try:
            from geoevent.parse import stanza_backend
        except ImportError:  # pragma: no cover
            pytest.skip("needs stanza (geoevent[stanza])")
        info = stanza_backend.describe()
        if not info.get("usable"):
            pytest.skip(
                f"needs installed stanza models (with tokenize and ner), which are absent here: {info.get('model_dir')}"
            )
    else:
        raise AssertionError(f"unknown docs-test need {need!r}")


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    found = blocks(page)
    for need in {n for n, _, _ in found if n}:
        _provide(need, tmp_path)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for _, code, line in found:
        compiled = compile("\n" * (line - 1) + code, str(page), "exec")  # tracebacks point into the page
        exec(compiled, namespace)
    import matplotlib.pyplot as plt

    plt.close("all")


def test_mkdocs_site_builds(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs build needs mkdocs (geoevent[docs])")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site" / "notebook" / "index.html").is_file()
    assert "events.geoevent.explain" in (tmp_path / "site" / "notebook" / "index.html").read_text(encoding="utf-8")
