"""CoNLL token/tag files (IOB2, IOB1, BIOES) and the tag logic the HF export shares.

Export: one ``token<TAB>tag`` line per token, a blank line after each sentence, optional
``-DOCSTART-`` lines. A flat tag sequence cannot hold overlapping spans, so the overlap policy
picks which to keep and the report counts the rest.

Import: the tag is the last column (tab or space separated); the text is rebuilt with one space
between tokens and a newline between sentences. The original tokens, sentence breaks and extra
columns are kept in ``ImportedDocument.meta`` so exporting the document again gives the file back.
A document whose tokens lie in a text the project holds is read as that text on import
(``conll_same``, docs/design/formats.md B.1.3).
"""

from __future__ import annotations

import itertools
import os
import stat
from collections import Counter
from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from annotator import rules
from annotator.errors import Cancelled, ImportFormatError, Message, bounded
from annotator.formats.common import (
    CROSSES_SENTENCE,
    NO_TOKEN,
    OVERLAP_POLICIES,
    TAG_SCHEMES,
    Changed,
    ExportOptions,
    ExportReport,
    ImportResult,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
    quoted,
    split_of,
)
from annotator.formats.source import (
    ByteCount,
    TextLines,
    decode_text,
    read_file,
    shown,
    walk,
)
from annotator.formats.standoff import held_records, part_losses, record_no_place
from annotator.formats.tokens import TokenLayer, export_spans, resolve_overlaps, token_layer
from annotator.imported import ImportedDocument, ImportedSpan, Problem
from annotator.model import DocumentAnnotations
from annotator.output import writing
from annotator.schema import Schema

DOCSTART = "-DOCSTART- -X- O O"
_PREFIXES = {"IOB2": "BI", "IOB1": "BI", "BIOES": "BIESLU"}
Entity = tuple[int, int, str]
"""token indices [start, end) and label"""

DEFAULT_OPTIONS = ExportOptions()


