"""brat standoff export: one NAME.txt + NAME.ann per document and an ``annotation.conf``.

Everything our model holds fits (see docs/design/formats.md A.4): overlapping and discontinuous
spans, events with repeated roles (``Theme``, ``Theme2``) and events as arguments, relations,
equivalences, attributes (``A``), normalisations (attributes named ``ref:DB`` → ``N`` lines)
and notes (``#`` AnnotatorNotes, one line per line of the note).

- Equivalences: relations of a type the schema marks symmetric and transitive (brat's
  ``<REL-TYPE>:symmetric-transitive``, as ``Equiv``; a type the schema lacks counts as one when
  it is called ``Equiv``) that carry no attributes or note are written as groups, one
  ``*\tEquiv T1 T2 T3`` line per set of spans they connect (the reader chains the set again).
- Normalisations: a ``ref:DB`` value holds one reference per line, ``ID`` or ``ID<TAB>text``;
  the text is the N line's own (``Wikipedia:64488\tCarlos Salinas de Gortari``), else the
  covered text is written (brat's default).

The files are a function of the records' content: lines in a stable order (spans by place,
then events, relations and the A/N/# lines of each record in that order; ids numbered in that
order), never by uuid or storage order, so exporting a project re-imported from the export
writes the same bytes. Type names go through the name table of ``annotator.formats.brat_conf``
because brat forbids ``:`` in them; types missing from the schema are added to the written
``annotation.conf`` so brat accepts every line, and so are the attribute values the .ann
files hold (brat reads no other): a free-text attribute is declared as an enum of the values
written, with a note that makes the reader read it as free text again. What brat cannot hold
is counted in the report: ``False`` attributes (brat's binary attributes are present or
absent), attribute values that are not single words or that annotation.conf cannot list
(``brat_conf.conf_word``; such a value of a schema's enum is left out of the conf too, and
the export goes on), and the carriage returns of notes (a CRLF or lone CR is written as a
line break: brat's ``#`` lines cannot hold one).

File names come from document names (``sub/doc.txt`` → ``sub/doc.txt`` + ``sub/doc.ann``): in
each path component, characters other than letters, digits,
``-``, ``_`` and ``.`` become ``_`` and leading/trailing dots go, so ``..`` and hidden names
cannot occur and nothing is written outside the output folder; paths are unique regardless of
case (``-2``, ``-3`` suffixes). Names survive a round trip: a document whose name is not its
file's (``rich-doc`` in ``rich-doc.txt``, an Arabic name made safe, a ``-2`` suffix) gets a
``# annotator-document: STEM -> "NAME"`` comment in annotation.conf (the name as JSON), which
brat ignores and the reader (``annotator.formats.brat``) names the document by; a folder
without such a line (another tool's, or an older export) names documents ``STEM.txt``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.errors import Message
from annotator.formats.brat_conf import brat_names, conf_word, write_annotation_conf
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
    quoted,
    split_of,
)
from annotator.formats.standoff import (
    DEFAULT_OPTIONS,
    Account,
    LiveDoc,
    each_document,
    live_view,
    references,
)
from annotator.model import DocumentAnnotations
from annotator.output import writing
from annotator.rules import is_reference
from annotator.schema import AttributeDef, EventType, Label, RelationType, Schema
from annotator.text import unique_name

EQUIV = "Equiv"
REF_PREFIX = "ref:"
_UNSAFE = re.compile(r"[^\w.\-]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)$", re.IGNORECASE)
MAX_NAME_BYTES = 150


# why a brat export drops an attribute of a record it writes
_FALSE_ATTRIBUTE = Message("false attribute (brat binary attributes are present or absent)")
_NOT_A_WORD = Message("attribute value that is not a single word")
_NOT_TRUE_OR_A_WORD = Message("attribute value that is not true or a word")
_NOT_IN_CONF = Message("attribute value that annotation.conf cannot list (brat reads no other)")
_CR_IN_NOTE = Message(
    "carriage return in a note, written as a line break (brat notes are one line each)"
)


def write_brat(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
) -> ExportReport:
    """Write a brat collection folder ``out`` (with split subfolders when ``options.splits``).

    ``out`` must be new, empty, or a previous brat export left as written (see
    ``annotator.output``); it is replaced as a whole when the export completes, never a folder
    of the user's (such as the folder of the source articles). Raises ``Cancelled`` (writing
    nothing) when asked.
    """
    out = Path(out)
    report = ExportReport()
    account = Account(report, CARRIES, "brat")
    names = BratNames(schema)
    taken: dict[str, set[str]] = {}
    renamed: dict[str, str] = {}  # file stem (under the output folder) -> document name
    with writing(out, "brat", directory=True) as tmp:
        for doc in each_document(docs, progress, cancelled, total):
            split = split_of(doc, options.splits, options.seed) if options.splits else ""
            folder = tmp / split if split else tmp
            stem = safe_stem(
                doc.document.name or f"doc-{doc.document.id}", taken.setdefault(split, set())
            )
            where = f"{split}/{stem}" if split else stem
            if doc.document.name and doc.document.name != f"{where}.txt":
                renamed[where] = doc.document.name
            live = live_view(doc, options, account, schema)
            (folder / stem).parent.mkdir(parents=True, exist_ok=True)
            (folder / f"{stem}.txt").write_bytes(doc.document.text.encode("utf-8"))
            ann = ann_text(doc.document.text, live, names, account)
            (folder / f"{stem}.ann").write_bytes(ann.encode("utf-8"))
            account.close(doc)
            report.documents += 1
        conf = names.conf_text(report) + "".join(document_note(k, v) for k, v in renamed.items())
        (tmp / "annotation.conf").write_bytes(conf.encode("utf-8"))
    report.files.append(str(out))
    return report


DOCUMENT_NOTE = re.compile(r"^# annotator-document: (.+?) -> (\".*\")$")
"""an annotation.conf line naming the document of a file stem (``document_note``)"""


def document_note(stem: str, name: str) -> str:
    """The annotation.conf line giving document ``name`` to the files ``stem``.txt/.ann (a stem
    holds no ``>``: ``safe_stem`` replaces it)."""
    return f"# annotator-document: {stem} -> {json.dumps(name, ensure_ascii=False)}\n"


def document_names(conf_text: str) -> dict[str, str]:
    """File stem → document name, from the ``document_note`` lines of an annotation.conf."""
    out: dict[str, str] = {}
    for line in conf_text.split("\n"):
        m = DOCUMENT_NOTE.match(line.rstrip("\r"))
        if m is None:
            continue
        try:
            name = json.loads(m.group(2))
        except ValueError:
            continue
        if isinstance(name, str) and name.strip():
            out[m.group(1)] = name
    return out


def safe_stem(name: str, taken: set[str]) -> str:
    """A relative path (``/``-separated, no suffix) for document ``name``, safe on any OS, inside
    the output folder and not yet in ``taken`` (compared without case)."""
    base = name.replace("\\", "/")
    if base.lower().endswith((".txt", ".ann")):
        base = base[:-4]
    parts = []
    for part in unicodedata.normalize("NFC", base).split("/"):
        # "..", "." and hidden names lose their dots, so nothing escapes or hides
        part = _UNSAFE.sub("_", part).strip("._ ")
        if _WINDOWS_RESERVED.match(part):
            part = f"_{part}"
        while len(part.encode("utf-8")) > MAX_NAME_BYTES:
            part = part[:-1]
        if part:
            parts.append(part)
    return unique_name("/".join(parts) or "doc", taken)


class BratNames:
    """Our type names → brat-safe names, from the conf writer's table.

    Types the schema lacks (labels used by records but since removed from the schema) are added
    to a copy of the schema as they are met, so the written annotation.conf declares them and
    its name table covers them.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.extended = schema
        self.table = brat_names(schema)
        self.values: dict[str, set[str]] = {}
        """attribute → the values (not ``True``) the .ann files hold, which annotation.conf
        must list (brat reads no other)"""

    def brat(self, name: str, kind: str) -> str:
        if name not in self.table and not _in_schema(self.extended, name, kind):
            self.extended = _with_type(self.extended, name, kind)
            self.table = brat_names(self.extended)
        return self.table.get(name, name)

    def attribute(self, name: str, value: str | bool) -> str:
        """The brat name of attribute ``name``, noting ``value`` for annotation.conf (the
        caller writes only values ``conf_word`` accepts)."""
        if isinstance(value, str):
            self.values.setdefault(name, set()).add(value)
        return self.brat(name, "attribute")

    def conf_text(self, report: ExportReport) -> str:
        """The annotation.conf text declaring the schema, every extra type met and every
        attribute value written; a schema's enum value it cannot list is left out and
        reported."""
        dropped: list[tuple[str, str]] = []
        text = write_annotation_conf(self.extended, self.values, dropped)[0]
        for name, value in dropped:
            report.drop(
                Message(
                    "attribute value {value} of {attribute} left out of annotation.conf "
                    "(brat cannot list it)",
                    value=quoted(value),
                    attribute=quoted(name),
                )
            )
        return str(text)


