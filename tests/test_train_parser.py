"""The parser's training script runs end to end and its numpy inference matches torch (tiny run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import shared_path


def test_short_training_run_gives_a_loadable_parser(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="training needs torch (inference does not)")
    from geoevent.parse.embedded import MODEL_FILE, VOCAB_FILE, EmbeddedParser
    from geoevent.parse.train import training_files
    from geoevent.parse.train_biaffine import train_model
    from geoevent.tokens import validate_token_table

    shared = shared_path()
    dev_text = shared_path("ud", "UD_English-EWT", "en_ewt-ud-dev.conllu").read_text(encoding="utf-8")
    dev = tmp_path / "dev.conllu"
    dev.write_text("\n\n".join(dev_text.split("\n\n")[:40]) + "\n\n", encoding="utf-8")
    lines: list[str] = []
    path = train_model(training_files(shared, "train"), [dev], tmp_path, epochs=1, limit=200, log=lines.append)
    assert path == tmp_path / MODEL_FILE and (tmp_path / VOCAB_FILE).is_file()
    agree = next(line for line in lines if line.startswith("torch/numpy agreement"))
    n = int(re.search(r"on (\d+) dev words", agree).group(1))
    assert n > 0 and re.findall(r"(\d+)", agree.split(":", 1)[1]) == [str(n)] * 4, agree
    table = EmbeddedParser(model_dir=tmp_path).parse(["Biden authorized Ukraine to strike Russia."])
    validate_token_table(table)
    assert len(table) == 7