@dataclass
class TokenReport(ExportReport):
    """The report of a token export (CoNLL, HF, spaCy), whose span counts add up:
    ``spans_exported + sum(dropped.values()) == spans_held``, and per construct as in every
    export (``exported[c] + lost[c]`` is what the documents hold, ``standoff.held``).
    ``dropped`` holds spans only; everything else that could not go is counted in
    ``records_dropped`` by ``close``, one rule for the three formats (``standoff``'s, as every
    export): events, arguments and relations the format has no place for (CoNLL, HF) or could
    not write (spaCy's ``user_data``), and the attributes, normalisations and notes of every
    record unless written where the format carries them. Tokens cut at span boundaries are
    counted apart (``tokens_split``)."""

    where: str = ""
    """the format, as a reason names it (``CoNLL``, ``spaCy DocBin``)"""
    spans_held: int = 0
    """live spans of the exported documents (entities, triggers and the rest)"""
    placed: Counter[str] = field(default_factory=Counter)
    """spaCy: spans per part of the Docs: ``doc.spans[key]`` and ``doc.spans["triggers"]``
    (they add up to ``spans_exported``), and ``doc.ents`` (entities also in the first)"""
    not_in_ents: Counter[str] = field(default_factory=Counter)
    """spaCy: reason → entity spans left out of ``doc.ents`` by the overlap policy (they are
    in ``doc.spans[key]``: exported, not dropped)"""
    records_dropped: Counter[str] = field(default_factory=Counter)
    """reason → events, arguments or relations (not spans) that could not be written"""
    empty_splits: list[str] = field(default_factory=list)
    """splits that got no document (their files hold no row: ``load_from_disk`` gives an empty
    split, ``load_dataset`` on the Parquet or JSONL file refuses it)"""
    labels_read_back: dict[str, str] = field(default_factory=dict)
    """CoNLL, HF: exported labels that ``read_tag`` would read back as another (``ORG.`` →
    ``ORG``: an edge a reader takes for typing noise) → what it reads"""
    trimmed: int = 0
    """exported spans with white space at an edge: a token holds no white space, so their
    tokens start and end at the first and last character that is not"""

    def drop(self, reason: str, n: int = 1, construct: str = "span") -> None:
        """A span (or ``construct``) that could not be written, and why."""
        super().drop(reason, n, construct)

    def wrote_spans(self, n: int) -> None:
        self.spans_exported += n
        self.exported["span"] += n

    def left_out(self, construct: str, reason: str, n: int = 1) -> None:
        """A record (or part of one) left out before the writer read it: a span is counted
        held and dropped, anything else as ``drop_record``."""
        if construct == "span":
            self.spans_held += n
            self.drop(reason, n)
        else:
            self.drop_record(reason, construct, n)

    def drop_record(self, reason: str, construct: str, n: int = 1) -> None:
        """An event, argument, relation or part of a record that could not be written, and
        why."""
        self.records_dropped[reason] += n
        self.lost[construct] += n

    def close(
        self,
        doc: DocumentAnnotations,
        written: Container[str],
        reasons: Mapping[str, str] | None = None,
        carries: Container[str] = (),
    ) -> None:
        """Count what ``doc`` holds besides its spans' place and label: events, arguments and
        relations (exported when their uuid is ``written``, else lost for ``reasons[uuid]`` or
        for want of a place), and the parts of every record (``standoff.part_losses``;
        ``written`` names the spans written too). A discontinuous span is dropped for that
        reason, so its fragments are counted lost without a second line."""
        reasons = reasons or {}
        records: Counter[str] = Counter()
        parts: Counter[str] = Counter()
        for kind, rec in held_records(doc):
            wrote = rec.uuid in written
            if kind != "span":
                if wrote:
                    records[kind] += 1
                else:
                    why = reasons.get(rec.uuid) or record_no_place(kind, self.where)
                    self.drop_record(why, kind)
            for part, n, lost in part_losses(kind, rec, wrote, carries, self.where):
                if lost is None:
                    parts[part] += n
                elif part == "fragments":
                    self.lost[part] += n
                else:
                    self.drop_record(lost, part, n)
        self.exported.update(records)  # records before their parts, as the report lists them
        self.exported.update(parts)

    def unaccounted(self) -> int:
        """Spans neither exported nor dropped (0 when the report adds up)."""
        return self.spans_held - self.spans_exported - sum(self.dropped.values())

    def lines(self) -> list[str]:
        out = super().lines()
        at = next(i for i, line in enumerate(out) if line.startswith("spans exported:")) + 1
        extra: list[str] = [
            Message("  in {part}: {count}", part=part, count=n) for part, n in self.placed.items()
        ]
        extra += [
            Message("  not in doc.ents {count}: {reason}", count=n, reason=why)
            for why, n in sorted(self.not_in_ents.items())
        ]
        if self.trimmed:
            extra.append(
                Message("  without the white space at their edges: {count}", count=self.trimmed)
            )
        out[at:at] = extra
        at = next((i for i, line in enumerate(out) if line.startswith("written:")), len(out))
        out[at:at] = [
            Message("not written {count}: {reason}", count=n, reason=r)
            for r, n in sorted(self.records_dropped.items())
        ]
        out[at:at] = [
            Message("split {name}: no document went to it", name=name) for name in self.empty_splits
        ]
        out[at:at] = [
            Message(
                "warning: label {name} is read back as {back} (its edge looks like noise)",
                name=repr(label),
                back=repr(back),
            )
            for label, back in self.labels_read_back.items()
        ]
        return out


# -- tag schemes -------------------------------------------------------------------------


def encode(
    n_tokens: int,
    entities: Iterable[Entity],
    scheme: str = "IOB2",
    sentence_starts: Collection[int] = (),
) -> list[str]:
    """Tags for ``n_tokens`` tokens from non-overlapping entities; ``sentence_starts``: the
    tokens that begin a sentence (no entity there "directly follows" one at the end of the
    sentence before: IOB1 starts it with I-, as a reader of the sentence alone expects)."""
    tags = ["O"] * n_tokens
    prev_end, prev_label = -1, ""
    for start, end, label in sorted(entities):
        if start in sentence_starts:
            prev_end = -1
        if scheme == "BIOES":
            if end - start == 1:
                tags[start] = f"S-{label}"
            else:
                tags[start] = f"B-{label}"
                tags[start + 1 : end - 1] = [f"I-{label}"] * (end - start - 2)
                tags[end - 1] = f"E-{label}"
        else:
            # IOB1 writes B- only where an entity directly follows one of the same type
            adjacent = prev_end == start and prev_label == label
            first = "B" if scheme == "IOB2" or adjacent else "I"
            tags[start] = f"{first}-{label}"
            tags[start + 1 : end] = [f"I-{label}"] * (end - start - 1)
        prev_end, prev_label = end, label
    return tags


