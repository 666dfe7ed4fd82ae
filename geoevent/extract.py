"""Extract stage: verb patterns and their source/target arguments, as joins over the token table.

Input: the prepared token table with actors resolved (:mod:`geoevent.match`). Output: one row per
candidate triple (verb word, pattern, source word, target word) with the pattern's code, before
codebook lookup. The rules, each a vectorized step:

1. **Patterns.** Each verb word is joined with the verb patterns of its lemma; a pattern applies
   when its particle ("shoot *down*") and object ("launch an *attack*") are present. The most
   specific applicable pattern wins (particle > object > preposition found); code "-" blocks.
2. **Arguments.** Source = nsubj (active) or the "by" agent (passive); target = the pattern's
   prepositional object ("on Ukraine", on the verb or on the object), else the direct or indirect
   object, else the passive subject, else the object of a "to" purpose clause ("deployed troops
   to aid Russia"). Verbs without a subject inherit it: conjuncts from the first verb, "to"
   clauses from their controller ("urged Y to talk": Y), relative clauses from the noun.
   Coordinated actors give one triple each ("South Korea and Japan condemned ...").
3. **Modality.** Negated, hypothetical ("could", "tried to", "if ...") and merely permitted or
   requested acts ("authorized Ukraine to strike": the strike) are dropped; promised acts
   ("will supply", "pledged to send") are recoded as intent (03x/13x, see data/rules).
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import pandas as pd

from geoevent.dictionaries.tables import Dictionaries

__all__ = ["compile_verbs", "extract_triples", "verb_classes", "intent_codes"]

_SUBJ = "nsubj"
_PASS_SUBJ = ("nsubj:pass",)
_AGENT_REL = "obl:agent"


def _read_rules(name: str) -> pd.DataFrame:
    with resources.files("geoevent.data.rules").joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, sep="\t", comment="#", dtype=str, keep_default_na=False)


@functools.cache
def verb_classes() -> dict[str, frozenset[str]]:
    """Word classes from data/rules/verb_classes.tsv: class name -> lemmas."""
    table = _read_rules("verb_classes.tsv")
    return {c: frozenset(g["lemma"]) for c, g in table.groupby("class")}


@functools.cache
def intent_codes() -> dict[str, str]:
    """Root code of an act -> the code of a statement of intent to do it."""
    table = _read_rules("intent_codes.tsv")
    return dict(zip(table["root"], table["intent_code"]))


def compile_verbs(dictionaries: Dictionaries) -> pd.DataFrame:
    """Verb patterns with one row per object alternative, ready to join.

    Columns: pattern_row, entry_id, verb, particle, obj_head, obj_pre (tuple of words), prep,
    code, label, has_particle, has_object.
    """
    v = dictionaries.verbs.reset_index(drop=True)
    rows = []
    for i, (entry, verb, particle, obj, prep, code, label) in enumerate(
        zip(v["entry_id"], v["verb"], v["particle"], v["object"], v["prep"], v["code"], v["label"])
    ):
        alts = [a.strip() for a in str(obj).split("|") if a.strip()] or [""]
        for alt in alts:
            words = alt.lower().split()
            rows.append(
                (i, entry, str(verb).lower(), str(particle).lower(), words[-1] if words else "",
                 tuple(words[:-1]), str(prep).lower(), str(code), str(label))
            )
    out = pd.DataFrame(
        rows,
        columns=["pattern_row", "entry_id", "verb", "particle", "obj_head", "obj_pre", "prep", "code", "label"],
    )
    out["has_particle"] = out["particle"] != ""
    out["has_object"] = out["obj_head"] != ""
    return out


def _first_child(n: int, heads: np.ndarray, children: np.ndarray) -> np.ndarray:
    """For each word, its first child among (heads, children) pairs, else -1."""
    out = np.full(n, -1, dtype=np.int64)
    if len(heads):
        out[heads[::-1]] = children[::-1]
    return out


def extract_triples(df: pd.DataFrame, verbs: pd.DataFrame, *, require_target: bool = True) -> pd.DataFrame:
    """Candidate triples: verb gid, source gid, target gid (-1 none), code, pattern, intent flag."""
    cols = ["verb", "source", "target", "code", "label", "entry_id", "particle_gid"]
    n = len(df)
    if n == 0 or len(verbs) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    classes = verb_classes()
    gid = df["gid"].to_numpy()
    head = df["head_gid"].to_numpy()
    rel = df["deprel"].to_numpy(dtype=object)
    lemma = df["lemma_l"].to_numpy(dtype=object)
    upos = df["upos"].to_numpy(dtype=object)
    case = df["case"].to_numpy(dtype=object)
    mark = df["mark"].to_numpy(dtype=object)
    has_head = head >= 0
    base_rel = np.array([r.split(":", 1)[0] for r in rel.tolist()], dtype=object)

    def child(mask: np.ndarray) -> np.ndarray:
        idx = np.flatnonzero(mask & has_head)
        return _first_child(n, head[idx], gid[idx])

    nsubj = child(rel == _SUBJ)
    nsubj_pass = child(np.isin(rel, _PASS_SUBJ))
    obj = child(rel == "obj")
    iobj = child(rel == "iobj")
    by_agent = child((rel == _AGENT_REL) | ((base_rel == "obl") & (case == "by")))
    aux_pass = child(rel == "aux:pass")
    passive = (nsubj_pass >= 0) | (aux_pass >= 0)
    neg = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(np.isin(rel, ("advmod", "det", "cc:preconj")) & np.isin(lemma, list(classes["negation"])) & has_head)
    neg[head[idx]] = True
    modal_int = np.zeros(n, dtype=bool)
    modal_hyp = np.zeros(n, dtype=bool)
    idx = np.flatnonzero((rel == "aux") & has_head)
    modal_int[head[idx[np.isin(lemma[idx], list(classes["modal_intent"]))]]] = True
    modal_hyp[head[idx[np.isin(lemma[idx], list(classes["modal_hypothetical"]))]]] = True

    # 1. patterns -------------------------------------------------------------------------
    is_verb = upos == "VERB"
    vidx = np.flatnonzero(is_verb & np.isin(lemma, verbs["verb"].unique()))
    cand = pd.DataFrame({"v": vidx, "verb": lemma[vidx]}).merge(verbs, on="verb", how="inner")
    if len(cand) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    v = cand["v"].to_numpy()
    # particle
    prt_idx = np.flatnonzero((rel == "compound:prt") & has_head)
    prt_pairs = pd.DataFrame({"v": head[prt_idx], "particle": lemma[prt_idx], "particle_gid": gid[prt_idx]})
    prt_pairs = prt_pairs.drop_duplicates(["v", "particle"])
    cand = cand.merge(prt_pairs, on=["v", "particle"], how="left")
    cand["particle_gid"] = cand["particle_gid"].fillna(-1).astype(np.int64)
    particle_ok = (~cand["has_particle"]) | (cand["particle_gid"] >= 0)
    v = cand["v"].to_numpy()
    # object: the direct object, or the passive subject, or a "with" oblique ("supply X with arms")
    with_obl = child((base_rel == "obl") & (case == "with"))
    slots = np.stack([obj[v], np.where(passive[v], nsubj_pass[v], -1), with_obl[v]])
    obj_head = cand["obj_head"].to_numpy(dtype=object)
    obj_gid = np.full(len(cand), -1, dtype=np.int64)
    norm = df["norm"].to_numpy(dtype=object)
    for slot in slots:
        at = np.maximum(slot, 0)
        hit = (obj_gid < 0) & (slot >= 0) & ((lemma[at] == obj_head) | (norm[at] == obj_head))
        obj_gid[hit] = slot[hit]
    # multi-word objects: the earlier words must be dependents of the object's head
    pre = cand["obj_pre"].to_numpy(dtype=object)
    multi = np.flatnonzero((obj_gid >= 0) & np.array([len(p) > 0 for p in pre], dtype=bool))
    if len(multi):
        dep_idx = np.flatnonzero(has_head)
        deps = set(zip(head[dep_idx].tolist(), lemma[dep_idx].tolist()))
        for i in multi.tolist():
            if not all((int(obj_gid[i]), w) in deps for w in pre[i]):
                obj_gid[i] = -1
    object_ok = (~cand["has_object"].to_numpy()) | (obj_gid >= 0)
    cand["obj_gid"] = np.where(cand["has_object"].to_numpy(), obj_gid, -1)
    # prepositional target on the verb, else on the object
    obl_idx = np.flatnonzero(np.isin(base_rel, ("obl", "nmod")) & (rel != _AGENT_REL) & has_head & (case != ""))
    pp = pd.DataFrame({"attach": head[obl_idx], "prep": case[obl_idx], "pp_gid": gid[obl_idx]}).drop_duplicates(["attach", "prep"])
    cand["_k"] = np.arange(len(cand))
    on_verb = cand[["_k", "v", "prep"]].rename(columns={"v": "attach"}).merge(pp, on=["attach", "prep"])
    on_obj = cand[["_k", "obj_gid", "prep"]].rename(columns={"obj_gid": "attach"}).merge(pp, on=["attach", "prep"])
    pp_gid = np.full(len(cand), -1, dtype=np.int64)
    pp_gid[on_obj["_k"].to_numpy()] = on_obj["pp_gid"].to_numpy()
    pp_gid[on_verb["_k"].to_numpy()] = on_verb["pp_gid"].to_numpy()
    pp_gid[cand["prep"].to_numpy(dtype=object) == ""] = -1
    cand["pp_gid"] = pp_gid
    cand = cand.loc[(particle_ok & object_ok).to_numpy()]
    if len(cand) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    cand["score"] = 4 * cand["has_particle"] + 2 * cand["has_object"] + (cand["pp_gid"] >= 0).astype(int)
    cand = cand.sort_values(["v", "score", "pattern_row"], ascending=[True, False, True], kind="stable")
    best = cand.drop_duplicates("v", keep="first")
    coded = np.zeros(n, dtype=bool)
    coded[best["v"].to_numpy()] = True  # blocked patterns count as coded verbs for control
    best = best.loc[best["code"] != "-"]

    # 2. subjects, with inheritance ------------------------------------------------------------
    subj = np.where(passive, by_agent, nsubj)
    subj_is_rel = np.zeros(n, dtype=bool)
    ok = subj >= 0
    subj_is_rel[ok] = np.isin(lemma[subj[ok]], list(classes["relative"])) & (upos[subj[ok]] == "PRON")
    relcl = (rel == "acl:relcl") & has_head
    subj = np.where(subj_is_rel & relcl, head, np.where(subj_is_rel, -1, subj))
    obj_control = np.isin(lemma, list(classes["object_control"]))
    for _ in range(3):  # inherit along chains of conjuncts and "to" clauses
        missing = (subj < 0) & has_head & np.isin(upos, ("VERB", "AUX"))
        h = np.where(missing, head, 0)
        from_conj = missing & (rel == "conj")
        from_xcomp = missing & (rel == "xcomp")
        from_purpose = missing & (rel == "advcl") & (mark == "to")
        new = np.full(n, -1, dtype=np.int64)
        new[from_conj] = subj[h[from_conj]]
        ctrl_obj = from_xcomp & obj_control[h] & (obj[h] >= 0)
        new[ctrl_obj] = obj[h[ctrl_obj]]
        ctrl_subj = (from_xcomp & ~ctrl_obj) | from_purpose
        new[ctrl_subj] = subj[h[ctrl_subj]]
        subj = np.where(missing, new, subj)

    # 3. modality -----------------------------------------------------------------------------
    vb = best["v"].to_numpy()
    hv = np.where(head[vb] >= 0, head[vb], vb)
    in_xcomp = rel[vb] == "xcomp"
    matrix_lemma = lemma[hv]
    intent = modal_int[vb] | (in_xcomp & np.isin(matrix_lemma, list(classes["intent"])))
    drop = neg[vb] | modal_hyp[vb]
    drop |= in_xcomp & np.isin(matrix_lemma, list(classes["hypothetical"]))
    drop |= in_xcomp & obj_control[hv]  # asked for or permitted, not done
    drop |= in_xcomp & coded[hv] & ~np.isin(matrix_lemma, list(classes["intent"] | classes["subject_control"]))
    drop |= (rel[vb] == "advcl") & np.isin(mark[vb], list(classes["conditional"]))
    best = best.assign(intent=intent).loc[~drop]
    if len(best) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})
    codes = best["code"].to_numpy(dtype=object).copy()
    imap = intent_codes()
    it = best["intent"].to_numpy()
    codes[it] = [imap.get(c[:2], c) for c in codes[it].tolist()]
    best = best.assign(code=codes)

    # 4. targets ------------------------------------------------------------------------------
    vb = best["v"].to_numpy()
    objg = best["obj_gid"].to_numpy()
    target = best["pp_gid"].to_numpy().copy()
    for slot in (obj[vb], iobj[vb], np.where(passive[vb], nsubj_pass[vb], -1)):
        take = (target < 0) & (slot >= 0) & (slot != objg)
        target[take] = slot[take]
    # purpose clause: "deployed troops to aid Russia", "supplied munitions to bolster Moscow's ..."
    purpose_idx = np.flatnonzero(((rel == "advcl") | (rel == "xcomp")) & (mark == "to") & has_head & (obj >= 0))
    purpose_obj = _first_child(n, head[purpose_idx], obj[purpose_idx])
    take = (target < 0) & (purpose_obj[vb] >= 0) & ~np.isin(lemma[vb], list(obj_control))
    target[take] = purpose_obj[vb][take]
    out = pd.DataFrame(
        {
            "verb": vb,
            "source": subj[vb],
            "target": target,
            "code": best["code"].to_numpy(dtype=object),
            "label": best["label"].to_numpy(dtype=object),
            "entry_id": best["entry_id"].to_numpy(dtype=object),
            "particle_gid": best["particle_gid"].to_numpy(),
        }
    )
    out = out.loc[out["source"] >= 0]
    if require_target:
        out = out.loc[out["target"] >= 0]
    return _expand_conjuncts(out, df).reset_index(drop=True)


def _expand_conjuncts(triples: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """One triple per coordinated source and target ("South Korea and Japan ...")."""
    rel = df["deprel"].to_numpy(dtype=object)
    head = df["head_gid"].to_numpy()
    idx = np.flatnonzero((rel == "conj") & (head >= 0))
    conj = pd.DataFrame({"arg": head[idx], "member": df["gid"].to_numpy()[idx]})
    for side in ("source", "target"):
        members = pd.concat(
            [pd.DataFrame({"arg": triples[side].unique(), "member": triples[side].unique()}), conj], ignore_index=True
        )
        triples = triples.merge(members.rename(columns={"arg": side}), on=side, how="left")
        triples[side] = triples.pop("member").fillna(triples[side]).astype(np.int64)
    return triples
