"""The tokenizer as it was before the linear-time rewrite (issue 15), kept as a test oracle: on
short texts (where its quadratic e-mail branch does not matter) the new tokenizer must give the same
words. Do not edit; not part of the package.


:func:`tokenize` turns a document into sentences of syntactic words, each word a ``(start, end)``
span into the text, following the conventions of UD English-EWT where they matter to parsing:

* possessive and verbal clitics are separate words: ``Biden’s`` -> ``Biden`` ``’s``,
  ``don't`` -> ``do`` ``n't``, ``can't`` -> ``ca`` ``n't``, ``cannot`` -> ``can`` ``not``;
* abbreviations keep their period: ``U.S.``, ``U.N.``, ``e.g.``, ``Gen.``, ``Mr.``, ``No. 5``;
* numbers keep their separators (``12,000``, ``3.5``, ``10:30``); ``$`` and ``%`` are words;
* a hyphen between letters is a word of its own, as in EWT and GUM (``al-Qaeda`` -> ``al`` ``-``
  ``Qaeda``), except in words with digits (``1,000-day-old``), after one letter (``e-mail``) or a
  prefix (``counter-terrorism``), and after a period (``U.S.-supplied``);
* quotes (straight and curly) and other punctuation are words of their own.

Sentences end at ``.``, ``!``, ``?`` (and runs of them, ``…``) followed by a word starting with
an upper-case (or caseless-script) letter, a digit, an opening quote or the end of the line, or
after a space by a lower-case word (web text: "no i am not lying. i flew here"; not after an
ellipsis or a closing quote: '"Why?" he asked');
closing quotes and brackets right after the terminator belong to the ending sentence. A line
break always ends a sentence (headlines have no final period). Sentences longer than :data:`MAX_SENT_WORDS` words are cut, and words longer than
:data:`MAX_WORD_CHARS` characters are cut, so the parser downstream stays bounded. Control and
zero-width characters are treated as spaces. The regular expressions' repetitions are
unambiguous, so there is no catastrophic backtracking (tests time 100k-character inputs).
"""

from __future__ import annotations

import re

__all__ = ["MAX_SENT_WORDS", "MAX_WORD_CHARS", "tokenize", "tokenize_words"]

#: Sentences are cut after this many words.
MAX_SENT_WORDS = 250
#: Words are cut into pieces of at most this many characters.
MAX_WORD_CHARS = 100

# Titles and other abbreviations that keep their period. Titles never end a sentence.
_TITLES = (
    "Mr Mrs Ms Messrs Mmes Dr Prof Gen Lt Col Maj Capt Cpt Sgt Cpl Pvt Adm Cmdr Gov Sen Rep Rev Hon "
    "Pres Supt Amb Fr St Mt Ft Sr Jr Brig"
).split()
_OTHER_ABBR = (
    "Inc Corp Co Ltd Bros Dept Univ Assn Ave Blvd Rd etc vs approx est Jan Feb Mar Apr Aug Sep Sept "
    "Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun Fig fig ca cf al Nos"
).split()
_TITLE_SET = frozenset(_TITLES)

# Words that typically start a sentence: an abbreviation ending in a period followed by one of
# these ends the sentence ("... the U.S. The decision ...").
_STARTERS = frozenset(
    "The This That These Those It Its He She They We I You His Her Their Our My A An But And Or "
    "So Yet In On At As For If When While After Before However Meanwhile Still There Here Some "
    "Many Most No Not What Who Why How Where Such Then Also Although Though Because Since".split()
)

_SPACE = r"\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff"
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")

