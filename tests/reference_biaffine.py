"""Frozen copy of geoevent/parse/biaffine.py at commit 39ad1cd: the parser network before the
speed work of issue 13 (item 4). It is the speed baseline of benchmarks/bench_parse_speed.py and
the reference implementation of tests/test_parser_identity.py; do not optimize it.

The original module docstring follows.

The embedded parser's network, run with numpy: a joint UPOS/XPOS tagger + biaffine dependency parser.

The weights (``parser.npz``) and vocabularies with hyperparameters (``parser.json``) are written
by :mod:`geoevent.parse.train_biaffine` (with torch); this module never imports torch. It also holds the pieces shared with
training: word-type features (:func:`type_features`) and tree decoding (:func:`decode_heads`).

Network (per sentence, a ROOT token is prepended; the input is the words only)::

    x_i   = [word(lower form) ; sum of hashed affix embeddings ; mean of hashed char-3-gram
             embeddings ; shape]
    h_i   = 2-layer BiLSTM(x)
    tags  UPOS_i = argmax W_u t_i + b_u,  XPOS_i = argmax W_x t_i + b_x,  t = MLP_tag(h)
    arc   s[i, j] = [d_i ; 1] U_arc h_j             d = MLP_arc_dep(h), h = MLP_arc_head(h)
    label s[i, l] = [e_i ; 1] U_l [f_{head(i)} ; 1]   e = MLP_lab_dep(h), f = MLP_lab_head(h)

Speed tricks of :meth:`BiaffineModel.parse` (all sentences of a call are run at once):

* sentences are sorted by length (longest first) and tokens laid out "packed" time-major, so at
  step t the live sentences are a prefix of the batch: no padding, no masks, one matmul per step
  for both directions (the backward direction reads each sentence reversed);
* the first layer's input projection (bias included) is computed once per distinct word form of
  the call, then only gathered per token; features of a form are cached across calls;
* the sigmoid gates use sigmoid(x) = 0.5 * tanh(x / 2) + 0.5 with the 1/2 folded into the
  weights, so each step needs a single tanh over all gates (plus one for the cell);
* four MLPs (arc dep/head, label dep, tagger) are one matmul; the label-head MLP runs on the
  chosen head tokens only;
* argmax heads are checked for being a tree with vectorized pointer jumping; Chu-Liu/Edmonds
  runs only on the few sentences that are not;
* the label bilinear form is applied once per distinct head token ([f ; 1] -> U [f ; 1]), then
  each dependent only needs a small batched mat-vec.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

# Fixed ids of the word vocabulary (tag and label vocabularies have no specials).
PAD, UNK, ROOT = 0, 1, 2
SPECIALS = ["<pad>", "<unk>", "<root>"]
#: Affixes hashed into the affix embedding table: (kind, length); s = suffix, p = prefix.
AFFIXES = (("s", 1), ("s", 2), ("s", 3), ("s", 4), ("p", 1), ("p", 2), ("p", 3))
#: Character 3-grams of "<" + form + ">" (lower-cased); at most this many per word.
MAX_NGRAMS = 16
#: Shapes: 5 casing classes x has-digit x has-hyphen, and ROOT.
N_SHAPES = 21
ROOT_SHAPE = 20
#: Arc scores are computed on padded buckets of at most this many (dep, head) cells.
ARC_BUCKET = 65536
#: Label scores: dependents per chunk of the batched mat-vec.
LABEL_CHUNK = 2048


# -- word-type features --------------------------------------------------------------------------


def word_shape(form: str) -> int:
    """Casing class (none / lower / Title / UPPER / mixed) x has a digit x has a hyphen."""
    if not any(ch.isalpha() for ch in form):
        case = 0
    elif form.islower():
        case = 1
    elif form.isupper():
        case = 3 if sum(ch.isalpha() for ch in form) > 1 else 2  # "I", "A." count as Title
    elif form[:1].isupper() and form[1:].lower() == form[1:]:
        case = 2
    else:
        case = 4
    return case * 4 + any(ch.isdigit() for ch in form) * 2 + ("-" in form and len(form) > 1)


def _h(s: str, buckets: int) -> int:
    """A stable hash (crc32) into [1, buckets); id 0 is padding."""
    return 1 + zlib.crc32(s.encode("utf-8")) % (buckets - 1)


def affix_ids(low: str, buckets: int) -> list[int]:
    """Hashed prefix/suffix ids of a lower-cased form."""
    out = []
    for kind, n in AFFIXES:
        a = low[-n:] if kind == "s" else low[:n]
        if len(low) < n:
            a = "^" + low  # shorter than the affix: the whole word, marked
        out.append(_h(f"{kind}{n}:{a}", buckets))
    return out


def ngram_ids(low: str, buckets: int) -> list[int]:
    """Hashed character 3-grams of "<low>" (at most MAX_NGRAMS, the first ones)."""
    s = "<" + low + ">"
    return [_h("g:" + s[i : i + 3], buckets) for i in range(min(len(s) - 2, MAX_NGRAMS))]


def type_features(
    form: str | None, word2id: dict[str, int], affix_buckets: int, ngram_buckets: int
) -> tuple[int, list[int], list[int], int]:
    """(word id, affix ids, char 3-gram ids, shape id) of a word form; ``None`` is ROOT."""
    if form is None:
        return ROOT, affix_ids("<root>", affix_buckets), ngram_ids("<root>", ngram_buckets), ROOT_SHAPE
    low = form.lower()
    return (word2id.get(low, UNK), affix_ids(low, affix_buckets), ngram_ids(low, ngram_buckets), word_shape(form))


# -- tree decoding -------------------------------------------------------------------------------


def _chu_liu_edmonds(scores: np.ndarray) -> np.ndarray:
    """Maximum spanning arborescence rooted at node 0 (no single-root constraint).

    ``scores[d, h]`` is the score of head h for dependent d; returns heads (heads[0] = 0).
    """
    n = scores.shape[0]
    s = scores.astype(np.float64).copy()
    np.fill_diagonal(s, -np.inf)
    s[0, :] = -np.inf
    s[0, 0] = 0.0
    heads = s.argmax(axis=1)
    heads[0] = 0
    # Find a cycle among the chosen heads.
    cycle = None
    color = np.zeros(n, dtype=np.int64)  # 0 unvisited, 1 on current path, 2 done
    for start in range(1, n):
        if color[start]:
            continue
        path = []
        v = start
        while v != 0 and color[v] == 0:
            color[v] = 1
            path.append(v)
            v = heads[v]
        if v != 0 and color[v] == 1:  # closed a cycle on the current path
            cycle = path[path.index(v) :]
        for u in path:
            color[u] = 2
        if cycle is not None:
            break
    if cycle is None:
        return heads
    # Contract the cycle into one node c and solve the smaller problem.
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cycle] = True
    rest = np.flatnonzero(~in_cycle)  # includes 0
    m = len(rest)
    c = m  # index of the contracted node
    sub = np.full((m + 1, m + 1), -np.inf)
    sub[:m, :m] = s[np.ix_(rest, rest)]
    cyc = np.array(cycle)
    # Arcs from a cycle node to an outside dependent: best head in the cycle.
    out_arc = s[np.ix_(rest, cyc)]  # (m, |C|)
    best_in = out_arc.argmax(axis=1)
    sub[:m, c] = out_arc[np.arange(m), best_in]
    # Arcs into the cycle: entering at d breaks d's cycle arc.
    gain = s[np.ix_(cyc, rest)] - s[cyc, heads[cyc]][:, None]  # (|C|, m)
    best_d = gain.argmax(axis=0)
    sub[c, :m] = gain[best_d, np.arange(m)]
    sub[c, c] = -np.inf
    sub_heads = _chu_liu_edmonds(sub)
    # Expand.
    new = heads.copy()
    for k in range(1, m):
        h = sub_heads[k]
        new[rest[k]] = cyc[best_in[k]] if h == c else rest[h]
    entry_head = sub_heads[c]
    d = cyc[best_d[entry_head]]
    new[d] = rest[entry_head]
    return new


#: Penalty on every arc from ROOT: larger than any tree's total log-probability, so the best
#: arborescence under it has exactly one child of the root (and is the best such tree).
_ROOT_PENALTY = 1e6


def mst_single_root(scores: np.ndarray) -> np.ndarray:
    """Best tree with exactly one child of the root; ``scores[d, h]`` are log-probabilities.

    One Chu-Liu/Edmonds run on scores whose root arcs all carry the same large penalty: every
    extra child of the root would cost the penalty again, so the optimum has one (exact, and
    linear in the number of root candidates instead of one run per candidate).
    """
    s = scores.astype(np.float64).copy()
    s[1:, 0] -= _ROOT_PENALTY
    return _chu_liu_edmonds(s)


def decode_heads(scores: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, int]:
    """Heads of a padded batch of arc scores (B, T, T) [dep, head], T counting ROOT.

    ``lens`` includes ROOT. Padded heads must already score -inf. Returns (B, T) int heads
    (ROOT and padding rows get 0) and the number of sentences repaired by MST (argmax first;
    Chu-Liu/Edmonds only for sentences whose argmax is not a tree). Modifies ``scores``.
    """
    _, t, _ = scores.shape
    diag = np.arange(t)
    scores[:, diag, diag] = -np.inf
    heads = scores.argmax(axis=2)
    valid = diag[None, :] < lens[:, None]
    valid[:, 0] = False
    heads[~valid] = 0
    n_root = ((heads == 0) & valid).sum(axis=1)
    # Pointer jumping: every word reaches ROOT after ceil(log2 t) squarings iff there is no cycle.
    p = heads.copy()
    for _ in range(max(1, int(np.ceil(np.log2(max(t, 2))))) + 1):
        p = np.take_along_axis(p, p, axis=1)
    bad = np.flatnonzero((n_root != 1) | (p != 0).any(axis=1))
    for k in bad:
        n = int(lens[k])
        s = scores[k, :n, :n].astype(np.float64)
        s = s - s.max(axis=1, keepdims=True)
        s = s - np.log(np.exp(s).sum(axis=1, keepdims=True))  # log-softmax over heads
        s[0, :] = -np.inf
        heads[k, :n] = mst_single_root(s) if n <= MST_MAX_WORDS else quick_tree(s)
        heads[k, 0] = 0
    return heads, len(bad)


#: Longer sentences whose argmax is not a tree are repaired by :func:`quick_tree` (linear passes)
#: instead of Chu-Liu/Edmonds, whose contractions can take seconds on degenerate input such as
#: 250 repetitions of one word.
MST_MAX_WORDS = 100


def quick_tree(scores: np.ndarray) -> np.ndarray:
    """A tree close to the argmax: the best root child stays the only one, and every word that
    does not reach the root is attached to its best head among the words that do."""
    n = scores.shape[0]
    s = scores.copy()
    np.fill_diagonal(s, -np.inf)
    heads = s.argmax(axis=1)
    heads[0] = 0
    words = np.arange(1, n)
    roots = words[heads[1:] == 0]
    root = int(roots[s[roots, 0].argmax()]) if len(roots) else int(words[s[1:, 0].argmax()])
    s[:, 0] = -np.inf
    s[root, 0] = 0.0
    others = words[(heads[1:] == 0) & (words != root)]
    heads[others] = s[others].argmax(axis=1)
    heads[root] = 0
    p = heads.copy()  # pointer jumping: which words reach the root
    for _ in range(int(np.ceil(np.log2(max(n, 2)))) + 1):
        p = p[p]
    lost = words[p[1:] != 0]
    if len(lost):
        found = words[p[1:] == 0]  # never empty: the root child reaches the root
        heads[lost] = found[s[np.ix_(lost, found)].argmax(axis=1)]
    return heads


# -- the parser ----------------------------------------------------------------------------------


def _one_blas_thread() -> Any:
    """A context limiting BLAS to one thread (threadpoolctl), or a no-op when that is unavailable.

    :meth:`BiaffineModel.parse` runs hundreds of small matrix products (the LSTM steps); extra
    BLAS threads gain little on them, and when the other cores are busy (another process, a
    training job) each product can wait a whole scheduler time slice for its second thread:
    measured here, 2,077 sentences took 4.5 s with two threads against 2.0 s with one while
    another job ran, and 250 repetitions of one word took 17 s against 3.9 s.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency of the package
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _gate_order(w: np.ndarray, hidden: int) -> np.ndarray:
    """Torch LSTM rows (i, f, g, o) -> (i, f, o, g) with the sigmoid gates halved (tanh trick)."""
    i, f, g, o = (w[k * hidden : (k + 1) * hidden] for k in range(4))
    return np.concatenate([0.5 * i, 0.5 * f, 0.5 * o, g], axis=0)


