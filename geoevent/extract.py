"""Extract stage: verb patterns and their source/target arguments, as joins over the token table.

Input: the prepared token table with actors resolved (:mod:`geoevent.match`). Output: one row per
candidate triple (verb word, pattern, source word, target word) with the pattern's code, before
codebook lookup. :func:`extract_triples` runs four vectorized steps, in this order:

1. **Patterns.** Each verb word is joined with the verb patterns of its lemma; a pattern applies
   when its particle ("shoot *down*") and object ("launch an *attack*") are present. The most
   specific applicable pattern wins (particle > object > preposition found); code "-" blocks.
2. **Subjects.** Source = nsubj (active) or the "by" agent (passive). Verbs without a subject
   inherit it: conjuncts from the first verb, "to" clauses from their controller ("urged Y to
   talk": Y; "X was seen to break in": X), relative clauses from the noun.
3. **Modality.** Negated, hypothetical ("could", "tried to", "if ...") and merely permitted or
   requested acts ("authorized Ukraine to strike": the strike) are dropped; promised acts
   ("will supply", "pledged to send") are recoded as intent (03x/13x, see data/rules). Optional
   PETRARCH conventions: ``intent=False``, ``modality=False`` (modal and "tried to" acts are
   coded), ``oblique_source=True`` and a ``negation`` table that recodes negated acts.
4. **Targets.** The pattern's prepositional object ("on Ukraine", on the verb or on the object),
   else the direct or indirect object, else the passive subject, else the object of a "to"
   purpose clause ("deployed troops to aid Russia"), and further late slots
   (docs/architecture.md lists them all). Coordinated actors give one triple each ("South Korea
   and Japan condemned ...").

:func:`extract_nominal` codes event nouns with a source of their own ("Russia's attack on Kyiv").
"""

from __future__ import annotations

import functools
from importlib import resources
from types import SimpleNamespace

import numpy as np
import pandas as pd

from geoevent._shared import NOT_PRE_UPOS as _NOT_PRE  # shared with the per-sentence oracle
from geoevent.dictionaries.tables import Dictionaries
from geoevent.match import Cat, Words
from geoevent.rules import CodingRules

__all__ = ["compile_verbs", "extract_nominal", "extract_triples", "intent_codes", "verb_classes"]

_AGENT_REL = "obl:agent"
#: Words that are particles of phrasal verbs when the parser reads them as adverbs or case markers.
_PARTICLES = ("up", "down", "off", "out", "over", "back", "away", "in", "on", "around", "aside", "ahead")


def _read_rules(name: str) -> pd.DataFrame:
    with resources.files("geoevent.data.rules").joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, sep="\t", comment="#", dtype=str, keep_default_na=False)


@functools.cache
def verb_classes() -> dict[str, frozenset[str]]:
    """Word classes from data/rules/verb_classes.tsv: class name -> lemmas."""
    table = _read_rules("verb_classes.tsv")
    return {str(c): frozenset(g["lemma"]) for c, g in table.groupby("class")}


@functools.cache
def act_codes() -> dict[str, dict[str, str]]:
    """Code prefix of an act -> {"intent", "appeal", "demand", "reject"}: the code of promising,
    asking for, demanding or refusing it (data/rules/act_codes.tsv)."""
    table = _read_rules("act_codes.tsv")
    return {r["act"]: {k: r[k] for k in ("intent", "appeal", "demand", "reject")} for r in table.to_dict("records")}


def act_code(code: str, how: str) -> str:
    """The code of the act ``code`` promised / asked for / demanded / refused (``how`` = "intent",
    "appeal", "demand" or "reject"; the longest listed prefix wins), or ""."""
    table = act_codes()
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k][how]
    return ""


def refusal_of(code: str) -> str:
    """The 12x code of refusing ``code``, or "" when it is not a refusable cooperative act."""
    return act_code(code, "reject")


@functools.cache
def intent_codes() -> dict[str, str]:
    """Root code of an act -> the code of a statement of intent to do it."""
    table = _read_rules("intent_codes.tsv")
    return dict(zip(table["root"], table["intent_code"]))


#: The pattern object that any named place matches (a city, capital, region or country: "capture
#: @place" codes "M23 rebels captured Goma").
PLACE_OBJECT = "@place"
_PLACE_OBJECT_KINDS = ("city", "capital", "region", "country")

#: Prepositions an object alternative may start with: "call for ceasefire" requires "ceasefire"
#: inside a "for" phrase of the verb ("called for an immediate ceasefire").
OBJECT_PREPOSITIONS = frozenset(
    {"for", "on", "to", "with", "against", "into", "about", "of", "from", "over", "as", "in", "at", "outside", "inside"}
)


def compile_verbs(dictionaries: Dictionaries) -> pd.DataFrame:
    """Verb patterns with one row per object alternative, ready to join.

    Columns: pattern_row, entry_id, verb, particle, obj_head, obj_pre (tuple of words), prep,
    code, label, reverse_code, obj_prep, pre_head, pre_rest, has_particle, has_object, has_pre,
    obj_words (how many modifiers the object lists), obj_multi, pre_multi (whether obj_pre /
    pre_rest hold words), reciprocal (the pattern applies
    only to coordinated subjects acting on each other: "Gondor and Osgiliath downplayed ...").
    ``obj_prep`` is the preposition of an object required inside a prepositional phrase ("act
    (ON RESOLUTION)"), else "". ``pre_head`` (with ``pre_rest``, its modifiers) is a word required
    before the verb that depends on it (not an adverb, conjunction, particle or determiner) ("wire
    tap", "{DEATH TOLL} rise"), else "". ``verb`` is matched against both the
    lemma and the word form, so PETRARCH's listed forms ("left") work; a form match wins a tie.
    """
    v = dictionaries.verbs.reset_index(drop=True)
    blank = pd.Series([""] * len(v), dtype=object)
    reverse = v["reverse_code"] if "reverse_code" in v.columns else blank
    obj_prep = v["object_prep"] if "object_prep" in v.columns else blank
    pre = v["pre"] if "pre" in v.columns else blank
    rows = []
    for i, (entry, verb, particle, obj, prep, code, label, rev, oprep, before) in enumerate(
        zip(
            v["entry_id"],
            v["verb"],
            v["particle"],
            v["object"],
            v["prep"],
            v["code"],
            v["label"],
            reverse.fillna(""),
            obj_prep.fillna(""),
            pre.fillna(""),
        )
    ):
        alts = [a.strip() for a in str(obj).split("|") if a.strip()] or [""]
        pre_alts = [a.strip() for a in str(before).split("|") if a.strip()] or [""]
        for alt in alts:
            words = alt.lower().split()
            alt_prep = str(oprep).lower() if words else ""
            if len(words) > 1 and words[0] in OBJECT_PREPOSITIONS:  # "for ceasefire": inside a "for" phrase
                alt_prep, words = words[0], words[1:]
            for pre_alt in pre_alts:
                pw = pre_alt.lower().split()
                rows.append(
                    (
                        i,
                        entry,
                        str(verb).lower(),
                        str(particle).lower(),
                        words[-1] if words else "",
                        tuple(words[:-1]),
                        str(prep).lower(),
                        str(code),
                        str(label),
                        str(rev),
                        alt_prep,
                        pw[-1] if pw else "",
                        tuple(pw[:-1]),
                    )
                )
    names = [
        "pattern_row",
        "entry_id",
        "verb",
        "particle",
        "obj_head",
        "obj_pre",
        "prep",
        "code",
        "label",
        "reverse_code",
        "obj_prep",
        "pre_head",
        "pre_rest",
    ]
    out = pd.DataFrame(
        {name: pd.Series([r[i] for r in rows], dtype=np.int64 if i == 0 else object) for i, name in enumerate(names)}
    )
    out["alt_row"] = np.arange(len(out))
    out["has_particle"] = out["particle"] != ""
    out["has_object"] = out["obj_head"] != ""
    out["has_pre"] = out["pre_head"] != ""
    out["obj_words"] = out["obj_pre"].map(len).to_numpy(dtype=np.int64)
    out["obj_multi"] = out["obj_words"].to_numpy() > 0
    out["pre_multi"] = out["pre_rest"].map(len).to_numpy() > 0
    recip = v["reciprocal"].fillna("").astype(str) if "reciprocal" in v.columns else blank
    out["reciprocal"] = (recip.to_numpy(dtype=object) != "")[out["pattern_row"].to_numpy()]
    return out


def _isin(values: np.ndarray, members) -> np.ndarray:
    """Hash-based membership for object arrays (np.isin sorts objects, which is slow)."""
    return pd.Series(values, dtype=object).isin(list(members)).to_numpy()


def _first_child(n: int, heads: np.ndarray, children: np.ndarray) -> np.ndarray:
    """For each word, its first child among (heads, children) pairs, else -1."""
    out = np.full(n, -1, dtype=np.int64)
    if len(heads):
        out[heads[::-1]] = children[::-1]
    return out


def _empty() -> pd.DataFrame:
    cols = ["verb", "source", "target", "code", "label", "entry_id", "particle_gid"]
    return pd.DataFrame(
        {
            c: pd.Series([], dtype=np.int64 if c in ("verb", "source", "target", "particle_gid") else object)
            for c in cols
        }
    )