_ALNUM = r"[^\W_]"
_UNIT = (
    r"(?:[^\W\d_]\.){2,}"  # U.S. U.N. e.g. a.m.
    r"|\d+(?:[.,:/]\d+)*" + _ALNUM + r"*"  # 12,000 3.5 10:30 19th 9/11 01/24/2001
    r"|" + _ALNUM + r"+(?:\.[a-z]" + _ALNUM + r"*)+"  # Space.com file.doc alt.animals.cat
    r"|" + _ALNUM + r"+(?:['’&]" + _ALNUM + r"+)*"  # words, O'Brien, AT&T, Biden’s (split below)
)
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s\"“”<>]*[^\s\"“”<>.,;:!?)\]'’])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<abbr>(?:" + "|".join(_TITLES + _OTHER_ABBR) + r")\.(?!" + _ALNUM + r"))"
    r"|(?P<no>(?:No|no|NO)\.(?=[ \t]*\d))"
    r"|(?P<initial>[A-Z]\.(?=[ \t]+[A-Z]))"
    r"|(?P<word>(?:" + _UNIT + r")(?:[-‑](?:" + _UNIT + r"))*)"
    r"|(?P<emoticon>[:;]-?[()DPp](?!" + _ALNUM + r"))"
    r"|(?P<term>[.!?。！？]+|…+)"
    r"|(?P<run>(?P<rc>[_*=~^#+<>|])(?P=rc)+|-{3,})"
    r"|(?P<dash>--+|‐|–|—)"
    r"|(?P<other>[^" + _SPACE + r"])"
)
_CLITIC = re.compile(r"(?i)(?:n['’]t|['’](?:s|re|ve|ll|d|m))$")
_SPECIAL = {"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3}  # split after this many chars
_OPENERS = frozenset("\"“‘'«([{")
_CLOSERS = frozenset("\"”’'»)]}")


def tokenize_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Words of ``text[start:end]`` as ``(start, end, kind)``; kind is the regex group that matched."""
    out: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = m.lastgroup or "other"
        s, e = m.span()
        if kind == "word":
            if "'" in text[s:e] or "’" in text[s:e]:
                c = _CLITIC.search(text, s, e)
                if c is not None and c.start() > s:
                    _add_word(out, s, c.start())
                    out.append((c.start(), e, "word"))
                    continue
            low = text[s:e].lower()
            if low in _SPECIAL:
                k = s + _SPECIAL[low]
                out.append((s, k, "word"))
                out.append((k, e, "word"))
                continue
            piece = s
            for h in _hyphen_cuts(text, s, e):  # "al-Qaeda" -> al - Qaeda, as EWT and GUM
                _add_word(out, piece, h)
                out.append((h, h + 1, "word"))
                piece = h + 1
            _add_word(out, piece, e)
        else:
            out.append((s, e, kind))
    return out


_HYPHEN = re.compile(r"(?<=[^\W_])[-‑](?=[^\W_])")
#: Prefixes that stay joined to their word, as in the treebanks ("counter-terrorism", "re-elect").
_HYPHEN_PREFIXES = frozenset(
    "anti co counter cross ex inter intra mid multi non over post pre pro re self semi sub super "
    "trans ultra under vice".split()
)


def _hyphen_cuts(text: str, s: int, e: int) -> list[int]:
    """Positions of the hyphens that split the word ``text[s:e]``, as the treebanks do:
    between letters ("al-Qaeda", "Saudi-led"), not in words with digits ("01-Feb-02", "646-2600")
    nor after a one-letter part or a prefix ("e-mail", "counter-terrorism")."""
    if not any(ch in "-‑" for ch in text[s:e]) or any(ch.isdigit() for ch in text[s:e]):
        return []
    cuts: list[int] = []
    piece = s
    for h in _HYPHEN.finditer(text, s, e):
        left = text[piece : h.start()].lower()
        if len(left) > 1 and left not in _HYPHEN_PREFIXES:
            cuts.append(h.start())
            piece = h.end()
    return cuts


def split_hyphens(word: str) -> list[str]:
    """The pieces the tokenizer makes of one word: "guinea-bissau" -> ["guinea", "-", "bissau"].

    Dictionary patterns are split the same way, so names written with hyphens still match.
    """
    out: list[str] = []
    piece = 0
    for h in _hyphen_cuts(word, 0, len(word)):
        out += [word[piece:h], word[h]]
        piece = h + 1
    return out + [word[piece:]]


def _add_word(out: list[tuple[int, int, str]], s: int, e: int) -> None:
    """Append a word, cut into pieces of at most MAX_WORD_CHARS characters."""
    while e - s > MAX_WORD_CHARS:
        out.append((s, s + MAX_WORD_CHARS, "word"))
        s += MAX_WORD_CHARS
    out.append((s, e, "word"))


def _ends_sentence_after_abbr(text: str, nxt: tuple[int, int, str]) -> bool:
    """After an abbreviation with a period: does the next word start a new sentence?"""
    return text[nxt[0] : nxt[1]] in _STARTERS


def _split_line(text: str, words: list[tuple[int, int, str]]) -> list[list[tuple[int, int]]]:
    """Group the words of one line into sentences."""
    sents: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    n = len(words)
    i = 0
    while i < n:
        s, e, kind = words[i]
        cur.append((s, e))
        i += 1
        boundary = False
        if kind == "term" or (kind in ("abbr", "word") and text[e - 1] == "."):
            # closing quotes/brackets glued to the terminator belong to this sentence
            quoted = False  # '"Why?" he asked.': a quote after the terminator
            while (
                i < n and words[i][0] == cur[-1][1] and text[words[i][0]] in _CLOSERS and words[i][1] - words[i][0] == 1
            ):
                cur.append(words[i][:2])
                i += 1
                quoted = True
            if i >= n:
                boundary = True
            else:
                ns, _ne, nkind = words[i]
                first = text[ns]
                if kind == "term" and text[s] in "。！？":
                    boundary = True
                elif kind == "term":
                    gap = ns > cur[-1][1]
                    boundary = (
                        (first.isalpha() and not first.islower())  # upper case or caseless script
                        # web text starts sentences in lower case too ("no i am not lying. i flew
                        # here"); an ellipsis before a lower-case word does not end a sentence
                        or (first.islower() and gap and not quoted and not text[s:e].startswith(("..", "…")))
                        or first.isdigit()
                        or (gap and first in _OPENERS)
                        or (not first.isalnum() and first not in ",;:)]}%" and gap and nkind != "term")
                    )
                elif kind == "abbr" and text[s : e - 1] in _TITLE_SET:
                    boundary = False
                else:  # U.S., Inc., etc.
                    boundary = _ends_sentence_after_abbr(text, words[i])
        if boundary or len(cur) >= MAX_SENT_WORDS:
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def tokenize(text: str) -> list[list[tuple[int, int]]]:
    """Split ``text`` into sentences of words; each word is a ``(start_char, end_char)`` span.

    Runs in time linear in ``len(text)``; never returns empty sentences.
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() expects str, got {type(text).__name__}")
    sents: list[list[tuple[int, int]]] = []
    for line in _LINE.finditer(text):
        words = tokenize_words(text, line.start(), line.end())
        if words:
            sents.extend(_split_line(text, words))
    return sents