def decode(tags: Sequence[str], scheme: str = "IOB2") -> list[Entity]:
    """Entities of a tag sequence, read leniently the way conlleval does: an ``I-`` after ``O``
    or after another type starts an entity; BILOU's L/U read as E/S."""
    out: list[Entity] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, typ = tag.partition("-")
        if start >= 0 and (prefix in "OBSU" or typ != label):
            out.append((start, i, label))
            start = -1
        if prefix == "O":
            continue
        if prefix in "SU" or (prefix in "EL" and start < 0):
            out.append((i, i + 1, typ))
        elif prefix in "EL":
            out.append((start, i + 1, label))
            start = -1
        elif start < 0:
            start, label = i, typ
    if start >= 0:
        out.append((start, len(tags), label))
    return out


def detect_scheme(tag_sentences: Iterable[Sequence[str]]) -> str:
    """BIOES if E-/S-/L-/U- occur; else IOB1 if more entities start with I- than with a B- that
    IOB1 would not write; else IOB2.

    IOB1 writes B- only where an entity directly follows one of the same type, so a B- there
    fits both schemes and says nothing; a B- after O, after another type or at a sentence's
    start is IOB2's mark, an I- starting an entity IOB1's (or noise in an IOB2 file)."""
    i_starts = b_starts = 0
    for tags in tag_sentences:
        prev = "O"
        for tag in tags:
            if tag[:1] in ("E", "S", "L", "U"):
                return "BIOES"
            starts = prev == "O" or prev[2:] != tag[2:]
            if tag.startswith("B-"):
                b_starts += starts
            elif tag.startswith("I-") and starts:
                i_starts += 1
            prev = tag
    return "IOB1" if i_starts > b_starts else "IOB2"


# -- export ------------------------------------------------------------------------------


def check_options(options: ExportOptions) -> None:
    if options.scheme not in TAG_SCHEMES:
        raise ValueError(f"unknown tag scheme {options.scheme!r} ({', '.join(TAG_SCHEMES)})")
    if options.overlap_policy not in OVERLAP_POLICIES:
        raise ValueError(f"unknown overlap policy {options.overlap_policy!r}")


def tag_names(schema: Schema, options: ExportOptions) -> list[str]:
    """``O`` then the tags of every exported entity label, in schema order."""
    prefixes = "BIES" if options.scheme == "BIOES" else "BI"
    labels = [e.name for e in schema.entities if not options.labels or e.name in options.labels]
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in prefixes]


def held_spans(doc: DocumentAnnotations) -> int:
    """The live spans of ``doc``: what a token export accounts for, span by span."""
    return sum(not s.deleted for s in doc.spans)


TRIGGER_NOT_TAGGED = Message("event trigger (flat NER tags hold entities; use --format events)")
"""why a token export (CoNLL, HF) leaves out a trigger span: one tag per token holds entities"""
_NO_TOKEN_TO_WRITE = Message("no token to write (the text is only white space)")


def tagged_sentences(
    doc: DocumentAnnotations, schema: Schema, options: ExportOptions, report: TokenReport
) -> tuple[TokenLayer, list[list[str]]]:
    """The token layer of ``doc`` and one tag list per sentence; counts go into ``report``."""
    report.spans_held += held_spans(doc)
    entities, triggers = export_spans(doc, schema, options, report)
    if triggers:
        # one flat tag per token holds entities only; say so rather than lose them silently
        report.drop(TRIGGER_NOT_TAGGED, len(triggers))
    kept, reasons = resolve_overlaps(entities, options.overlap_policy)
    for reason in reasons:
        report.drop(reason)
    layer = token_layer(
        doc.document.text,
        [b for s in kept for b in (s.start, s.end)],
        options.tokenizer,
        doc.document.meta,
        [(s.start, s.end) for s in kept],
    )
    found: list[Entity] = []
    written: set[str] = set()
    sent_of = layer.sentence_of()
    text = doc.document.text
    for span in kept:
        rng = layer.token_range(span.start, span.end)
        if rng is None:
            report.drop(NO_TOKEN)
        elif sent_of[rng[0]] != sent_of[rng[1] - 1]:
            report.drop(CROSSES_SENTENCE)
        else:
            found.append((rng[0], rng[1], span.label))
            written.add(span.uuid)
            covered = text[span.start : span.end]
            report.trimmed += covered != covered.strip()
    report.wrote_spans(len(found))
    report.close(doc, written)  # a tag per token holds no record but a span, no part of one
    for _, _, label in found:
        back = _read_back(label)
        if back != label:
            report.labels_read_back[label] = back
    starts = {sentence[0] for sentence in layer.sentences if sentence}
    tags = encode(len(layer.tokens), found, options.scheme, starts)
    report.documents += 1
    report.tokens += len(layer.tokens)
    report.tokens_split += layer.n_split
    return layer, [[tags[i] for i in sent] for sent in layer.sentences]


