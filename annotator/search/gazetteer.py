"""Gazetteers: name lists (a .txt file with one name a line, or CSV ``name,label``) matched
all at once over folded text with an Aho-Corasick automaton (pyahocorasick), giving
suggestions.

Names are folded like the text and matched as whole words, after proclitics for Arabic names
(بباريس holds باريس; a name starting with the article also after ل, its alef elided: القدس
in للقدس, the hit from the article's ل on, as ``annotator.search.matching`` finds it); where
names overlap, the leftmost, then the longest wins. White space inside a name matches one
space of the text. The bidi embeddings, overrides and isolates a pasted name may carry are
dropped from it, as a word query drops them (``clean_name``). Bad input raises
``ImportFormatError`` naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from annotator.errors import ImportFormatError, Message
from annotator.files import read_file
from annotator.model import Span
from annotator.search.annotations import coverage_by_document
from annotator.search.clitics import lam_form
from annotator.search.folding import DEFAULT, EMBEDDING, FoldOptions, fold_text
from annotator.search.matching import (
    FoldedCorpus,
    Hit,
    after_article_lam,
    has_arabic,
    is_word_char,
    word_start_ok,
)
from annotator.search.suggestions import (
    GAZETTEER,
    Suggestion,
    SuggestionKey,
    suggestions_from_hits,
)

MAX_NAME = 200
"""longest name accepted, in characters"""
_LABEL = re.compile(r"[^\s\x00-\x1f\x7f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Entry:
    name: str
    label: str
    line: int


@dataclass(frozen=True)
class Gazetteer:
    """A named list of ``(name, label)`` entries, read from ``path``."""

    name: str
    path: str
    entries: tuple[Entry, ...]

    @property
    def source(self) -> str:
        return GAZETTEER + self.name


def clean_name(name: str) -> str:
    """A name as it is matched: without the bidi embeddings, overrides and isolates a pasted
    word often carries (``EMBEDDING``, dropped as a word query drops them:
    ``annotator.search.matching.Matcher``) and the white space around it."""
    return EMBEDDING.sub("", name).strip()


def _key(name: str, options: FoldOptions = DEFAULT) -> str:
    return " ".join(fold_text(clean_name(name), options).split())


def read_gazetteer(path: Path, label: str = "", name: str = "") -> Gazetteer:
    """Read a .txt (one name a line, ``#`` comments, every name labelled ``label``) or .csv
    (``name,label`` rows, an optional header; no ``label``) gazetteer. Raises
    ImportFormatError."""
    where = str(path)
    raw = read_file(path)  # a regular file, never a FIFO or device, at most the size cap
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFormatError(where, line, "not UTF-8 text") from None
    is_csv = path.suffix.lower() == ".csv"
    if is_csv and label:  # refused, never ignored: each row names its own label
        raise ImportFormatError(
            where,
            None,
            Message(
                "a .csv gazetteer names a label on each row (name,label): a label for every "
                "name ({label}) is for a .txt gazetteer",
                label=repr(label),
            ),
        )
    if not is_csv and not label:
        raise ImportFormatError(
            where, None, "a .txt gazetteer needs a label for its names (or use CSV name,label)"
        )
    rows = _csv_rows(where, text) if is_csv else _txt_rows(text, label)
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for line, name_, label_ in rows:
        entry = _entry(where, line, name_, label_)
        key = _key(entry.name)
        before = seen.get(key)
        if before is not None:
            if before.label != entry.label:
                raise ImportFormatError(
                    where,
                    line,
                    f"{entry.name!r} is labelled {entry.label} here and {before.label} "
                    f"on line {before.line}",
                )
            continue
        seen[key] = entry
        entries.append(entry)
    if not entries:
        raise ImportFormatError(where, None, "no names")
    return Gazetteer(name or path.stem, where, tuple(entries))


def _txt_rows(text: str, label: str) -> Iterator[tuple[int, str, str]]:
    for line, row in enumerate(text.split("\n"), 1):
        row = row.rstrip("\r")
        if row.strip() and not row.lstrip().startswith("#"):
            yield line, row, label


def _csv_rows(where: str, text: str) -> Iterator[tuple[int, str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    first = True
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if first and [c.strip().lower() for c in row] == ["name", "label"]:
                first = False
                continue
            first = False
            if len(row) != 2:
                raise ImportFormatError(
                    where, line, f"expected 2 columns (name,label), found {len(row)}"
                )
            yield line, row[0], row[1]
    except csv.Error as exc:
        raise ImportFormatError(where, reader.line_num, f"bad CSV: {exc}") from None


def _entry(where: str, line: int, name: str, label: str) -> Entry:
    name, label = clean_name(name), label.strip()
    if not name:  # (one of bidi controls only too)
        raise ImportFormatError(where, line, "empty name")
    if len(name) > MAX_NAME:
        raise ImportFormatError(where, line, f"name longer than {MAX_NAME} characters")
    if _CONTROL.search(name):
        raise ImportFormatError(where, line, "control character in the name")
    if len(_key(name)) < 2 or not any(is_word_char(c) for c in _key(name)):
        raise ImportFormatError(where, line, f"name {name!r} is too short to match safely")
    if not label:
        raise ImportFormatError(where, line, "empty label")
    if not _LABEL.fullmatch(label):
        raise ImportFormatError(where, line, f"label {label!r} has white space or controls")
    return Entry(name, label, line)


class GazetteerMatcher:
    """The folded names of a gazetteer in one Aho-Corasick automaton."""

    def __init__(self, gazetteer: Gazetteer, options: FoldOptions = DEFAULT) -> None:
        self.gazetteer = gazetteer
        self.options = options
        self.automaton = ahocorasick.Automaton()
        after_lam: list[tuple[str, int]] = []
        for k, entry in enumerate(gazetteer.entries):
            key = _key(entry.name, options)
            if key not in self.automaton:
                self.automaton.add_word(key, (len(key), k, has_arabic(key), False))
                word = key.split(" ", 1)[0]
                first = lam_form(word) if has_arabic(key) else None
                if first is not None:  # ال + stem after ل: لل + stem, from the article's ل
                    after_lam.append((first[1:] + key[len(word) :], k))
        for key, k in after_lam:  # a name as written wins over another's form after ل
            if key not in self.automaton:
                self.automaton.add_word(key, (len(key), k, True, True))
        self.automaton.make_automaton()

    def spans(self, folded: str) -> list[tuple[int, int, Entry]]:
        """Folded ``(start, end, entry)`` of the whole-word matches, leftmost-longest first,
        none overlapping."""
        found = []
        n = len(folded)
        entries = self.gazetteer.entries
        for last, (length, k, arabic, after_lam) in self.automaton.iter(folded):
            e = last + 1
            s = e - length
            if e < n and is_word_char(folded[e]):
                continue
            if after_lam:
                if not after_article_lam(folded, s):
                    continue
            elif not word_start_ok(folded, s, 0, arabic):
                continue
            found.append((s, e, entries[k]))
        found.sort(key=lambda t: (t[0], t[0] - t[1]))
        out = []
        end = -1
        for s, e, entry in found:
            if s >= end:
                out.append((s, e, entry))
                end = e
        return out

    def hits(self, corpus: FoldedCorpus) -> Iterator[tuple[Hit, str, str]]:
        """``(hit, label, name)`` of every match in the corpus, in document order."""
        if corpus.options != self.options:
            raise ValueError("the gazetteer and the corpus fold differently")
        starts, texts, ids = corpus.starts, corpus.texts, corpus.ids
        k = 0
        for s, e, entry in self.spans(corpus.folded):
            while k + 1 < len(starts) and s >= starts[k + 1]:
                k += 1
            base = starts[k]
            yield Hit(ids[k], *texts[k].span(s - base, e - base)), entry.label, entry.name


def gazetteer_suggestions(
    gazetteer: Gazetteer,
    corpus: FoldedCorpus,
    existing: Iterable[Span],
    rejected: Container[SuggestionKey] = (),
) -> Iterator[Suggestion]:
    """Suggestions for every match of ``gazetteer`` in ``corpus`` overlapping no existing
    annotation (``existing``: the live spans of those documents, all layers)."""
    matcher = GazetteerMatcher(gazetteer, corpus.options)
    covered = coverage_by_document(existing)
    yield from suggestions_from_hits(
        matcher.hits(corpus), corpus.text, covered, gazetteer.source, rejected
    )
