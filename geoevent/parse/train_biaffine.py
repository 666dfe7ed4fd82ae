"""Train the embedded parser's network (joint UPOS/XPOS tagger + BiLSTM biaffine parser) with torch.

Called by :func:`geoevent.parse.train.train` (``python -m geoevent.parse.train``); torch is needed
here only, inference (:mod:`geoevent.parse.biaffine`) runs with numpy. The input is the words
only; the targets are the treebanks' gold UPOS, XPOS, heads and relations. The epoch with the best
LAS on the held-out files is kept. Training runs on one CPU thread and is deterministic (fixed
seeds): ``train.log`` in the output directory records every epoch.
"""

from __future__ import annotations

import copy
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from geoevent.parse.biaffine import (
    AFFIXES,
    MAX_NGRAMS,
    N_SHAPES,
    ROOT,
    SPECIALS,
    UNK,
    BiaffineModel,
    decode_heads,
    type_features,
)

HPARAMS = {
    "min_count": 2,  # lower-cased forms seen at least this often get an embedding
    "word_dim": 100,
    "affix_dim": 64,
    "affix_buckets": 32768,
    "ngram_dim": 48,
    "ngram_buckets": 16384,
    "shape_dim": 16,
    "lstm_hidden": 128,  # per direction
    "lstm_layers": 2,
    "arc_mlp": 192,
    "label_mlp": 64,
    "tag_mlp": 128,
    "leaky_relu": 0.1,
    "dropout": 0.33,
    "word_dropout": 0.25,  # probability of replacing a word id by UNK in training
    "lr": 2e-3,
    "betas": [0.9, 0.9],
    "clip": 5.0,
    "batch_words": 2000,  # padded tokens (ROOT included) per batch
    "epochs": 42,
    "decay_from": 0.5,  # lr decays linearly to lr_final over the last half of training
    "lr_final": 2e-4,
    "seed": 1,
}


# -- data ------------------------------------------------------------------------------------


def read_conllu(path: Path) -> list[dict]:
    """Sentences of a CoNLL-U file."""
    sents: list[dict] = []
    cur: dict | None = None
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = line.rstrip("\r")
        if not line:
            if cur and cur["words"]:
                sents.append(cur)
            cur = None
            continue
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if "-" in f[0] or "." in f[0]:
            continue
        if cur is None:
            cur = {"words": [], "upos": [], "xpos": [], "heads": [], "deprels": []}
        cur["words"].append(f[1])
        cur["upos"].append(f[3])
        cur["xpos"].append(f[4])
        cur["heads"].append(int(f[6]))
        cur["deprels"].append(f[7])
    if cur and cur["words"]:
        sents.append(cur)
    return sents


def scores(
    sents: list[dict], upos: list[list[str]], xpos: list[list[str]], heads: list[list[int]], labels: list[list[str]]
) -> dict[str, float]:
    """UPOS, XPOS accuracy, UAS and LAS in percent.

    LAS compares the universal part of the relation only (deprel.split(':')[0]); punctuation is
    included (CoNLL 2018 style on gold words).
    """
    total = ok_u = ok_x = uh = lh = 0
    for s, pu, px, ph, pl in zip(sents, upos, xpos, heads, labels):
        for gu, gx, gh, gl, u, x, h, lab in zip(s["upos"], s["xpos"], s["heads"], s["deprels"], pu, px, ph, pl):
            total += 1
            ok_u += gu == u
            ok_x += gx == x
            if gh == h:
                uh += 1
                lh += gl.split(":")[0] == lab.split(":")[0]
    return {k: 100.0 * v / total for k, v in (("UPOS", ok_u), ("XPOS", ok_x), ("UAS", uh), ("LAS", lh))}


