"""Test support: hand-built parses, small dictionaries, the shared/ folder.

Tests import these from here (``from tests.helpers import sentence``); tests/conftest.py holds
only fixtures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest

from geoevent.dictionaries.tables import ACTOR_COLUMNS, AGENT_COLUMNS, VERB_COLUMNS, Dictionaries
from geoevent.rules import CodingRules
from geoevent.tokens import make_token_table

__all__ = ["ROOT", "SHARED", "code_texts", "sentence", "sentence_events", "shared_path", "small_dictionaries"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the project), which is absent here")
    return path


def sentence(spec: str, *, doc_id: str = "d", sent_idx: int = 0) -> pd.DataFrame:
    """A token table for one hand-parsed sentence.

    ``spec`` holds one word per whitespace-separated item, ``form/lemma/UPOS/head/deprel``;
    offsets are computed as if words were joined by single spaces.
    """
    cols: dict[str, list] = {
        k: []
        for k in ("doc_id", "sent_idx", "tok_idx", "text", "lemma", "upos", "head", "deprel", "start_char", "end_char")
    }
    pos = 0
    for i, item in enumerate(spec.split(), start=1):
        form, lemma, upos, head, deprel = item.split("/")
        form = form.replace("_", " ")
        cols["doc_id"].append(doc_id)
        cols["sent_idx"].append(sent_idx)
        cols["tok_idx"].append(i)
        cols["text"].append(form)
        cols["lemma"].append(lemma)
        cols["upos"].append(upos)
        cols["head"].append(int(head))
        cols["deprel"].append(deprel)
        cols["start_char"].append(pos)
        cols["end_char"].append(pos + len(form))
        pos += len(form) + 1
    return make_token_table(cols)


def sentence_events(spec: str, *, date: str = "2024-11-17", rules: CodingRules | None = None) -> set[tuple]:
    """(source, code, target) of the events the built-in dictionaries code in one hand-parsed
    sentence (:func:`sentence`), a missing target as None."""
    from geoevent.coder import code_tokens

    ev = code_tokens(sentence(spec, doc_id="s"), dates={"s": date}, rules=rules)
    return {(r.source_code, r.event_code, None if pd.isna(r.target_code) else r.target_code) for r in ev.itertuples()}


def code_texts(texts: Sequence[str], dates: str | Sequence[str]) -> list[list[tuple[str, str, str | None]]]:
    """Per text, the (source, code, target) of its events, a missing target as None; all texts
    coded in one :func:`geoevent.code_frame` batch, each as its own document (one date for all, or
    one per text)."""
    import geoevent

    frame = pd.DataFrame(
        {
            "id": [f"s{i}" for i in range(len(texts))],
            "text": list(texts),
            "date": dates if isinstance(dates, str) else list(dates),
        }
    )
    ev = geoevent.code_frame(frame, text_col="text", id_col="id", date_col="date")
    out: list[list[tuple[str, str, str | None]]] = [[] for _ in texts]
    for row in ev[["doc_id", "source_code", "event_code", "target_code"]].itertuples(index=False):
        target = None if pd.isna(row.target_code) else str(row.target_code)
        out[int(str(row.doc_id)[1:])].append((str(row.source_code), str(row.event_code), target))
    return out


def small_dictionaries() -> Dictionaries:
    """A few countries, people, agents and verbs, enough for the extract-rule tests."""
    nat = pd.NaT
    actors = pd.DataFrame(
        [
            ("t:1", "russia", "RUS", "RUS", "", "country", nat, nat, "Russia"),
            ("t:2", "russian", "RUS", "RUS", "", "adjective", nat, nat, "Russia"),
            ("t:3", "ukraine", "UKR", "UKR", "", "country", nat, nat, "Ukraine"),
            ("t:4", "north korea", "PRK", "PRK", "", "country", nat, nat, "North Korea"),
            ("t:5", "south korea", "KOR", "KOR", "", "country", nat, nat, "South Korea"),
            ("t:6", "japan", "JPN", "JPN", "", "country", nat, nat, "Japan"),
            ("t:7", "iran", "IRN", "IRN", "", "country", nat, nat, "Iran"),
            ("t:8", "sumy", "UKR", "UKR", "", "city", nat, nat, "Sumy"),
            ("t:9", "kherson", "UKR", "UKR", "", "city", nat, nat, "Kherson"),
            (
                "t:10",
                "biden",
                "USAGOV",
                "USA",
                "GOV",
                "person",
                pd.Timestamp("2021-01-20"),
                pd.Timestamp("2025-01-20"),
                "Joe Biden",
            ),
            ("t:11", "biden", "USAELI", "USA", "ELI", "person", pd.Timestamp("2025-01-20"), nat, "Joe Biden"),
            (
                "t:12",
                "zelenskyy",
                "UKRGOV",
                "UKR",
                "GOV",
                "person",
                pd.Timestamp("2019-05-20"),
                nat,
                "Volodymyr Zelenskyy",
            ),
            ("t:13", "u.s.", "USA", "USA", "", "country", nat, nat, "United States"),
            ("t:15", "iranian", "IRN", "IRN", "", "adjective", nat, nat, "Iran"),
            ("t:14", "telemar", "RUS", "RUS", "", "person", nat, nat, "Telemar"),
        ],
        columns=list(ACTOR_COLUMNS),
    )
    agents = pd.DataFrame(
        [
            ("a:1", "troops", "MIL", "noun"),
            ("a:2", "military", "MIL", "noun"),
            ("a:3", "official", "GOV", "title"),
            ("a:4", "minister", "GOV", "title"),
        ],
        columns=list(AGENT_COLUMNS),
    )
    verbs = pd.DataFrame(
        [
            ("v:1", "authorize", "", "", "", "081", ""),
            ("v:2", "strike", "", "", "", "195", ""),
            ("v:3", "strike", "", "tone|deal", "", "-", ""),
            ("v:4", "condemn", "", "", "", "111", ""),
            ("v:5", "supply", "", "", "", "070", ""),
            ("v:6", "launch", "", "assault|attack", "on", "190", ""),
            ("v:7", "attack", "", "", "", "190", ""),
            ("v:8", "deploy", "", "troops", "", "154", ""),
            ("v:9", "hold", "", "talks", "with", "040", ""),
            ("v:10", "urge", "", "", "", "020", ""),
            ("v:11", "hit", "", "", "", "190", ""),
            ("v:12", "shoot", "down", "", "", "190", ""),
            ("v:13", "warn", "", "", "", "130", ""),
        ],
        columns=list(VERB_COLUMNS),
    )
    return Dictionaries(actors=actors, agents=agents, verbs=verbs, sources=("tests",))