def _in_schema(schema: Schema, name: str, kind: str) -> bool:
    if kind == "attribute":
        return schema.attribute(name) is not None
    if kind == "relation":
        return schema.relation(name) is not None
    return schema.label(name) is not None


def _with_type(schema: Schema, name: str, kind: str) -> Schema:
    if kind == "attribute":
        return replace(schema, attributes=(*schema.attributes, AttributeDef(name)))
    if kind == "relation":
        equiv = name == EQUIV
        rel = RelationType(name, en=name, symmetric=equiv, transitive=equiv)
        return replace(schema, relations=(*schema.relations, rel))
    if kind == "event":
        return replace(schema, events=(*schema.events, EventType(name, en=name)))
    return replace(schema, entities=(*schema.entities, Label(name, en=name)))


CARRIES = ("attribute", "normalisation", "note", "fragments")
"""the parts of a record brat holds (it holds every record too)"""


def is_equivalence(rt: RelationType | None, name: str) -> bool:
    """Whether relations of this type are written as brat ``*`` groups."""
    return rt.symmetric and rt.transitive if rt is not None else name == EQUIV


def ann_text(text: str, live: LiveDoc, names: BratNames, account: Account) -> str:
    """The .ann lines of one document with text ``text`` (LF line ends, final newline)."""
    lines: list[str] = []
    ids: dict[str, str] = {}
    text_of: dict[str, str] = {}
    triggers = {ev.trigger for ev in live.events}
    for n, s in enumerate(live.spans, start=1):
        ids[s.uuid] = f"T{n}"
        frags = s.fragments or ((s.start, s.end),)
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        # brat's covered text is one line: line breaks inside a span are written as spaces
        covered = " ".join(text[a:b] for a, b in frags).replace("\n", " ")
        text_of[s.uuid] = covered
        # a trigger's type must be declared under [events], also when the schema lacks it
        kind = "event" if s.uuid in triggers or names.schema.event(s.label) else "entity"
        lines.append(f"T{n}\t{names.brat(s.label, kind)} {offsets}\t{covered}")
        account.wrote(s.uuid)
    for n, ev in enumerate(live.events, start=1):
        ids[ev.uuid] = f"E{n}"
    for ev in live.events:
        seen: Counter[str] = Counter()
        parts = [f"{names.brat(ev.type, 'event')}:{ids[ev.trigger]}"]
        for a in live.arguments[ev.uuid]:
            seen[a.role] += 1
            suffix = str(seen[a.role]) if seen[a.role] > 1 else ""
            parts.append(f"{a.role}{suffix}:{ids[a.target]}")
            account.wrote(a.uuid)
        lines.append(f"{ids[ev.uuid]}\t{' '.join(parts)}")
        account.wrote(ev.uuid)
    groups = _Groups()
    n_rel = 0
    for r in live.relations:
        rtype = names.brat(r.type, "relation")
        rt = names.extended.relation(r.type)
        account.wrote(r.uuid)
        plain = not r.attributes and not r.note and {r.source, r.target} <= text_of.keys()
        if plain and is_equivalence(rt, r.type):
            groups.join(rtype, ids[r.source], ids[r.target])
            continue
        n_rel += 1
        ids[r.uuid] = f"R{n_rel}"
        role1, role2 = (rt.arg1_role, rt.arg2_role) if rt else ("Arg1", "Arg2")
        lines.append(f"R{n_rel}\t{rtype} {role1}:{ids[r.source]} {role2}:{ids[r.target]}")
    lines += [f"*\t{rtype} {' '.join(members)}" for rtype, members in groups.lines()]
    tagged: list[tuple[str, dict[str, Any], str]] = [
        *((s.uuid, s.attributes, s.note) for s in live.spans),
        *((e.uuid, e.attributes, e.note) for e in live.events),
        *((r.uuid, r.attributes, r.note) for r in live.relations if r.uuid in ids),
    ]
    counts = Counter[str]()
    for uuid, attributes, note in tagged:
        lines += _tag_lines(ids[uuid], attributes, note, text_of.get(uuid), names, counts, account)
    return "".join(f"{line}\n" for line in lines)


