"""brat standoff import: a folder of NAME.txt + NAME.ann pairs (and annotation.conf).

``read_brat`` returns the documents; ``read_brat_folder`` also returns the schema read from the
folder's ``annotation.conf`` (``None`` when there is none). Writing lives in
``annotator.formats.brat_write`` and is re-exported here as ``write_brat``.

How each .ann line becomes our records:

- ``T`` → ``ImportedSpan``; ``start end;start end`` fragments → ``fragments`` (file order) with
  ``start``/``end`` the outer bounds. The covered text must equal the fragments joined by one
  space (line breaks inside a span compare as spaces, as our exporter writes them).
- ``E`` → ``ImportedEvent``; arguments may name events; a numbered repeated role (``Theme2``)
  becomes its base role unless the schema declares the numbered name.
- ``R`` → ``ImportedRelation`` (first argument = source); ``*\tEquiv T1 T2 T3`` → relations of
  that type chained T1→T2, T2→T3, which the writer groups into one ``*`` line again.
- ``A``/``M`` → ``attributes[name]`` = ``True`` (binary) or the value string.
- ``N`` → ``attributes["ref:DB"] = "ID"``, or ``"ID<TAB>text"`` when the line's text is not the
  covered text (``N1\tReference T5 Wikipedia:64488\tCarlos Salinas de Gortari``); several
  references to one DB are one per line of the value. The type is always brat's ``Reference``.
- ``#`` → ``note``; several notes on one annotation are joined by line breaks.

With an annotation.conf, every document carries its schema (``ImportedDocument.schema``): the
importer adds the labels it defines and the project lacks.

brat counts offsets in code points of the .txt as stored on disk, so ``\\r`` and a BOM count;
offsets are remapped onto the stored text (``annotator.text.normalise``). Type names are mapped
back to ours with the name table of ``annotator.formats.brat_conf`` (brat forbids ``:`` in them).
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import ImportFormatError
from annotator.formats.brat_conf import brat_names, read_annotation_conf
from annotator.formats.brat_write import document_names, write_brat
from annotator.formats.common import ImportResult, quoted
from annotator.formats.source import decode_text, read_file, shown, special_file, walk
from annotator.formats.standoff import RawOffsets
from annotator.imported import (
    ImportedDocument,
    ImportedEvent,
    ImportedRelation,
    ImportedSpan,
    Problem,
)
from annotator.schema import Schema
from annotator.text import normalise

__all__ = ["read_brat", "read_brat_folder", "write_brat"]

CONF = "annotation.conf"
_ROLE_NUMBER = re.compile(r"^(.*?\D)(\d+)$")
_ID = re.compile(r"^(?:[TERAMN#][^\s]*|\*)$")

Record = ImportedSpan | ImportedEvent | ImportedRelation


def read_brat(path: Path, *, strict: bool = True, schema: Schema | None = None) -> ImportResult:
    """Documents of a brat folder (searched recursively) or of one .ann/.txt pair."""
    return read_brat_folder(path, strict=strict, schema=schema)[0]


def read_brat_folder(
    path: Path, *, strict: bool = True, schema: Schema | None = None
) -> tuple[ImportResult, Schema | None]:
    """Like ``read_brat`` and also the schema of the folder's ``annotation.conf`` (or None).

    The conf's name table maps brat type names back to ours; without a conf, ``schema`` (if
    given) supplies it. ``schema`` (else the conf's) decides numbered role names.
    """
    path = Path(path)
    is_dir = path.is_dir()
    folder = path if is_dir else path.parent
    result = ImportResult()
    reader = _Reader(strict, result, {}, schema)
    conf_schema: Schema | None = None
    to_ours: dict[str, str] = {}
    conf = folder / CONF
    conf_text = reader.load(conf) if os.path.lexists(conf) else None
    if conf_text is not None:
        conf_schema, to_ours = read_annotation_conf(conf_text, shown(conf))
        reader.names = document_names(conf_text)
    elif schema is not None:
        to_ours = {b: o for o, b in brat_names(schema).items()}
    reader.to_ours = to_ours
    reader.schema = schema or conf_schema
    if is_dir:
        files = walk(path, (".txt", ".ann"), skip_hidden=True)
        bad = set()
        for f in files:
            problem = special_file(f)
            if problem:
                bad.add(_stem(f))
                reader.fail(None, problem, shown(f))
        stems = sorted({_stem(f) for f in files} - bad)
        for stem in stems:
            reader.read_pair(stem, stem.relative_to(path).as_posix())
    else:
        stem = _stem(path)
        if not any(map(os.path.lexists, (path, _with(stem, ".txt"), _with(stem, ".ann")))):
            # nothing by that name: say so as every reader does ("cannot read: No such file")
            reader.load(path, follow=True)
        else:
            reader.read_pair(stem, stem.name, named=path)
    for doc in result.documents:
        doc.schema = conf_schema
    return result, conf_schema


def _stem(path: Path) -> Path:
    """``a/doc.v2`` for ``a/doc.v2.txt`` or ``a/doc.v2.ann`` (only the last suffix goes)."""
    return path.with_name(path.name.removesuffix(".txt").removesuffix(".ann"))


def _with(stem: Path, suffix: str) -> Path:
    return stem.with_name(stem.name + suffix)


@dataclass
class _Doc:
    """Everything read from one .ann, by key, before references are checked."""

    records: dict[str, tuple[Record, int]] = field(default_factory=dict)
    equivs: list[tuple[str, list[str], int]] = field(default_factory=list)
    tags: list[tuple[str, str, str, str | bool, int]] = field(default_factory=list)
    """(kind A/N/#, name, target, value, line); an N value is ``ID<TAB>text``"""
    covered: dict[str, str] = field(default_factory=dict)
    """T id → its covered text as one .ann line holds it"""


class _Reader:
    def __init__(
        self, strict: bool, result: ImportResult, to_ours: dict[str, str], schema: Schema | None
    ) -> None:
        self.strict = strict
        self.result = result
        self.to_ours = to_ours
        self.schema = schema
        self.source = ""
        self.names: dict[str, str] = {}
        """file stem (relative to the folder read) → document name, from annotation.conf"""

    def fail(self, line: int | None, message: str, source: str = "") -> None:
        if self.strict:
            raise ImportFormatError(source or self.source, line, message)
        self.result.problems.append(Problem(source or self.source, line, message))

    def name(self, brat_name: str) -> str:
        return self.to_ours.get(brat_name, brat_name)

    def load(self, path: Path, *, follow: bool = False) -> str | None:
        """The text of ``path`` (never a link unless named by the user), or None when it is
        refused (strict: raised; lenient: reported)."""
        try:
            return decode_text(path, read_file(path, follow=follow))
        except ImportFormatError as exc:
            self.fail(exc.line, exc.message, exc.path)
            return None

    def read_pair(self, stem: Path, name: str, named: Path | None = None) -> None:
        txt, ann = _with(stem, ".txt"), _with(stem, ".ann")
        has_ann = os.path.lexists(ann)
        self.source = shown(ann if has_ann else txt)
        if not os.path.lexists(txt):
            self.fail(None, f"no text file {shown(txt.name)} beside {shown(ann.name)}")
            return
        data = self.load(txt, follow=txt == named)
        if data is None:
            return
        raw = RawOffsets(data)
        doc = ImportedDocument(
            text=raw.text,
            name=shown(self.names.get(name) or f"{name}.txt"),
            source=self.source,
            raw_sha256=normalise(data).raw_sha256,
        )
        if has_ann:
            ann_text = self.load(ann, follow=ann == named)
            if ann_text is None:
                return
            parsed = _Doc()
            for number, line in enumerate(normalise(ann_text).text.split("\n"), start=1):
                if line.strip():
                    self.parse_line(line, number, raw, parsed)
            self.resolve(parsed, doc)
        self.result.documents.append(doc)

    # -- one line ------------------------------------------------------------------------------
    def parse_line(self, line: str, number: int, raw: RawOffsets, doc: _Doc) -> None:
        fields = line.split("\t", 2)
        ident = fields[0]
        if len(fields) < 2 or not _ID.match(ident):
            self.fail(number, "not a brat annotation line (expected ID<TAB>...)")
            return
        kind, body = ident[0], fields[1]
        tail = fields[2] if len(fields) > 2 else ""
        words = body.split()
        if kind != "*" and ident in doc.records:
            self.fail(number, f"{ident} is defined twice")
            return
        if kind == "T":
            span = self.parse_span(body, tail, number, raw)
            if span is not None:
                span.key = ident
                doc.records[ident] = (span, number)
                frags = span.fragments or ((span.start, span.end),)
                doc.covered[ident] = " ".join(raw.text[a:b] for a, b in frags).replace("\n", " ")
        elif kind == "E":
            self.parse_event(ident, words, number, doc)
        elif kind == "R":
            if len(words) != 3 or not all(":" in w for w in words[1:]):
                self.fail(number, "relation needs TYPE Arg1:ID Arg2:ID")
                return
            src, dst = (w.rpartition(":")[2] for w in words[1:])
            rel = ImportedRelation(self.name(words[0]), src, dst, key=ident, line=number)
            doc.records[ident] = (rel, number)
        elif kind == "*":
            if len(words) < 3:
                self.fail(number, "equivalence needs TYPE and at least two IDs")
                return
            doc.equivs.append((self.name(words[0]), words[1:], number))
        elif kind in "AM":
            if len(words) not in (2, 3):
                self.fail(number, "attribute needs NAME ID [VALUE]")
                return
            value: str | bool = words[2] if len(words) == 3 else True
            doc.tags.append(("A", self.name(words[0]), words[1], value, number))
        elif kind == "N":
            if len(words) != 3 or ":" not in words[2]:
                self.fail(number, "normalisation needs TYPE ID DB:ID")
                return
            db, _, ref = words[2].partition(":")
            doc.tags.append(("N", f"ref:{db}", words[1], f"{ref}\t{tail}", number))
        else:  # "#"
            if len(words) != 2:
                self.fail(number, "note needs TYPE ID<TAB>text")
                return
            doc.tags.append(("#", words[0], words[1], tail, number))

    def parse_span(self, body: str, tail: str, number: int, raw: RawOffsets) -> ImportedSpan | None:
        label, _, offsets = body.partition(" ")
        frags: list[tuple[int, int]] = []
        for part in offsets.split(";"):
            bounds = part.split()
            if len(bounds) != 2 or not all(b.isascii() and b.isdigit() for b in bounds):
                self.fail(number, f"bad offsets {quoted(offsets)} (expected START END[;START END])")
                return None
            if any(len(x) > 18 for x in bounds):  # int() of 4300+ digits raises
                self.fail(number, f"offsets {quoted(part)} are outside the text")
                return None
            a, b = int(bounds[0]), int(bounds[1])
            if not a < b <= len(raw.raw):
                self.fail(number, f"offsets {a} {b} are empty or outside the text")
                return None
            frags.append((a, b))
        ordered = sorted(frags)
        if any(x[1] > y[0] for x, y in itertools.pairwise(ordered)):
            self.fail(number, f"fragments {quoted(offsets)} overlap")
            return None
        if frags != ordered:
            # brat lists a discontinuous span's fragments left to right in the text
            self.fail(
                number,
                f"fragments {quoted(offsets)} are out of order (brat lists them by start offset)",
            )
            return None
        covered = " ".join(raw.raw[a:b] for a, b in frags)
        if tail and _flat(covered) != _flat(tail):
            self.fail(number, f"covered text {quoted(covered)} does not match {quoted(tail)}")
            return None
        stored = [(raw.stored(a), raw.stored(b)) for a, b in frags]
        if any(a >= b for a, b in stored):
            self.fail(number, "a fragment covers only a removed line-end character")
            return None
        start, end = min(a for a, _ in stored), max(b for _, b in stored)
        return ImportedSpan(
            start=start,
            end=end,
            label=self.name(label),
            fragments=tuple(stored) if len(stored) > 1 else (),
            line=number,
        )

    def parse_event(self, ident: str, words: list[str], number: int, doc: _Doc) -> None:
        if not words or not all(":" in w for w in words):
            self.fail(number, "event needs TYPE:TRIGGER [ROLE:ID ...]")
            return
        etype, _, trigger = words[0].rpartition(":")
        event = ImportedEvent(self.name(etype), trigger, key=ident, line=number)
        for w in words[1:]:
            role, _, target = w.rpartition(":")
            event.arguments.append((self.role(event.type, role), target))
        doc.records[ident] = (event, number)

    def role(self, event_type: str, role: str) -> str:
        """``Theme2`` → ``Theme`` (brat numbers repeated roles), except that a numbered name the
        schema declares stays (``Arg1``), also when numbered itself (``Arg12`` → ``Arg1``)."""
        m = _ROLE_NUMBER.match(role)
        if m is None:
            return role
        et = self.schema.event(event_type) if self.schema else None
        if et is not None:
            for cut in range(len(role), len(m.group(1)) - 1, -1):
                if et.role(role[:cut]) is not None:
                    return role[:cut]
        return m.group(1)

    # -- references ----------------------------------------------------------------------------
    def resolve(self, parsed: _Doc, doc: ImportedDocument) -> None:
        recs = parsed.records
        spans = {k: r for k, (r, _) in recs.items() if isinstance(r, ImportedSpan)}
        events = {k: r for k, (r, _) in recs.items() if isinstance(r, ImportedEvent)}
        # drop events with a missing trigger until none is left (events can fill events)
        changed = True
        while changed:
            changed = False
            for key, ev in list(events.items()):
                if ev.trigger not in spans:
                    self.fail(
                        ev.line, f"{key}: trigger {ev.trigger} is not a text-bound annotation"
                    )
                    del events[key]
                    changed = True
                    continue
                missing = [t for _, t in ev.arguments if t not in spans and t not in events]
                if missing:
                    self.fail(ev.line, f"{key}: unknown argument {missing[0]}")
                    ev.arguments = [(r, t) for r, t in ev.arguments if t in spans or t in events]
                    changed = True
        ends = spans.keys() | events.keys()
        relations: dict[str, ImportedRelation] = {}
        for key, (rec, line) in recs.items():
            if isinstance(rec, ImportedRelation):
                if {rec.source, rec.target} <= ends:
                    relations[key] = rec
                else:
                    unknown = [t for t in (rec.source, rec.target) if t not in ends]
                    self.fail(line, f"{key}: unknown argument {' and '.join(unknown)}")
        equivs: list[ImportedRelation] = []
        for etype, ids, line in parsed.equivs:
            if not set(ids) <= spans.keys():
                self.fail(
                    line,
                    f"equivalence names unknown IDs {', '.join(sorted(set(ids) - spans.keys()))}",
                )
                continue
            equivs += [ImportedRelation(etype, a, b, line=line) for a, b in itertools.pairwise(ids)]
        targets: dict[str, Record] = {**spans, **events, **relations}
        notes: dict[str, list[str]] = {}
        for kind, name, target, value, line in parsed.tags:
            if target not in targets:
                self.fail(line, f"{name} refers to unknown annotation {target}")
                continue
            rec = targets[target]
            if kind == "#":
                notes.setdefault(target, []).append(str(value))
            elif kind == "N":
                ref, _, text = str(value).partition("\t")
                # the covered text (spans) or nothing (events, relations) is brat's default
                entry = ref if text == parsed.covered.get(target, "") else f"{ref}\t{text}"
                old = rec.attributes.get(name)
                rec.attributes[name] = entry if old is None else f"{old}\n{entry}"
            elif name in rec.attributes:
                self.fail(line, f"attribute {name} of {target} is given twice")
            else:
                rec.attributes[name] = value
        for target, texts in notes.items():
            targets[target].note = "\n".join(texts)
        doc.spans = list(spans.values())
        doc.events = list(events.values())
        doc.relations = [*relations.values(), *equivs]


def _flat(text: str) -> str:
    """Covered text as one .ann line can hold it: line breaks compare as spaces."""
    return text.replace("\r", " ").replace("\n", " ")