class Encoder:
    """Vocabularies and conversion of sentences to id arrays (ROOT prepended)."""

    def __init__(self, words: list[str], upos: list[str], xpos: list[str], labels: list[str], hp: dict):
        self.words, self.upos, self.xpos, self.labels = words, upos, xpos, labels
        self.ab, self.nb = hp["affix_buckets"], hp["ngram_buckets"]
        self.w2i = {w: i for i, w in enumerate(words)}
        self.u2i = {t: i for i, t in enumerate(upos)}
        self.x2i = {t: i for i, t in enumerate(xpos)}
        self.l2i = {t: i for i, t in enumerate(labels)}

    @classmethod
    def from_training(cls, train: list[dict], hp: dict) -> Encoder:
        counts = Counter(w.lower() for s in train for w in s["words"])
        words = SPECIALS + sorted(w for w, c in counts.items() if c >= hp["min_count"])
        upos = sorted({t for s in train for t in s["upos"]})
        xpos = sorted({t for s in train for t in s["xpos"]})
        labels = sorted({r for s in train for r in s["deprels"]})
        return cls(words, upos, xpos, labels, hp)

    def encode(self, s: dict) -> dict:
        feats = [type_features(w, self.w2i, self.ab, self.nb) for w in [None] + s["words"]]
        ngram = np.zeros((len(feats), MAX_NGRAMS), np.int64)  # 0 = padding
        for i, f in enumerate(feats):
            ngram[i, : len(f[2])] = f[2]
        return {
            "word": np.array([f[0] for f in feats], np.int64),
            "affix": np.array([f[1] for f in feats], np.int64),
            "ngram": ngram,
            "n_ngram": max(len(f[2]) for f in feats),
            "shape": np.array([f[3] for f in feats], np.int64),
            # Targets; position 0 (ROOT) is never scored. Unknown tags/labels (dev) map to 0.
            "upos": np.array([0] + [self.u2i.get(t, 0) for t in s["upos"]], np.int64),
            "xpos": np.array([0] + [self.x2i.get(t, 0) for t in s["xpos"]], np.int64),
            "head": np.array([0] + s["heads"], np.int64),
            "label": np.array([0] + [self.l2i.get(r, 0) for r in s["deprels"]], np.int64),
        }


def make_batches(data: list[dict], budget: int, rng: np.random.Generator | None) -> list[list[int]]:
    """Sentence index lists of similar length, B * max_len <= budget; shuffled when rng is given."""
    lens = np.array([len(d["word"]) for d in data])
    key = lens + (rng.random(len(lens)) * 3 if rng is not None else 0)  # a little length jitter
    order = np.argsort(key, kind="stable")
    batches: list[list[int]] = []
    cur: list[int] = []
    cur_max = 0
    for i in order:
        m = max(cur_max, lens[i])
        if cur and m * (len(cur) + 1) > budget:
            batches.append(cur)
            cur, m = [], lens[i]
        cur.append(int(i))
        cur_max = m
    if cur:
        batches.append(cur)
    if rng is not None:
        rng.shuffle(batches)
    return batches


def collate(exs: list[dict]) -> dict:
    """Pad a list of encoded sentences into tensors."""
    b, t = len(exs), max(len(e["word"]) for e in exs)
    k = max(e["n_ngram"] for e in exs)
    out = {key: np.zeros((b, t), np.int64) for key in ("word", "shape", "upos", "xpos", "head", "label")}
    out["affix"] = np.zeros((b, t, len(AFFIXES)), np.int64)
    out["ngram"] = np.zeros((b, t, k), np.int64)
    lens = np.zeros(b, np.int64)
    for i, e in enumerate(exs):
        n = len(e["word"])
        lens[i] = n
        for key in ("word", "shape", "upos", "xpos", "head", "label", "affix"):
            out[key][i, :n] = e[key]
        out["ngram"][i, :n] = e["ngram"][:, :k]
    res = {key: torch.from_numpy(v) for key, v in out.items()}
    res["lens"] = torch.from_numpy(lens)
    return res


# -- model -----------------------------------------------------------------------------------


