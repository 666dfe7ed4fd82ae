"""Rule-based sentence splitting and word tokenization with character offsets.

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
closing quotes and brackets right after the terminator belong to the ending sentence.

What a line break means is the ``line_breaks`` option (:func:`segments`): ``"auto"`` (the
default) reads a blank line as the end of a paragraph and a single line break as a space when it
falls inside a sentence (a hard-wrapped text, a lower-case continuation), else as the end of a
sentence (a headline without a period); ``"sentence"``: every line break ends a sentence;
``"space"``: line breaks are spaces. Sentences longer than :data:`MAX_SENT_WORDS` words are
cut, and words longer than :data:`MAX_WORD_CHARS` characters are cut, so the parser downstream
stays bounded. Control and zero-width characters are treated as spaces.

Tokenizing takes time linear in the text on any input: the regular expressions' repetitions
are unambiguous, and e-mail addresses, whose local part would be rescanned from every position
of a long run without spaces ("a_a_a_..."), are found in one separate pass (:func:`_emails`).
``benchmarks/bench_tokenize.py`` times 1 MB of junk shapes against 1 MB of prose.
"""

from __future__ import annotations

import re

from geoevent.errors import InvalidTypeError

__all__ = [
    "LINE_BREAKS",
    "MAX_SENT_WORDS",
    "MAX_WORD_CHARS",
    "check_line_breaks",
    "segments",
    "tokenize",
    "tokenize_words",
]

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
    # e-mail addresses are found apart (_emails), in one pass: as an alternative here, the
    # local part "[\w.+-]+" was rescanned from every position of a long run (quadratic)
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
#: An e-mail address is a maximal run of these characters followed by "@" and a dotted domain.
_EMAIL_LOCAL = re.compile(r"[\w.+-]+")
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)+")


