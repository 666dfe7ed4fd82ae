"""Repair stage: fix the parser's commonest misreadings of wire copy, on the token table.

Any parser reads some news sentences wrongly in the same few ways; each repair below is one
named, tested step that rewrites ``head``/``deprel`` (and ``upos``/``lemma`` of a verb read as
something else) where the pattern is unambiguous. They run before matching when
``CodingRules.parse_repairs`` is on (the default), and never on sentences they do not fit:

1. :func:`verb_read_as_modifier` — a sentence with no verbal root whose verb the parser read as an
   adjective or a noun's modifier: "Russia lambasted France", "The United States froze aid to
   Ukraine", "China blacklisted Chinese companies" (the verb becomes the root, the words before it
   its subject, the rest its object and obliques).
2. :func:`subject_read_as_compound` — "Iraq used nerve agents": the subject read as a compound of
   the object.
3. :func:`subject_of_reported_clause` — "Mugabe agreed to step down, his party said": the first
   subject read as the reporting verb's.
4. :func:`verb_read_as_modifier_in_conjunct` — "freed dozens of dissidents and lifted curbs":
   the second verb read as a modifier of a noun coordinated with the first verb's object.
5. :func:`clause_read_as_relative` — "Officials from Seoul and Tokyo held consultations, the
   ministry said": the reported verb read as a reduced relative of its own subject.
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import pandas as pd
from lemminflect import getLemma

__all__ = [
    "clause_read_as_relative",
    "repair_tokens",
    "subject_of_reported_clause",
    "subject_read_as_compound",
    "verb_read_as_modifier",
    "verb_read_as_modifier_in_conjunct",
]

_VERBAL = frozenset({"VERB", "AUX"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})


@functools.cache
def _verbs() -> frozenset[str]:
    """Verb lemmas of geoevent's verb dictionaries (data/models/verb_lemmas.txt) and the verbs of
    happening of data/rules/verb_classes.tsv ("Violent protests erupted in Ferguson")."""
    from geoevent.extract import verb_classes

    happening = verb_classes()["occurrence"]
    try:
        text = resources.files("geoevent").joinpath("data", "models", "verb_lemmas.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return happening
    return happening | frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@functools.lru_cache(maxsize=65536)
def _is_verb_form(form: str) -> bool:
    """Whether an English verb lexicon (lemminflect's) lists the word as a verb form; "fighters",
    "protesters" are none."""
    low = form.lower()
    if getLemma(low, upos="VERB", lemmatize_oov=False) or low.endswith("ed") or "'" in low:
        return True
    return bool(verb_lemma(low))  # a dictionary verb the lexicon lacks ("torch")


@functools.lru_cache(maxsize=65536)
def _only_a_verb(form: str) -> bool:
    """Whether the word is a verb form and no noun form ("abduct", "besiege": a headline's present
    tense the tagger read as a noun; not "clash", "attack", which are nouns too)."""
    low = form.lower()
    return _is_verb_form(low) and not getLemma(low, upos="NOUN", lemmatize_oov=False)


def verb_lemma(form: str) -> str:
    """The dictionary verb an inflected form belongs to ("lambasted" -> lambaste, "froze" ->
    freeze), else ""."""
    low = form.lower()
    verbs = _verbs()
    if low in verbs:
        return low
    listed = getLemma(low, upos="VERB", lemmatize_oov=False)  # irregular forms: froze, overran, slain
    if listed and listed[0] != low:
        return str(listed[0]) if listed[0] in verbs else ""
    guesses: list[str] = []
    if low.endswith("ied"):
        guesses.append(low[:-3] + "y")
    if low.endswith("ed"):
        stem = low[:-2]
        guesses += [stem, stem + "e", low[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            guesses.append(stem[:-1])
    if low.endswith("ies"):
        guesses.append(low[:-3] + "y")
    if low.endswith("es"):
        guesses.append(low[:-2])
    if low.endswith("s"):
        guesses.append(low[:-1])
    return next((g for g in guesses if g in verbs), "")


def _children(heads: list[int]) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h >= 0:
            kids[h].append(i)
    return kids


def verb_read_as_modifier(
    forms: list[str], upos: list[str], heads: list[int], rels: list[str], lemmas: list[str]
) -> bool:
    """Step 1 on one sentence (0-based heads, -1 = root), in place; True when it changed it.

    Applies when the root is not a verb and has no copula, and a word after the first one is a
    dictionary verb read as a modifier (amod, acl, flat, compound) or tagged ADJ/NOUN/PROPN.
    """
    n = len(forms)
    roots = [i for i in range(n) if heads[i] < 0]
    if len(roots) != 1 or (upos[roots[0]] in _VERBAL and _is_verb_form(forms[roots[0]])):
        return False
    root = roots[0]
    kids = _children(heads)
    if any(rels[k] in ("cop", "aux", "aux:pass") for k in kids[root]):
        return False
    tagged = upos[root]
    if tagged in _VERBAL:  # "Hamas fighters fired ...": "fighters" is no verb form
        upos[root] = "NOUN"
    for x in range(1, n):
        if upos[x] in _VERBAL and rels[x] in ("acl", "amod", "acl:relcl"):
            lemma = lemmas[x].lower() if lemmas[x].lower() in _verbs() else verb_lemma(forms[x])
        elif (
            upos[x] in ("ADJ", "NOUN", "PROPN")
            and rels[x] in ("amod", "flat", "compound", "acl")
            and forms[x][:1].islower()
            and (forms[x].lower().endswith(("ed", "s")) or _only_a_verb(forms[x]))
        ):
            lemma = verb_lemma(forms[x])
        else:
            continue
        if not lemma or upos[x - 1] not in _NOMINAL | {"ADJ"}:
            continue
        break
    else:
        upos[root] = tagged
        return False
    if not _make_main_verb(upos, heads, rels, lemmas, x, lemma, kids):
        upos[root] = tagged
        return False
    return True


def _make_main_verb(
    upos: list[str], heads: list[int], rels: list[str], lemmas: list[str], x: int, lemma: str, kids: list[list[int]]
) -> bool:
    """Make word ``x`` the sentence's main verb (lemma ``lemma``): the words before it are its
    subject phrase, headed by the last nominal whose head lies outside it; the words after it that
    hung outside the part after it, or on ``x`` itself as on a noun, become its object, obliques,
    clauses. False (nothing changed) when no subject is found."""
    n = len(upos)
    outside_before = [i for i in range(x) if heads[i] < 0 or heads[i] >= x]
    subject = next((i for i in reversed(outside_before) if upos[i] in _NOMINAL), -1)
    if subject < 0:
        return False
    old_heads = list(heads)
    old_rels = list(rels)
    heads[x], rels[x], upos[x], lemmas[x] = -1, "root", "VERB", lemma
    heads[subject], rels[subject] = x, "nsubj"
    for i in outside_before:
        if i != subject:
            heads[i] = subject
    took_object = False
    for i in range(x + 1, n):
        # attached outside the part after the verb, or to the verb as to a noun ("jails activist")
        as_noun_dep = old_heads[i] == x and old_rels[i] in ("acl", "nmod", "appos", "flat", "compound", "dep", "conj")
        if old_heads[i] < 0 or old_heads[i] < x or as_noun_dep:
            heads[i] = x
            if rels[i] == "punct" or upos[i] == "PUNCT":
                rels[i] = "punct"
            elif any(rels[k] == "case" for k in kids[i]):
                rels[i] = "obl"
            elif upos[i] in _NOMINAL and not took_object:
                rels[i], took_object = "obj", True
            elif upos[i] in _VERBAL:
                rels[i] = "advcl" if any(rels[k] == "mark" for k in kids[i]) else "conj"
            elif rels[i] in ("root", "flat", "compound", "amod", "nmod", "acl", "appos", "dep", "conj", "nsubj"):
                rels[i] = "obl" if upos[i] in _NOMINAL else "dep"
    return True


def headline_verb_read_as_noun(
    forms: list[str], upos: list[str], heads: list[int], rels: list[str], lemmas: list[str]
) -> bool:
    """Step 7: a headline whose present-tense verb the tagger read as a noun ("Germany slams
    Turkey over arrests", "Egypt jails activist", "Police fire tear gas at protesters"): in a
    sentence with no finite verb, the first lower-case word after a nominal that is the present
    tense of a dictionary verb becomes the main verb. Words tagged VERB that no verb lexicon
    lists ("activist") become nouns."""
    n = len(forms)
    if n < 3 or any(_finite(forms, upos, heads, rels, i) for i in range(n)):
        return False
    for i in range(n):
        if upos[i] == "VERB" and not _is_verb_form(forms[i]):
            upos[i] = "NOUN"
    kids = _children(heads)
    for x in range(1, n - 1):
        f = forms[x]
        if not f[:1].islower() or upos[x - 1] not in ("NOUN", "PROPN") or upos[x] in ("ADP", "DET", "PUNCT", "CCONJ"):
            continue
        lemma = _present_tense_lemma(f)
        if lemma and upos[x + 1] not in ("PUNCT",):
            return _make_main_verb(upos, heads, rels, lemmas, x, lemma, kids)
    return False


def _finite(forms: list[str], upos: list[str], heads: list[int], rels: list[str], i: int) -> bool:
    """Whether word ``i`` is a verb heading a clause: tagged VERB/AUX, a verb form, not a bare
    -ing form (no auxiliary: "ruling party"), in a clause relation."""
    if upos[i] not in _VERBAL or not _is_verb_form(forms[i]):
        return False
    if rels[i] not in ("root", "conj", "ccomp", "parataxis", "advcl", "xcomp", "acl:relcl"):
        return False
    if forms[i].lower().endswith("ing"):
        return any(rels[k] in ("aux", "aux:pass", "cop") for k in range(len(forms)) if heads[k] == i)
    return True


@functools.lru_cache(maxsize=65536)
def _present_tense_lemma(form: str) -> str:
    """The dictionary verb a present-tense form belongs to ("slams" -> slam, "fire" -> fire), else ""."""
    low = form.lower()
    if low.endswith(("ing", "ed")):
        return ""
    listed = getLemma(low, upos="VERB", lemmatize_oov=False)
    lemma = str(listed[0]) if listed else verb_lemma(low)  # a dictionary verb the lexicon lacks ("torch")
    if not lemma:
        return ""
    base = low == lemma
    third = low in (lemma + "s", lemma + "es", lemma[:-1] + "ies")
    return lemma if (base or third) and lemma in _verbs() else ""


def verb_read_as_modifier_in_conjunct(
    forms: list[str], upos: list[str], heads: list[int], rels: list[str], lemmas: list[str]
) -> bool:
    """Step 4: "freed dozens of dissidents and lifted curbs on the press", the second verb read as
    a modifier of a noun coordinated with the first verb's object: it becomes the conjunct of the
    first verb, with the noun as its object."""
    changed = False
    for x in range(2, len(forms) - 1):
        h = heads[x]
        if rels[x] != "amod" or h != x + 1 or rels[h] != "conj" or upos[x - 1] != "CCONJ":
            continue
        lemma = lemmas[x] if upos[x] == "VERB" and lemmas[x].lower() in _verbs() else verb_lemma(forms[x])
        if not lemma:
            continue
        g = heads[h]  # up from the first conjunct to the verb whose object (phrase) it is
        for _ in range(4):
            if g < 0 or upos[g] == "VERB":
                break
            g = heads[g]
        if g < 0 or upos[g] != "VERB" or g >= x:
            continue
        heads[x], rels[x], upos[x], lemmas[x] = g, "conj", "VERB", lemma
        heads[h], rels[h] = x, "obj"
        if heads[x - 1] == h:
            heads[x - 1] = x
        changed = True
    return changed


def subject_read_as_compound(forms: list[str], upos: list[str], heads: list[int], rels: list[str]) -> bool:
    """Step 2: a verb with no subject whose object has a proper-noun compound before the verb
    ("Iraq used nerve agents": Iraq compound of agents) takes that word as subject."""
    changed = False
    kids = _children(heads)
    for v in range(len(forms)):
        if upos[v] != "VERB" or any(rels[k] in _SUBJECTS for k in kids[v]):
            continue
        for o in kids[v]:
            if rels[o] != "obj" or o < v:
                continue
            cand = [k for k in kids[o] if k < v and rels[k] in ("compound", "nmod:poss") and upos[k] == "PROPN"]
            if cand:
                heads[cand[0]], rels[cand[0]] = v, "nsubj"
                changed = True
    return changed


def subject_of_reported_clause(forms: list[str], upos: list[str], heads: list[int], rels: list[str]) -> bool:
    """Step 3: a reporting verb with two subjects and a clause between them ("Mugabe agreed to
    step down, his party said"): the first subject belongs to the clause."""
    changed = False
    kids = _children(heads)
    for r in range(len(forms)):
        subs = [k for k in kids[r] if rels[k] == "nsubj"]
        if len(subs) < 2:
            continue
        clauses = [k for k in kids[r] if rels[k] == "ccomp" and subs[0] < k < subs[-1]]
        for c in clauses:
            if not any(rels[k] in _SUBJECTS for k in kids[c]):
                heads[subs[0]] = c
                changed = True
                break
    return changed


def clause_read_as_relative(forms: list[str], upos: list[str], heads: list[int], rels: list[str]) -> bool:
    """Step 5: a reporting verb with two subjects, the first of which heads a verb read as a
    reduced relative ("Officials from Seoul and Tokyo held consultations on the islands, the
    ministry said": "held" an acl of "Officials"): the verb becomes the reported clause, with the
    first subject as its own."""
    changed = False
    kids = _children(heads)
    for r in range(len(forms)):
        subs = [k for k in kids[r] if rels[k] == "nsubj"]
        if len(subs) < 2 or subs[0] > r or any(rels[k] == "ccomp" for k in kids[r]):
            continue
        first, last = subs[0], subs[-1]
        acl = [
            k
            for k in kids[first]
            if rels[k] == "acl"
            and upos[k] == "VERB"
            and first < k < last
            and forms[k].lower().endswith(("ed", "d", "t"))
            and any(rels[o] == "obj" for o in kids[k])
        ]
        if not acl:
            continue
        a = acl[0]
        heads[a], rels[a] = r, "ccomp"
        heads[first], rels[first] = a, "nsubj"
        changed = True
    return changed


def subject_read_as_expletive(forms: list[str], upos: list[str], heads: list[int], rels: list[str]) -> bool:
    """Step 6: a pronoun read as an expletive of an adjective that has a "to" clause and no
    subject ("Eritrea said it was ready to settle the dispute": "it" expl of "ready") is its subject."""
    changed = False
    kids = _children(heads)
    for e in range(len(forms)):
        a = heads[e]
        if rels[e] != "expl" or upos[e] != "PRON" or a < 0 or upos[a] != "ADJ":
            continue
        if any(rels[k] in _SUBJECTS for k in kids[a]) or not any(rels[k] == "xcomp" for k in kids[a]):
            continue
        rels[e] = "nsubj"
        changed = True
    return changed


def repair_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The token table with the repairs above applied to the sentences they fit (a copy when any
    changed; the same frame otherwise)."""
    if len(tokens) == 0:
        return tokens
    tok = tokens["tok_idx"].to_numpy(np.int64)
    starts = np.flatnonzero(tok == 1)
    ends = np.r_[starts[1:], len(tokens)]
    upos_all = tokens["upos"].to_numpy(dtype=object)
    rel_all = tokens["deprel"].to_numpy(dtype=object)
    head_all = tokens["head"].to_numpy(np.int64)
    # only sentences a repair can fit (cheap vectorized screens; the steps then decide)
    is_root = head_all == 0
    upos_s = pd.Series(upos_all, dtype=object)
    verbal_root = is_root & upos_s.isin(_VERBAL).to_numpy()
    forms_all = tokens["text"].to_numpy(dtype=object)
    # "Hamas fighters fired ...": a root tagged VERB that is no verb form ("fighters") is no verbal root
    tagged_verb = np.flatnonzero(verbal_root & (upos_all == "VERB"))
    if len(tagged_verb):
        root_forms = pd.Series(forms_all[tagged_verb], dtype=object).astype(str)
        uniq = root_forms.unique()
        no_verb = dict(zip(uniq, [not _is_verb_form(f) for f in uniq]))
        verbal_root[tagged_verb[root_forms.map(no_verb).to_numpy(dtype=bool)]] = False
    sent_of = np.repeat(np.arange(len(starts)), ends - starts)
    has_verbal_root = np.zeros(len(starts), dtype=bool)
    has_verbal_root[sent_of[verbal_root]] = True
    n = len(tokens)
    ghead = np.where(head_all > 0, starts[sent_of] + head_all - 1, -1)  # the head's row, -1 for the root
    gh = np.maximum(ghead, 0)
    rel_s = pd.Series(rel_all, dtype=object)
    # step 2: a proper-noun compound before the verb, of the verb's object
    comp = (rel_all == "compound") & (upos_all == "PROPN") & (ghead >= 0)
    comp &= (rel_all[gh] == "obj") & (ghead[gh] >= 0)
    comp &= np.arange(n) < ghead[gh]
    # step 3: a word with two subjects and a clause
    nsubj_of = np.bincount(gh[(rel_all == "nsubj") & (ghead >= 0)], minlength=n)
    two_subjects = nsubj_of >= 2  # step 3 (with a clause) and step 5 (with a relative read for it)
    # step 4: "and lifted curbs": an amod right before its conjunct head, after a conjunction
    idx = np.arange(n)
    prev_cc = np.r_[False, upos_all[:-1] == "CCONJ"]
    conj_amod = (rel_all == "amod") & (ghead == idx + 1) & (rel_s.to_numpy()[gh] == "conj") & prev_cc
    # step 7: a headline with a bare participle as its root ("Protesters torch ruling party offices")
    forms_low = pd.Series(forms_all, dtype=object).astype(str).str.lower()
    gerund_root = is_root & forms_low.str.endswith("ing").to_numpy()
    # step 6: an expletive pronoun of an adjective ("it was ready to talk")
    expl_adj = (rel_all == "expl") & (upos_all == "PRON") & (ghead >= 0) & (upos_all[gh] == "ADJ")

    def per_sentence(mask: np.ndarray) -> np.ndarray:
        out = np.zeros(len(starts), dtype=bool)
        out[sent_of[mask]] = True
        return out

    # each step runs only on the sentences its screen flagged
    screens = [
        (~has_verbal_root, lambda f, u, h, r, lm: verb_read_as_modifier(f, u, h, r, lm)),
        (per_sentence(conj_amod), lambda f, u, h, r, lm: verb_read_as_modifier_in_conjunct(f, u, h, r, lm)),
        (per_sentence(comp), lambda f, u, h, r, lm: subject_read_as_compound(f, u, h, r)),
        (per_sentence(two_subjects), lambda f, u, h, r, lm: subject_of_reported_clause(f, u, h, r)),
        (per_sentence(two_subjects), lambda f, u, h, r, lm: clause_read_as_relative(f, u, h, r)),
        (per_sentence(expl_adj), lambda f, u, h, r, lm: subject_read_as_expletive(f, u, h, r)),
        (~has_verbal_root | per_sentence(gerund_root), headline_verb_read_as_noun),
    ]
    flagged = np.zeros(len(starts), dtype=bool)
    for screen, _ in screens:
        flagged |= screen
    todo = np.flatnonzero(flagged)
    if not len(todo):
        return tokens
    heads = head_all.copy()
    rels = rel_all.copy()
    upos_new = upos_all.copy()
    lemmas = tokens["lemma"].to_numpy(dtype=object).copy()
    changed_any = False
    for s in todo.tolist():
        lo, hi = int(starts[s]), int(ends[s])
        forms = [str(f) for f in forms_all[lo:hi]]
        up = list(upos_new[lo:hi])
        hd = [int(h) - 1 for h in heads[lo:hi]]
        rl = list(rels[lo:hi])
        lm = [str(x) for x in lemmas[lo:hi]]
        changed = False
        for screen, step in screens:
            if screen[s]:
                changed |= step(forms, up, hd, rl, lm)
        if changed:
            changed_any = True
            heads[lo:hi] = [h + 1 for h in hd]
            rels[lo:hi] = rl
            upos_new[lo:hi] = up
            lemmas[lo:hi] = lm
    if not changed_any:
        return tokens
    return tokens.assign(head=heads, deprel=rels, upos=upos_new, lemma=lemmas)