class JointModel(nn.Module):
    def __init__(self, enc: Encoder, hp: dict):
        super().__init__()
        self.hp = hp
        self.emb_word = nn.Embedding(len(enc.words), hp["word_dim"])
        self.emb_affix = nn.Embedding(hp["affix_buckets"], hp["affix_dim"])
        self.emb_ngram = nn.Embedding(hp["ngram_buckets"], hp["ngram_dim"], padding_idx=0)
        self.emb_shape = nn.Embedding(N_SHAPES, hp["shape_dim"])
        for e in (self.emb_word, self.emb_affix, self.emb_ngram, self.emb_shape):
            nn.init.normal_(e.weight, std=0.1)
        with torch.no_grad():
            self.emb_ngram.weight[0].zero_()
        d_in = hp["word_dim"] + hp["affix_dim"] + hp["ngram_dim"] + hp["shape_dim"]
        H = hp["lstm_hidden"]
        self.lstm = nn.LSTM(
            d_in, H, num_layers=hp["lstm_layers"], bidirectional=True, batch_first=True, dropout=hp["dropout"]
        )
        A, Lm, Tm = hp["arc_mlp"], hp["label_mlp"], hp["tag_mlp"]
        self.mlp_arc_dep = nn.Linear(2 * H, A)
        self.mlp_arc_head = nn.Linear(2 * H, A)
        self.mlp_lab_dep = nn.Linear(2 * H, Lm)
        self.mlp_lab_head = nn.Linear(2 * H, Lm)
        self.mlp_tag = nn.Linear(2 * H, Tm)
        self.out_upos = nn.Linear(Tm, len(enc.upos))
        self.out_xpos = nn.Linear(Tm, len(enc.xpos))
        self.arc_U = nn.Parameter(torch.zeros(A + 1, A))  # [d ; 1] U h
        self.label_U = nn.Parameter(torch.zeros(len(enc.labels), Lm + 1, Lm + 1))  # [e ; 1] U_l [f ; 1]
        self.drop = nn.Dropout(hp["dropout"])

    def mlp(self, layer: nn.Linear, x: torch.Tensor) -> torch.Tensor:
        return self.drop(nn.functional.leaky_relu(layer(x), self.hp["leaky_relu"]))

    def forward(self, b: dict) -> tuple[torch.Tensor, ...]:
        """-> arc scores (B, T, T) [dep, head], label-dep (B, T, Lm), label-head (B, T, Lm),
        UPOS logits (B, T, U), XPOS logits (B, T, X)."""
        ng = b["ngram"]
        ng_mean = self.emb_ngram(ng).sum(2) / (ng > 0).sum(2, keepdim=True).clamp(min=1)
        x = torch.cat(
            [self.emb_word(b["word"]), self.emb_affix(b["affix"]).sum(2), ng_mean, self.emb_shape(b["shape"])], dim=-1
        )
        x = self.drop(x)
        t = x.shape[1]
        packed = pack_padded_sequence(x, b["lens"], batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = pad_packed_sequence(h, batch_first=True, total_length=t)
        h = self.drop(h)
        ad, ah = self.mlp(self.mlp_arc_dep, h), self.mlp(self.mlp_arc_head, h)
        ld, lh = self.mlp(self.mlp_lab_dep, h), self.mlp(self.mlp_lab_head, h)
        tg = self.mlp(self.mlp_tag, h)
        du = ad @ self.arc_U[:-1] + self.arc_U[-1]
        arc = du @ ah.transpose(1, 2)  # (B, dep, head)
        pad = torch.arange(t)[None, :] >= b["lens"][:, None]
        arc = arc.masked_fill(pad[:, None, :], float("-inf"))
        return arc, ld, lh, self.out_upos(tg), self.out_xpos(tg)

    def label_scores(self, ld: torch.Tensor, lh: torch.Tensor, heads: torch.Tensor) -> torch.Tensor:
        """Label scores (B, T, L) of each token given its head index (B, T)."""
        f = torch.gather(lh, 1, heads[..., None].expand(-1, -1, lh.shape[-1]))
        ones = torch.ones_like(ld[..., :1])
        e1, f1 = torch.cat([ld, ones], -1), torch.cat([f, ones], -1)
        outer = (e1[..., :, None] * f1[..., None, :]).flatten(-2)
        return outer @ self.label_U.flatten(1).t()

    def loss(self, b: dict) -> tuple[torch.Tensor, torch.Tensor]:
        """Sum of arc, label, UPOS and XPOS cross-entropies; also the tag part alone (detached)."""
        arc, ld, lh, up, xp = self(b)
        t = arc.shape[1]
        mask = torch.arange(t)[None, :] < b["lens"][:, None]
        mask[:, 0] = False  # ROOT is no dependent and has no tag
        ce = nn.functional.cross_entropy
        arc_loss = ce(arc[mask], b["head"][mask])
        lab_loss = ce(self.label_scores(ld, lh, b["head"])[mask], b["label"][mask])
        tag_loss = ce(up[mask], b["upos"][mask]) + ce(xp[mask], b["xpos"][mask])
        return arc_loss + lab_loss + tag_loss, tag_loss.detach()


# -- evaluation ------------------------------------------------------------------------------


@torch.no_grad()
def predict(model: JointModel, data: list[dict], enc: Encoder) -> tuple[list, list, list, list]:
    """UPOS, XPOS, heads (MST-repaired argmax, as in geoevent.parse.biaffine) and labels per sentence."""
    model.eval()
    n = len(data)
    up_out: list[list[str] | None] = [None] * n
    xp_out: list[list[str] | None] = [None] * n
    heads_out: list[list[int] | None] = [None] * n
    labs_out: list[list[str] | None] = [None] * n
    for idx in make_batches(data, 4000, None):
        b = collate([data[i] for i in idx])
        arc, ld, lh, up, xp = model(b)
        lens = b["lens"].numpy()
        heads, _ = decode_heads(arc.numpy().copy(), lens)
        lab = model.label_scores(ld, lh, torch.from_numpy(heads)).argmax(-1).numpy()
        up, xp = up.argmax(-1).numpy(), xp.argmax(-1).numpy()
        for k, i in enumerate(idx):
            m = lens[k]
            up_out[i] = [enc.upos[j] for j in up[k, 1:m]]
            xp_out[i] = [enc.xpos[j] for j in xp[k, 1:m]]
            heads_out[i] = heads[k, 1:m].tolist()
            labs_out[i] = [enc.labels[j] for j in lab[k, 1:m]]
    model.train()
    return up_out, xp_out, heads_out, labs_out


def fmt(r: dict) -> str:
    return f"UPOS {r['UPOS']:.2f} XPOS {r['XPOS']:.2f} UAS {r['UAS']:.2f} LAS {r['LAS']:.2f}"


def export(model: JointModel, enc: Encoder, hp: dict, npz: Path, vocab: Path) -> None:
    """Weights as float16 numpy arrays (names read by geoevent.parse.biaffine) + vocab json."""
    arrays = {}
    for k, v in model.state_dict().items():
        name = k[: -len(".weight")] if k.startswith("emb_") else k
        arrays[name] = v.detach().numpy().astype(np.float16)
    np.savez(npz, **arrays)
    meta = {"words": enc.words, "upos": enc.upos, "xpos": enc.xpos, "labels": enc.labels, "hparams": hp}
    vocab.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def load_exported(npz: Path, vocab: Path) -> tuple[JointModel, Encoder]:
    """The torch model back from the exported (float16) files."""
    meta = json.loads(vocab.read_text(encoding="utf-8"))
    hp = meta["hparams"]
    enc = Encoder(meta["words"], meta["upos"], meta["xpos"], meta["labels"], hp)
    model = JointModel(enc, hp)
    z = np.load(npz)
    state = {(k + ".weight" if k.startswith("emb_") else k): torch.from_numpy(z[k].astype(np.float32)) for k in z.files}
    model.load_state_dict(state)
    return model, enc


def check_numpy(npz: Path, vocab: Path, sents: list[dict], log) -> None:
    """The numpy model (geoevent.parse.biaffine) must reproduce the torch predictions of the exported weights."""
    model, enc = load_exported(npz, vocab)
    tu, tx, th, tl = predict(model, [enc.encode(s) for s in sents], enc)
    nu, nx, nh, nl = BiaffineModel(npz, vocab).parse([s["words"] for s in sents])
    n_tok = sum(len(h) for h in th)

    def same(a, b):
        return sum(p == q for s1, s2 in zip(a, b) for p, q in zip(s1, s2))

    log(f"exported weights, torch dev: {fmt(scores(sents, tu, tx, th, tl))}")
    log(f"exported weights, numpy dev: {fmt(scores(sents, nu, nx, nh, nl))}")
    log(
        f"torch/numpy agreement on {n_tok} dev words: UPOS {same(tu, nu)}, XPOS {same(tx, nx)}, "
        f"heads {same(th, nh)}, labels {same(tl, nl)}"
    )


def train_model(
    train_files: list[Path],
    dev_files: list[Path],
    out: Path,
    *,
    epochs: int | None = None,
    limit: int = 0,
    log: Callable[[str], None] | None = None,
) -> Path:
    """Train on the CoNLL-U ``train_files``, select the epoch on ``dev_files``, write the model into ``out``.

    Writes ``parser.npz`` and ``parser.json`` (the names :mod:`geoevent.parse.embedded` loads);
    returns the weights' path. Progress lines go to ``log`` (default: standard error). ``limit``
    trains on the first sentences only (quick checks).
    """
    from geoevent.parse.embedded import MODEL_FILE, VOCAB_FILE

    torch.set_num_threads(1)
    hp: dict[str, Any] = dict(HPARAMS, epochs=epochs if epochs is not None else HPARAMS["epochs"])
    out.mkdir(parents=True, exist_ok=True)
    npz, vocab = out / MODEL_FILE, out / VOCAB_FILE

    def say(msg: str) -> None:
        (log or (lambda m: print(m, file=sys.stderr, flush=True)))(msg)

    torch.manual_seed(hp["seed"])
    random.seed(hp["seed"])
    rng = np.random.default_rng(hp["seed"])
    t_start = time.time()
    train_s = [s for f in train_files for s in read_conllu(f)]
    dev_s = [s for f in dev_files for s in read_conllu(f)]
    if limit:
        train_s = train_s[:limit]
    enc = Encoder.from_training(train_s, hp)
    train = [enc.encode(s) for s in train_s]
    dev = [enc.encode(s) for s in dev_s]
    say(f"== run {time.strftime('%Y-%m-%d %H:%M:%S')} hparams {json.dumps(hp)}")
    say(
        f"train {len(train)} sentences, vocab words {len(enc.words)}, upos {len(enc.upos)}, "
        f"xpos {len(enc.xpos)}, labels {len(enc.labels)}"
    )
    model = JointModel(enc, hp)
    say(f"parameters {sum(p.numel() for p in model.parameters())}")
    opt = torch.optim.Adam(model.parameters(), lr=hp["lr"], betas=tuple(hp["betas"]))
    n_batches = len(make_batches(train, hp["batch_words"], None))
    total_steps = n_batches * hp["epochs"]
    decay_start = int(total_steps * hp["decay_from"])
    step = 0
    best: tuple[float, int, dict | None] = (-1.0, 0, None)
    for epoch in range(1, hp["epochs"] + 1):
        t0 = time.time()
        total_loss = total_tag = 0.0
        batches = make_batches(train, hp["batch_words"], rng)
        for idx in batches:
            b = collate([train[i] for i in idx])
            drop = (torch.rand(b["word"].shape) < hp["word_dropout"]) & (b["word"] > ROOT)
            b["word"] = b["word"].masked_fill(drop, UNK)
            if step >= decay_start:  # linear decay over the last part of training
                frac = (step - decay_start) / max(1, total_steps - decay_start)
                for g in opt.param_groups:
                    g["lr"] = hp["lr"] + frac * (hp["lr_final"] - hp["lr"])
            loss, tag_loss = model.loss(b)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), hp["clip"])
            opt.step()
            total_loss += loss.item()
            total_tag += tag_loss.item()
            step += 1
        t_train = time.time() - t0
        r = scores(dev_s, *predict(model, dev, enc))
        mark = ""
        if r["LAS"] > best[0]:
            best = (r["LAS"], epoch, copy.deepcopy(model.state_dict()))
            mark = " *"
        say(
            f"epoch {epoch:3d} loss {total_loss / len(batches):.4f} (tags {total_tag / len(batches):.4f}) "
            f"lr {opt.param_groups[0]['lr']:.2e} train {t_train:.0f}s | dev {fmt(r)} "
            f"| elapsed {(time.time() - t_start) / 60:.1f} min{mark}"
        )
    assert best[2] is not None
    model.load_state_dict(best[2])
    export(model, enc, hp, npz, vocab)
    say(
        f"best epoch {best[1]} (dev LAS {best[0]:.2f}); wrote {npz} ({npz.stat().st_size / 2**20:.1f} MiB) "
        f"and {vocab} ({vocab.stat().st_size / 2**20:.2f} MiB)"
    )
    check_numpy(npz, vocab, dev_s, say)
    say(f"total time {(time.time() - t_start) / 60:.1f} min")
    return npz
