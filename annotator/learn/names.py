"""Names for the gazetteer feature: a general list shipped with an installed library, and the
matching of a gazetteer's phrases against a sentence's words.

The general list is CLDR's Arabic display names as Babel ships them (no network): territory
names and the exemplar cities of time zones (kind ``loc``), language names (``lang``) and
currency names (``cur``); and the names of ``names_ar.tsv``, shipped beside this module
(people's names, kind ``per``: CLDR has none; its header gives their sources and licences).
Script names are left out: CLDR names the common script ``عام`` ("common"), a frequent word.
A gazetteer is a mapping of folded phrases to a kind (``phrase_key``); a plain collection of
names is one kind, ``name``.

A phrase matches words whose folded forms, once any of their proclitics (و ف, then ب ل ك) and
the article are taken off, are the phrase's words with the article taken off: ``بالجزائر``
matches ``الجزائر``, ``وفرنسا`` matches ``فرنسا``; the entry ``بالاو`` (Palau) keeps its own
first letters, so the conjunction ``او`` does not match it. ``marks`` gives each word inside
a match ``B-kind`` or ``I-kind``, the longest phrase winning at each start.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

from annotator.learn.segment import CONJUNCTIONS, PREPOSITIONS, fold_word
from annotator.search.clitics import article_form
from annotator.text import ARTICLE

Gazetteer = Mapping[str, str]
"""folded phrase (``phrase_key``) → kind"""
PLAIN_KIND = "name"
"""the kind of each name of a gazetteer given as a plain collection"""
MAX_WORDS = 6
"""phrases of more words than this are left out (CLDR's longest useful ones have five)"""


def _bare(word: str) -> str:
    """A folded word without its article (at least two letters left)."""
    return word[2:] if len(word) > 3 and word.startswith(ARTICLE) else word


def phrase_key(phrase: str) -> str:
    """A phrase as a gazetteer holds it: its words folded, each without its article."""
    return " ".join(_bare(fold_word(w)) for w in phrase.split())


@lru_cache(maxsize=1 << 16)
def word_forms(folded: str) -> tuple[str, ...]:
    """The forms a folded word may match a phrase's word as: itself, and without each
    proclitic it may carry (و ف, then ب ل ك; ``لل`` is ل + ال), each without its article.
    In that order, each once: the word as written first, so that of two phrases of one length
    that two forms match, the one read with fewer letters taken off wins, whatever the
    process's hash seed (a set's order gave models that differed from one run to the next)."""
    forms = [folded]
    w = folded
    if len(w) > 3 and w[0] in CONJUNCTIONS:
        w = w[1:]
        forms.append(w)
    if (read := article_form(w)) is not None:  # لل + stem: ل + ال + stem
        forms.append(read)
    elif len(w) > 3 and w[0] in PREPOSITIONS:
        forms.append(w[1:])
    return tuple(dict.fromkeys(_bare(f) for f in forms))


def as_gazetteer(names: Gazetteer | Collection[str]) -> dict[str, str]:
    """``names`` as a gazetteer: a mapping's phrases keyed again (``phrase_key``), a plain
    collection's names all of kind ``name``; empty phrases dropped."""
    pairs = names.items() if isinstance(names, Mapping) else ((n, PLAIN_KIND) for n in names)
    out: dict[str, str] = {}
    for phrase, kind in pairs:
        key = phrase_key(phrase)
        if key:
            out[key] = kind
    return out


def _longest_first(entry: tuple[tuple[str, ...], str]) -> tuple[int, tuple[str, ...], str]:
    """The order of one first word's phrases in ``NameIndex``: longest first, then by words,
    then by kind."""
    words, kind = entry
    return -len(words), words, kind


class NameIndex:
    """A gazetteer's phrases by their first word, longest first."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        # built for each model loaded (some 16,000 general names): a list made only for a
        # first word's first phrase, and sorted only when it has more than one (most have one)
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in gazetteer.items():
            words = tuple(phrase.split())
            if words:
                entries = by_first.get(words[0])
                if entries is None:
                    by_first[words[0]] = [(words, kind)]
                else:
                    entries.append((words, kind))
        for entries in by_first.values():
            if len(entries) > 1:
                entries.sort(key=_longest_first)
        self.by_first = by_first

    def marks(self, folded: Sequence[str]) -> list[str]:
        """``B-kind``/``I-kind`` for each word inside a match, '' elsewhere (the longest
        match at the leftmost start wins; matches do not overlap)."""
        out = [""] * len(folded)
        forms = [word_forms(f) for f in folded]
        i = 0
        while i < len(folded):
            best: tuple[int, str] | None = None
            for first in forms[i]:
                for words, kind in self.by_first.get(first, ()):
                    n = len(words)
                    if best is not None and n <= best[0]:
                        break
                    if i + n <= len(folded) and all(words[k] in forms[i + k] for k in range(1, n)):
                        best = (n, kind)
                        break
            if best is None:
                i += 1
                continue
            n, kind = best
            out[i] = "B-" + kind
            out[i + 1 : i + n] = ["I-" + kind] * (n - 1)
            i += n
        return out


@lru_cache(maxsize=1)
def general_names() -> dict[str, str]:
    """CLDR's Arabic territory, city, language and currency names (Babel's data, read from
    the installed package), as a gazetteer. Names holding anything but Arabic letters and
    spaces (dates, codes, brackets) are left out, as are single words of fewer than three
    letters; a phrase listed under two kinds keeps the first (places before languages, CLDR's
    names before ``names_ar.tsv``'s)."""
    from babel import Locale

    cldr = Locale("ar")
    sources: list[tuple[str, Collection[str]]] = [
        ("loc", cldr_places()),
        ("lang", [str(n) for n in cldr.languages.values()]),
        ("cur", [str(n) for n in cldr.currencies.values()]),
    ]
    sources.extend(shipped_names())
    out: dict[str, str] = {}
    for kind, names in sources:
        for name in names:
            if not all(c == " " or "\u0621" <= c <= "\u064a" for c in name):
                continue
            key = phrase_key(name)
            words = key.split()
            if not words or len(words) > MAX_WORDS or (len(words) == 1 and len(key) < 3):
                continue
            out.setdefault(key, kind)
    return out


def cldr_places() -> list[str]:
    """CLDR's Arabic territory names, then the exemplar cities of its time zones, as written
    (Babel's data): the general names' places, and the places mention replacement draws from
    (``augment.general_places``)."""
    from babel import Locale

    cldr = Locale("ar")
    places = [str(n) for n in cldr.territories.values()]
    return places + [str(zone["city"]) for zone in cldr.time_zones.values() if zone.get("city")]


SHIPPED_NAMES = "names_ar.tsv"
"""the data file of names beside this module: ``kind<TAB>name`` a line, ``#`` comments"""


def shipped_names() -> list[tuple[str, list[str]]]:
    """The names of ``SHIPPED_NAMES`` by kind, in the file's order of kinds."""
    from importlib.resources import files

    text = files("annotator.learn").joinpath(SHIPPED_NAMES).read_text(encoding="utf-8")
    by_kind: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, name = line.partition("\t")
        if name.strip():
            by_kind.setdefault(kind.strip(), []).append(name.strip())
    return list(by_kind.items())
