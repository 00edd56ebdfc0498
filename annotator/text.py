"""Text facts every layer shares: the import normalisation, offset units, words and clitics.

Stored offsets are code points. Qt counts UTF-16 units; because stored text is LF-only (see
``normalise``) a Qt position in a QTextDocument built with ``setPlainText`` is exactly the
UTF-16 index into the stored text, and ``OffsetMap`` is the one place that converts.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass

BOM = "\ufeff"

# Arabic one-letter proclitics (conjunctions و ف, prepositions ب ل ك) and the article ال.
PROCLITIC_LETTERS = "وفبلك"
ARTICLE = "ال"

_HARAKAT_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
"""the Arabic marks that folding drops (with tatweel), as inclusive code-point ranges"""
HARAKAT = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _HARAKAT_RANGES) + "]")
TATWEEL = "\u0640"
_ALEF_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
_DIGITS_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Characters an analyst should be able to see (Trojan Source, look-alike strings).
INVISIBLES = {
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
    TATWEEL: "TATWEEL",
}


@dataclass(frozen=True)
class NormalisedText:
    """The stored text and what the one import normalisation did to the raw input."""

    text: str
    raw_sha256: str
    removed_bom: bool
    newlines_converted: int


def normalise(raw: bytes | str) -> NormalisedText:
    """The only normalisation text ever gets: UTF-8 decoded, leading BOMs removed (all of
    them, so that normalising twice changes nothing), CRLF/CR → LF.

    Raises UnicodeDecodeError for bytes that are not UTF-8 (callers add file and line).
    """
    raw_bytes = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    text = raw if isinstance(raw, str) else raw.decode("utf-8")
    n_boms = leading_boms(text)
    removed = n_boms > 0
    text = text[n_boms:]
    crlf = text.count("\r\n")
    text = text.replace("\r\n", "\n")
    lone = text.count("\r")
    text = text.replace("\r", "\n")
    return NormalisedText(
        text=text,
        raw_sha256=hashlib.sha256(raw_bytes).hexdigest(),
        removed_bom=removed,
        newlines_converted=crlf + lone,
    )


def leading_boms(text: str) -> int:
    """How many BOMs ``normalise`` removes from the start of ``text`` (code points 0 to n - 1)."""
    return len(text) - len(text.lstrip(BOM))


def normalise_drops(text: str) -> list[int]:
    """The indices of the characters of ``text`` that ``normalise`` removes, ascending: its
    leading BOMs and the CR of each CRLF (a lone CR becomes LF: it stays, one for one). Every
    offset map across the normalisation (``importing.normalise_with_offsets``,
    ``formats.standoff.RawOffsets``) is built from these."""
    drops = list(range(leading_boms(text)))
    start = 0
    while (i := text.find("\r\n", start)) >= 0:
        drops.append(i)
        start = i + 1
    return drops


def unique_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first not in ``taken`` (compared without
    case), which it is added to. Exports give documents that share a name distinct ones."""
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.casefold())
    return name