def extract_triples(
    w: Words,
    verbs: pd.DataFrame,
    *,
    rules: CodingRules | None = None,
) -> pd.DataFrame:
    """Candidate triples: verb, source and target gids (target -1 when none), code, pattern id.

    ``rules`` (:class:`geoevent.CodingRules`): ``intent=False`` codes promised acts ("will
    supply") as the act itself; a negated verb codes nothing unless ``negation`` recodes it;
    ``modality=False`` codes hypothetical acts as acts; ``oblique_source=True`` gives a passive
    verb without an agent the actor in its oblique as source; all four as PETRARCH does.
    """
    rules = rules if rules is not None else CodingRules()
    if w.n == 0 or len(verbs) == 0:
        return _empty()
    c = _clause_structure(w, rules)
    picked = _pick_patterns(c, w, verbs, rules)
    if picked is None:
        return _empty()
    best, coded = picked
    kept = _modality_step(c, w, best, coded, rules)
    if kept is None:
        return _empty()
    best = kept
    target = _target_step(c, w, best, coded, rules)
    vb = best["v"].to_numpy()
    subj = c.subj
    require_target = rules.require_target
    out = pd.DataFrame(
        {
            "verb": vb,
            "source": subj[vb],
            "target": target,
            "code": best["code"].to_numpy(dtype=object),
            "label": best["label"].to_numpy(dtype=object),
            "entry_id": best["entry_id"].to_numpy(dtype=object),
            "particle_gid": best["particle_gid"].to_numpy(),
            "reverse_code": best["reverse_code"].to_numpy(dtype=object),
        }
    )
    if rules.unnamed_agents:
        out = _passive_postures(out, c)
    out = out.loc[out["source"].to_numpy() >= 0]
    out = _unnamed_agent_victims(out, c)
    if rules.background_clauses:
        out = out.loc[~_background_clause(w)[out["verb"].to_numpy()]]
    if rules.deep_target:
        out = _partners_over_places(out, w)
    out = _expand_conjuncts(out, w, third_party=bool(rules.targetless_roots))
    if rules.implicit_target:
        out = _implicit_domestic_targets(out, w)
    if require_target:  # except for roots whose acts often name no target ("warned", "pledged")
        keep = out["target"].to_numpy() != NO_TARGET
        if rules.targetless_roots:  # not in a relative clause ("a weapon Zelensky has long requested")
            in_relcl = w["rel"].isin(("acl:relcl", "acl"))[out["verb"].to_numpy()]
            targetless = rules.is_targetless(out["code"]) & ~in_relcl
            keep |= targetless & _has_content(c, out["verb"].to_numpy(), out["code"].to_numpy(dtype=object))
        out = out.loc[keep]
    # paired codes ("[042:043]"): the target does the reverse act to the source
    rev = out.loc[(out["reverse_code"].to_numpy(dtype=object) != "") & (out["target"].to_numpy() >= 0)]
    if len(rev):
        rev = rev.assign(source=rev["target"], target=rev["source"], code=rev["reverse_code"])
        out = pd.concat([out, rev], ignore_index=True)
    return out.drop(columns="reverse_code").reset_index(drop=True)


def _clause_structure(w: Words, rules: CodingRules) -> SimpleNamespace:
    """The clause structure every step reads: per word, its subject, objects, passive voice,
    negation and modals, and (step 2, subjects with inheritance) the subject each verb acts with:
    conjuncts from the first verb, "to" clauses from their controller, relative clauses from the
    noun, a reported clause's pronoun from the reporter."""
    oblique_source = rules.oblique_source
    n = w.n
    classes = verb_classes()
    gid = w["gid"]
    head = w["head"]
    rel: Cat = w["rel"]
    lem: Cat = w["lemma"]
    upos: Cat = w["upos"]
    lemma = lem.values
    case = w["case"]
    mark = w["mark"]
    has_head = head >= 0
    base = Cat(rel.codes, np.array([r.split(":", 1)[0] for r in rel.uniques.tolist()], dtype=object))

    def child(mask: np.ndarray) -> np.ndarray:
        idx = np.flatnonzero(mask & has_head)
        return _first_child(n, head[idx], gid[idx])

    case_key = w["case_key"]  # the lemma code of each word's case marker, -1 for none
    case_by = case_key == lem.code_of("by")
    mark_to = mark == "to"
    nsubj = child(rel.eq("nsubj"))
    nsubj_pass = child(rel.eq("nsubj:pass"))
    if rules.parse_repairs:  # a name read as several subjects ("hopeful Miguel Uribe was shot"): the actor
        named = w["actor_code"] != ""
        for first, r in ((nsubj, "nsubj"), (nsubj_pass, "nsubj:pass")):
            actor_first = child(rel.eq(r) & named)
            swap = (first >= 0) & (actor_first >= 0) & ~named[np.maximum(first, 0)]
            first[swap] = actor_first[swap]
    obj = child(rel.eq("obj"))
    iobj = child(rel.eq("iobj"))
    ccomp = child(rel.eq("ccomp"))  # each word's first that-clause
    by_agent = child(rel.eq(_AGENT_REL) | (base.eq("obl") & case_by))
    aux_pass = child(rel.eq("aux:pass"))
    passive = (nsubj_pass >= 0) | (aux_pass >= 0)
    neg = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(rel.isin(("advmod", "det", "cc:preconj")) & lem.isin(classes["negation"]) & has_head)
    neg[head[idx]] = True
    modal_int = np.zeros(n, dtype=bool)
    modal_hyp = np.zeros(n, dtype=bool)
    aux = rel.eq("aux") & has_head
    modal_int[head[aux & lem.isin(classes["modal_intent"])]] = True
    modal_hyp[head[aux & lem.isin(classes["modal_hypothetical"])]] = True
    # a clause reported by "say", "indicate"...: "Iran said it would retaliate" states intent
    reporting = lem.lut(classes["reporting"])
    reported = rel.eq("ccomp") & has_head & reporting[lem.codes[np.maximum(head, 0)]]
    said_would = head[aux & lem.isin(classes["modal_reported"])]
    said_would = said_would[reported[said_would]]
    modal_hyp[said_would] = False
    modal_int[said_would] = True
    # "warned it could suspend aid": a could/might clause of a warning is threatened (intent)
    warned = rel.eq("ccomp") & has_head & lem.lut(classes["warning"])[lem.codes[np.maximum(head, 0)]]
    if rules.sub_codes:
        could = head[aux & lem.isin(classes["modal_hypothetical"])]
        could = could[warned[could]]
        modal_hyp[could] = False
        modal_int[could] = True
    is_verbal = upos.isin(("VERB", "AUX"))
    # a that-clause only asked for: "demanded that Pakistan do more"
    requested = (
        rel.eq("ccomp") & has_head & lem.lut(classes["request"])[lem.codes[np.maximum(head, 0)]]
        if rules.refusal
        else np.zeros(n, dtype=bool)
    )

    # 2. subjects, with inheritance ------------------------------------------------------------
    subj = np.where(passive, by_agent, nsubj)
    ok = subj >= 0
    relative = lem.lut(classes["relative"])
    is_pron = upos.lut(("PRON",))
    subj_is_rel = np.zeros(n, dtype=bool)
    subj_is_rel[ok] = relative[lem.codes[subj[ok]]] & is_pron[upos.codes[subj[ok]]]
    relcl = rel.eq("acl:relcl") & has_head
    subj = np.where(subj_is_rel & relcl, head, np.where(subj_is_rel, -1, subj))
    obj_control = lem.isin(classes["object_control"])
    is_conj = rel.eq("conj")
    is_xcomp = rel.eq("xcomp")
    is_advcl = rel.eq("advcl")
    # "to" clauses: xcomp, advcl with "to", or an acl with "to" on the verb's object ("deployed
    # troops to aid Russia"); clause_head is the verb each belongs to
    to_clause = (is_advcl | rel.eq("acl")) & mark_to & has_head
    hh = head[np.maximum(head, 0)]
    acl_on_obj = rel.eq("acl") & to_clause & rel.eq("obj")[np.maximum(head, 0)] & (hh >= 0)
    to_clause &= ~rel.eq("acl") | acl_on_obj
    clause_head = np.where(acl_on_obj, hh, head)
    controlled = is_xcomp | to_clause
    # a participle clause with no subordinator: "rallied in Belgrade, demanding ..." (Belgrade's crowd demands)
    participle = is_advcl & (mark == "") & has_head & rules.participle_subjects
    # an act an actor is accused of, with no accuser named: "peacekeepers were accused of abusing
    # children" (the peacekeepers abuse)
    hd = np.maximum(head, 0)
    alleged = (
        is_advcl
        & has_head
        & np.isin(mark, ("of", "with"))
        & passive[hd]
        & (by_agent[hd] < 0)
        & (nsubj_pass[hd] >= 0)
        & lem.lut(classes["allegation"])[lem.codes[hd]]
        & rules.alleged_acts
    )
    # an unnamed agent stands in the verb itself ("was abducted in Darfur": geoevent.match)
    unnamed = passive & (subj < 0) & (w["actor_resolution"] == "unnamed-agent")
    subj = np.where(unnamed, gid, subj)
    for _ in range(3):  # inherit along chains of conjuncts and "to" clauses
        missing = (subj < 0) & has_head & is_verbal
        h = np.where(missing, clause_head, 0)
        from_conj = missing & is_conj
        from_clause = missing & (controlled | participle)
        new = np.full(n, -1, dtype=np.int64)
        new[from_conj] = subj[h[from_conj]]
        ctrl_obj = from_clause & obj_control[h] & (obj[h] >= 0) & ~participle
        new[ctrl_obj] = obj[h[ctrl_obj]]
        ctrl_subj = from_clause & ~ctrl_obj
        new[ctrl_subj] = subj[h[ctrl_subj]]
        # raising from a passive: "Gollum was seen to break into the parade" (Gollum breaks in)
        raised = from_clause & is_xcomp & passive[h] & (nsubj_pass[h] >= 0)
        new[raised] = nsubj_pass[h[raised]]
        new[missing & alleged] = nsubj_pass[h[missing & alleged]]
        subj = np.where(missing, new, subj)

    has_actor = w["actor_code"] != ""
    if oblique_source:  # PETRARCH: "An Eriadorian was shot dead in Osgiliath" -> OSG shoots ERI
        not_agent = base.eq("obl") & ~rel.eq(_AGENT_REL)
        obl_any = child(not_agent & has_actor & (case_key >= 0))
        obl_first = child(not_agent)
        nmod_any = child(base.eq("nmod") & has_actor)
        # "criticized over its dispute with Eriador": an actor inside the first oblique
        inside = np.where(obl_first >= 0, nmod_any[np.maximum(obl_first, 0)], -1)
        unnamed = passive & (subj < 0) & (by_agent < 0)
        subj = np.where(unnamed, np.where(obl_any >= 0, obl_any, inside), subj)

    # a personal pronoun subject of a reported clause is the reporter: "Russia said it shot down ..."
    personal = lem.lut(classes["personal"])
    for _ in range(2):
        has_subj = subj >= 0
        pron = np.zeros(n, dtype=bool)
        pron[has_subj] = personal[lem.codes[subj[has_subj]]] & is_pron[upos.codes[subj[has_subj]]]
        take = np.flatnonzero(pron & reported)
        take = take[subj[head[take]] >= 0]
        subj[take] = subj[head[take]]

    c = SimpleNamespace(
        ccomp=ccomp,
        warned=warned,
        participle=participle,
        base=base,
        by_agent=by_agent,
        case=case,
        case_key=case_key,
        child=child,
        classes=classes,
        clause_head=clause_head,
        controlled=controlled,
        gid=gid,
        has_actor=has_actor,
        has_head=has_head,
        head=head,
        iobj=iobj,
        is_advcl=is_advcl,
        is_conj=is_conj,
        is_xcomp=is_xcomp,
        lem=lem,
        lemma=lemma,
        mark=mark,
        mark_to=mark_to,
        missing=missing,
        modal_hyp=modal_hyp,
        modal_int=modal_int,
        n=n,
        neg=neg,
        nsubj=nsubj,
        nsubj_pass=nsubj_pass,
        obj=obj,
        obj_control=obj_control,
        passive=passive,
        rel=rel,
        requested=requested,
        rules=rules,
        subj=subj,
        take=take,
        to_clause=to_clause,
        upos=upos,
    )
    # clauses only claimed, denied or wondered about (the modality and target steps read them)
    c.disputed = _disputed_clause(c) if rules.disputed_clauses else np.zeros(n, dtype=bool)
    return c