@lru_cache(maxsize=1024)
def _read_back(label: str) -> str:
    """The label a CoNLL reader finds in ``B-<label>`` (``O`` if it finds none)."""
    back, _ = read_tag(f"B-{label}")
    return back[2:] if back else "O"


def total_of(docs: Iterable[DocumentAnnotations], total: int | None) -> int:
    if total is not None:
        return total
    return len(docs) if isinstance(docs, Sequence) else 0


def write_conll(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
) -> ExportReport:
    """Write CoNLL: ``out`` is one file, or a directory of ``<split>.conll`` with splits
    (written through ``annotator.output.writing``: ``-`` is standard output)."""
    check_options(options)
    report = TokenReport(where="CoNLL")
    n_total = total_of(docs, total)
    names = [name for name, _ in options.splits] or ["train"]
    with writing(out, "conll", directory=bool(options.splits)) as tmp:
        paths = {n: tmp / f"{n}.conll" for n in names} if options.splits else {"train": tmp}
        handles: dict[str, IO[str]] = {}
        used: set[str] = set()
        try:
            for n, p in paths.items():
                handles[n] = p.open("w", encoding="utf-8", newline="\n")
            for done, doc in enumerate(docs, 1):
                if cancelled():
                    raise Cancelled("export cancelled; nothing was written")
                split = split_of(doc, options.splits, options.seed)
                used.add(split)
                handles[split].write(_conll_text(doc, schema, options, report))
                progress(done, n_total)
        finally:
            for fh in handles.values():
                fh.close()
    final = {n: out / p.name for n, p in paths.items()} if options.splits else {"train": out}
    report.files = [str(p) for p in final.values()]
    report.empty_splits = [n for n in names if options.splits and n not in used]
    return report


def _conll_text(
    doc: DocumentAnnotations, schema: Schema, options: ExportOptions, report: TokenReport
) -> str:
    layer, tag_sents = tagged_sentences(doc, schema, options, report)
    if not layer.tokens:
        # CoNLL cannot hold a document without a token: a lone -DOCSTART- reads back as no
        # document at all, so it is left out here and reported
        report.documents -= 1
        report.documents_skipped[_NO_TOKEN_TO_WRITE] += 1
        return ""
    conll: dict[str, Any] = doc.document.meta.get("conll") or {}
    sep = conll.get("separator") if conll.get("separator") in ("\t", " ") else "\t"
    columns = conll.get("columns")
    # the middle columns of an imported file only fit while its tokens are unchanged
    if not (isinstance(columns, list) and len(columns) == len(layer.tokens) and not layer.n_split):
        columns = None
    words = layer.words()
    parts: list[str] = []
    if options.docstart:
        parts.append(str(conll.get("docstart") or DOCSTART) + "\n\n")
    for sent, tags in zip(layer.sentences, tag_sents, strict=True):
        for i, tag in zip(sent, tags, strict=True):
            middle = "".join(f"{c}{sep}" for c in columns[i]) if columns else ""
            parts.append(f"{words[i]}{sep}{middle}{tag}\n")
        parts.append("\n")
    return "".join(parts)


# -- import ------------------------------------------------------------------------------

STRAY = "`´'\"‘’“”,.;:!?~^|\\/-،؛؟"
"""punctuation that is typing noise at either end of a tag or its label (``B-MIS1```)"""
INVISIBLE = "\u200b\u200e\u200f\u061c\ufeff"
"""invisible marks that are noise at either end of a tag (a right-to-left mark after it)"""
_NOISE = STRAY + INVISIBLE
_REASONS = {
    "stray punctuation": Message("stray punctuation"),
    "invisible mark": Message("invisible mark"),
    "lower-case tag": Message("lower-case tag"),
    "lower-case prefix": Message("lower-case prefix"),
    "doubled separator": Message("doubled separator"),
}
"""what ``read_tag`` mended in a tag, as the report names it"""


def _reasons(why: Sequence[str]) -> Message:
    """``read_tag``'s reasons as one message, comma-separated ("doubled separator")."""
    out = _REASONS[why[-1]]
    for reason in reversed(why[:-1]):
        out = Message("{first}, {rest}", first=_REASONS[reason], rest=out)
    return out


_Tag = tuple[str | None, tuple[str, ...]]