class _Groups:
    """Equivalence sets per relation type (union-find over brat ids)."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, x: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, rtype: str, a: str, b: str) -> None:
        ra, rb = self.find((rtype, a)), self.find((rtype, b))
        if ra != rb:
            self.parent[max(ra, rb, key=_id_order)] = min(ra, rb, key=_id_order)

    def lines(self) -> list[tuple[str, list[str]]]:
        """(type, member ids in T order) per set, sets ordered by their first member."""
        sets: dict[tuple[str, str], list[str]] = {}
        for x in self.parent:
            sets.setdefault(self.find(x), []).append(x[1])
        out = [(rtype, sorted(m, key=lambda i: int(i[1:]))) for (rtype, _), m in sets.items()]
        return sorted(out, key=lambda g: (int(g[1][0][1:]), g[0]))


def _id_order(x: tuple[str, str]) -> tuple[str, int]:
    return (x[0], int(x[1][1:]))


def _tag_lines(
    ident: str,
    attributes: dict[str, Any],
    note: str,
    covered: str | None,
    names: BratNames,
    counts: Counter[str],
    account: Account,
) -> list[str]:
    lines: list[str] = []
    for name, value in sorted(attributes.items()):
        if is_reference(name):
            db = name[len(REF_PREFIX) :]
            for ref, own in references(value):
                counts["N"] += 1
                shown = (covered or "") if own is None else own.replace("\n", " ")
                lines.append(f"N{counts['N']}\tReference {ident} {db}:{ref}\t{shown}")
            continue
        if value is False:
            account.lose("attribute", _FALSE_ATTRIBUTE)
            continue
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            value = str(value)
            if len(value.split()) != 1 or value != value.strip():
                account.lose("attribute", _NOT_A_WORD)
                continue
            if not conf_word(value):  # brat reads only the values annotation.conf lists
                account.lose("attribute", _NOT_IN_CONF)
                continue
        elif value is not True:
            account.lose("attribute", _NOT_TRUE_OR_A_WORD)
            continue
        counts["A"] += 1
        tail = "" if value is True else f" {value}"
        lines.append(f"A{counts['A']}\t{names.attribute(name, value)} {ident}{tail}")
    if note:
        # one # line per line of the note; the reader joins them with line breaks again. A
        # CR cannot be carried: brat (and the reader) read CRLF and a lone CR as line ends.
        if "\r" in note:
            account.report.drop(_CR_IN_NOTE)
        for part in note.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            counts["#"] += 1
            lines.append(f"#{counts['#']}\tAnnotatorNotes {ident}\t{part}")
    return lines