def _pick_patterns(
    c: SimpleNamespace, w: Words, verbs: pd.DataFrame, rules: CodingRules
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Step 1, patterns: each verb joined with the patterns of its lemma or form; a pattern applies
    when its particle, object and word before the verb are there; the most specific wins (particle >
    object, word before the verb or reciprocal subjects > preposition found); code "-" blocks.
    Returns the chosen patterns (one row per verb) and which verbs have a pattern, blocked or not."""
    base, by_agent, case, case_key, child, gid = c.base, c.by_agent, c.case, c.case_key, c.child, c.gid
    has_head, head, iobj, lem, lemma, mark_to = c.has_head, c.head, c.iobj, c.lem, c.lemma, c.mark_to
    missing, n, nsubj, nsubj_pass, obj, passive = c.missing, c.n, c.nsubj, c.nsubj_pass, c.obj, c.passive
    rel, rules, upos = c.rel, c.rules, c.upos
    # 1. patterns -------------------------------------------------------------------------
    index = pd.Index(lem.uniques)
    # words are compared by lemma or by form ("troops", "left"), in one shared key space
    vocab = pd.Index(pd.unique(np.r_[lem.uniques, w["norm"].uniques, np.array([PLACE_OBJECT], dtype=object)]))
    lemma_key = np.r_[vocab.get_indexer(lem.uniques), -1][lem.codes]
    norm_key = np.r_[vocab.get_indexer(w["norm"].uniques), -1][w["norm"].codes]
    # a place named as the object matches the pattern object "@place" ("M23 rebels captured Goma")
    place_key = np.where(np.isin(w["actor_kind"], _PLACE_OBJECT_KINDS), vocab.get_loc(PLACE_OBJECT), -1)
    verbs = verbs.assign(
        verb_key=vocab.get_indexer(verbs["verb"].to_numpy(dtype=object)),
        prep_key=index.get_indexer(verbs["prep"].to_numpy(dtype=object)),
        obj_key=vocab.get_indexer(verbs["obj_head"].to_numpy(dtype=object)),
    )
    verbs = verbs.loc[verbs["verb_key"].to_numpy() >= 0]
    is_pattern_verb = np.zeros(len(vocab) + 1, dtype=bool)
    is_pattern_verb[verbs["verb_key"].to_numpy()] = True
    is_verb = upos.eq("VERB")
    if rules.predicate_adjectives:  # "said it was pessimistic about", "is ready to talk": adjectives with a copula
        cop = np.flatnonzero(rel.eq("cop") & has_head)
        pred = np.zeros(n, dtype=bool)
        pred[head[cop]] = True
        is_verb = is_verb | (pred & upos.eq("ADJ"))
    by_lemma = np.flatnonzero(is_verb & is_pattern_verb[lemma_key])
    by_form = np.flatnonzero(is_verb & is_pattern_verb[norm_key] & (norm_key != lemma_key))
    vkey = pd.concat(
        [
            pd.DataFrame({"v": by_lemma, "verb_key": lemma_key[by_lemma], "form": 0}),
            pd.DataFrame({"v": by_form, "verb_key": norm_key[by_form], "form": 1}),
        ],
        ignore_index=True,
    )
    vidx = np.unique(vkey["v"].to_numpy())
    has_obj_pattern = verbs["has_object"].to_numpy()
    # patterns without an object: joined on the verb alone
    plain = vkey.merge(verbs.loc[~has_obj_pattern], on="verb_key", how="inner")
    plain["obj_gid"] = -1
    # patterns with an object: joined on (verb, object word) for each object slot, in order of
    # preference: the direct object, the passive subject, a "with" oblique ("supply X with arms")
    with_obl = child(base.eq("obl") & (case_key == lem.code_of("with")))
    # for a verb without an object, the object of its "to" clause: "vowed to wage war" (VOW * WAR)
    to_verb = child(rel.eq("xcomp") | (rel.eq("advcl") & mark_to))[vidx]
    clause_obj = np.where((obj[vidx] < 0) & (to_verb >= 0), obj[np.maximum(to_verb, 0)], -1)
    slot_rows = []
    # (rank 3: a noun inside a prepositional phrase, below)
    # an indirect object with no direct one is often a misread object ("urged a settlement")
    lone_iobj = np.where((obj[vidx] < 0) & (iobj[vidx] >= 0) & rules.parse_repairs, iobj[vidx], -1)
    # "handed over the bodies" read as an oblique "over the bodies": the oblique is the object
    cx = np.flatnonzero(rel.eq("case") & has_head & lem.isin(_PARTICLES))
    cx = cx[base.eq("obl")[head[cx]] & (head[head[cx]] == gid[cx] - 1)]
    prt_obl = np.full(n, -1, dtype=np.int64)
    if rules.parse_repairs and len(cx):
        prt_obl[head[head[cx]]] = head[cx]
    prt_obl = np.where(obj[vidx] < 0, prt_obl[vidx], -1)
    for rank, slot in (
        (0, obj[vidx]),
        (1, np.where(passive[vidx], nsubj_pass[vidx], -1)),
        (2, with_obl[vidx]),
        (4, clause_obj),
        (5, lone_iobj),
        (6, prt_obl),
        (7, _counted_object(c, obj[vidx], np.where(passive[vidx], nsubj_pass[vidx], -1), rules)),
        (8, _second_object(c)[vidx] if rules.parse_repairs else np.full(len(vidx), -1, dtype=np.int64)),
        (9, _object_complement(c)[vidx] if rules.counted_objects else np.full(len(vidx), -1, dtype=np.int64)),
    ):
        ok = slot >= 0
        for key in (lemma_key[slot[ok]], norm_key[slot[ok]], place_key[slot[ok]]):
            slot_rows.append(pd.DataFrame({"v": vidx[ok], "obj_key": key, "obj_gid": slot[ok], "rank": rank}))
    slots = pd.concat(slot_rows, ignore_index=True)
    slots = slots.loc[slots["obj_key"].to_numpy() >= 0].merge(vkey, on="v")
    # obliques and nmods with a preposition: objects in a prepositional phrase, prepositional targets
    with_case = base.isin(("obl", "nmod")) & ~rel.eq(_AGENT_REL) & has_head & (case_key >= 0)
    in_pp = verbs["obj_prep"].to_numpy(dtype=object) != ""
    objs = slots.merge(verbs.loc[has_obj_pattern & ~in_pp], on=["verb_key", "obj_key"], how="inner")
    if in_pp.any():  # objects inside a prepositional phrase of the verb: "acted on a resolution"
        pp_words = np.flatnonzero(with_case)
        pp_words = pp_words[np.isin(head[pp_words], vidx)]
        pp_slots = pd.concat(
            [
                pd.DataFrame(
                    {"v": head[pp_words], "obj_key": key, "obj_gid": pp_words, "rank": 3, "obj_prep": case[pp_words]}
                )
                for key in (lemma_key[pp_words], norm_key[pp_words])
            ],
            ignore_index=True,
        )
        pp_slots = pp_slots.loc[pp_slots["obj_key"].to_numpy() >= 0].merge(vkey, on="v")
        objs = pd.concat(
            [objs, pp_slots.merge(verbs.loc[in_pp], on=["verb_key", "obj_key", "obj_prep"], how="inner")],
            ignore_index=True,
        )
    objs = objs.sort_values(["v", "rank", "obj_gid"], kind="stable").drop_duplicates(["v", "alt_row"], keep="first")
    # multi-word objects: the earlier words must be dependents of the object's head
    multi = np.flatnonzero(objs["obj_multi"].to_numpy())
    if len(multi):
        ok = _have_dependents(
            w,
            objs["obj_gid"].to_numpy()[multi],
            objs["alt_row"].to_numpy()[multi],
            _word_table(verbs.loc[verbs["obj_multi"].to_numpy()], "obj_pre"),
        )
        objs = objs.drop(index=objs.index[multi[~ok]])
    cand = pd.concat([plain, objs.drop(columns=["obj_key", "rank"])], ignore_index=True)
    cand = _require_pre(
        cand, w, vocab, lemma_key, norm_key, _word_table(verbs.loc[verbs["pre_multi"].to_numpy()], "pre_rest")
    )
    # reciprocal patterns need a coordinated subject ("Gondor and Osgiliath downplayed ...")
    has_conj = np.zeros(n, dtype=bool)
    has_conj[head[rel.eq("conj") & has_head]] = True
    subj0 = np.where(passive, by_agent, nsubj)
    coord_subj = (subj0 >= 0) & has_conj[np.maximum(subj0, 0)]
    cand = cand.loc[~cand["reciprocal"].to_numpy(dtype=bool) | coord_subj[cand["v"].to_numpy()]]
    if len(cand) == 0:
        return None
    # particle
    prt_idx = np.flatnonzero(rel.eq("compound:prt") & has_head)
    # or the preposition right after the verb that a parser gave to the next noun: "cordoned off
    # the roads" read as an oblique "off the roads"
    case_idx = np.flatnonzero(rel.eq("case") & has_head)
    case_obl = case_idx[base.eq("obl")[head[case_idx]] & (head[head[case_idx]] == gid[case_idx] - 1)]
    prt_verb = np.r_[head[prt_idx], head[head[case_obl]]]
    prt_idx = np.r_[prt_idx, case_obl]
    if rules.parse_repairs:
        # a particle the parser made the object's case marker ("gunned down civilians") or an adverb
        # right after the verb or its object ("pulled back from Kyiv", "turned refugees away")
        case_obj = case_idx[rel.eq("obj")[head[case_idx]] & (head[head[case_idx]] == gid[case_idx] - 1)]
        adv = np.flatnonzero(rel.eq("advmod") & has_head & lem.isin(_PARTICLES))
        adv = adv[(head[adv] == gid[adv] - 1) | (obj[np.maximum(head[adv], 0)] == gid[adv] - 1)]
        prt_verb = np.r_[prt_verb, head[head[case_obj]], head[adv]]
        prt_idx = np.r_[prt_idx, case_obj, adv]
    prt_pairs = pd.DataFrame({"v": prt_verb, "particle": lemma[prt_idx], "particle_gid": gid[prt_idx]})
    prt_pairs = prt_pairs.drop_duplicates(["v", "particle"])
    cand = cand.merge(prt_pairs, on=["v", "particle"], how="left")
    cand["particle_gid"] = cand["particle_gid"].fillna(-1).astype(np.int64)
    cand = cand.loc[(~cand["has_particle"].to_numpy()) | (cand["particle_gid"].to_numpy() >= 0)].reset_index(drop=True)
    # prepositional target on the verb, else on the object
    obl_idx = np.flatnonzero(with_case)
    pp = pd.DataFrame({"attach": head[obl_idx], "prep_key": case_key[obl_idx], "pp_gid": gid[obl_idx]})
    pp = pp.drop_duplicates(["attach", "prep_key"])
    cand["_k"] = np.arange(len(cand))
    with_prep = cand.loc[cand["prep_key"].to_numpy() >= 0, ["_k", "v", "obj_gid", "prep_key"]]
    on_verb = with_prep[["_k", "v", "prep_key"]].rename(columns={"v": "attach"}).merge(pp, on=["attach", "prep_key"])
    # on the pattern's object, or for a pattern without one on the direct object ("warned Gondor
    # about the Prince", the parser attaching "about" to Gondor)
    pat_obj = with_prep["obj_gid"].to_numpy()
    with_prep = with_prep.assign(obj_gid=np.where(pat_obj >= 0, pat_obj, obj[with_prep["v"].to_numpy()]))
    on_obj = (
        with_prep[["_k", "obj_gid", "prep_key"]]
        .rename(columns={"obj_gid": "attach"})
        .merge(pp, on=["attach", "prep_key"])
    )
    pp_gid = np.full(len(cand), -1, dtype=np.int64)
    pp_gid[on_obj["_k"].to_numpy()] = on_obj["pp_gid"].to_numpy()
    pp_gid[on_verb["_k"].to_numpy()] = on_verb["pp_gid"].to_numpy()
    cand["pp_gid"] = pp_gid
    if rules.strict_prepositions:  # "vote against" does not code "voted for"
        missing = (cand["prep"].to_numpy(dtype=object) != "") & (pp_gid < 0) & ~cand["has_object"].to_numpy(dtype=bool)
        cand = cand.loc[~missing].reset_index(drop=True)
        if len(cand) == 0:
            return None
    if rules.actor_objects:
        cand = _yielding_blockers(cand, w)
    if len(cand) == 0:
        return None
    cand["score"] = (
        8 * cand["has_particle"].astype(int)
        + 4 * (cand["has_object"].astype(int) + cand["has_pre"].astype(int) + cand["reciprocal"].astype(int))
        + 2 * (cand["pp_gid"] >= 0).astype(int)
        + cand["form"].astype(int)
        # a pattern whose preposition is missing ranks below the same pattern without one
        - ((cand["prep"].to_numpy(dtype=object) != "") & (cand["pp_gid"] < 0)).astype(int)
    )
    # among equals, the pattern naming more of the object's words: "austrian gold florin" over "florin"
    cand = cand.sort_values(
        ["v", "score", "obj_words", "pattern_row"], ascending=[True, False, False, True], kind="stable"
    )
    best = cand.drop_duplicates("v", keep="first")
    coded = np.zeros(n, dtype=bool)
    coded[best["v"].to_numpy()] = True  # blocked patterns count as coded verbs for control
    best = best.loc[best["code"].to_numpy(dtype=object) != "-"]

    return best, coded


def _modality_step(
    c: SimpleNamespace, w: Words, best: pd.DataFrame, coded: np.ndarray, rules: CodingRules
) -> pd.DataFrame | None:
    """Step 3, modality: negated, hypothetical, conditional and merely asked-for acts are dropped,
    refused ones recoded as rejections, asked-for ones give the appeal its sub-code, promised ones
    are recoded as intent."""
    intent, modality, negation = rules.intent, rules.modality, rules.negation_map
    classes, clause_head, controlled, has_head, head = c.classes, c.clause_head, c.controlled, c.has_head, c.head
    is_advcl, is_conj, is_xcomp, lem, mark, modal_hyp = c.is_advcl, c.is_conj, c.is_xcomp, c.lem, c.mark, c.modal_hyp
    modal_int, n, neg, nsubj_pass = c.modal_int, c.n, c.neg, c.nsubj_pass
    obj_control, passive, requested, rules = c.obj_control, c.passive, c.requested, c.rules
    # 3. modality -----------------------------------------------------------------------------
    for _ in range(2):  # clauses of an asked-for clause are asked for too ("do more to cooperate")
        requested = requested | ((controlled | is_conj) & has_head & requested[np.maximum(clause_head, 0)])
    vb = best["v"].to_numpy()
    in_clause = controlled[vb]
    hv = np.where(in_clause, clause_head[vb], np.where(head[vb] >= 0, head[vb], vb))
    in_xcomp = is_xcomp[vb]
    intent_lut = lem.lut(classes["intent"])
    desire = lem.lut(classes["desire"])[lem.codes[hv]]  # "sought to deepen ties": intent; "sought help to fight": not
    matrix_intent = intent_lut[lem.codes[hv]] | (desire & in_xcomp)
    is_intent = (modal_int[vb] | (in_clause & matrix_intent)) & intent
    codes = best["code"].to_numpy(dtype=object).copy()
    negated = neg[vb]
    recoded = np.zeros(len(vb), dtype=bool)
    if negation and negated.any():
        neg_codes = np.array([negation.get(c, "") for c in codes.tolist()], dtype=object)
        recoded = negated & (neg_codes != "")
        codes[recoded] = neg_codes[recoded]
        rev = best["reverse_code"].to_numpy(dtype=object).copy()
        rev[recoded] = [negation.get(c, "") for c in rev[recoded].tolist()]
        label = best["label"].to_numpy(dtype=object).copy()
        label[recoded] = ""  # the codebook's label of the new code
        best = best.assign(code=codes, reverse_code=rev, label=label)
    refused = np.zeros(len(vb), dtype=bool)
    if rules.refusal:  # "refused to extradite", "will not lift its embargo": rejections (12x)
        refused, best = _refusals(best, negated & ~recoded, in_clause & lem.lut(classes["refusal"])[lem.codes[hv]])
        recoded |= refused
    drop = negated & ~recoded
    if modality and rules.sub_codes:  # "tried to assassinate the governor": an attempt (185)
        best, attempted = _attempted_assassinations(best, in_clause & lem.lut(classes["attempt"])[lem.codes[hv]])
        recoded |= attempted
    if modality:  # "would not comment", "would not hand over": refused, not hypothetical
        drop |= modal_hyp[vb] & ~(refused & negated)
        drop |= in_clause & lem.lut(classes["hypothetical"] | classes["attempt"])[lem.codes[hv]] & ~refused & ~recoded
        drop |= in_clause & desire & ~in_xcomp  # the purpose of what is sought is not done
    drop |= in_clause & obj_control[hv]  # asked for or permitted, not done
    # the clause of a coded verb is coded by it, unless the verb is a passive that raised the
    # clause's subject: "Gollum was seen to break into the parade" reports the break-in
    drop |= (
        in_xcomp
        & coded[hv]
        & ~(passive[hv] & (nsubj_pass[hv] >= 0))
        & ~refused
        & ~lem.lut(classes["intent"] | classes["subject_control"] | classes["desire"])[lem.codes[hv]]
    )
    drop |= is_advcl[vb] & _isin(mark[vb], classes["conditional"])
    # a time clause of an act not done is not done either: "would not release the hostages until
    # Israel agreed to end the war", "will lift sanctions once Iran complies"
    unrealized = neg | modal_hyp | modal_int
    not_yet = is_advcl & has_head & _isin(mark, classes["temporal"]) & unrealized[np.maximum(head, 0)] & modality
    for _ in range(2):  # and the clauses inside it ("until Israel agreed to end the war")
        not_yet = not_yet | ((controlled | is_conj) & has_head & not_yet[np.maximum(clause_head, 0)])
    drop |= not_yet[vb]
    drop |= c.disputed[vb]  # "denied that its agency supported", "accusations that it had used"
    if modality and rules.sub_codes:  # geoevent's reading of warnings (with the threat sub-codes)
        drop |= _warnings_of_fact(c, best)
    if rules.refusal:  # "demanded that Pakistan do more": asked for, not done (a geoevent addition)
        drop |= requested[vb]
    # the refusing verb itself ("refused" -> 120) gives way to the refused act's rejection
    refusing = np.zeros(n, dtype=bool)
    refusing[hv[refused & in_clause]] = True
    drop |= refusing[vb]
    if rules.participle_subjects:  # "shelled Kharkiv, killing ten": the participle is the coded verb's
        part = c.participle[vb] & coded[hv] & ~pd.Series(best["code"].astype(str).str[:2]).isin(("02", "10")).to_numpy()
        drop |= part
    if rules.sub_codes:  # "urged Hamas to free the hostages": the appeal takes the act's sub-code
        asked = (in_clause & obj_control[hv]) | requested[vb]
        best = _asked_acts(best, vb, hv, asked)
        best = _ordered_departures(c, w, best)
        # "promised to provide economic aid": the promised act (0331) stands for the promise (033)
        promising = np.zeros(n, dtype=bool)
        promising[hv[in_clause & matrix_intent & intent & ~drop]] = True
        threat = c.warned[vb] & is_intent & ~drop  # the threatened act stands for the warning
        promising[head[vb[threat]]] = True
        drop |= promising[vb] & ~in_clause
    best = best.assign(intent=is_intent & ~refused).loc[~drop]
    if len(best) == 0:
        return None
    codes = best["code"].to_numpy(dtype=object).copy()
    imap = intent_codes()
    it = best["intent"].to_numpy()
    if rules.sub_codes:  # "pledged to send tanks" -> 0332, not the generic 033
        codes[it] = [act_code(c, "intent") or imap.get(c[:2], c) for c in codes[it].tolist()]
    else:
        codes[it] = [imap.get(c[:2], c) for c in codes[it].tolist()]
    best = best.assign(code=codes)

    return best


def _disputed_clause(c: SimpleNamespace) -> np.ndarray:
    """Per word, whether it heads a clause that is only claimed, denied or wondered about: the
    that-clause of a verb or noun of class ``disputed`` ("denied that its agency supported the
    Taliban", "rejected allegations that hackers had targeted", "debating why the Soviet Union
    invaded"). The denial or accusation codes; the act inside it did not necessarily happen."""
    rel: Cat = c.rel
    head, has_head, lem = c.head, c.has_head, c.lem
    hd = np.maximum(head, 0)
    disputed = lem.lut(c.classes["disputed"])[lem.codes[hd]]
    clause = rel.isin(("ccomp", "acl", "acl:relcl", "csubj")) & has_head & disputed
    # a relative clause only counts when it is the noun's content ("accusations that it had used")
    content = ~rel.eq("acl:relcl") | _that_word_child(c)
    out = clause & content
    # and the clauses conjoined to such a clause
    conj = rel.eq("conj") & has_head
    out |= conj & out[hd]
    return out


def _that_word_child(c: SimpleNamespace) -> np.ndarray:
    """Per word, whether it has a dependent "that" (a content clause the parser read as relative)."""
    out = np.zeros(c.n, dtype=bool)
    idx = np.flatnonzero(c.lem.eq("that") & c.has_head)
    out[c.head[idx]] = True
    return out


def _has_content(c: SimpleNamespace, vb: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Per triple, whether a targetless appeal or demand says what it asks for: an object, a
    clause, or a preposition phrase ("urged restraint", "demanded that ...", "called for talks").
    A bare "requested" is a misread relative clause ("a weapon Zelensky has long requested")."""
    asking = pd.Series(codes, dtype=object).astype(str).str[:2].isin(("02", "10")).to_numpy()
    has = np.zeros(c.n, dtype=bool)
    comp = np.flatnonzero(
        c.has_head & (c.rel.isin(("obj", "ccomp", "xcomp", "iobj")) | (c.base.eq("obl") & (c.case_key >= 0)))
    )
    has[c.head[comp]] = True
    return ~asking | has[vb]


def _warnings_of_fact(c: SimpleNamespace, best: pd.DataFrame) -> np.ndarray:
    """Per chosen pattern, whether it is a generic warning (130) of a fact, not of an act: its
    that-clause is a verb with no modal ("Zelensky warned that Russian attacks have destroyed half
    of the grid" is a statement of what happened; "warned it could suspend aid" is a threat, and
    "warned that Russia is a threat" stays a warning aimed at Russia)."""
    vb = best["v"].to_numpy()
    cc = c.ccomp[vb]
    at = np.maximum(cc, 0)
    fact = (cc >= 0) & ~c.modal_int[at] & ~c.modal_hyp[at] & c.upos.eq("VERB")[at]  # not "that Russia is a threat"
    warning = c.lem.lut(c.classes["warning"])[c.lem.codes[vb]]
    return fact & warning & (best["code"].to_numpy(dtype=object) == "130")


def _target_step(c: SimpleNamespace, w: Words, best: pd.DataFrame, coded: np.ndarray, rules: CodingRules) -> np.ndarray:
    """Step 4, targets: per chosen pattern, the first of the listed slots that holds an actor
    (docs/architecture.md lists them), actors of unknown country last, then the deep target."""
    base, case_key, child, classes, clause_head, gid = c.base, c.case_key, c.child, c.classes, c.clause_head, c.gid
    has_actor, has_head, head, iobj, is_xcomp, lem = c.has_actor, c.has_head, c.head, c.iobj, c.is_xcomp, c.lem
    mark_to, n, nsubj, nsubj_pass, obj, obj_control = c.mark_to, c.n, c.nsubj, c.nsubj_pass, c.obj, c.obj_control
    passive, rel, requested, rules, subj, take = c.passive, c.rel, c.requested, c.rules, c.subj, c.take
    to_clause, upos = c.to_clause, c.upos
    # 4. targets: the first of these words that denotes an actor ---------------------------------
    vb = best["v"].to_numpy()
    objg = best["obj_gid"].to_numpy()
    locative = lem.lut(classes["locative"])[case_key]
    circumstance = lem.lut(classes["circumstance"])[case_key]
    obl_actor = child(base.eq("obl") & ~rel.eq(_AGENT_REL) & has_actor & ~locative & ~circumstance & (case_key >= 0))
    obl_place = child(base.eq("obl") & ~rel.eq(_AGENT_REL) & has_actor & locative)
    nmod_actor = child(base.eq("nmod") & has_actor & ~circumstance)
    first_nmod = child(base.eq("nmod") & ~rel.eq("nmod:poss") & ~circumstance)
    first_obl = child(base.eq("obl") & ~rel.eq(_AGENT_REL) & ~circumstance)
    purpose_idx = np.flatnonzero(((is_xcomp & mark_to) | to_clause) & has_head & (obj >= 0))
    purpose_obj = _first_child(n, clause_head[purpose_idx], obj[purpose_idx])
    # the subject of an uncoded that-clause: "allowed that Mordor isn't a pleasant place"
    ccomp = c.ccomp
    has_ccomp = ccomp >= 0
    ccomp_subj = np.full(n, -1, dtype=np.int64)
    # ... or of a clause only alleged: "alleged that Iran had supplied drones" (IRN)
    alleged = c.disputed & lem.lut(classes["allegation"])[lem.codes[np.maximum(head, 0)]]
    not_act = requested | alleged
    ccomp_subj[has_ccomp] = np.where(coded[ccomp[has_ccomp]] & ~not_act[ccomp[has_ccomp]], -1, nsubj[ccomp[has_ccomp]])
    # an actor in an oblique of a clause modifying the object: "memos sent by Bree",
    # "roads leading into Mordor"
    acl = child(base.eq("acl") & upos.eq("VERB"))
    acl_actor = np.full(n, -1, dtype=np.int64)
    has_acl = acl >= 0
    acl_actor[has_acl] = child(base.eq("obl") & has_actor & ~circumstance)[acl[has_acl]]
    acl_obj = np.full(n, -1, dtype=np.int64)  # "the parade supporting Gondor"
    acl_obj[has_acl] = obj[acl[has_acl]]
    o = obj[vb]
    # when the pattern took the first object ("wire tap the links leading into Mordor": TAP), a
    # later object stands in for it
    obj_idx = np.flatnonzero(rel.eq("obj") & has_head)
    obj_last = np.full(n, -1, dtype=np.int64)
    obj_last[head[obj_idx]] = gid[obj_idx]
    o = np.where((o >= 0) & (o == objg), obj_last[vb], o)

    def at(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """``values[idx]`` where ``idx`` is a word, -1 where it is -1."""
        return np.where(idx >= 0, values[np.maximum(idx, 0)], -1)

    clause_of_obj = np.where((objg >= 0) & (at(head, objg) != vb), at(head, objg), -1)
    candidates = (
        best["pp_gid"].to_numpy(),  # the pattern's preposition: "an attack on Ukraine"
        o,  # "attacked Ukraine"
        iobj[vb],  # "gave Ukraine weapons"
        np.where(passive[vb], nsubj_pass[vb], -1),  # "Ukraine was attacked"
        # the pattern's own object, when a modifier makes it an actor: "expelled French diplomats"
        np.where((objg >= 0) & ~w["actor_direct"][np.maximum(objg, 0)] & rules.deep_target, objg, -1),
        obl_actor[vb],  # "restored ties with Gondor"
        at(nmod_actor, o),  # "condemned the attack on Ukraine"
        at(nmod_actor, objg),
        at(nmod_actor, at(first_nmod, o)),  # one level deeper: "welcomed a resumption of ties with Gondor"
        np.where(~obj_control[vb], purpose_obj[vb], -1),  # "deployed troops to aid Russia"
        at(nmod_actor, first_obl[vb]),  # inside an oblique: "pledged 500 million euros in military aid to Ukraine"
        at(nmod_actor, at(first_obl, o)),  # inside the object's oblique: "marched very close to the border with Mordor"
        ccomp_subj[vb],
        at(nmod_actor, ccomp_subj[vb]),  # "said that an embargo against Mordor would not work"
        at(acl_actor, o),
        at(acl_actor, at(first_nmod, o)),  # "assurances on cultural issues sent from Bree"
        at(acl_actor, first_obl[vb]),
        at(acl_obj, o),
        at(obl_actor, clause_of_obj),  # the clause holding the pattern's object: "vowed to wage war on the Rohans"
        obl_place[vb],  # last resort, a place: "shelled positions in Ithilen"
    )
    target = np.full(len(vb), -1, dtype=np.int64)
    # an actor whose country nothing gives ("---MIL") is a target only where no other actor is
    known = has_actor & (w["actor_resolution"] != "unknown-country")
    for pass_ok in (known, has_actor) if rules.unknown_country else (has_actor,):
        for k, slot in enumerate(candidates):
            own_object = k == 4  # the slot above: the pattern's object may be the target there only
            take = (target < 0) & (slot >= 0) & ((slot != objg) | own_object) & pass_ok[np.maximum(slot, 0)]
            target[take] = slot[take]
    if rules.deep_target and (target < 0).any():  # "received an Iranian delegation", "dismissed Ukrainian claims"
        deep = _clause_actor(w, coded, circumstance, subj)
        miss = target < 0
        target[miss] = deep[vb[miss]]
    return target


#: ``target`` of a triple that has none; IMPLICIT_TARGET: the source's own country (see below).
NO_TARGET = -1
IMPLICIT_TARGET = -2
#: Roots whose acts without a named target are done to the source's own country: protests,
#: yielding ("lifted the curfew"), coercion ("declared martial law"), assaults, mass violence.
DOMESTIC_ROOTS = frozenset({"08", "14", "17", "18", "20"})
#: Agents of domestic bodies whose acts without a named target address their own state.
_DOMESTIC_AGENTS = frozenset({"OPP", "PRO", "CVL", "LAB", "EDU", "REF", "HRI", "JUD", "LEG", "REL", "AGR", "PTY"})
#: and promises of reform or of yielding ("agreed to step down": 0341)
#: and threats and refusals that address a government's own people ("threatened to ban the party"
#: 1322, "refused to step down" 1231, "refused to lift the emergency law" 1241)
_DOMESTIC_INTENT = ("034", "035", "123", "132", "133", "137", "1241", "1242", "1243")


#: Relations of a verb's dependent that lead away from its target: its subject, its agent, other
#: clauses and loose attachments.
_NOT_TARGET_PATH = frozenset(
    {
        "nsubj",
        "nsubj:pass",
        "csubj",
        "csubj:pass",
        "obl:agent",
        "parataxis",
        "conj",
        "advcl",
        "ccomp",
        "punct",
        "discourse",
        "vocative",
        "dislocated",
        "list",
        "reparandum",
        "orphan",
        "appos",
        "acl:relcl",
        "expl",
        "aux",
        "cop",
        "mark",
    }
)


def _clause_actor(
    w: Words, coded: np.ndarray, circumstance: np.ndarray, subj: np.ndarray, depth: int = 5
) -> np.ndarray:
    """Deep-target step: per verb, the nearest actor in its own clause (within ``depth`` links,
    not through its subject, another clause, a coded verb or a preposition of time or cause),
    used when no listed slot holds one ("received an Iranian delegation" -> IRN). -1 when none."""
    n = w.n
    out = np.full(n, -1, dtype=np.int64)
    head = w["head"]
    rel: Cat = w["rel"]
    has_actor = w["actor_code"] != ""
    x = np.flatnonzero(has_actor & (head >= 0))
    if not len(x):
        return out
    blocked_rel = rel.isin(_NOT_TARGET_PATH)
    stop = circumstance | (w["upos"].isin(("VERB",)) & coded)
    cur = x.copy()
    ok = ~stop[x] | True
    found_v = np.full(len(x), -1, dtype=np.int64)
    found_d = np.full(len(x), depth + 1, dtype=np.int64)
    for d in range(1, depth + 1):
        up = head[cur]
        live = ok & (up >= 0)
        # stepping from cur to its head: cur's own relation must not lead away from the clause
        live &= ~blocked_rel[cur] & ~circumstance[cur]
        if not live.any():
            break
        v = np.where(live, up, 0)
        hit = live & coded[v] & (found_v < 0)
        found_v[hit] = v[hit]
        found_d[hit] = d
        ok = live & ~stop[v]
        cur = np.where(live, up, cur)
    have = found_v >= 0
    if not have.any():
        return out
    xs, vs, ds = x[have], found_v[have], found_d[have]
    # not the verb's own source or a word of the source's actor
    src = subj[vs]
    same = (src >= 0) & (w["actor_code"][np.maximum(src, 0)] == w["actor_code"][xs])
    xs, vs, ds = xs[~same], vs[~same], ds[~same]
    order = np.lexsort((xs, ds, vs))
    xs, vs = xs[order], vs[order]
    first = np.r_[True, vs[1:] != vs[:-1]] if len(vs) else np.zeros(0, dtype=bool)
    out[vs[first]] = xs[first]
    return out


def _object_complement(c: SimpleNamespace) -> np.ndarray:
    """Each verb's object complement when it has an object, else -1: the adjective or noun said of
    the object ("held Russia responsible", "found Iran liable", "called the move unacceptable");
    a pattern may name it as its object, and the object stays the target; not a negated one ("found
    him not guilty")."""
    # "found him not guilty" is no finding of guilt
    idx = np.flatnonzero(c.rel.eq("xcomp") & c.has_head & c.upos.isin(("ADJ", "NOUN")) & ~c.neg)
    idx = idx[c.obj[c.head[idx]] >= 0]
    return _first_child(c.n, c.head[idx], c.gid[idx])


def _second_object(c: SimpleNamespace) -> np.ndarray:
    """Each word's second direct object, else -1: a double object the parser read as two objects
    ("gave Niger's junta a one-week ultimatum", "gave investigators access"); the pattern takes
    the thing given and the first object stays the target."""
    idx = np.flatnonzero(c.rel.eq("obj") & c.has_head)
    later = idx[c.obj[c.head[idx]] != idx]
    return _first_child(c.n, c.head[later], c.gid[later])


def _counted_object(c: SimpleNamespace, obj: np.ndarray, subj_pass: np.ndarray, rules: CodingRules) -> np.ndarray:
    """The noun a quantity object counts, for matching a pattern's object: "released a group of
    hostages", "handed over a batch of archives", "sent a convoy of trucks" (the words of class
    ``quantity`` or ``crowd``, with an "of" noun), else -1 (all -1 without ``counted_objects``)."""
    out = np.full(len(obj), -1, dtype=np.int64)
    if not rules.counted_objects:
        return out
    of = c.child(c.base.eq("nmod") & (c.case == "of"))
    counting = c.lem.isin(c.classes["quantity"] | c.classes["crowd"])
    for slot in (subj_pass, obj):  # the direct object first
        ok = slot >= 0
        hit = np.flatnonzero(ok)
        hit = hit[counting[slot[hit]] & (of[slot[hit]] >= 0)]
        out[hit] = of[slot[hit]]
    return out


def _passive_postures(out: pd.DataFrame, c: SimpleNamespace) -> pd.DataFrame:
    """A show of force in the passive with no agent ("French police were put on high alert",
    "Thousands of riot police were deployed across Moscow"): the forces named are the posture's
    source, with no target of their own."""
    vb, src = out["verb"].to_numpy(), out["source"].to_numpy()
    posture = np.array([str(x).startswith("15") for x in out["code"].tolist()], dtype=bool)
    take = posture & (src < 0) & c.passive[vb] & (c.by_agent[vb] < 0) & (c.nsubj_pass[vb] >= 0)
    if not take.any():
        return out
    forces = c.nsubj_pass[vb]
    tgt = out["target"].to_numpy()
    return out.assign(
        source=np.where(take, forces, src),
        target=np.where(take & (tgt == forces), NO_TARGET, tgt),
    )


#: Roots of acts coordinated actors do together: a place they do it in is no target of theirs.
_JOINT_ROOTS = ("04", "05", "06")


def _partners_over_places(out: pd.DataFrame, w: Words) -> pd.DataFrame:
    """Coordinated sources of a joint act take each other as targets, not the place they act in
    ("India and Japan held joint exercises in the Bay of Bengal", "Chinese and Russian troops
    held joint drills in Inner Mongolia"): a place target behind a preposition of place is
    dropped when a partner is an actor, and the conjuncts step pairs the partners."""
    if not len(out):
        return out
    head, rel = w["head"], w["rel"]
    coordinated = np.zeros(w.n, dtype=bool)  # with a partner that is an actor
    named = w["actor_code"] != ""
    cj = np.flatnonzero(rel.eq("conj") & (head >= 0) & named)
    coordinated[head[cj]] = True
    mc = w["modifier_conj"]
    coordinated[w["modifier_conj_head"][named[mc]]] = True
    src, tgt = out["source"].to_numpy(), out["target"].to_numpy()
    t = np.maximum(tgt, 0)
    locative = w["lemma"].lut(verb_classes()["locative"])[w["case_key"]]
    place = (tgt >= 0) & np.isin(w["actor_kind"][t], _PLACE_OBJECT_KINDS) & locative[t]
    joint = out["code"].astype(str).str[:2].isin(_JOINT_ROOTS).to_numpy()
    drop = joint & place & coordinated[src]
    if not drop.any():
        return out
    return out.assign(target=np.where(drop, NO_TARGET, tgt))


def _unnamed_agent_victims(out: pd.DataFrame, c: SimpleNamespace) -> pd.DataFrame:
    """An unnamed agent (the verb stands for it: geoevent.match) acts only on the passive subject,
    its victim: not on a place the target step falls back to ("were killed in Kigali")."""
    vb, src = out["verb"].to_numpy(), out["source"].to_numpy()
    unnamed = src == vb
    if not unnamed.any():
        return out
    tgt = out["target"].to_numpy()
    t = np.maximum(tgt, 0)
    victim = (tgt >= 0) & ((tgt == c.nsubj_pass[vb]) | ((c.head[t] == vb) & c.rel.eq("nsubj:pass")[t]))
    return out.loc[~unnamed | victim]


def _background_clause(w: Words) -> np.ndarray:
    """Per word, whether it is the verb of a non-restrictive relative clause, set off by a comma
    ("Mali's president, who seized power last year, pledged ..."; "... by Xi Jinping, who praised
    the friendship"): background to the sentence's news, not an event of its own."""
    rel: Cat = w["rel"]
    head = w["head"]
    relcl = rel.eq("acl:relcl") & (head >= 0)
    out = np.zeros(w.n, dtype=bool)
    idx = np.flatnonzero(relcl)
    if not len(idx):
        return out
    # the clause's first word; a comma right before it sets it off
    first = idx.copy()
    kids = np.flatnonzero((head >= 0) & relcl[np.maximum(head, 0)])
    np.minimum.at(first, np.searchsorted(idx, head[kids]), kids)
    text = np.asarray(w["text"], dtype=object)
    prev = np.maximum(first - 1, 0)
    comma = (text[first] == ",") | ((first > 0) & (text[prev] == ",") & (w["sid"][prev] == w["sid"][first]))
    out[idx[comma]] = True
    return out


def _implicit_domestic_targets(out: pd.DataFrame, w: Words) -> pd.DataFrame:
    """Implicit-target step: an act of a domestic root with no target actor is done to the
    source's own country ("Nigeria relaxed its curfew", "Thousands marched in Tbilisi against the
    bill"): its target becomes :data:`IMPLICIT_TARGET`, which the coder writes as that country."""
    if not len(out):
        return out
    t = out["target"].to_numpy()
    src = out["source"].to_numpy()
    country = w["actor_country"][src]
    known = (country != "") & (country != "IGO")
    codes = out["code"].astype(str)
    domestic = codes.str[:2].isin(DOMESTIC_ROOTS) | codes.str.startswith(_DOMESTIC_INTENT)
    # a domestic body with no named target acts on its own state ("the opposition demanded ...")
    domestic |= pd.Series(w["actor_agent"][src], dtype=object).isin(_DOMESTIC_AGENTS).to_numpy()
    # an attack or a weapon is no domestic actor ("Russian attacks destroyed half of the nation's grid")
    inanimate = w["lemma"].isin(verb_classes()["inanimate"])[src]
    take = (t == NO_TARGET) & known & domestic.to_numpy() & ~inanimate
    if take.any():
        out = out.assign(target=np.where(take, IMPLICIT_TARGET, t))
    return out


#: Generic codes of asking verbs that the asked-for act makes specific ("urged" 020 -> 0253).
_ASKING = {"020": "appeal", "100": "demand"}


def _yielding_blockers(cand: pd.DataFrame, w: Words) -> pd.DataFrame:
    """A blocking pattern (code "-") keeps a verb's non-political sense out ("expelled members"
    from a school or party); it yields when its object is an actor, whose sense is political
    ("expelled American members of the UN team", USA), so the verb's other patterns apply."""
    code = cand["code"].to_numpy(dtype=object)
    objg = cand["obj_gid"].to_numpy()
    blocker = (code == "-") & cand["has_object"].to_numpy(dtype=bool) & (objg >= 0)
    if not blocker.any():
        return cand
    has_actor = w["actor_code"] != ""
    yields = blocker & has_actor[np.maximum(objg, 0)]
    return cand.loc[~yields].reset_index(drop=True) if yields.any() else cand


def _asked_acts(best: pd.DataFrame, vb: np.ndarray, hv: np.ndarray, asked: np.ndarray) -> pd.DataFrame:
    """Sub-code step: an appeal or demand coded with its generic code (020, 100) whose clause
    is a coded act takes the act's appeal or demand sub-code (data/rules/act_codes.tsv)."""
    if not asked.any():
        return best
    codes = best["code"].to_numpy(dtype=object).copy()
    row_of = pd.Series(np.arange(len(vb)), index=vb)
    row_of = row_of[~row_of.index.duplicated()]
    for i in np.flatnonzero(asked).tolist():
        j = row_of.get(hv[i])
        if j is None or codes[j] not in _ASKING:
            continue
        new = act_code(str(codes[i]), _ASKING[codes[j]])
        if new:
            codes[j] = new
    return best.assign(code=codes)


def _attempted_assassinations(best: pd.DataFrame, attempted: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Sub-code step: a killing or assassination only attempted ("tried to assassinate",
    "plotted to kill the president") is an attempted assassination (185); other attempted acts
    stay hypothetical. Returns the frame and which rows were recoded."""
    codes = best["code"].to_numpy(dtype=object)
    hit = attempted & np.array([str(x).startswith(("186", "1823")) for x in codes.tolist()], dtype=bool)
    if not hit.any():
        return best, hit
    codes = codes.copy()
    codes[hit] = "185"
    label = best["label"].to_numpy(dtype=object).copy()
    label[hit] = ""
    return best.assign(code=codes, label=label), hit


def _ordered_departures(c: SimpleNamespace, w: Words, best: pd.DataFrame) -> pd.DataFrame:
    """Sub-code step: a generic order (100) that a foreign actor leave ("ordered ten US diplomats
    to leave the country", "ordered the NGOs out of the country") is an expulsion (166): the
    ordered verb is of class ``departure``, or the order has an "out of" phrase; the ordered
    actor's country differs from the one giving the order."""
    codes = best["code"].to_numpy(dtype=object)
    cand = np.flatnonzero(codes == "100")
    if not len(cand):
        return best
    rel: Cat = c.rel
    lem: Cat = c.lem
    vb = best["v"].to_numpy()[cand]
    to_verb = c.child((rel.eq("xcomp") | (rel.eq("advcl") & c.mark_to)) & lem.isin(c.classes["departure"]))
    out_of = np.zeros(c.n, dtype=bool)
    out_word = np.flatnonzero(lem.eq("out") & c.has_head & rel.isin(("case", "advmod", "compound:prt")))
    out_of[c.head[out_word]] = True  # "out of the country": on the noun or on the verb
    hd = np.maximum(c.head, 0)
    out_of |= np.bincount(hd[out_of & c.has_head], minlength=c.n).astype(bool)  # the noun's verb
    departs = (to_verb[vb] >= 0) | out_of[vb]
    country = w["actor_country"]
    obj, subj = c.obj[vb], c.subj[vb]
    foreign = (obj >= 0) & (subj >= 0)
    foreign &= country[np.maximum(obj, 0)] != country[np.maximum(subj, 0)]
    foreign &= (w["actor_code"][np.maximum(obj, 0)] != "") & ~np.isin(country[np.maximum(subj, 0)], ("", "---"))
    hit = cand[departs & foreign]
    if not len(hit):
        return best
    codes = codes.copy()
    codes[hit] = "166"
    label = best["label"].to_numpy(dtype=object).copy()
    label[hit] = ""  # the codebook's label
    return best.assign(code=codes, label=label)


def _refusals(best: pd.DataFrame, negated: np.ndarray, under_refusal: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """Refusal step: a negated act, or the clause of "refuse"/"decline"/"reject", whose code is a
    refusable cooperative act (data/rules/act_codes.tsv) is recoded as its rejection."""
    codes = best["code"].to_numpy(dtype=object)
    reject = np.array([refusal_of(c) for c in codes.tolist()], dtype=object)
    refused = (negated | under_refusal) & (reject != "")
    if not refused.any():
        return refused, best
    new_codes = np.where(refused, reject, codes)
    label = np.where(refused, "", best["label"].to_numpy(dtype=object))
    rev = np.where(refused, "", best["reverse_code"].to_numpy(dtype=object))
    return refused, best.assign(code=new_codes, label=label, reverse_code=rev)


def _word_table(verbs: pd.DataFrame, column: str) -> pd.DataFrame:
    """(alt_row, word) for each word of the tuple ``column`` of compiled patterns (a small table)."""
    tuples = verbs[column].to_numpy(dtype=object)
    lens = np.fromiter(map(len, tuples), dtype=np.int64, count=len(tuples))
    return pd.DataFrame(
        {
            "alt_row": np.repeat(verbs["alt_row"].to_numpy(), lens),
            "word": np.array([x for t in tuples for x in t], dtype=object),
        }
    )


def _have_dependents(w: Words, gids: np.ndarray, alt_rows: np.ndarray, table: pd.DataFrame) -> np.ndarray:
    """For each word ``gids[i]``: are all words ``table`` lists for pattern ``alt_rows[i]`` among its
    dependents (by lemma or form)?"""
    need = (
        pd.DataFrame({"i": np.arange(len(gids)), "g": gids, "alt_row": alt_rows})
        .merge(table, on="alt_row")
        .drop(columns="alt_row")
        .drop_duplicates()
    )
    head = w["head"]
    has_head = head >= 0

    def children_of(words: np.ndarray) -> np.ndarray:
        mark = np.zeros(w.n, dtype=bool)
        mark[words] = True
        return np.flatnonzero(mark[np.maximum(head, 0)] & has_head)

    dep = children_of(gids)
    # and a dependent of a prepositional modifier: "memos on economic issues" for MEMOS (ON ECONOMIC)
    nmods = dep[w["rel"].eq("nmod")[dep]]
    dep2 = children_of(nmods)
    owner = np.r_[head[dep], head[head[dep2]]]
    words = np.r_[dep, dep2]
    # a dependent counts by lemma or by form ("improved relations": lemma "improve")
    have = pd.DataFrame(
        {"g": np.r_[owner, owner], "word": np.r_[w["lemma"].values[words], w["norm"].values[words]]}
    ).drop_duplicates()
    found = need.merge(have, on=["g", "word"]).groupby("i").size()
    distinct = need.groupby("i").size()
    return (
        found.reindex(np.arange(len(gids)), fill_value=0).to_numpy()
        >= distinct.reindex(np.arange(len(gids)), fill_value=0).to_numpy()
    )


def _require_pre(
    cand: pd.DataFrame, w: Words, vocab: pd.Index, lemma_key: np.ndarray, norm_key: np.ndarray, pre_table: pd.DataFrame
) -> pd.DataFrame:
    """Keep patterns whose word before the verb is there: a dependent of the verb earlier in the
    sentence, not an adverb, conjunction, particle or determiner ("wire tapped", "the death toll
    rose"). The validation suite codes "Gollum recently allowed ...", "indicated it deplored ..."
    and "Neither Galadriel nor Gollum boycotted ..." without their patterns "RECENTLY *",
    "INDICATED *" and "NEITHER *", so such words and governing verbs do not count."""
    has_pre = cand["has_pre"].to_numpy()
    if not has_pre.any():
        return cand
    head = w["head"]
    need_v = np.zeros(w.n, dtype=bool)
    need_v[cand.loc[has_pre, "v"].to_numpy()] = True
    dep = np.flatnonzero(need_v[np.maximum(head, 0)] & (head >= 0) & (w["gid"] < head) & ~w["upos"].isin(_NOT_PRE))
    v_side, k_side = head[dep], dep  # k before its head v
    pairs = pd.concat(
        [pd.DataFrame({"v": v_side, "pre_key": key[k_side], "pre_gid": k_side}) for key in (lemma_key, norm_key)],
        ignore_index=True,
    )
    rows = np.flatnonzero(has_pre)
    need = pd.DataFrame(
        {
            "_row": rows,
            "v": cand["v"].to_numpy()[rows],
            "pre_key": vocab.get_indexer(cand["pre_head"].to_numpy(dtype=object)[rows]),  # type: ignore[arg-type]  # an array works; the stubs ask for an Index
            "alt_row": cand["alt_row"].to_numpy()[rows],
            "pre_multi": cand["pre_multi"].to_numpy()[rows],
        }
    )
    met = need.merge(pairs.loc[pairs["pre_key"].to_numpy() >= 0], on=["v", "pre_key"], how="inner")
    # a noun group: the earlier words must be dependents of the word found ("death" of "toll")
    multi = np.flatnonzero(met["pre_multi"].to_numpy())
    if len(multi):
        ok = _have_dependents(w, met["pre_gid"].to_numpy()[multi], met["alt_row"].to_numpy()[multi], pre_table)
        met = met.drop(index=met.index[multi[~ok]])
    keep = ~has_pre
    keep[met["_row"].to_numpy()] = True
    return cand.loc[keep].reset_index(drop=True)


#: Roots whose acts by coordinated sources are aimed at a third party, not at each other:
#: statements, appeals, demands, criticism, rejections, threats, protests.
_THIRD_PARTY_ROOTS = frozenset({"01", "02", "10", "11", "12", "13", "14"})
#: Verbs whose coordinated sources act on each other whatever the act: "traded accusations".
_MUTUAL_VERBS = ("trade", "exchange", "swap")


def _expand_conjuncts(triples: pd.DataFrame, w: Words, *, third_party: bool = True) -> pd.DataFrame:
    """One triple per coordinated source and target ("South Korea and Japan ...").

    A list read as apposition and conjuncts ("Mordor, the Shire, Arnor and Bree": Shire appos of
    Mordor, Arnor and Bree conj of Shire; or an apposition beside conjuncts of its head) counts as
    one coordination. Coordinated sources with no target act on each other, except (``third_party``,
    with targetless roots on) in acts usually aimed at a third party ("Russia and China condemned").
    """
    head = w["head"]
    rel = w["rel"]
    idx = np.flatnonzero(rel.eq("conj") & (head >= 0))
    has_conj = np.zeros(w.n, dtype=bool)
    has_conj[head[idx]] = True
    # appositions in a list: with conjuncts of their own, or beside conjuncts of their head
    # ("Evil Mordor, the awful Arnor, and good Gondor")
    appos = rel.eq("appos") & (head >= 0)
    lists = np.flatnonzero(appos & (has_conj | has_conj[np.maximum(head, 0)]))
    in_list = idx[np.isin(head[idx], lists)]
    conj = pd.DataFrame(
        {
            "arg": np.r_[head[idx], w["modifier_conj_head"], head[lists], head[head[in_list]]],
            "member": np.r_[w["gid"][idx], w["modifier_conj"], lists, in_list],
        }
    )
    has_actor = w["actor_code"] != ""
    triples = triples.assign(_source=triples["source"])
    for side in ("source", "target"):
        has = np.isin(triples[side].to_numpy(), conj["arg"].to_numpy())
        if has.any():  # add a row per coordinated member
            more = triples.loc[has].merge(conj.rename(columns={"arg": side}), on=side)
            more[side] = more.pop("member").astype(np.int64)
            triples = pd.concat([triples, more], ignore_index=True)
    # coordinated sources with no target act on each other: "Gondor and Osgiliath postponed
    # their meeting" -> GON-OSG and OSG-GON
    # ... except in acts usually aimed at a third party: "Russia and China condemned the sanctions"
    # (unless they trade them: "Israel and Hezbollah traded accusations")
    third_party = (
        triples["code"].astype(str).str[:2].isin(_THIRD_PARTY_ROOTS).to_numpy()
        & ~(w["lemma"].isin(_MUTUAL_VERBS)[triples["verb"].to_numpy()])
        & third_party
    )
    no_target = triples.loc[(triples["target"].to_numpy() < 0) & ~third_party]
    if len(no_target):
        group = no_target[["_source", "source"]].drop_duplicates()
        group = group.loc[has_actor[group["source"].to_numpy()]]
        pairs = group.merge(group.rename(columns={"source": "partner"}), on="_source")
        pairs = pairs.loc[pairs["source"] != pairs["partner"]]
        if len(pairs):
            recip = no_target.merge(pairs, on=["_source", "source"]).assign(target=lambda t: t.pop("partner"))
            triples = pd.concat(
                [
                    triples.loc[triples["target"].to_numpy() >= 0],
                    recip,
                    no_target.loc[~no_target["_source"].isin(pairs["_source"])],
                    triples.loc[(triples["target"].to_numpy() < 0) & third_party],
                ],
                ignore_index=True,
            )
    return triples.drop(columns="_source").sort_values(["verb", "source", "target"], kind="stable")


#: Words that make an event noun hypothetical or not yet done ("a possible attack", "planned talks").
_NOT_DONE = frozenset(
    {
        "possible",
        "potential",
        "planned",
        "proposed",
        "future",
        "threatened",
        "expected",
        "imminent",
        "likely",
        "feared",
        "rumoured",
        "rumored",
        "alleged",
        "hypothetical",
        "new",
        "further",
        "any",
        "no",
    }
)
#: Relations through which a noun's own modifier names who acts ("Russia's attack", "Russian strikes").
_NOMINAL_SOURCE_RELS = ("nmod:poss", "amod", "compound")


def _happening_nouns(w: Words, cand: np.ndarray, rules: CodingRules) -> np.ndarray:
    """Per candidate event noun, whether it is a gathering that happened ("Protests erupted in
    Ferguson"): coded with no target, its own actor (the people in it) as the source."""
    if not rules.happening_events:
        return np.zeros(len(cand), dtype=bool)
    from geoevent.match import happening_gatherings

    return happening_gatherings(w)[cand]


def _told_by_verb(w: Words, cand: np.ndarray, coded_verbs: np.ndarray | None) -> np.ndarray:
    """Per candidate event noun, whether it is what a coded verb acts on ("criticised the U.S.-led
    invasion of Iraq", "claimed responsibility for the attack"): that verb's event is the news,
    the noun only its object. ``coded_verbs``: gids of the verbs that coded a triple."""
    if coded_verbs is None or not len(coded_verbs):
        return np.zeros(len(cand), dtype=bool)
    head = w["head"][cand]
    return (head >= 0) & w["rel"].isin(("obj", "obl", "iobj"))[cand] & np.isin(head, coded_verbs)


def extract_nominal(
    w: Words,
    nouns: pd.DataFrame,
    verbs: pd.DataFrame,
    *,
    rules: CodingRules | None = None,
    coded_verbs: np.ndarray | None = None,
) -> pd.DataFrame:
    """Event nouns with a source of their own: "Russia's attack on Kyiv", "Russian strikes on
    Kharkiv", "an attack by Hamas on Israel", "talks between Serbia and Kosovo".

    The source is the noun's possessor, its actor modifier or its "by" phrase; the target is the
    actor behind the noun's listed preposition ("between": the second of the pair). A noun that is
    a verb pattern's object ("launched an attack on") is left to the verb, and so is the object of
    a verb in ``coded_verbs`` (gids of verbs that coded a triple: "criticised the invasion of
    Iraq" is the criticism); a noun marked as not done ("a possible attack", "planned talks") or negated ("no talks") codes nothing.
    Output: the triples frame of :func:`extract_triples` (``verb`` is the noun's gid).
    """
    rules = rules if rules is not None else CodingRules()
    n = w.n
    if n == 0 or len(nouns) == 0 or not rules.nominal:
        return _empty()
    lem: Cat = w["lemma"]
    rel: Cat = w["rel"]
    upos: Cat = w["upos"]
    head = w["head"]
    gid = w["gid"]
    has_head = head >= 0
    has_actor = w["actor_code"] != ""
    is_noun = upos.isin(("NOUN", "PROPN")) & ~w["actor_direct"]
    noun_lemmas = frozenset(nouns["noun"].tolist())
    cand = np.flatnonzero(is_noun & (lem.isin(noun_lemmas) | w["norm"].isin(noun_lemmas)))
    if not len(cand):
        return _empty()
    # a verb pattern's object: "launched an attack on", "held talks with" are the verb's events
    light = set(zip(verbs["verb"].tolist(), verbs["obj_head"].tolist()))
    lemma = lem.values
    h = np.maximum(head[cand], 0)
    object_like = rel.isin(("obj", "nsubj:pass", "obl", "iobj", "xcomp"))
    as_object = np.array(
        [has_head[c] and object_like[c] and (lemma[hh], lemma[c]) in light for c, hh in zip(cand.tolist(), h.tolist())],
        dtype=bool,
    )
    # not done: an adjective or determiner such as "possible", "no"
    dep = np.flatnonzero(has_head & rel.isin(("amod", "det", "advmod")) & lem.isin(_NOT_DONE))
    not_done = np.zeros(n, dtype=bool)
    not_done[head[dep]] = True
    # ... unless it is a gathering that happened, with no agent ("demonstrations were held in Paris")
    as_object &= ~_happening_nouns(w, cand, rules)
    cand = cand[~as_object & ~not_done[cand] & ~_told_by_verb(w, cand, coded_verbs)]
    if not len(cand):
        return _empty()
    is_cand = np.zeros(n, dtype=bool)
    is_cand[cand] = True
    kids = np.flatnonzero(has_head & is_cand[np.maximum(head, 0)] & has_actor)
    # sources: possessor, actor modifier, "by" phrase (the first one, nearest the noun)
    case = w["case"]
    src_mask = rel.isin(_NOMINAL_SOURCE_RELS)[kids] | (rel.eq("nmod")[kids] & (case[kids] == "by"))
    src = kids[src_mask]
    source = np.full(n, -1, dtype=np.int64)
    order = np.argsort(-np.abs(src - head[src]), kind="stable")  # nearest last, so it wins
    source[head[src[order]]] = src[order]
    # an event noun in an "in" phrase of a verb is its subject's: "went ahead with the vote in
    # defiance of the court" (the government defies the court)
    in_phrase = cand[rel.isin(("obl",))[cand] & (case[cand] == "in") & (source[cand] < 0) & has_head[cand]]
    if len(in_phrase):
        subj_of = np.full(n, -1, dtype=np.int64)
        ns = np.flatnonzero(rel.eq("nsubj") & has_head & has_actor)
        subj_of[head[ns][::-1]] = ns[::-1]
        source[in_phrase] = subj_of[head[in_phrase]]
    # targets: an nmod behind a preposition, paired with the noun's rows by (noun lemma, prep)
    tgt = kids[rel.eq("nmod")[kids] & (case[kids] != "by") & (case[kids] != "")]
    table = nouns.assign(_row=np.arange(len(nouns)))
    rows = []
    cand_df = pd.DataFrame({"verb": cand, "noun": lemma[cand]})
    with_prep = cand_df.merge(pd.DataFrame({"verb": head[tgt], "prep": case[tgt], "target": tgt}), on="verb")
    with_prep = with_prep.merge(table, on=["noun", "prep"]).sort_values(["verb", "target"]).drop_duplicates("verb")
    rows.append(with_prep)
    happening = _happening_nouns(w, cand, rules)
    if not rules.require_target or happening.any():
        plain = cand_df.loc[happening | (not rules.require_target)].merge(table.loc[table["prep"] == ""], on="noun")
        plain = plain.loc[~plain["verb"].isin(with_prep["verb"])].assign(target=-1)
        rows.append(plain)
        # the gathering stands for the people in it (geoevent.match.happening_gatherings)
        own = cand[happening & (source[cand] < 0) & has_actor[cand]]
        source[own] = own
    found = pd.concat(rows, ignore_index=True)
    if len(found) == 0:
        return _empty()
    v = found["verb"].to_numpy(np.int64)
    # "talks between Serbia and Kosovo": the pair is the source and its conjunct the target
    between = found["prep"].to_numpy(dtype=object) == "between"
    s = source[v]
    t = found["target"].to_numpy(np.int64)
    conj_of = np.full(n, -1, dtype=np.int64)
    cj = np.flatnonzero(rel.eq("conj") & has_head)
    conj_of[head[cj][::-1]] = gid[cj][::-1]
    pair = between & (s < 0) & (t >= 0)
    s = np.where(pair, t, s)
    t = np.where(pair, conj_of[np.maximum(t, 0)], t)
    out = pd.DataFrame(
        {
            "verb": v,
            "source": s,
            "target": t,
            "code": found["code"].to_numpy(dtype=object),
            "label": found["label"].to_numpy(dtype=object),
            "entry_id": found["entry_id"].to_numpy(dtype=object),
            "particle_gid": np.full(len(v), -1, dtype=np.int64),
        }
    )
    swapped = out.loc[pair & (out["target"].to_numpy() >= 0)]
    out = pd.concat([out, swapped.assign(source=swapped["target"], target=swapped["source"])], ignore_index=True)
    out = out.loc[(out["source"].to_numpy() >= 0) & (out["source"].to_numpy() != out["target"].to_numpy())]
    if rules.require_target:
        keep = out["target"].to_numpy() >= 0
        if happening.any():  # a gathering that happened needs no target ("Protests erupted in Paris")
            happened = np.zeros(n, dtype=bool)
            happened[cand[happening]] = True
            roots = rules.is_targetless(out["code"])
            keep |= happened[out["verb"].to_numpy()] & roots
        out = out.loc[keep]
    if not len(out):
        return _empty()
    return _expand_conjuncts(out, w, third_party=bool(rules.targetless_roots)).reset_index(drop=True)