def read_tag(raw: str, labels: Container[str] = frozenset()) -> _Tag:
    """What the tag ``raw`` stands for, and the repairs that reading needed.

    ``(raw, ())`` for a well-formed tag; ``(None, ())`` for one that cannot be read without a
    guess (``IO``, ``OO``, ``B-``, ``X-PER``). Only unambiguous noise is repaired, and only
    when what is left is a valid label name (``annotator.rules.label_name_problem``):
    stray punctuation or an invisible mark at either end (``B-MIS1``` → ``B-MIS1``), a doubled
    separator (``I--ORG`` → ``I-ORG``), a lower-case prefix (``b-PER`` → ``B-PER``).
    ``labels``: names that are labels as written (the schema's), never repaired."""
    prefix, sep, typ = raw[:1], raw[1:2], raw[2:]
    if raw == "O" or (prefix in "BIESLU" and sep == "-" and typ in labels):
        return raw, ()
    why: list[str] = []

    def strip(text: str) -> str:
        start = len(text) - len(text.lstrip(_NOISE))
        out = text.strip(_NOISE)
        removed = set(text[:start] + text[start + len(out) :])
        for what, chars in (("stray punctuation", STRAY), ("invisible mark", INVISIBLE)):
            if removed & set(chars) and what not in why:
                why.append(what)
        return out

    core = strip(raw)
    if core in ("O", "o"):
        if core == "o":
            why.append("lower-case tag")
        return "O", tuple(why)
    prefix, sep, typ = core[:1], core[1:2], core[2:]
    if sep != "-" or prefix not in "BIESLUbieslu":
        return None, ()
    if prefix.islower():
        why.append("lower-case prefix")
        prefix = prefix.upper()
    if typ.startswith("-"):
        why.append("doubled separator")
        typ = typ.lstrip("-")
    if typ not in labels:
        typ = strip(typ)
    if not typ or rules.label_name_problem(typ) is not None:
        return None, ()
    return f"{prefix}-{typ}", tuple(why)


