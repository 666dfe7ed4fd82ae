"""A real notebook (tests/notebooks/researcher.ipynb) run by a Jupyter kernel: it codes the
seeds, shows an Event's HTML, explains an event, draws both plots and exports all four layouts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import ROOT

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (in geoevent[test])")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (in geoevent[test])")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (in geoevent[test])")
pytest.importorskip("matplotlib", reason="the notebook draws plots: matplotlib (geoevent[plot])")

NOTEBOOK = ROOT / "tests" / "notebooks" / "researcher.ipynb"
PNG = b"\x89PNG\r\n\x1a\n"


def _outputs(cell: dict, kind: str) -> list[str]:
    return [o["data"][kind] for o in cell.get("outputs", []) if kind in o.get("data", {})]


def test_the_researcher_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    monkeypatch.setenv("GEOEVENT_ROOT", str(ROOT))
    monkeypatch.setenv("GEOEVENT_OUT", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # the kernel imports this checkout's geoevent, as the tests do
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError:
        raise  # the notebook itself failed: a real failure
    except (NoSuchKernel, nbclient.exceptions.DeadKernelError, TimeoutError, RuntimeError, OSError) as exc:
        if any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
            raise  # the kernel ran cells, then died: not a start-up problem
        pytest.skip(f"cannot start a Jupyter python3 kernel here: {type(exc).__name__}: {exc}")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert int(_outputs(code[0], "text/plain")[0]) >= 5  # the seeds' events
    event_html = _outputs(code[1], "text/html")
    assert event_html and "<mark" in event_html[0] and "Russia<sub>source</sub>" in event_html[0]
    explained = _outputs(code[2], "text/html")
    assert explained and "geoevent-explain" in explained[0] and "<sub>verb</sub>" in explained[0]
    for name in ("timeline.png", "dyads.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 5_000, name
    printed = "".join(o.get("text", "") for o in code[4].outputs if o.get("output_type") == "stream")
    counts = eval(printed.strip())
    assert set(counts) == {"gdelt", "icews", "phoenix", "plover"} and len(set(counts.values())) == 1
    assert counts["gdelt"] == int(_outputs(code[0], "text/plain")[0])
    for name in ("events_gdelt.tsv", "events_icews.csv", "events_phoenix.jsonl", "events_plover.json"):
        assert (tmp_path / name).stat().st_size > 0