def sha256_text(text: str) -> str:
    """Identity of a document across projects: SHA-256 of its stored text in UTF-8."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def line_of(text: str, offset: int) -> int:
    """1-based line number of a code-point offset (for error messages)."""
    return text.count("\n", 0, offset) + 1


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Code points ↔ UTF-16 units for one text, precomputed once (O(log n) per lookup)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # code-point indices of characters outside the BMP (two UTF-16 units each): none
        # when the text's UTF-16 form has a unit per code point (encoding it is a copy in C,
        # ~0.15 ms for 1 MB; most texts), else a regex scan (~40x faster than a Python loop)
        bmp_only = len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)
        self._astral = [] if bmp_only else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [i + k for k, i in enumerate(self._astral)]
        self.length_u16 = len(text) + len(self._astral)

    def to_u16(self, cp: int) -> int:
        """UTF-16 index of code point ``cp`` (0 <= cp <= len(text))."""
        return cp + bisect.bisect_left(self._astral, cp)

    def cp_of(self, u16: int) -> int:
        """Code point index of UTF-16 index ``u16``, exactly: ValueError when ``u16`` is
        outside ``0..length_u16`` or falls between the two halves of a surrogate pair (an
        offset counted in other units, or a cut through an emoji). Files are read with this."""
        if not 0 <= u16 <= self.length_u16:
            raise ValueError(f"UTF-16 offset {u16} is outside the text ({self.length_u16} units)")
        k = bisect.bisect_left(self._astral_u16, u16)
        if k and self._astral_u16[k - 1] + 1 == u16:
            cp = self._astral[k - 1]
            raise ValueError(
                f"UTF-16 offset {u16} falls inside the surrogate pair of "
                f"U+{ord(self.text[cp]):04X} (character {cp})"
            )
        return u16 - k

    def to_cp(self, u16: int) -> int:
        """Code point index of UTF-16 index ``u16``; a position inside a surrogate pair
        snaps to the start of that character (for Qt cursor positions; files use ``cp_of``,
        which refuses such a position)."""
        k = bisect.bisect_left(self._astral_u16, u16)
        # k astral characters start before u16; if u16 is the low half of the last, snap
        if k and self._astral_u16[k - 1] + 1 == u16:
            return self._astral[k - 1]
        return u16 - k


def is_word_char(ch: str) -> bool:
    """Letters, marks (harakat), digits, tatweel and joiners belong to words."""
    if ch in ("\u200c", "\u200d", TATWEEL):
        return True
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "M", "N")


EDGE_PUNCTUATION = frozenset("،؛؟.:,;!?\"'«»“”‘’„()[]{}…")
"""punctuation word snapping never takes at a span's edge: Arabic comma, semicolon and question
mark, full stop, colon, quotes and guillemets, brackets, and their Latin forms (issue 15)"""


def word_at(text: str, pos: int) -> tuple[int, int]:
    """Bounds of the word containing code point ``pos`` (or just after it). On punctuation
    or space right after a word, that word; on punctuation right before one, that word."""
    if not text:
        return 0, 0
    pos = max(0, min(pos, len(text) - 1))
    if not is_word_char(text[pos]):
        if pos > 0 and is_word_char(text[pos - 1]):
            pos -= 1
        elif text[pos] in EDGE_PUNCTUATION and pos + 1 < len(text) and is_word_char(text[pos + 1]):
            pos += 1
    if not is_word_char(text[pos]):
        return pos, pos + 1
    start = pos
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    end = pos + 1
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def _sheddable(ch: str) -> bool:
    return ch.isspace() or ch in EDGE_PUNCTUATION


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to whole words; white space and edge punctuation
    (``EDGE_PUNCTUATION``: ، ؛ . : " » ) ( …) at either edge are left out. A stretch of
    nothing but punctuation keeps its punctuation (without the white space around it)."""
    if start >= end:
        return start, end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    inner_start, inner_end = start, end
    while inner_start < inner_end and _sheddable(text[inner_start]):
        inner_start += 1
    while inner_end > inner_start and _sheddable(text[inner_end - 1]):
        inner_end -= 1
    if inner_start < inner_end:
        start, end = inner_start, inner_end
    if is_word_char(text[start]):
        start = word_at(text, start)[0]
    if is_word_char(text[end - 1]):
        end = word_at(text, end - 1)[1]
    return start, end


JOINERS = "\u200c\u200d"
"""ZWNJ and ZWJ: they shape the letter before them and go with it, like a mark"""
ALEFS = "اٱ"
"""the article's first letter: alef, or alef wasla in fully vowelled text (ٱلْكِتَابُ)"""
MIN_STEM_LETTERS = 3
"""letters a word must keep after a proclitic (و ف ب ل ك, the article ال) for that proclitic
to be one: the ``[`` trim (``proclitic_length``) leaves at least this many, and search finds a
query after proclitics only when its first word has this many
(``annotator.search.matching``). A two-letter rest is most often a word of its own or the end
of one: تي in التي, ذي in الذي, لن in ولن, ها in بها, له in لله; and the T of "إم . آي . تي"
annotated as تي gave annotate-all a suggestion inside every التي (QA 13)"""


def is_mark(ch: str) -> bool:
    """Whether ``ch`` belongs to the letter before it: a combining mark (every Unicode
    category M: harakat, shadda, sukun, tanween, superscript alef, Quranic marks, Latin
    accents), tatweel, ZWNJ or ZWJ. Search gives what its folding drops (harakat, tatweel,
    joiners) to the letter before in the same way (``annotator.search.folding.FoldedText``),
    and so does the model's ``annotator.learn.segment.proclitic_cuts``."""
    return ch == TATWEEL or ch in JOINERS or unicodedata.category(ch)[0] == "M"


def is_letter_boundary(text: str, pos: int) -> bool:
    """Whether ``pos`` lies between two letters, not between a letter and one of its marks.

    A letter is a character and the marks (``is_mark``) right after it. A mark after a
    character outside words (white space, punctuation) or at the very start stands for its
    own letter, so the edges of every word (``word_at``) are letter boundaries too."""
    return pos <= 0 or pos >= len(text) or not is_mark(text[pos]) or not is_word_char(text[pos - 1])


