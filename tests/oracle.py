"""Per-sentence reference coder: the rules of geoevent.match/extract written as plain loops.

A tests support module: the test oracle (on the same token table and dictionaries it must emit
the same events as :func:`geoevent.coder.code_tokens` with ``CodingRules().core()``), and the
speed baseline of benchmarks/bench_upsuite.py, which imports it from here. It uses only public
helpers and the word classes of :mod:`geoevent._shared`, never the coder's private code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from geoevent._shared import MODIFIER_RELS, NMOD_CASES, NOT_PRE_UPOS, TITLE_RELS
from geoevent.coder import attach_sentences, default_dictionaries, document_dates, empty_events, finish_events
from geoevent.context import locate_frame
from geoevent.dictionaries.tables import Dictionaries
from geoevent.extract import compile_verbs, intent_codes, verb_classes
from geoevent.match import normalize_words, pattern_phrases
from geoevent.rules import CodingRules
from geoevent.tokens import sentence_texts, validate_token_table

__all__ = ["code_tokens_baseline"]

_MOD_RELS = frozenset(MODIFIER_RELS)
_TITLE_RELS = frozenset(TITLE_RELS)
_NMOD_CASES = NMOD_CASES
_NOT_PRE = frozenset(NOT_PRE_UPOS)


class _Lexicon:
    """Dictionaries as Python dicts for per-sentence lookups."""

    def __init__(self, d: Dictionaries) -> None:
        self.actors: dict[str, list[dict[str, Any]]] = {}  # phrase -> rows (see match.pattern_phrases)
        for order, row in enumerate(d.actors.to_dict("records")):
            row["_order"] = order
            self.actors.setdefault(row["pattern"], []).append(row)
        for pattern, rows in list(self.actors.items()):
            for phrase in pattern_phrases(pattern)[1:]:
                self.actors.setdefault(phrase, rows)
        self.max_len = max((p.count(" ") + 1 for p in self.actors), default=1)
        self.agents_single = {}
        self.agents_multi = {}
        for row in d.agents.to_dict("records"):
            target = self.agents_multi if " " in row["pattern"] else self.agents_single
            target[row["pattern"]] = ("~" if row["kind"] == "prefix" else "") + row["agent"]
        for pattern, agent in list(self.agents_single.items()) + list(self.agents_multi.items()):
            for phrase in pattern_phrases(pattern)[1:]:
                self.agents_multi.setdefault(phrase, agent)
        self.verbs: dict[str, list[dict[str, Any]]] = {}
        for row in compile_verbs(d).to_dict("records"):
            self.verbs.setdefault(row["verb"], []).append(row)
        self.classes = verb_classes()
        self.intent = intent_codes()
        self.discards: set[str] = set()
        for pattern in d.discards["pattern"].tolist():
            self.discards.update(pattern_phrases(pattern))
        self.discard_len = max((p.count(" ") + 1 for p in self.discards), default=0)


def _longest(words: list[str], patterns, max_len: int) -> list[tuple[int, int, str]]:
    covered = [False] * len(words)
    found = []
    for length in range(min(max_len, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            if any(covered[start : start + length]):
                continue
            key = " ".join(words[start : start + length])
            if key in patterns:
                for i in range(start, start + length):
                    covered[i] = True
                found.append((start, length, key))
    return found


def _role(rows: list[dict[str, Any]], date: dt.date | None) -> dict[str, Any] | None:
    def valid(r: dict[str, Any]) -> bool:
        if date is None:
            return True
        day = pd.Timestamp(date)
        s, e = r["start_date"], r["end_date"]
        return (pd.isna(s) or pd.Timestamp(s) <= day) and (pd.isna(e) or day < pd.Timestamp(e))

    ok = [r for r in rows if valid(r)]
    if not ok:
        return None

    def key(r: dict[str, Any]):
        bounded = not (pd.isna(r["start_date"]) and pd.isna(r["end_date"]))
        start = pd.Timestamp(r["start_date"]) if not pd.isna(r["start_date"]) else pd.Timestamp.min
        return (-int(bounded), -start.value, r["_order"])

    return sorted(ok, key=key)[0]


def _code_sentence(
    words: list[dict[str, Any]],
    lex: _Lexicon,
    date: dt.date | None,
    require_target: bool,
    intent: bool = True,
    negation: Mapping[str, str] | None = None,
    modality: bool = True,
    oblique_source: bool = False,
) -> list[dict]:
    n = len(words)
    norm = [w["norm"] for w in words]
    lemma = [w["lemma_l"] for w in words]
    head = [w["head"] - 1 for w in words]  # -1 = root
    rel = [w["deprel"] for w in words]
    upos = [w["upos"] for w in words]
    kids: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(head):
        if h >= 0:
            kids[h].append(i)

    def first(i: int, pred) -> int:
        for k in kids[i]:
            if pred(k):
                return k
        return -1

    case = [next((lemma[k] for k in kids[i] if rel[k] == "case"), "") for i in range(n)]
    mark = [next((lemma[k] for k in kids[i] if rel[k] == "mark"), "") for i in range(n)]
    cls = lex.classes

    # actors
    actor: list[dict[str, Any] | None] = [None] * n
    for start, length, key in _longest(norm, lex.actors, lex.max_len):
        row = _role(lex.actors[key], date)
        if row is None:
            continue
        for i in range(start, start + length):
            actor[i] = {**row, "a_start": start, "a_end": start + length - 1}
    agent_word = [""] * n
    for i in range(n):
        agent_word[i] = lex.agents_single.get(norm[i]) or lex.agents_single.get(lemma[i]) or ""
    for start, length, key in _longest(norm, lex.agents_multi, 8):
        last = start + length - 1  # the agent goes to the phrase's head word
        top = next((g for g in range(start, last + 1) if not start <= head[g] <= last), last)
        agent_word[top] = lex.agents_multi[key]
    prefix_word = [a.startswith("~") for a in agent_word]  # written before the country: "MSF Arnor"
    agent_word = [a.lstrip("~") for a in agent_word]
    direct = [a is not None for a in actor]
    for t in range(n):  # a title in front of a country-level name adds its agent
        h = head[t]
        if rel[t] not in _TITLE_RELS or h < 0 or not agent_word[t] or direct[t] or not direct[h]:
            continue
        a = actor[h]
        if a["agent"] or not a["country"] or a["code"] != a["country"]:
            continue
        new = {
            **a,
            "agent": agent_word[t],
            "a_start": min(a["a_start"], t),
            "a_end": max(a["a_end"], t),
            "code": agent_word[t] + a["country"] if prefix_word[t] else a["country"] + agent_word[t],
            "prefix": agent_word[t] if prefix_word[t] else "",
        }
        for i in range(a["a_start"], a["a_end"] + 1):
            actor[i] = new
    resolved = list(actor)
    mod_conj: list[list[int]] = [[] for _ in range(n)]
    for h in range(n):
        if direct[h]:
            continue
        mods = [
            k
            for k in kids[h]
            if rel[k] in _MOD_RELS
            and (rel[k] != "nmod" or case[k] in _NMOD_CASES)
            and direct[k]
            and not (rel[k] == "nmod" and case[k] == "in" and not agent_word[h])
        ]
        if not mods:
            continue
        m = sorted(mods, key=lambda k: (abs(k - h), k))[0]
        a = actor[m]
        title = next((agent_word[k] for k in kids[h] if rel[k] in _TITLE_RELS and agent_word[k] and not direct[k]), "")
        pre = a.get("prefix", "") if a["country"] else ""
        agent = agent_word[h] or title or ("" if pre else a["agent"])
        base = pre + a["country"] if a["country"] else a["code"]
        own = prefix_word[h] and bool(agent_word[h])  # "Arnor's MSF" -> NGOARN
        resolved[h] = {
            **a,
            "agent": agent,
            "code": agent + base if own else base + agent,
            "prefix": agent if own else pre,
            "base": base,
            "a_start": min(a["a_start"], h),
            "a_end": max(a["a_end"], h),
        }
        if not a["country"]:
            continue
        for k in kids[m]:  # "Russian and Chinese officials": the second name takes the agent too
            b = actor[k]
            if rel[k] == "conj" and b is not None and not b["agent"]:
                if b["country"]:  # a name without a country stays itself ("ministry of Gondor and the Nasgul")
                    resolved[k] = {
                        **b,
                        "agent": agent,
                        "code": b["country"] + agent,
                        "a_start": min(b["a_start"], h),
                        "a_end": max(b["a_end"], h),
                    }
                mod_conj[h].append(k)

    resolved_by_mods = list(resolved)
    for h in range(n):  # a name with no actor of its own takes its title's: "Arnor President Umbardacil"
        if resolved_by_mods[h] is not None:
            continue
        t = next(
            (
                k
                for k in kids[h]
                if rel[k] in _TITLE_RELS and agent_word[k] and not direct[k] and resolved_by_mods[k] is not None
            ),
            -1,
        )
        if t >= 0:
            a = resolved_by_mods[t]  # plus its own agent word: "Danish Islamist media" -> DNKMUSMED
            resolved[h] = {
                **a,
                "a_start": min(a["a_start"], h),
                "a_end": max(a["a_end"], h),
                "base": a["code"],
                "agent": agent_word[h] or a["agent"],
                "code": a["code"] + agent_word[h],
            }

    for x in range(n):
        h = head[x]
        if rel[x] != "conj" or h < 0 or resolved[x] is not None or not agent_word[x]:
            continue
        a = resolved[h]
        if a is not None and not direct[h] and a["country"]:
            shared = a.get("base") or a["country"]  # "Danish Islamist media and government" -> DNKMUSGOV
            code = agent_word[x] + shared if prefix_word[x] else shared + agent_word[x]
            resolved[x] = {**a, "agent": agent_word[x], "code": code, "a_start": x, "a_end": x}

    # verbs: subjects with inheritance
    nsubj = [first(i, lambda k: rel[k] == "nsubj") for i in range(n)]
    npass = [first(i, lambda k: rel[k] == "nsubj:pass") for i in range(n)]
    obj = [first(i, lambda k: rel[k] == "obj") for i in range(n)]
    iobj = [first(i, lambda k: rel[k] == "iobj") for i in range(n)]
    by_agent = [
        first(i, lambda k: rel[k] == "obl:agent" or (rel[k].split(":")[0] == "obl" and case[k] == "by"))
        for i in range(n)
    ]
    passive = [npass[i] >= 0 or first(i, lambda k: rel[k] == "aux:pass") >= 0 for i in range(n)]
    subj = [by_agent[i] if passive[i] else nsubj[i] for i in range(n)]
    for i in range(n):
        s = subj[i]
        if s >= 0 and lemma[s] in cls["relative"] and upos[s] == "PRON":
            subj[i] = head[i] if rel[i] == "acl:relcl" and head[i] >= 0 else -1
    # "to" clauses and the verb they belong to ("deployed troops to aid": acl on the object -> deployed)
    clause_head = list(head)
    controlled = [False] * n
    for i in range(n):
        h = head[i]
        if h < 0:
            continue
        if rel[i] == "xcomp" or (rel[i] == "advcl" and mark[i] == "to"):
            controlled[i] = True
        elif rel[i] == "acl" and mark[i] == "to" and rel[h] == "obj" and head[h] >= 0:
            controlled[i] = True
            clause_head[i] = head[h]
    for _ in range(3):
        new = list(subj)
        for i in range(n):
            h = clause_head[i]
            if subj[i] >= 0 or head[i] < 0 or upos[i] not in ("VERB", "AUX"):
                continue
            if rel[i] == "conj":
                new[i] = subj[h]
            elif rel[i] == "xcomp" and passive[h] and npass[h] >= 0:  # "X was seen to break in"
                new[i] = npass[h]
            elif controlled[i]:
                new[i] = obj[h] if lemma[h] in cls["object_control"] and obj[h] >= 0 else subj[h]
        subj = new
    if oblique_source:  # a passive without an agent: the actor in its oblique ("shot dead in Osgiliath")
        for i in range(n):
            if not passive[i] or subj[i] >= 0 or by_agent[i] >= 0:
                continue
            obl_k = [k for k in kids[i] if rel[k].split(":")[0] == "obl" and rel[k] != "obl:agent"]
            s = next((k for k in obl_k if case[k] and resolved[k] is not None), -1)
            if s < 0 and obl_k:
                s = next((k for k in kids[obl_k[0]] if rel[k].split(":")[0] == "nmod" and resolved[k] is not None), -1)
            subj[i] = s
    reported = [rel[i] == "ccomp" and head[i] >= 0 and lemma[head[i]] in cls["reporting"] for i in range(n)]
    for _ in range(2):  # a pronoun subject of a reported clause is the reporter
        new = list(subj)
        for i in range(n):
            s = subj[i]
            if reported[i] and s >= 0 and lemma[s] in cls["personal"] and upos[s] == "PRON" and subj[head[i]] >= 0:
                new[i] = subj[head[i]]
        subj = new

    neg = [
        any(rel[k] in ("advmod", "det", "cc:preconj") and lemma[k] in cls["negation"] for k in kids[i])
        for i in range(n)
    ]
    modal_int = [any(rel[k] == "aux" and lemma[k] in cls["modal_intent"] for k in kids[i]) for i in range(n)]
    modal_hyp = [any(rel[k] == "aux" and lemma[k] in cls["modal_hypothetical"] for k in kids[i]) for i in range(n)]
    for i in range(n):  # "Iran said it would retaliate": intent, not a hypothesis
        if reported[i] and any(rel[k] == "aux" and lemma[k] in cls["modal_reported"] for k in kids[i]):
            modal_hyp[i], modal_int[i] = False, True

    def deps(i: int) -> list[int]:
        """Dependents of ``i`` and of its prepositional modifiers ("memos on economic issues")."""
        return kids[i] + [d for k in kids[i] if rel[k] == "nmod" for d in kids[k]]

    # patterns
    chosen: dict[int, dict[str, Any]] = {}
    coded = [False] * n
    for v in range(n):
        if upos[v] != "VERB":
            continue
        options = [(p, 0) for p in lex.verbs.get(lemma[v], [])]
        if norm[v] != lemma[v]:
            options += [(p, 1) for p in lex.verbs.get(norm[v], [])]
        if not options:
            continue
        best = None
        for p, form in sorted(options, key=lambda o: o[0]["pattern_row"]):
            prt = -1
            if p["has_particle"]:
                prt = next((k for k in kids[v] if rel[k] == "compound:prt" and lemma[k] == p["particle"]), -1)
                if prt < 0 and v + 1 < n and rel[v + 1] == "case" and lemma[v + 1] == p["particle"]:
                    h1 = head[v + 1]  # "cordoned off the roads" read as an oblique "off the roads"
                    if h1 >= 0 and rel[h1].split(":")[0] == "obl" and head[h1] == v:
                        prt = v + 1
                if prt < 0:
                    continue
            og = -1
            if p["has_object"]:
                if p["obj_prep"]:  # an object inside a prepositional phrase: "acted on a resolution"
                    og = first(
                        v,
                        lambda k: (
                            rel[k].split(":")[0] in ("obl", "nmod")
                            and rel[k] != "obl:agent"
                            and case[k] == p["obj_prep"]
                            and p["obj_head"] in (lemma[k], norm[k])
                        ),
                    )
                else:
                    with_obl = first(v, lambda k: rel[k].split(":")[0] == "obl" and case[k] == "with")
                    to_verb = first(v, lambda k: rel[k] == "xcomp" or (rel[k] == "advcl" and mark[k] == "to"))
                    clause_obj = obj[to_verb] if obj[v] < 0 and to_verb >= 0 else -1  # "vowed to wage war"
                    for slot in (obj[v], npass[v] if passive[v] else -1, with_obl, clause_obj):
                        if slot >= 0 and (lemma[slot] == p["obj_head"] or norm[slot] == p["obj_head"]):
                            og = slot
                            break
                if (
                    og >= 0
                    and p["obj_pre"]
                    and not all(any(w in (lemma[k], norm[k]) for k in deps(og)) for w in p["obj_pre"])
                ):
                    og = -1
                if og < 0:
                    continue
            if p["has_pre"]:  # a word before the verb that depends on it, not an adverb, conjunction...
                before = [k for k in kids[v] if k < v and upos[k] not in _NOT_PRE]
                found_pre = [
                    k
                    for k in before
                    if p["pre_head"] in (lemma[k], norm[k])
                    and all(any(word in (lemma[d], norm[d]) for d in deps(k)) for word in p["pre_rest"])
                ]
                if not found_pre:
                    continue
            pp = -1
            if p["prep"]:

                def is_pp(k: int) -> bool:
                    return rel[k].split(":")[0] in ("obl", "nmod") and rel[k] != "obl:agent" and case[k] == p["prep"]

                pp = first(v, is_pp)
                attach = og if og >= 0 else obj[v]  # the pattern's object, else the direct object
                if pp < 0 and attach >= 0:
                    pp = first(attach, is_pp)
            if p["reciprocal"]:  # coordinated subjects acting on each other
                s0 = by_agent[v] if passive[v] else nsubj[v]
                if s0 < 0 or not any(rel[k] == "conj" for k in kids[s0]):
                    continue
            score = (
                8 * p["has_particle"]
                + 4 * (p["has_object"] + p["has_pre"] + p["reciprocal"])
                + 2 * (pp >= 0)
                + form
                - (bool(p["prep"]) and pp < 0)
            )
            if best is None or (score, p["obj_words"]) > (best[0], best[1]["obj_words"]):
                best = (score, p, og, pp, prt)
        if best is None:
            continue
        coded[v] = True
        if best[1]["code"] != "-":
            chosen[v] = {"p": best[1], "obj": best[2], "pp": best[3], "prt": best[4]}

    out = []
    for v, c in sorted(chosen.items()):
        h = clause_head[v] if controlled[v] else (head[v] if head[v] >= 0 else v)
        in_x = rel[v] == "xcomp"
        is_intent = intent and (modal_int[v] or (controlled[v] and lemma[h] in cls["intent"]))
        pat = c["p"]
        if neg[v]:  # a negated act codes nothing, or its negation's code when a table gives one
            if not negation or pat["code"] not in negation:
                continue
            pat = {
                **pat,
                "code": negation[pat["code"]],
                "reverse_code": negation.get(pat["reverse_code"], ""),
                "label": "",
            }
        if modality and modal_hyp[v]:
            continue
        if controlled[v] and (
            (modality and lemma[h] in cls["hypothetical"] | cls["attempt"]) or lemma[h] in cls["object_control"]
        ):
            continue
        if (
            in_x
            and coded[h]
            and not (passive[h] and npass[h] >= 0)
            and lemma[h] not in (cls["intent"] | cls["subject_control"])
        ):
            continue
        if rel[v] == "advcl" and mark[v] in cls["conditional"]:
            continue
        code = pat["code"]
        if is_intent:
            code = lex.intent.get(code[:2], code)

        def first_actor(i: int, base_rel: str, place: bool | None = None) -> int:
            """First child of ``i`` with ``base_rel`` that denotes an actor (place: locative case or not)."""
            if i < 0:
                return -1
            for k in kids[i]:
                if rel[k].split(":")[0] != base_rel or rel[k] == "obl:agent" or case[k] in cls["circumstance"]:
                    continue
                if place is not None and (case[k] in cls["locative"]) != place:
                    continue
                if place is False and not case[k]:  # a bare oblique ("Sunday") is no target
                    continue
                if resolved[k] is not None:
                    return k
            return -1

        def first_obl(i: int) -> int:
            """First oblique of ``i`` that is neither a passive agent nor a circumstance."""
            return next(
                (
                    k
                    for k in kids[i]
                    if rel[k].split(":")[0] == "obl" and rel[k] != "obl:agent" and case[k] not in cls["circumstance"]
                ),
                -1,
            )

        def first_nmod(i: int) -> int:
            if i < 0:
                return -1
            return next(
                (
                    k
                    for k in kids[i]
                    if rel[k].split(":")[0] == "nmod" and rel[k] != "nmod:poss" and case[k] not in cls["circumstance"]
                ),
                -1,
            )

        def acl_actor(x: int) -> int:
            """An actor in an oblique of the first clause modifying ``x`` ("memos sent by Bree")."""
            a = next((k for k in kids[x] if rel[k].split(":")[0] == "acl" and upos[k] == "VERB"), -1) if x >= 0 else -1
            if a < 0:
                return -1
            return next(
                (
                    k
                    for k in kids[a]
                    if rel[k].split(":")[0] == "obl" and case[k] not in cls["circumstance"] and resolved[k] is not None
                ),
                -1,
            )

        def acl_object(x: int) -> int:
            """The object of the first clause modifying ``x`` ("the parade supporting Gondor")."""
            a = next((k for k in kids[x] if rel[k].split(":")[0] == "acl" and upos[k] == "VERB"), -1) if x >= 0 else -1
            return obj[a] if a >= 0 else -1

        def ccomp_subject(i: int) -> int:
            """The subject of the first that-clause of ``i``, when no pattern codes the clause."""
            k = next((k for k in kids[i] if rel[k] == "ccomp"), -1)
            return nsubj[k] if k >= 0 and not coded[k] else -1

        purpose = next(
            (obj[k] for k in range(n) if controlled[k] and clause_head[k] == v and mark[k] == "to" and obj[k] >= 0), -1
        )
        o = obj[v]
        if o >= 0 and o == c["obj"]:  # the pattern took the first object: a later one stands in
            o = [k for k in kids[v] if rel[k] == "obj"][-1]
        candidates = [
            c["pp"],
            o,
            iobj[v],
            npass[v] if passive[v] else -1,
            first_actor(v, "obl", place=False),
            first_actor(o, "nmod"),
            first_actor(c["obj"], "nmod"),
            first_actor(first_nmod(o), "nmod"),
            purpose if lemma[v] not in cls["object_control"] else -1,
            first_actor(first_obl(v), "nmod"),
            first_actor(first_obl(o) if o >= 0 else -1, "nmod"),
            ccomp_subject(v),
            first_actor(ccomp_subject(v), "nmod"),
            acl_actor(o),
            acl_actor(first_nmod(o)),
            acl_actor(first_obl(v)),
            acl_object(o),
            first_actor(head[c["obj"]], "obl", place=False) if c["obj"] >= 0 and head[c["obj"]] != v else -1,
            first_actor(v, "obl", place=True),
        ]
        target = next((t for t in candidates if t >= 0 and t != c["obj"] and resolved[t] is not None), -1)
        if subj[v] < 0:
            continue

        def members(x: int) -> list[int]:
            """Words coordinated with ``x``, also through a list read as apposition + conjuncts."""
            conj_x = [k for k in kids[x] if rel[k] == "conj"]
            out = conj_x + mod_conj[x]
            for a in kids[x]:
                conj_a = [k for k in kids[a] if rel[k] == "conj"]
                if rel[a] == "appos" and (conj_a or conj_x):
                    out += [a] + conj_a
            return out

        sources = sorted([subj[v]] + members(subj[v]))
        targets = sorted([target] + (members(target) if target >= 0 else []))
        pairs = [(s, t) for s in sources for t in targets]
        if target < 0:
            group = [s for s in sources if resolved[s] is not None]
            if len(group) > 1:  # coordinated sources with no target act on each other
                pairs = [(s, t) for s in group for t in group if s != t]
        for s, t in pairs:
            if require_target and t < 0:
                continue
            sa = resolved[s]
            ta = resolved[t] if t >= 0 else None
            if sa is None or (t >= 0 and ta is None):
                continue
            if ta is not None and sa["code"] == ta["code"]:
                continue
            out.append(
                {"verb": v, "source": s, "target": t, "sa": sa, "ta": ta, "code": code, "p": pat, "prt": c["prt"]}
            )
    # paired codes: the target does the reverse act to the source
    out += [
        {
            **e,
            "source": e["target"],
            "target": e["source"],
            "sa": e["ta"],
            "ta": e["sa"],
            "code": e["p"]["reverse_code"],
        }
        for e in list(out)
        if e["ta"] is not None and e["p"]["reverse_code"]
    ]
    return out


def code_tokens_baseline(
    tokens: pd.DataFrame,
    *,
    dictionaries: Dictionaries | None = None,
    dates: Mapping[str, Any] | None = None,
    doc_texts: Mapping[str, str] | None = None,
    parser: str = "given",
    rules: CodingRules | None = None,
) -> pd.DataFrame:
    """Code a token table one sentence at a time; the same output as geoevent.coder.code_tokens
    with ``rules.core()``: the oracle covers the core constructions, not geoevent's additions
    (unknown-country agents, context country, event nouns), which it ignores."""
    rules = rules if rules is not None else CodingRules()
    require_target, intent, modality = rules.require_target, rules.intent, rules.modality
    negation, oblique_source = rules.negation_map, rules.oblique_source
    d = dictionaries if dictionaries is not None else default_dictionaries()
    lex = _Lexicon(d)
    tokens = validate_token_table(tokens)
    day = document_dates(dates)
    df = tokens.assign(norm=normalize_words(tokens["text"]).to_numpy(dtype=object))
    lem = normalize_words(df["lemma"]).to_numpy(dtype=object)
    df["lemma_l"] = np.where(lem == "", df["norm"].to_numpy(dtype=object), lem)
    rows = []
    for (doc_id, sent_idx), part in df.groupby(["doc_id", "sent_idx"], sort=False):
        words = part.to_dict("records")
        norms = [x["norm"] for x in words]
        if any(
            " ".join(norms[i : i + k]) in lex.discards
            for k in range(1, lex.discard_len + 1)
            for i in range(len(norms) - k + 1)
        ):
            continue  # a discard phrase: the sentence codes nothing
        for e in _code_sentence(
            words, lex, day.get(doc_id), require_target, intent, negation, modality, oblique_source
        ):
            sa, ta, v = e["sa"], e["ta"], e["verb"]
            w = words
            verb_text = w[v]["text"] + (" " + w[e["prt"]]["text"] if e["prt"] >= 0 else "")
            verb_end = w[e["prt"]]["end_char"] if e["prt"] > v else w[v]["end_char"]
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_idx": sent_idx,
                    "source_code": sa["code"],
                    "source_country": sa["country"],
                    "source_agent": sa["agent"],
                    "source_text": " ".join(x["text"] for x in w[sa["a_start"] : sa["a_end"] + 1]),
                    "source_start": w[sa["a_start"]]["start_char"],
                    "source_end": w[sa["a_end"]]["end_char"],
                    "source_entry_id": sa["entry_id"],
                    "source_resolution": "dictionary",
                    "target_resolution": "dictionary" if ta else None,
                    "target_code": ta["code"] if ta else None,
                    "target_country": ta["country"] if ta else None,
                    "target_agent": ta["agent"] if ta else None,
                    "target_text": " ".join(x["text"] for x in w[ta["a_start"] : ta["a_end"] + 1]) if ta else None,
                    "target_start": w[ta["a_start"]]["start_char"] if ta else -1,
                    "target_end": w[ta["a_end"]]["end_char"] if ta else -1,
                    "target_entry_id": ta["entry_id"] if ta else None,
                    "event_code": e["code"],
                    "pattern_label": e["p"]["label"],
                    "pattern_id": e["p"]["entry_id"],
                    "verb_text": verb_text,
                    "verb_start": w[v]["start_char"],
                    "verb_end": verb_end,
                    "parser": parser,
                }
            )
    if not rows:
        return empty_events()
    ev = pd.DataFrame(rows)
    ev = ev.drop_duplicates(["doc_id", "sentence_idx", "source_code", "event_code", "target_code"])
    wanted = pd.MultiIndex.from_frame(ev[["doc_id", "sentence_idx"]].drop_duplicates())
    rows = pd.MultiIndex.from_arrays([tokens["doc_id"], tokens["sent_idx"]]).isin(wanted)
    ev = attach_sentences(ev, sentence_texts(tokens.loc[rows], doc_texts))
    ev["event_date"] = ev["doc_id"].map(lambda k: day.get(k))
    # the event's place: geoevent.context's rule, applied to these events
    ev = locate_frame(ev, tokens, d, dates=day, rules=rules.core())
    return finish_events(ev)
