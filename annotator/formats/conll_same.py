"""A CoNLL document read back onto the stored text it was exported from.

A CoNLL file holds tokens, not the text: the reader rebuilds a text with one space between
tokens and a line break between sentences (``conll._build``). Where the export cut a word at a
span boundary (و|القمر: a span starting after a proclitic, what accepted suggestions and
annotate-all make) or where punctuation follows a word, the rebuilt text has a space the
document never had, so its sha256 is not the stored one and a re-import into the same project
added the document a second time, with every span (QA 18, defect 4).

``skeleton`` is a text without what may lie between tokens (white space, ``tokens.BETWEEN``);
a stored document whose skeleton is the CoNLL document's may be its source, and ``onto``
proves it: every token found in the stored text in order, with nothing but white space and
``BETWEEN`` around them. The document is then read as that text (its spans and tokens mapped
onto it), so the import finds it already present and joins its annotations to their layer,
deduplicated. docs/design/formats.md B.1.3.
"""

from __future__ import annotations

import dataclasses
import hashlib
from bisect import bisect_right
from collections.abc import Sequence

from annotator.formats.tokens import BETWEEN
from annotator.imported import ImportedDocument


def skeleton(text: str) -> bytes:
    """A digest of ``text`` without white space and ``tokens.BETWEEN``: the same for a stored
    text and the CoNLL text rebuilt from its tokens. (``split``/``join`` and a ``replace``
    only where one is found: 22 ms a megabyte of Arabic, ``str.translate`` took 100.)"""
    bare = "".join(text.split())
    for c in BETWEEN:
        if c in bare:
            bare = bare.replace(c, "")
    return hashlib.blake2b(bare.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def is_conll(doc: ImportedDocument) -> bool:
    """Whether ``doc`` was read from CoNLL (a text rebuilt from its tokens)."""
    return isinstance(doc.meta.get("conll"), dict) and isinstance(doc.meta.get("tokens"), list)


def _skippable(c: str) -> bool:
    return c.isspace() or c in BETWEEN


def place(tokens: Sequence[str], text: str) -> list[tuple[int, int]] | None:
    """Where each of ``tokens`` lies in ``text``, in order, with only white space and
    ``BETWEEN`` before, between and after them; None if they do not lie so."""
    out: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    for tok in tokens:
        if not tok:
            return None
        while not text.startswith(tok, pos):
            if pos >= n or not _skippable(text[pos]):
                return None
            pos += 1
        out.append((pos, pos + len(tok)))
        pos += len(tok)
    if not all(_skippable(c) for c in text[pos:]):
        return None
    return out


def onto(doc: ImportedDocument, text: str) -> ImportedDocument | None:
    """``doc`` (read from CoNLL) read as ``text``: its spans and tokens moved onto where its
    tokens lie in ``text`` (``place``); None if they do not lie there."""
    try:
        tokens = [(int(s), int(e)) for s, e in doc.meta["tokens"]]
    except (TypeError, ValueError):
        return None
    words = [doc.text[s:e] for s, e in tokens]
    placed = place(words, text)
    if placed is None:
        return None
    starts = [s for s, _ in tokens]

    def moved(i: int) -> int:
        """An offset of ``doc.text`` in ``text``: inside or at the end of a token, the same
        place in it; in a gap, the end of the token before (spans never start or end there:
        the reader builds them from tokens)."""
        k = bisect_right(starts, i) - 1
        if k < 0:
            return placed[0][0] if placed else 0
        s, e = tokens[k]
        return placed[k][0] + min(i, e) - s

    spans = [
        dataclasses.replace(
            sp,
            start=moved(sp.start),
            end=moved(sp.end),
            fragments=tuple((moved(a), moved(b)) for a, b in sp.fragments),
        )
        for sp in doc.spans
    ]
    meta = dict(doc.meta)
    meta["tokens"] = [list(p) for p in placed]
    return dataclasses.replace(doc, text=text, spans=spans, meta=meta)
