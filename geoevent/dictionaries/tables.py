"""The in-memory form of dictionaries: pandas tables the vectorized matcher joins against.

Every dictionary source (the built-in files, a user's own files, PETRARCH-format files) is loaded
into one :class:`Dictionaries` value holding these tables. Patterns are lowercased word sequences
separated by single spaces, words as the parser splits them ("north korea", "the kremlin",
"u.s.", "secretary - general" is NOT used: write "secretary-general").

actors — one row per name or alias (and per date-bounded role of a person):
    entry_id    str   stable id, "<file>:<line>" or "<file>:<key>", shown as evidence
    pattern     str   lowercased words, e.g. "joe biden", "north korean", "the white house"
    code        str   full actor code, e.g. "USAGOV", "PRK", "IGOUNO", "UKRMIL"
    country     str   3-letter country code, or "IGO" for international organisations, "" if none
    agent       str   agent (sector) code such as "GOV", "MIL", "REB", or ""
    kind        str   country | adjective | capital | city | region | igo | group | person | other
    start_date  datetime64[ns] or NaT  first day the row applies (inclusive)
    end_date    datetime64[ns] or NaT  last day the row applies (exclusive)
    name        str   canonical name, for display

agents — role words that turn a country into a sector code:
    entry_id, pattern, agent (e.g. "MIL"), kind ("noun" such as troops/army, "title" such as
    president/minister, "prefix" for an agent written before the country: PETRARCH's
    "MSF [NGO~]", "MSF Arnor" -> NGOARN).

verbs — verb patterns to CAMEO codes:
    entry_id    str
    verb        str   lemma of the verb, lowercased ("authorize", "shoot", "launch")
    particle    str   required particle (compound:prt), e.g. "down" for "shoot down"; "" for none
    object      str   required object: '|'-separated alternatives, each a lowercased lemma
                      sequence that ends at the object's head word ("attack|missile|drone",
                      "green light"); "" for none. The object then is part of the action,
                      not the target.
    prep        str   preposition introducing the target (attached to the verb or to the required
                      object: "launch an attack on X", "hold talks with X"); "" = the target is the
                      direct object
    code        str   CAMEO event code, or "-" for a blocking pattern that codes nothing
                      ("strike" + object "tone|deal|balance")
    label       str   plain label overriding the codebook's label for this code; "" to keep it

nouns — event nouns to CAMEO codes ("Russia's attack on Kyiv", "talks between Serbia and Kosovo"):
    entry_id, noun (lemma of the head noun), prep (preposition introducing the target: "on",
    "against", "with", "between"; "" = none), code, label.

discards — phrases whose presence in a sentence means the sentence is not coded
    entry_id, pattern.
"""

from __future__ import annotations

import hashlib

import attrs
import pandas as pd

__all__ = [
    "ACTOR_COLUMNS",
    "AGENT_COLUMNS",
    "DISCARD_COLUMNS",
    "NOUN_COLUMNS",
    "VERB_COLUMNS",
    "Dictionaries",
]

ACTOR_COLUMNS = ("entry_id", "pattern", "code", "country", "agent", "kind", "start_date", "end_date", "name")
AGENT_COLUMNS = ("entry_id", "pattern", "agent", "kind")
VERB_COLUMNS = ("entry_id", "verb", "particle", "object", "prep", "code", "label")
DISCARD_COLUMNS = ("entry_id", "pattern")
NOUN_COLUMNS = ("entry_id", "noun", "prep", "code", "label")


def _frame(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


@attrs.frozen
class Dictionaries:
    """Actor, agent, verb and discard tables, ready for the matcher.

    Examples
    --------
    >>> from geoevent.coder import default_dictionaries
    >>> d = default_dictionaries()
    >>> sorted(d.actors.columns)[:3]
    ['agent', 'code', 'country']
    """

    actors: pd.DataFrame = attrs.field(factory=lambda: _frame(ACTOR_COLUMNS))
    agents: pd.DataFrame = attrs.field(factory=lambda: _frame(AGENT_COLUMNS))
    verbs: pd.DataFrame = attrs.field(factory=lambda: _frame(VERB_COLUMNS))
    discards: pd.DataFrame = attrs.field(factory=lambda: _frame(DISCARD_COLUMNS))
    sources: tuple[str, ...] = ()
    nouns: pd.DataFrame = attrs.field(factory=lambda: _frame(NOUN_COLUMNS))

    def fingerprint(self) -> str:
        """A short hash of every table's content, recorded in events files' metadata."""
        h = hashlib.sha256()
        for table in (self.actors, self.agents, self.verbs, self.discards, self.nouns):
            h.update(pd.util.hash_pandas_object(table.astype(str), index=False).to_numpy().tobytes())
        return h.hexdigest()[:16]

    def merged(self, other: Dictionaries) -> Dictionaries:
        """These tables with ``other``'s rows added; ``other`` wins on equal patterns."""

        def cat(a: pd.DataFrame, b: pd.DataFrame, key: list[str]) -> pd.DataFrame:
            both = pd.concat([a, b], ignore_index=True)
            return both.drop_duplicates(subset=key, keep="last").reset_index(drop=True)

        return Dictionaries(
            actors=cat(self.actors, other.actors, ["pattern", "start_date", "end_date"]),
            agents=cat(self.agents, other.agents, ["pattern"]),
            verbs=cat(self.verbs, other.verbs, ["verb", "particle", "object", "prep"]),
            discards=cat(self.discards, other.discards, ["pattern"]),
            sources=self.sources + other.sources,
            nouns=cat(self.nouns, other.nouns, ["noun", "prep"]),
        )