def next_letter(text: str, pos: int) -> int:
    """The letter boundary after ``pos``: ``pos`` moved over one letter and all its marks
    (``len(text)`` at the end). From inside a letter, the end of that letter."""
    if pos >= len(text):
        return len(text)
    i = max(pos, 0) + 1
    while i < len(text) and not is_letter_boundary(text, i):
        i += 1
    return i


def previous_letter(text: str, pos: int) -> int:
    """The letter boundary before ``pos``: the start of the letter that ends at ``pos``
    (0 at the start). From inside a letter, the start of that letter."""
    if pos <= 0:
        return 0
    i = min(pos, len(text)) - 1
    while i > 0 and not is_letter_boundary(text, i):
        i -= 1
    return i


def _letter_starts(text: str, start: int, end: int, most: int) -> list[int]:
    """Start offsets of the first ``most`` letters that begin in ``[start, end)``."""
    out: list[int] = []
    i = start if is_letter_boundary(text, start) else next_letter(text, start)
    while i < end and len(out) < most:
        out.append(i)
        i = next_letter(text, i)
    return out


def letter_count(text: str, start: int = 0, end: int | None = None) -> int:
    """Letters in ``text[start:end]``: a character and the marks after it (``is_mark``:
    harakat, tatweel, joiners) are one letter (``is_letter_boundary``)."""
    stop = len(text) if end is None else end
    return sum(1 for i in range(start, stop) if is_letter_boundary(text, i))


def proclitic_length(text: str, start: int, end: int) -> int:
    """Length in code points of the proclitic that may be trimmed off the start of
    ``text[start:end]``, its marks with it (وَ in وَهُولَنْدَا, الْ in الْكِتَابُ).

    One letter of و ف ب ل ك, or the article ال (also after one letter: وال بال, in two
    steps); never when fewer than ``MIN_STEM_LETTERS`` letters would remain (التي, الذي,
    ولن, بها, لله, بين are words, not a proclitic and a stem). Letters are counted with
    their marks (``is_letter_boundary``). A start inside a letter (marks of the letter before,
    left at a span's start by an older version) goes too, with the proclitic after them if
    there is one, so that the start is a letter boundary."""
    most = len(ARTICLE) + MIN_STEM_LETTERS
    letters = _letter_starts(text, start, end, most)
    if len(letters) >= most and text[letters[0]] in ALEFS and text[letters[1]] == ARTICLE[1]:
        return letters[2] - start
    if len(letters) >= 1 + MIN_STEM_LETTERS and text[letters[0]] in PROCLITIC_LETTERS:
        return letters[1] - start
    if letters and letters[0] > start:
        return letters[0] - start
    return 0


def trim_proclitic(text: str, start: int, end: int) -> int:
    """New start after trimming one proclitic (unchanged when there is none)."""
    return start + proclitic_length(text, start, end)


def restore_proclitic(text: str, start: int) -> int:
    """Undo ``trim_proclitic``: extend the start back over a proclitic inside the same word,
    with its marks (the start of the letter before, or of the article's alef)."""
    if start <= 0:
        return start
    lam = previous_letter(text, start)
    if lam > 0 and text[lam] == ARTICLE[1]:
        alef = previous_letter(text, lam)
        if text[alef] in ALEFS and (
            alef == 0
            or not is_word_char(text[alef - 1])
            or text[previous_letter(text, alef)] in PROCLITIC_LETTERS
        ):
            return alef
    if text[lam] in PROCLITIC_LETTERS:
        return lam
    return start


_FOLD = {
    ord(TATWEEL): None,
    **{c: None for a, b in _HARAKAT_RANGES for c in range(a, b + 1)},
    **_ALEF_FOLD,
    **_DIGITS_FOLD,
}
"""folding as one table, for ``fold`` and ``fold_with_map``: tatweel and ``HARAKAT`` dropped,
alef forms and alef maqsura, Arabic-Indic digits folded"""


def fold(text: str) -> str:
    """A copy for matching only: harakat and tatweel removed, alef/ya unified, digits ASCII.

    Never store or show the result; map hits back with ``fold_with_map``.
    """
    return text.translate(_FOLD)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, its code-point index in ``text`` (the
    same table as ``fold``, a character at a time: a dropped one folds to nothing)."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = ch.translate(_FOLD)
        if folded:
            out.append(folded)
            index.append(i)
    return "".join(out), index


def visible_invisibles(text: str) -> str:
    """Replace bidi controls and zero-width characters with a visible ⟦NAME⟧ marker."""
    return "".join(f"⟦{INVISIBLES[c]}⟧" if c in INVISIBLES and c != TATWEEL else c for c in text)