def _emails(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """``(run_start, at, email_end)`` of each e-mail address in ``text[start:end]``.

    One pass over the runs of local-part characters; each run is followed by at most one "@",
    whose domain is matched once, so the cost is linear in ``end - start``.
    """
    out: list[tuple[int, int, int]] = []
    for run in _EMAIL_LOCAL.finditer(text, start, end):
        at = run.end()
        if at < end and text[at] == "@":
            dom = _EMAIL_DOMAIN.match(text, at, end)
            if dom is not None:
                out.append((run.start(), at, dom.end()))
    return out


def _matches(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The raw matches of the token regex in ``text[start:end]``, as ``(kind, start, end)``.

    An e-mail address wins over every alternative but a URL at the position where matching
    reaches it, exactly as when it was the regex's second alternative: the local part matched
    from any position of its run ends at the same "@", so the precomputed runs say where an
    e-mail match would succeed.
    """
    if text.find("@", start, end) < 0:  # the common case: one pass of the regex
        return [(m.lastgroup or "other", m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    return list(_with_emails(text, start, end))


def _with_emails(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """:func:`_matches` on text with an "@": the regex's matches, restarted after each e-mail."""
    emails = _emails(text, start, end)
    if not emails:
        return [(m.lastgroup or "other", m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    out: list[tuple[str, int, int]] = []
    pos, k, n = start, 0, len(emails)
    while True:
        nxt = emails[k][0] if k < n else end
        for m in _TOKEN.finditer(text, pos, end):
            s = m.start()
            if s >= nxt:  # at or past the next e-mail's local part
                while k < n and emails[k][1] <= s:
                    k += 1
                nxt = emails[k][0] if k < n else end
                if k < n and nxt <= s and m.lastgroup != "url":
                    pos = emails[k][2]
                    out.append(("email", s, pos))
                    break
            out.append((m.lastgroup or "other", s, m.end()))
        else:
            return out


_CLITIC = re.compile(r"(?i)(?:n['’]t|['’](?:s|re|ve|ll|d|m))$")
_SPECIAL = {"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3}  # split after this many chars
_OPENERS = frozenset("\"“‘'«([{")
_CLOSERS = frozenset("\"”’'»)]}")


def tokenize_words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Words of ``text[start:end]`` as ``(start, end, kind)``; kind is the regex group that matched."""
    out: list[tuple[int, int, str]] = []
    end = len(text) if end is None else end
    append = out.append
    for kind, s, e in _matches(text, start, end):
        if kind == "word":
            w = text[s:e]
            if e - s <= MAX_WORD_CHARS and "-" not in w and "'" not in w and "’" not in w and "‑" not in w:
                if e - s in (5, 6) and w.lower() in _SPECIAL:  # the fast path of a plain word
                    k = s + _SPECIAL[w.lower()]
                    append((s, k, "word"))
                    append((k, e, "word"))
                else:
                    append((s, e, "word"))
                continue
            if "'" in w or "’" in w:
                c = _CLITIC.search(text, s, e)
                if c is not None and c.start() > s:
                    _add_word(out, s, c.start())
                    out.append((c.start(), e, "word"))
                    continue
            low = w.lower()
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
            append((s, e, kind))
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


def tokenize(text: str, *, line_breaks: str = "auto") -> list[list[tuple[int, int]]]:
    """Split ``text`` into sentences of words; each word is a ``(start_char, end_char)`` span.

    ``line_breaks`` (:data:`LINE_BREAKS`) says what a line break means: see :func:`segments`.
    Runs in time linear in ``len(text)``; never returns empty sentences.
    """
    if not isinstance(text, str):
        raise InvalidTypeError(f"tokenize() expects str, got {type(text).__name__}")
    sents: list[list[tuple[int, int]]] = []
    for start, end in segments(text, line_breaks=line_breaks):
        words = tokenize_words(text, start, end)
        if words:
            sents.extend(_split_line(text, words))
    return sents


#: Values of ``line_breaks``: what a line break in the text means (see :func:`segments`).
LINE_BREAKS: tuple[str, ...] = ("auto", "sentence", "space")

# A soft break: may be a hard wrap inside a sentence. Other breaks (form feed, vertical tab, the
# paragraph separator U+2029, the separators \x1c-\x1e) and blank lines always end a sentence.
_SOFT_BREAKS = frozenset({"\n", "\r", "\r\n", "\x85", "\u2028"})
_BREAK_SPLIT = re.compile(r"(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])")
_SPACE_RE = re.compile(r"[" + _SPACE + r"]")
#: The characters the tokenizer treats as space, for str.strip.
_SPACE_CHARS = "".join(c for c in map(chr, [*range(0x3001), 0xFEFF]) if _SPACE_RE.match(c))
#: A document counts as hard-wrapped when its widest wrap is at least this wide ...
MIN_WRAP_WIDTH = 30
#: ... and at most this wide ...
MAX_WRAP_WIDTH = 500
#: ... and at least this share of its soft breaks (and two of them) fit one wrap width.
MIN_WRAP_SHARE = 0.5


def check_line_breaks(line_breaks: str) -> str:
    """``line_breaks`` itself, or InputError naming the accepted values."""
    if line_breaks not in LINE_BREAKS:
        from geoevent.errors import InputError

        raise InputError(f"line_breaks must be one of {', '.join(LINE_BREAKS)}; got {line_breaks!r}")
    return line_breaks


def segments(text: str, *, line_breaks: str = "auto") -> list[tuple[int, int]]:
    """The ``(start, end)`` stretches of ``text`` that sentences never cross.

    * ``"sentence"``: every line break ends a sentence (a headline without a period is a
      sentence of its own);
    * ``"space"``: a line break is a space, blank lines included; only punctuation ends sentences;
    * ``"auto"`` (the default): a blank line (or a form feed, U+2029...) ends a paragraph, so a
      sentence; a single line break is a space when it is inside a sentence, that is when the
      next line starts with a lower-case letter ("...a missile assault\\non Ukraine"), or when
      the text is hard-wrapped and the break is where a wrap at the text's width falls (the line
      plus the next word would not fit: see :func:`_wrap_width`); otherwise (a headline, an
      unwrapped paragraph per line) it ends the sentence, as ``"sentence"`` does.

    Line breaks inside a stretch are whitespace to the tokenizer, so word offsets never change.
    """
    check_line_breaks(line_breaks)
    if line_breaks == "space":
        return [(0, len(text))] if text else []
    if line_breaks == "sentence":
        return [m.span() for m in _LINE.finditer(text)]
    parts = _BREAK_SPLIT.split(text)  # line, break, line, ..., line
    if len(parts) == 1:  # no line break
        return [(0, len(text))] if text else []
    strip = _SPACE_CHARS
    # per line: start, end, stripped width, first word's width, starts lower-case
    info: list[tuple[int, int, int, int, bool]] = []
    pos = 0
    for k in range(0, len(parts), 2):
        line = parts[k]
        end = pos + len(line)
        body = line.strip(strip)
        if body:
            first = body.split(None, 1)[0]
            info.append((pos, end, len(body), len(first), body[0].islower()))
        else:
            info.append((pos, end, 0, 0, False))
        pos = end + (len(parts[k + 1]) if k + 1 < len(parts) else 0)
    soft = [k for k in range(len(info) - 1) if info[k][2] and info[k + 1][2] and parts[2 * k + 1] in _SOFT_BREAKS]
    width = _wrap_width([(info[k][2], info[k + 1][3]) for k in soft])
    join = set()
    for k in soft:
        w, n = info[k][2], info[k + 1][3]
        if info[k + 1][4] or (width and w <= width < w + 1 + n):
            join.add(k)
    out: list[tuple[int, int]] = []
    cur = -1
    for k, (s, e, _, _, _) in enumerate(info):
        if cur < 0:
            cur = s
        if k not in join:
            if e > cur:
                out.append((cur, e))
            cur = -1
    return out


def _wrap_width(breaks: list[tuple[int, int]]) -> int:
    """The width a text was hard-wrapped at, or 0 when it does not look wrapped.

    ``breaks`` holds, per soft line break, the width of the line before it and of the next
    line's first word. A greedy wrap at width W breaks where ``line <= W < line + 1 + word``;
    the W most breaks agree on is the text's width when it is between :data:`MIN_WRAP_WIDTH`
    and :data:`MAX_WRAP_WIDTH` and at least two breaks and :data:`MIN_WRAP_SHARE` of them
    agree. Headlines and paragraphs written one per line rarely agree on a width.
    """
    if len(breaks) < 2:
        return 0
    diff = [0] * (MAX_WRAP_WIDTH + 2)
    for w, n in breaks:
        if w <= MAX_WRAP_WIDTH:
            diff[w] += 1
            diff[min(w + n, MAX_WRAP_WIDTH) + 1] -= 1
    best = best_w = depth = 0
    for pos in range(MIN_WRAP_WIDTH):
        depth += diff[pos]
    for pos in range(MIN_WRAP_WIDTH, MAX_WRAP_WIDTH + 1):
        depth += diff[pos]
        if depth > best:
            best, best_w = depth, pos
    if best < 2 or best < MIN_WRAP_SHARE * len(breaks):
        return 0
    return best_w