#: The MLPs fused into one matmul over all tokens, in column order (the label-head MLP is run
#: later, on the chosen head tokens only).
MLPS = ("arc_dep", "arc_head", "lab_dep", "tag")


class BiaffineModel:
    """Loads the weights (npz) and vocabularies (json) once; :meth:`parse` runs numpy only."""

    def __init__(self, weights: str | Path, vocab: str | Path):
        meta = json.loads(Path(vocab).read_text(encoding="utf-8"))
        hp = self.hp = meta["hparams"]
        self.word2id = {w: i for i, w in enumerate(meta["words"])}
        self.upos, self.xpos, self.labels = list(meta["upos"]), list(meta["xpos"]), list(meta["labels"])
        self.affix_buckets, self.ngram_buckets = int(hp["affix_buckets"]), int(hp["ngram_buckets"])
        z = np.load(weights)
        w = {k: z[k].astype(np.float32) for k in z.files}
        H = self.hidden = int(hp["lstm_hidden"])
        self.layers = int(hp["lstm_layers"])
        # Word-type embeddings; the n-gram table's row 0 (padding) is never read.
        self.emb_word, self.emb_affix = w["emb_word"], w["emb_affix"]
        self.emb_ngram, self.emb_shape = w["emb_ngram"], w["emb_shape"]
        # Per layer: W_ih^T (2, in, 4H), W_hh^T (2, H, 4H), bias (2, 4H); gates (i, f, o, g).
        self.w_ih, self.w_hh, self.b = [], [], []
        for layer in range(self.layers):
            wi, wh, bb = [], [], []
            for sfx in ("", "_reverse"):
                wi.append(_gate_order(w[f"lstm.weight_ih_l{layer}{sfx}"], H).T)
                wh.append(_gate_order(w[f"lstm.weight_hh_l{layer}{sfx}"], H).T)
                bb.append(_gate_order(w[f"lstm.bias_ih_l{layer}{sfx}"] + w[f"lstm.bias_hh_l{layer}{sfx}"], H))
            self.w_ih.append(np.ascontiguousarray(np.stack(wi)))
            self.w_hh.append(np.ascontiguousarray(np.stack(wh)))
            self.b.append(np.stack(bb))
        # Fused MLPs: columns [arc_dep | arc_head | lab_dep | tag]; label-head MLP apart.
        self.mlp_w = np.ascontiguousarray(np.concatenate([w[f"mlp_{k}.weight"].T for k in MLPS], axis=1))
        self.mlp_b = np.concatenate([w[f"mlp_{k}.bias"] for k in MLPS])
        self.lab_head_w, self.lab_head_b = np.ascontiguousarray(w["mlp_lab_head.weight"].T), w["mlp_lab_head.bias"]
        self.arc_dim, self.lab_dim = int(hp["arc_mlp"]), int(hp["label_mlp"])
        self.leak = float(hp["leaky_relu"])
        # Both tag classifiers as one matmul: columns [UPOS | XPOS].
        self.tag_w = np.ascontiguousarray(np.concatenate([w["out_upos.weight"].T, w["out_xpos.weight"].T], axis=1))
        self.tag_b = np.concatenate([w["out_upos.bias"], w["out_xpos.bias"]])
        self.arc_u = w["arc_U"]  # (A+1, A): [d ; 1] U h
        lab_u = w["label_U"]  # (L, Lm+1, Lm+1) [label, dep, head]
        # Per head: g = lab_u_head @ [f ; 1] gives (L * (Lm+1)) = for each label, U_l [f ; 1].
        self.lab_u_head = np.ascontiguousarray(lab_u.reshape(-1, lab_u.shape[2]).T)  # (Lm+1, L*(Lm+1))
        self._types: dict[str | None, tuple] = {}
        self.n_repaired = 0

    # -- helpers -------------------------------------------------------------------------------
    def _type_proj(self, forms: list[str | None]) -> np.ndarray:
        """First-layer input projection + bias (2, n, 4H) of distinct word forms."""
        cache, w2i, ab, nb = self._types, self.word2id, self.affix_buckets, self.ngram_buckets
        feats = []
        for f in forms:
            ft = cache.get(f)
            if ft is None:
                ft = type_features(f, w2i, ab, nb)
                if len(cache) < 500_000:
                    cache[f] = ft
            feats.append(ft)
        wid = np.array([f[0] for f in feats], dtype=np.int64)
        aff = np.array([f[1] for f in feats], dtype=np.int64)
        shp = np.array([f[3] for f in feats], dtype=np.int64)
        n_ng = np.array([len(f[2]) for f in feats], dtype=np.int64)
        ng = np.fromiter(chain.from_iterable(f[2] for f in feats), dtype=np.int64, count=int(n_ng.sum()))
        ng_start = np.zeros(len(feats), dtype=np.int64)
        np.cumsum(n_ng[:-1], out=ng_start[1:])
        ng_mean = np.add.reduceat(self.emb_ngram[ng], ng_start, axis=0) / n_ng[:, None].astype(np.float32)
        x = np.concatenate([self.emb_word[wid], self.emb_affix[aff].sum(axis=1), ng_mean, self.emb_shape[shp]], axis=1)
        return np.matmul(x, self.w_ih[0]) + self.b[0][:, None, :]

    def _bilstm_layer(self, x: np.ndarray, layer: int, counts: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """One BiLSTM layer on packed input projections x (2, N, 4H); returns packed (2, N, H).

        At step t the live sentences are rows offsets[t] : offsets[t] + counts[t] of x (a prefix
        of the batch sorted longest first), so the state arrays just shrink.
        """
        H = self.hidden
        whh = self.w_hh[layer]
        out = np.empty((2, x.shape[1], H), dtype=np.float32)
        zbuf = np.empty((2, int(counts[0]), 4 * H), dtype=np.float32)
        h = c = None
        for t in range(len(counts)):
            n, o = int(counts[t]), int(offsets[t])
            z = zbuf[:, :n]
            if t:
                np.matmul(h[:, :n], whh, out=z)
                z += x[:, o : o + n]
            else:
                z[...] = x[:, o : o + n]
            np.tanh(z, out=z)
            ifo = z[..., : 3 * H]
            ifo *= 0.5
            ifo += 0.5  # = sigmoid of the (halved) i, f, o pre-activations
            cell = ifo[..., :H] * z[..., 3 * H :]
            if t:
                cell += ifo[..., H : 2 * H] * c[:, :n]
            c = cell
            h = np.tanh(c)
            h *= ifo[..., 2 * H :]
            out[:, o : o + n] = h
        return out

    # -- API -------------------------------------------------------------------------------------
    def parse(
        self, words: list[list[str]]
    ) -> tuple[list[list[str]], list[list[str]], list[list[int]], list[list[str]]]:
        """UPOS, XPOS, heads (1-based, 0 = root) and UD relations for each word of each sentence.

        BLAS runs on one thread meanwhile (see :func:`_one_blas_thread`).
        """
        with _one_blas_thread():
            return self._parse(words)

    def _parse(
        self, words: list[list[str]]
    ) -> tuple[list[list[str]], list[list[str]], list[list[int]], list[list[str]]]:
        n_sent = len(words)
        upos_out: list[list[str]] = [[] for _ in range(n_sent)]
        xpos_out: list[list[str]] = [[] for _ in range(n_sent)]
        heads_out: list[list[int]] = [[] for _ in range(n_sent)]
        labels_out: list[list[str]] = [[] for _ in range(n_sent)]
        keep = [i for i in range(n_sent) if len(words[i])]
        self.n_repaired = 0  # sentences whose argmax heads were not a tree (statistics)
        if not keep:
            return upos_out, xpos_out, heads_out, labels_out
        H = self.hidden
        # Tokens in sentence order, ROOT first in each sentence (None marks ROOT).
        lens = np.array([len(words[i]) + 1 for i in keep], dtype=np.int64)
        starts = np.zeros(len(keep), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        n_tok = int(lens.sum())
        dep_mask = np.ones(n_tok, dtype=bool)
        dep_mask[starts] = False
        dep_tok = np.flatnonzero(dep_mask)  # token index of every word (ROOTs excluded)
        uniq: dict[str | None, int] = {None: 0}  # distinct forms of the call; None = ROOT
        tid = np.zeros(n_tok, dtype=np.int64)
        tid[dep_tok] = [uniq.setdefault(w, len(uniq)) for w in chain.from_iterable(words[i] for i in keep)]
        type_proj = self._type_proj(list(uniq))  # (2, n_types, 4H)

        # Packed time-major layout: sentences sorted longest first; at step t, the live ones.
        order = np.argsort(-lens, kind="stable")
        slen, sstart = lens[order], starts[order]
        t_max = int(slen[0])
        live = slen[None, :] > np.arange(t_max)[:, None]  # (T, S)
        counts = live.sum(axis=1)
        offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
        tt, kk = np.nonzero(live)
        fwd = sstart[kk] + tt  # token index read at each packed position, forward direction
        bwd = sstart[kk] + slen[kk] - 1 - tt  # backward direction

        # Layer 1 input: a gather of the per-form projections; later layers: one matmul each.
        x = np.empty((2, n_tok, 4 * H), dtype=np.float32)
        for d, idx in enumerate((fwd, bwd)):
            np.take(type_proj[d], tid[idx], axis=0, out=x[d])
        hid = np.empty((n_tok, 2 * H), dtype=np.float32)
        for layer in range(self.layers):
            if layer:
                for d, idx in enumerate((fwd, bwd)):
                    np.matmul(hid[idx], self.w_ih[layer][d], out=x[d])
                    x[d] += self.b[layer][d]
            out = self._bilstm_layer(x, layer, counts, offsets)
            hid[fwd, :H] = out[0]
            hid[bwd, H:] = out[1]
        del x, out

        # MLPs (leaky ReLU), all tokens at once.
        z = hid @ self.mlp_w
        z += self.mlp_b
        np.maximum(z, self.leak * z, out=z)
        A, Lm = self.arc_dim, self.lab_dim
        arc_dep, arc_head, lab_dep = z[:, :A], z[:, A : 2 * A], z[:, 2 * A : 2 * A + Lm]

        # Tags: one matmul for UPOS and XPOS logits.
        tag_logits = z[dep_tok, 2 * A + Lm :] @ self.tag_w
        tag_logits += self.tag_b
        n_upos = len(self.upos)
        upos_ids = tag_logits[:, :n_upos].argmax(axis=1)
        xpos_ids = tag_logits[:, n_upos:].argmax(axis=1)

        # Arc scores on padded buckets of similar length; padded heads score -inf.
        du = arc_dep @ self.arc_u[:A]
        du += self.arc_u[A]
        du_ext = np.concatenate([du, np.zeros((1, A), np.float32)])
        ah_ext = np.concatenate([arc_head, np.zeros((1, A), np.float32)])
        pad_bias = np.zeros(n_tok + 1, np.float32)
        pad_bias[n_tok] = -np.inf
        head_idx = np.empty(n_tok, dtype=np.int64)  # chosen head, as a token index
        s = len(order)
        i = 0
        while i < s:
            t_b = int(slen[i])
            j = min(s, i + max(1, ARC_BUCKET // (t_b * t_b)))
            pos = np.arange(t_b)
            idx = np.where(pos[None, :] < slen[i:j, None], sstart[i:j, None] + pos[None, :], n_tok)
            sc = np.matmul(du_ext[idx], ah_ext[idx].transpose(0, 2, 1))
            sc += pad_bias[idx][:, None, :]
            hb, n_bad = decode_heads(sc, slen[i:j])
            self.n_repaired += n_bad
            valid = idx < n_tok
            head_idx[idx[valid]] = (sstart[i:j, None] + hb)[valid]
            i = j

        # Labels at the chosen heads: s_l = [e ; 1] . (U_l [f ; 1]). U_l [f ; 1] is computed once
        # per distinct head token, then gathered per dependent for a batched mat-vec with [e ; 1].
        n_dep, n_lab = len(dep_tok), len(self.labels)
        dep_head = head_idx[dep_tok]
        head_u, head_inv = np.unique(dep_head, return_inverse=True)
        f = np.ones((len(head_u), Lm + 1), np.float32)
        lab_head = hid[head_u] @ self.lab_head_w
        lab_head += self.lab_head_b
        f[:, :Lm] = np.maximum(lab_head, self.leak * lab_head)
        g = (f @ self.lab_u_head).reshape(-1, n_lab, Lm + 1)  # (n_heads, L, Lm+1)
        e = np.ones((n_dep, Lm + 1, 1), np.float32)
        e[:, :Lm, 0] = lab_dep[dep_tok]
        lab_ids = np.empty(n_dep, dtype=np.int64)
        for a in range(0, n_dep, LABEL_CHUNK):
            sc = np.matmul(g[head_inv[a : a + LABEL_CHUNK]], e[a : a + LABEL_CHUNK])
            lab_ids[a : a + LABEL_CHUNK] = sc[..., 0].argmax(axis=1)

        # Back to per-sentence lists (head token index -> 1-based position in its sentence).
        rel_head = (dep_head - np.repeat(starts, lens - 1)).tolist()
        lab_names = [self.labels[k] for k in lab_ids.tolist()]
        u_names = [self.upos[k] for k in upos_ids.tolist()]
        x_names = [self.xpos[k] for k in xpos_ids.tolist()]
        pos = 0
        for k, i in enumerate(keep):
            n = int(lens[k]) - 1
            upos_out[i] = u_names[pos : pos + n]
            xpos_out[i] = x_names[pos : pos + n]
            heads_out[i] = rel_head[pos : pos + n]
            labels_out[i] = lab_names[pos : pos + n]
            pos += n
        return upos_out, xpos_out, heads_out, labels_out
