"""Word classes the coding rules name, shared by geoevent.match, geoevent.extract and the
per-sentence oracle (tests/oracle.py), so the two implementations cannot drift apart.

Not public API: the names may change with the rules.
"""

from __future__ import annotations

__all__ = ["MODIFIER_RELS", "NMOD_CASES", "NOT_PRE_UPOS", "TITLE_RELS"]

#: Relations through which a modifier names the country of its head noun.
MODIFIER_RELS = ("amod", "compound", "nmod:poss", "flat", "nmod", "det")
#: Prepositions that let an nmod name its head's country ("troops of Russia", "regions including Sumy").
NMOD_CASES = frozenset({"of", "from", "including", "in"})
#: Relations through which a title names the agent of the name it precedes ("President Romendacil").
TITLE_RELS = ("compound", "flat", "nmod:desc", "appos")
#: Parts of speech that never count as a pattern's word before the verb ("RECENTLY *", "NEITHER *").
NOT_PRE_UPOS = ("ADV", "CCONJ", "CONJ", "SCONJ", "PART", "DET", "PUNCT")