def orphans(tags: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(index, message) for each ``I-`` (or BIOES ``E-``/``L-``) tag that continues no entity
    of its type: after ``O``, after another type, or at the start of a sentence. ``decode``
    reads each as the start of an entity (the IOB1 convention, and conlleval's reading)."""
    prev = "O"
    for i, tag in enumerate(tags):
        prefix, _, typ = tag.partition("-")
        if tag != "O" and prefix in "IEL":
            before, _, before_typ = prev.partition("-")
            if prev == "O" or before in "ESLU" or before_typ != typ:
                where = (
                    Message("at the start of a sentence")
                    if i == 0
                    else Message("after {tag}", tag=quoted(prev))
                )
                if prefix == "I":
                    yield (
                        i,
                        Message(
                            "tag {tag} {where} starts a new {label} entity (IOB1 convention)",
                            tag=quoted(tag),
                            where=where,
                            label=typ,
                        ),
                    )
                else:
                    yield (
                        i,
                        Message(
                            "tag {tag} {where} read as a one-token {label} entity",
                            tag=quoted(tag),
                            where=where,
                            label=typ,
                        ),
                    )
        prev = tag


@dataclass
class _Doc:
    line: int
    docstart: str = ""
    sentences: list[list[tuple[str, str, list[str], int]]] = field(default_factory=list)
    """per sentence: (token, tag, middle columns, line)"""


class _Reader:
    """Problems and changes of one file: ``problem`` skips (strict: raises), ``changed``
    records what a kept token became."""

    def __init__(self, source: str, strict: bool, result: ImportResult) -> None:
        self.source = source
        self.strict = strict
        self.result = result

    def problem(self, line: int, message: str) -> None:  # a Message, or English
        if self.strict:
            raise ImportFormatError(self.source, line, message)
        self.result.problems.append(Problem(self.source, line, bounded(message)))

    def changed(self, line: int, message: str) -> None:
        self.result.problems.append(Changed(self.source, line, bounded(message)))

    def unreadable(self, line: int, tag: str, why: Message, expected: bool = False) -> str:
        """``O`` for a tag that cannot be read (strict: an error); ``expected``: say what a
        tag looks like."""
        if self.strict:
            if expected:
                message = Message(
                    "tag {tag} {why}: expected O, or B-, I-, E- or S- and a label "
                    "(--lenient tags such a token O)",
                    tag=quoted(tag),
                    why=why,
                )
            else:
                message = Message(
                    "tag {tag} {why} (--lenient tags such a token O)", tag=quoted(tag), why=why
                )
            raise ImportFormatError(self.source, line, message)
        self.changed(line, Message("tag {tag} {why}; token tagged O", tag=quoted(tag), why=why))
        return "O"


def read_conll(
    path: Path,
    *,
    strict: bool = True,
    schema: Schema | None = None,
    scheme: str | None = None,
) -> ImportResult:
    """Read a CoNLL file; the scheme is detected unless given.

    Tags are read by ``read_tag``: unambiguous noise is repaired and each repair reported as
    a ``Changed`` with its line and what the tag became; an ``I-`` that continues no entity
    starts one (reported, unless the file is IOB1, where that is the convention). A tag that
    cannot be read is an error, or with ``strict=False`` the token is kept and tagged ``O``
    (reported). A line without a tag is an error, or skipped (reported). With ``schema`` a
    label outside it is a problem too."""
    if scheme is not None and scheme not in TAG_SCHEMES:
        raise ValueError(f"unknown tag scheme {scheme!r} ({', '.join(TAG_SCHEMES)})")
    path = Path(path)
    result = ImportResult()
    reader = _Reader(shown(path), strict, result)
    text = decode_text(path, read_file(path)).removeprefix("\ufeff")
    labels = frozenset(e.name for e in schema.entities) if schema else frozenset()
    docs, separator = _parse(text, scheme, labels, reader)
    used = scheme or detect_scheme([x[1] for x in s] for d in docs for s in d.sentences)
    stem = shown(path.stem)
    for k, d in enumerate(docs):
        name = stem if len(docs) == 1 else f"{stem}-{k + 1}"
        result.documents.append(_build(d, name, separator, used, schema, reader))
    # in line order: repairs are found while reading, orphans once a sentence is complete
    result.problems.sort(key=lambda p: p.line or 0)
    return result


def _parse(
    text: str, scheme: str | None, labels: frozenset[str], reader: _Reader
) -> tuple[list[_Doc], str]:
    separator: list[str] = []
    lines = _line_ends(enumerate(text.split("\n"), 1))
    docs = list(_parse_lines(lines, scheme, labels, reader, separator))
    return docs, (separator or ["\t"])[0]


def _parse_lines(
    lines: Iterable[tuple[int, str]],
    scheme: str | None,
    labels: frozenset[str],
    reader: _Reader,
    separator: list[str],
) -> Iterator[_Doc]:
    """The documents of numbered lines, each yielded once complete (those without a
    sentence are left out); ``separator`` gets the file's column separator when first seen."""
    allowed = _PREFIXES[scheme] if scheme else "BIESLU"
    doc = _Doc(line=1)
    sent: list[tuple[str, str, list[str], int]] = []
    known: dict[str, _Tag] = {}
    for n, line in lines:
        line = line.removesuffix("\r")
        if not line.strip() or line.startswith("-DOCSTART-"):
            if sent:
                doc.sentences.append(sent)
                sent = []
            if line.startswith("-DOCSTART-"):
                if doc.sentences or doc.docstart:
                    if doc.sentences:
                        yield doc
                    doc = _Doc(line=n)
                doc.docstart = line
                doc.line = n
            continue
        sep = "\t" if "\t" in line else " "
        cols = line.split("\t") if sep == "\t" else [c for c in line.split(" ") if c]
        if len(cols) < 2 or not cols[0].strip():
            reader.problem(
                n,
                Message(
                    "expected a token and a tag separated by a tab or space: {line}",
                    line=quoted(line),
                ),
            )
            continue
        first = not sent and not doc.sentences
        if "\r" in line or (first and cols[0].startswith("\ufeff")):
            # the stored text would drop or change these, and the kept tokens no longer fit
            reader.problem(
                n, "a token holds a carriage return or starts a document with a byte-order mark"
            )
            continue
        if not separator:
            separator.append(sep)
        raw = cols[-1]
        if raw not in known:
            known[raw] = read_tag(raw, labels)
        tag, why = known[raw]
        if tag is None:
            tag = reader.unreadable(n, raw, Message("not understood"), expected=True)
        elif why:
            reader.changed(
                n,
                Message(
                    "tag {tag} read as {read} ({why})",
                    tag=quoted(raw),
                    read=quoted(tag),
                    why=_reasons(why),
                ),
            )
        if tag != "O" and tag[0] not in allowed:
            tag = reader.unreadable(n, tag, Message("is not used by {scheme}", scheme=scheme))
        sent.append((cols[0], tag, cols[1:-1], n))
    if sent:
        doc.sentences.append(sent)
    if doc.sentences:
        yield doc


def stream_conll(
    path: Path,
    problems: list[Problem],
    *,
    strict: bool = True,
    schema: Schema | None = None,
    scheme: str | None = None,
    count: ByteCount | None = None,
) -> Iterator[ImportedDocument]:
    """``read_conll`` as a stream: documents are yielded as the file is read (one document
    held at a time, and the next one started), and problems appended to ``problems`` as
    they are found. Without ``scheme`` the file is read twice: once for its tags alone
    (``_tag_sentences`` into ``detect_scheme``, which stops at the first BIOES tag), then
    for its documents.

    ``count`` follows the reading for a progress report: ``size`` is the file's, ``done``
    moves through both readings (each counts half: the first is over when ``done`` reaches
    half the size), and ``count.on_read`` is called after each chunk read by either, so a
    report moves from the first megabyte even while the scheme is being found."""
    if scheme is not None and scheme not in TAG_SCHEMES:
        raise ValueError(f"unknown tag scheme {scheme!r} ({', '.join(TAG_SCHEMES)})")
    path = Path(path)
    result = ImportResult(problems=problems)
    reader = _Reader(shown(path), strict, result)
    labels = frozenset(e.name for e in schema.entities) if schema else frozenset()
    text_lines = TextLines(path)
    first = TextLines(path) if scheme is None else None
    if count is not None:
        count.size = text_lines.size

        def moved() -> None:
            if first is None:
                count.done = text_lines.done
            else:  # each reading is half of the work
                count.done = (min(first.done, first.size) + text_lines.done) // 2
            count.size = text_lines.size
            if count.on_read is not None:
                count.on_read()

        text_lines.on_read = moved
        if first is not None:
            first.on_read = moved
    used = scheme
    if first is not None:
        used = detect_scheme(_tag_sentences(_unmarked(first), labels))
        first.done = first.size = max(first.size, first.done)  # over, stopped early or not
    separator: list[str] = []
    stem = shown(path.stem)
    held: ImportedDocument | None = None
    k = 0
    mark = len(problems)
    assert used is not None
    for d in _parse_lines(_unmarked(text_lines), scheme, labels, reader, separator):
        # built as soon as it is complete (its problems then sorted by line, as read_conll
        # sorts them), named once it is known whether another document follows
        doc = _build(d, stem, (separator or ["\t"])[0], used, schema, reader)
        problems[mark:] = sorted(problems[mark:], key=lambda p: p.line or 0)
        mark = len(problems)
        if held is not None:
            k += 1
            held.name = f"{stem}-{k}"
            yield held
        held = doc
    if held is not None:
        held.name = stem if k == 0 else f"{stem}-{k + 1}"
        yield held


def _tag_sentences(lines: Iterable[tuple[int, str]], labels: frozenset[str]) -> Iterator[list[str]]:
    """The tags of each sentence as ``_parse_lines`` reads them without a scheme and with a
    lenient reader (a line it skips gives no tag, a tag it cannot read is ``O``), which is
    all ``detect_scheme`` asks; without building documents, tokens or problems (the first
    reading of ``stream_conll``). ``test_conll_scan`` holds it to ``_parse_lines``."""
    known: dict[str, str] = {}
    sent: list[str] = []
    begun = False  # a sentence of the current document is complete (_parse_lines' doc.sentences)
    for _, line in lines:
        line = line.removesuffix("\r")
        if not line.strip() or line.startswith("-DOCSTART-"):
            if sent:
                yield sent
                sent = []
                begun = True
            if line.startswith("-DOCSTART-"):
                begun = False
            continue
        cols = line.split("\t") if "\t" in line else [c for c in line.split(" ") if c]
        if len(cols) < 2 or not cols[0].strip():
            continue
        if "\r" in line or (not sent and not begun and cols[0].startswith("\ufeff")):
            continue
        raw = cols[-1]
        tag = known.get(raw)
        if tag is None:
            read, _ = read_tag(raw, labels)
            if read is None or (read != "O" and read[0] not in _PREFIXES["BIOES"]):
                read = "O"  # lenient: unreadable, or not a prefix of any scheme
            tag = known[raw] = read
        sent.append(tag)
    if sent:
        yield sent


def _unmarked(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """``lines`` with the byte-order mark of the first one dropped (``read_conll`` drops it
    from the text) and split at every line end (``_line_ends``)."""
    it = iter(lines)
    head = ((n, line.removeprefix("\ufeff")) for n, line in itertools.islice(it, 1))
    return _line_ends(itertools.chain(head, it))


def _line_ends(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """``lines`` (split at LF) split at every line end the documents know (docs/design/
    formats.md 1.3: CRLF and a lone CR end a line, as in a .txt or brat file): a file saved
    with lone CRs (old Mac) reads as lines, each numbered as an editor counts it, not as one
    line whose tokens hold a carriage return."""
    extra = 0  # the lone CRs met so far
    for n, line in lines:
        if "\r" not in line:
            yield n + extra, line
            continue
        parts = line.removesuffix("\r").split("\r")
        for k, part in enumerate(parts):
            yield n + extra + k, part
        extra += len(parts) - 1


def _build(
    d: _Doc,
    name: str,
    separator: str,
    scheme: str,
    schema: Schema | None,
    reader: _Reader,
) -> ImportedDocument:
    pieces: list[str] = []
    tokens: list[list[int]] = []
    bounds: list[list[int]] = []
    columns: list[list[str]] = []
    spans: list[ImportedSpan] = []
    pos = 0
    unknown: Counter[str] = Counter()
    for k, sent in enumerate(d.sentences):
        if k:
            pieces.append("\n")
            pos += 1
        first = len(tokens)
        for j, (tok, _, cols, _) in enumerate(sent):
            if j:
                pieces.append(" ")
                pos += 1
            pieces.append(tok)
            tokens.append([pos, pos + len(tok)])
            columns.append(cols)
            pos += len(tok)
        bounds.append([first, len(tokens)])
        tags = [x[1] for x in sent]
        if scheme != "IOB1":  # where an I- starting an entity is the rule, not a repair
            for i, message in orphans(tags):
                reader.changed(sent[i][3], message)
        for s, e, label in decode(tags, scheme):
            line = sent[s][3]
            if schema is not None and schema.entity(label) is None and not unknown[label]:
                reader.problem(
                    line,
                    Message(
                        "label {name} is not an entity label of the schema", name=quoted(label)
                    ),
                )
            unknown[label] += 1
            spans.append(
                ImportedSpan(
                    start=tokens[first + s][0],
                    end=tokens[first + e - 1][1],
                    label=label,
                    key=f"T{len(spans) + 1}",
                    line=line,
                )
            )
    conll: dict[str, Any] = {"scheme": scheme, "separator": separator}
    if d.docstart:
        conll["docstart"] = d.docstart
    if any(columns):
        conll["columns"] = columns
    return ImportedDocument(
        text="".join(pieces),
        name=name,
        meta={"tokens": tokens, "sentences": bounds, "conll": conll},
        spans=spans,
        source=reader.source,
        line=d.line,
    )


# -- telling a CoNLL file from plain text ------------------------------------------------

SNIFF_BYTES = 64 * 1024
"""how much of a file ``sniff`` reads"""


def sniff_text(sample: str) -> str:
    """``conll``, ``text`` or ``unsure`` for the start of a file's text.

    A line looks like CoNLL when it is ``-DOCSTART-...`` or has at least two fields (tab or
    space separated) and its last field is a tag ``read_tag`` understands (noise included).
    ``conll``: at least 90 % of the non-blank lines and at least two of them do; ``text``: under
    half of them do; anything between is ``unsure`` (the caller asks for ``--format``)."""
    lines = [ln for ln in sample.split("\n") if ln.strip()]
    like = 0
    for ln in lines:
        fields = ln.split()
        if ln.startswith("-DOCSTART-") or (len(fields) >= 2 and read_tag(fields[-1])[0]):
            like += 1
    if not lines or like * 2 < len(lines):
        return "text"
    return "conll" if like * 10 >= len(lines) * 9 and like >= 2 else "unsure"


def sniff(path: Path, *, follow: bool = True, limit: int = SNIFF_BYTES) -> str:
    """``sniff_text`` of the first ``limit`` bytes of ``path`` (a partial last line left out).

    Anything but a regular file (or a link to one when ``follow``), or a file that cannot be
    read, is ``text``: the reader then refuses it with the reason."""
    try:
        info = os.stat(path, follow_symlinks=follow)
        if not stat.S_ISREG(info.st_mode):
            return "text"
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError:
        return "text"
    if len(raw) > limit:
        raw = raw[:limit].rpartition(b"\n")[0]
    return sniff_text(raw.decode("utf-8", errors="replace").removeprefix("\ufeff"))


def sniff_folder(folder: Path) -> dict[str, list[Path]]:
    """The ``.txt`` files of a folder (those a plain-text import reads) by what ``sniff``
    finds from their first 8 KiB: ``conll``, ``text`` or ``unsure``."""
    found: dict[str, list[Path]] = {"conll": [], "text": [], "unsure": []}
    for f in walk(folder, (".txt",)):
        found[sniff(f, follow=False, limit=8 * 1024)].append(f)
    return found
