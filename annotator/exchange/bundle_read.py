"""Reading bundle files: one annotator's layer in a zip, treated as untrusted input.

Nothing is ever extracted to disk. Members are read by name from a fixed whitelist, after
checking the zip's directory: member count, declared sizes and compression ratio (zip bombs),
names with '..', absolute names, backslashes, symbolic links, duplicate names, encryption and
unknown compression are refused. Every member's sha256 and count must match the manifest,
every line is strict JSON (``annotator.safejson``: no NaN, no duplicate keys, no lone
surrogate or NUL, bounded depth). No pickle anywhere.

The content then goes through ``screen``, the one check shared with the merge of project
files (``annotator.exchange.merge`` turns another project's rows, a part of a table at a
time, into the same JSON values and checks them with ``screen``'s parts, ``Screener``):
exactly the expected fields and types, every name, id and label through ``annotator.rules``,
every text hashed again. Errors are ``ImportFormatError`` naming the file, the member (or
table) and the line.

The record line format is also the canonical form merging orders versions by
(``canonical_record``): sorted JSON of the whole record with the document's text hash in
place of the local document id.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from annotator import rules
from annotator.clock import is_stamp
from annotator.cycles import no_cycle_collection
from annotator.errors import ImportFormatError, Message, message_of, os_reason
from annotator.model import Argument, Event, Record, Relation, Span, Status
from annotator.safejson import UnsafeJSON, bad_string, loads, loads_lines
from annotator.schema import Schema
from annotator.text import normalise, sha256_text

BUNDLE_FORMAT = "annotator-bundle"
BUNDLE_VERSION = 1
MEMBERS = ("manifest.json", "schema.json", "documents.jsonl", "records.jsonl", "statuses.jsonl")
SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Limits:
    """What a bundle may not exceed (checked on the zip directory and again while reading)."""

    max_members: int = 16
    max_total_bytes: int = 4 * 1024**3
    """uncompressed size of a bundle; size of a project file to merge"""
    max_ratio: float = 100.0
    """uncompressed/compressed size of one member (only above ``ratio_floor`` bytes)"""
    ratio_floor: int = 64 * 1024
    max_documents: int = 1_000_000
    max_records: int = 20_000_000
    """records of all kinds (and, separately, statuses) in one bundle or project file"""


@dataclass(frozen=True)
class BundleManifest:
    """``manifest.json``: what the bundle holds and the sha256 of every other member."""

    format: str
    version: int
    annotator: str
    created: str
    include_text: bool
    counts: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "version": self.version,
            "annotator": self.annotator,
            "created": self.created,
            "include_text": self.include_text,
            "counts": self.counts,
            "checksums": self.checksums,
        }


@dataclass(frozen=True)
class BundleDocument:
    sha256: str
    name: str
    meta: dict[str, Any]
    text: str | None
    """None when the bundle carries only the hash"""


class BundleRecord(NamedTuple):
    """One record version, its document named by text hash (``record.doc_id`` is 0).

    A named tuple, not a dataclass: a bundle holds hundreds of thousands of them."""

    doc_sha: str
    record: Record
    line: int

    def canonical(self) -> str:
        return canonical_record(self.record, self.doc_sha)


@dataclass(frozen=True)
class BundleStatus:
    doc_sha: str
    annotator: str
    status: Status
    clock: str


@dataclass(frozen=True)
class Bundle:
    path: str
    manifest: BundleManifest
    schema: Schema
    documents: list[BundleDocument]
    records: list[BundleRecord]
    statuses: list[BundleStatus]


def canonical_record(record: Record, doc_sha: str) -> str:
    """The whole record as sorted, compact JSON, with ``doc`` (text hash) for ``doc_id``."""
    # field by field rather than dataclasses.asdict: this runs once per record of a bundle
    data = {name: getattr(record, name) for name in _NAMES[type(record)]}
    data["doc"] = doc_sha
    data["kind"] = _KIND_OF[type(record)]
    if isinstance(record, Span):
        data["fragments"] = [list(f) for f in record.fragments]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_KIND_OF: dict[type, str] = {Span: "spans", Event: "events", Argument: "arguments",
                             Relation: "relations"}  # fmt: skip
_NAMES: dict[type, tuple[str, ...]] = {
    t: tuple(f.name for f in dataclasses.fields(t) if f.name != "doc_id")
    for t in (Span, Event, Argument, Relation)
}
_COMMON: dict[str, type] = {"kind": str, "doc": str, "uuid": str, "annotator": str,
                            "clock": str, "deleted": bool}  # fmt: skip
_FIELDS: dict[str, dict[str, type]] = {
    "spans": {"start": int, "end": int, "label": str, "text": str, "attributes": dict,
              "note": str, "fragments": list},
    "events": {"type": str, "trigger": str, "attributes": dict, "note": str},
    "arguments": {"event": str, "role": str, "target": str},
    "relations": {"type": str, "source": str, "target": str, "attributes": dict, "note": str},
}  # fmt: skip
_IDS = {kind: ["uuid"] + [k for k in ("trigger", "event", "target", "source") if k in spec]
        for kind, spec in _FIELDS.items()}  # fmt: skip
_LABELS = {kind: [k for k in ("label", "type", "role") if k in spec]
           for kind, spec in _FIELDS.items()}  # fmt: skip
_SPECS = {kind: {**_COMMON, **fields} for kind, fields in _FIELDS.items()}
_SHAPES = {kind: (tuple(spec), tuple(spec.values())) for kind, spec in _SPECS.items()}
_CLASSES: dict[str, type[Record]] = {
    "spans": Span, "events": Event, "arguments": Argument, "relations": Relation,
}  # fmt: skip


_SPAN_FIELDS = ("uuid", "doc_id", "annotator", "start", "end", "label", "text", "attributes",
                "note", "fragments", "clock", "deleted")  # fmt: skip


def _maker(cls: type[Record]) -> Callable[[dict[str, Any]], Record]:
    """A record of ``cls`` from a dict holding exactly its fields, built as its dataclass
    ``__init__`` builds it (each field in the instance's ``__dict__``, in the order of the
    fields) without that ``__init__``, whose frozen ``object.__setattr__`` per field was half
    the time of reading a bundle's records (6 of 12 s for 500,000 spans). A class whose
    ``__init__`` does more (``__post_init__``, slots) is called as it is."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    if hasattr(cls, "__post_init__") or "__slots__" in vars(cls) or len(names) < 2:
        return lambda d: cls(**d)
    values = operator.itemgetter(*names)
    set_dict = object.__setattr__

    def make(d: dict[str, Any]) -> Record:
        record = cls.__new__(cls)
        set_dict(record, "__dict__", dict(zip(names, values(d), strict=False)))  # all there
        return record

    return make


def _make_span(d: dict[str, Any]) -> Span:
    """``_maker(Span)``, the fields written out (most records are spans)."""
    span = Span.__new__(Span)
    object.__setattr__(span, "__dict__", {
        "uuid": d["uuid"], "doc_id": d["doc_id"], "annotator": d["annotator"],
        "start": d["start"], "end": d["end"], "label": d["label"], "text": d["text"],
        "attributes": d["attributes"], "note": d["note"], "fragments": d["fragments"],
        "clock": d["clock"], "deleted": d["deleted"],
    })  # fmt: skip
    return span


_MAKE = {kind: _maker(cls) for kind, cls in _CLASSES.items()}
if tuple(f.name for f in dataclasses.fields(Span)) == _SPAN_FIELDS and not hasattr(
    Span, "__post_init__"
):  # (a field added to Span: the general maker until this one is told)
    _MAKE["spans"] = _make_span


def read_bundle(path: Path, limits: Limits = Limits()) -> Bundle:
    """Read and check a bundle completely; raises ImportFormatError on the first fault."""
    # what it makes is kept by the caller: no_cycle_collection promotes it when it ends, so
    # the collector's first young pass after this (it walked the million objects just made,
    # 1.3 s) need not examine them
    with no_cycle_collection():
        return _read_bundle(Path(path), limits)


def _read_bundle(path: Path, limits: Limits) -> Bundle:
    where = str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = _checked_directory(zf, where, limits)
            raw = {name: _read_member(zf, info, where, limits) for name, info in infos.items()}
    except zipfile.BadZipFile as exc:
        raise ImportFormatError(
            where,
            None,
            Message("not a readable bundle (bad zip: {problem})", problem=message_of(exc)),
        ) from exc
    except (OSError, EOFError) as exc:
        why = os_reason(exc) if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ImportFormatError(where, None, Message("cannot read: {why}", why=why)) from exc
    for name in MEMBERS:
        if name not in raw:
            raise ImportFormatError(where, None, Message("member {name} is missing", name=name))
    manifest = _manifest(_json(raw["manifest.json"], f"{where}:manifest.json"), where)
    for name in MEMBERS[1:]:
        if hashlib.sha256(raw[name]).hexdigest() != manifest.checksums.get(name):
            raise ImportFormatError(
                f"{where}:{name}", None, Message("checksum does not match manifest")
            )

    def section(name: str) -> tuple[str, Lines]:
        return f"{where}:{name}", _lines(raw[name], f"{where}:{name}", limits)

    content = RawContent(
        (f"{where}:schema.json", _json(raw["schema.json"], f"{where}:schema.json")),
        section("documents.jsonl"),
        [section("records.jsonl")],
        section("statuses.jsonl"),
    )
    checked = screen(content, limits, manifest.annotator)
    counts = Counter(map(_KIND_OF.__getitem__, map(type, map(_RECORD, checked.records))))
    actual = {"documents": len(checked.documents), "statuses": len(checked.statuses), **counts}
    for key, n in manifest.counts.items():
        if actual.get(key, 0) != n:
            raise ImportFormatError(
                f"{where}:manifest.json", None, Message("count of {key} differs", key=key)
            )
    for key, n in actual.items():
        if n and key not in manifest.counts:
            raise ImportFormatError(
                f"{where}:manifest.json", None, Message("count of {key} missing", key=key)
            )
    return Bundle(
        where, manifest, checked.schema, checked.documents, checked.records, checked.statuses
    )


# -- the one screen for bundles and project files -------------------------------------------
Lines = list[tuple[int, Any]]


class RawContent(NamedTuple):
    """A layer's content as read from an untrusted file and before any check: JSON values in
    the shape of a bundle's lines, each section with where it came from (a bundle member or
    a project file's table) so errors name it. The bundle reader produces this for
    ``screen``; the project-file reader (``annotator.exchange.merge``) gives the same values
    a part at a time to ``Screener``, whose checks ``screen`` makes."""

    schema: tuple[str, Any]
    documents: tuple[str, Lines]
    records: list[tuple[str, Lines]]
    """one section for a bundle's records.jsonl, one per table for a project file"""
    statuses: tuple[str, Lines]


class Screened(NamedTuple):
    """What ``screen`` accepted, typed: ready to merge."""

    schema: Schema
    documents: list[BundleDocument]
    records: list[BundleRecord]
    statuses: list[BundleStatus]


def screen(content: RawContent, limits: Limits, annotator: str | None = None) -> Screened:
    """Check untrusted content completely; raises ImportFormatError naming the member or
    table and line of the first fault. ``annotator``: the one layer a bundle may hold
    (a project file holds any number, each name checked by ``rules.annotator_problem``).

    Checked: the schema (``Schema.from_json`` with its ``problems()``, so every label, role
    and attribute name goes through ``rules.label_name_problem``); every document (fields and
    types, sha256 recomputed from the text, normalised text, its name through
    ``rules.document_name_problem``, one document per text); every record (exactly the fields
    of its kind with exactly their types, its document listed, ids through
    ``rules.uuid_problem``, labels, types and roles through ``rules.label_name_problem``,
    annotators through ``rules.annotator_problem``, clock stamps of the right shape, uuids
    used once per kind) and every status. How far ahead a stamp is, and whether a record
    fits the text and the schema, are judged by the merge (quarantine, not refusal)."""
    screener = Screener(limits, annotator)
    where, data = content.schema
    schema = screener.schema(data, where)
    docs = screener.documents(*content.documents)
    if sum(len(lines) for _, lines in content.records) > limits.max_records:
        where = content.records[0][0] if content.records else ""
        raise ImportFormatError(
            where, None, Message("more than {limit} records", limit=str(limits.max_records))
        )
    records: list[BundleRecord] = []
    for where, lines in content.records:  # a kind lives in one section: no uuid crosses them
        records += screener.records(where, lines)
    statuses = screener.statuses(*content.statuses)
    return Screened(schema, docs, records, statuses)


class Screener:
    """``screen``'s checks, for content read a part at a time (``annotator.exchange.merge``
    streams a project file's tables): each call checks one part of a section, in the order
    ``screen`` takes them (schema, documents, records, statuses), and remembers what the
    later parts are checked against: the document hashes, the counts (against ``limits``)
    and, with ``parts``, the uuids of each record section (a uuid is used once per kind).
    Without ``parts`` each section must come in one call (as ``screen`` gives them)."""

    def __init__(self, limits: Limits, annotator: str | None = None, parts: bool = False) -> None:
        self.limits, self.annotator, self.parts = limits, annotator, parts
        self.names = _Names()
        self.shas: Counter[str] = Counter()
        self.n_documents = self.n_records = self.n_statuses = 0
        self._uuids: dict[tuple[str, type], set[int | str]] = {}

    def schema(self, data: Any, where: str) -> Schema:
        return _schema(data, where)

    def documents(self, where: str, lines: Lines) -> list[BundleDocument]:
        self.n_documents += len(lines)
        if self.n_documents > self.limits.max_documents:
            raise ImportFormatError(
                where,
                None,
                Message("more than {limit} documents", limit=str(self.limits.max_documents)),
            )
        docs = [_document(d, where, n) for n, d in lines]
        here = Counter(d.sha256 for d in docs)
        for sha, n in here.items():
            if n > 1 or sha in self.shas:
                raise ImportFormatError(where, None, Message("document {sha256} twice", sha256=sha))
        self.shas.update(here)
        return docs

    def records(self, where: str, lines: Lines) -> list[BundleRecord]:
        self.n_records += len(lines)
        if self.n_records > self.limits.max_records:
            raise ImportFormatError(
                where,
                None,
                Message("more than {limit} records", limit=str(self.limits.max_records)),
            )
        annotator, shas, names = self.annotator, self.shas, self.names
        chunk = _good_records(lines, annotator, shas, names)
        if chunk is None:  # a fault somewhere: record by record, the first one raised
            chunk = [_record(d, where, n, annotator, shas, names) for n, d in lines]
        if self.parts:  # each id of the parts before kept compact: the parts' memory is freed
            uuids = self._uuids
            for r in chunk:
                seen = uuids.setdefault((where, type(r.record)), set())
                key = _compact_id(r.record.uuid)
                if key in seen:
                    raise ImportFormatError(
                        where, r.line, Message("uuid {uuid} appears twice", uuid=r.record.uuid)
                    )
                seen.add(key)
        elif len(set(map(_RECORD_UUID, chunk))) != len(chunk) and len(
            {(type(r.record), r.record.uuid) for r in chunk}
        ) != len(chunk):  # (ids all different: none twice in a kind, told at C speed)
            twice: set[tuple[type, str]] = set()
            for r in chunk:
                if (type(r.record), r.record.uuid) in twice:
                    raise ImportFormatError(
                        where, r.line, Message("uuid {uuid} appears twice", uuid=r.record.uuid)
                    )
                twice.add((type(r.record), r.record.uuid))
        return chunk

    def statuses(self, where: str, lines: Lines) -> list[BundleStatus]:
        self.n_statuses += len(lines)
        if self.n_statuses > self.limits.max_records:
            raise ImportFormatError(
                where,
                None,
                Message("more than {limit} statuses", limit=str(self.limits.max_records)),
            )
        annotator, shas, names = self.annotator, self.shas, self.names
        return [_status(d, where, n, annotator, shas, names) for n, d in lines]


_RECORD: Callable[[BundleRecord], Record] = operator.attrgetter("record")
_RECORD_UUID: Callable[[BundleRecord], str] = operator.attrgetter("record.uuid")
_LOWER_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _compact_id(uuid: str) -> int | str:
    """A record id as an int when it is a lowercase uuid (a third of the memory of the
    string, and one to one: an int never equals a str), else as it is."""
    return int(uuid.replace("-", ""), 16) if _LOWER_UUID.fullmatch(uuid) else uuid


class _Names:
    """Verdicts of the name rules, remembered: a layer repeats a few annotators and labels
    hundreds of thousands of times."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], str] = {}

    def check(self, value: str, what: str, where: str, line: int | None) -> None:
        problem = self.problem(value, what)
        if problem:
            raise ImportFormatError(where, line, problem)

    def problem(self, value: str, what: str) -> str:
        """The rule's message for ``value`` as a ``what`` ("" when it is good)."""
        key = (what, value)
        problem = self._seen.get(key)
        if problem is None:
            if what == "annotator":
                v = rules.annotator_problem(value)
            else:
                v = rules.label_name_problem(value, what)
            problem = self._seen[key] = "" if v is None else v.message
        return problem


_PLAIN_ID = re.compile(rf"[A-Za-z0-9_.:-]{{1,{rules.MAX_UUID}}}")
"""ids every rule accepts (uuid4s, bench ids): ``rules.uuid_problem`` needs not look closer"""


def _uuid(value: str, what: str, where: str, line: int | None) -> None:
    if _PLAIN_ID.fullmatch(value) is None:
        v = rules.uuid_problem(value, what)
        if v is not None:
            raise ImportFormatError(where, line, v.message)


def _schema(data: Any, where: str) -> Schema:
    try:
        return Schema.from_json(data, where)
    except Exception as exc:  # SchemaError or malformed content: report it as bad input
        message = message_of(exc)
        if (
            isinstance(message, Message)
            and message.template == "{source}: {problem}"
            and message.params["source"] == where
        ):
            message = message.params.get("problem", message)  # "{source}: {problem}"
        elif message.startswith(f"{where}: "):
            message = message[len(where) + 2 :]
        raise ImportFormatError(where, None, message or type(exc).__name__) from exc


def _checked_directory(zf: zipfile.ZipFile, where: str, limits: Limits) -> dict[str, Any]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise ImportFormatError(
            where, None, Message("too many members ({count})", count=str(len(infos)))
        )
    names = Counter(i.filename for i in infos)
    total = 0
    out: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if "\\" in name:
            raise ImportFormatError(
                where, None, Message("member name with a backslash: {name}", name=repr(name))
            )
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            raise ImportFormatError(
                where, None, Message("absolute member name: {name}", name=repr(name))
            )
        if ".." in name.split("/"):
            raise ImportFormatError(
                where, None, Message("member name leaves the bundle: {name}", name=repr(name))
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFormatError(
                where, None, Message("member is a link: {name}", name=repr(name))
            )
        if names[name] > 1:
            raise ImportFormatError(
                where, None, Message("duplicate member name: {name}", name=repr(name))
            )
        if name not in MEMBERS:
            raise ImportFormatError(
                where, None, Message("unexpected member: {name}", name=repr(name))
            )
        if info.flag_bits & 0x1:
            raise ImportFormatError(
                where, None, Message("encrypted member: {name}", name=repr(name))
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportFormatError(
                where, None, Message("unsupported compression in {name}", name=repr(name))
            )
        if info.file_size > limits.ratio_floor and (
            info.file_size > limits.max_ratio * max(info.compress_size, 1)
        ):
            raise ImportFormatError(
                where, None, Message("compression ratio of {name} is too high", name=repr(name))
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ImportFormatError(where, None, Message("bundle too large when uncompressed"))
        out[name] = info
    return out


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, limits: Limits) -> bytes:
    # the directory's sizes may lie: count what actually comes out and stop past the limit
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            size += len(chunk)
            if size > info.file_size or size > limits.max_total_bytes:
                raise ImportFormatError(
                    f"{where}:{info.filename}", None, Message("larger than declared")
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _json(data: bytes, where: str) -> Any:
    try:
        return loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ImportFormatError(where, None, Message("not UTF-8 text")) from exc
    except UnsafeJSON as exc:
        raise ImportFormatError(where, None, message_of(exc)) from exc


def _lines(data: bytes, where: str, limits: Limits) -> Lines:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(where, None, Message("not UTF-8 text")) from exc
    split = text.split("\n")
    del text
    if split and not split[-1]:
        split.pop()  # (the line break ending the last line)
    if "" in split:  # blank lines: numbered apart
        numbered = [(n, line) for n, line in enumerate(split, 1) if line]
        numbers, lines = [n for n, _ in numbered], [line for _, line in numbered]
        del numbered
    else:
        numbers, lines = list(range(1, len(split) + 1)), split
    if len(lines) <= limits.max_records:
        values = loads_lines(lines)  # every line good: at C speed, else None
        if values is not None:
            return list(zip(numbers, values, strict=True))
    out: Lines = []
    for n, line in zip(numbers, lines, strict=True):
        if len(out) >= limits.max_records:
            raise ImportFormatError(
                where, n, Message("more than {limit} lines", limit=str(limits.max_records))
            )
        try:
            value = loads(line)
        except UnsafeJSON as exc:
            raise ImportFormatError(where, n, message_of(exc)) from exc
        out.append((n, value))
    return out


def _expect(d: dict[str, Any], spec: Mapping[str, type], where: str, line: int | None) -> None:
    """Exactly the keys of ``spec``, each of exactly its type (so True is not an int)."""
    ok = len(d) == len(spec)  # same size and every spec key present: the same key set
    if ok:
        for key, kind in spec.items():
            if type(d.get(key)) is not kind:
                ok = False
                break
    if ok:
        return
    extra, missing = sorted(set(d) - set(spec)), sorted(set(spec) - set(d))
    if extra or missing:
        raise ImportFormatError(
            where,
            line,
            Message(
                "unexpected fields {extra} / missing {missing}",
                extra=str(extra),
                missing=str(missing),
            ),
        )
    for key, kind in spec.items():
        if type(d[key]) is not kind:
            raise ImportFormatError(
                where,
                line,
                Message("field {key} must be a {kind}", key=repr(key), kind=str(kind.__name__)),
            )


def _manifest(d: Any, where: str) -> BundleManifest:
    member = f"{where}:manifest.json"
    if not isinstance(d, dict):
        raise ImportFormatError(member, None, Message("expected a JSON object"))
    spec = {"format": str, "version": int, "annotator": str, "created": str,
            "include_text": bool, "counts": dict, "checksums": dict}  # fmt: skip
    _expect(d, spec, member, None)
    if d["format"] != BUNDLE_FORMAT:
        raise ImportFormatError(
            member,
            None,
            Message("not an annotator bundle ({format})", format=repr(d["format"][:40])),
        )
    if d["version"] > BUNDLE_VERSION:
        raise ImportFormatError(
            member,
            None,
            Message("made by a newer annotator (v{version})", version=str(d["version"])),
        )
    v = rules.annotator_problem(d["annotator"])
    if v is not None:
        raise ImportFormatError(member, None, v.message)
    if set(d["checksums"]) != set(MEMBERS[1:]) or not all(
        isinstance(v, str) and SHA.match(v) for v in d["checksums"].values()
    ):
        raise ImportFormatError(member, None, Message("checksums must list every member"))
    if not all(k in _COUNTED and type(v) is int and v >= 0 for k, v in d["counts"].items()):
        raise ImportFormatError(member, None, Message("counts must be integers of known kinds"))
    return BundleManifest(**d)


_COUNTED = frozenset(("documents", "statuses", *_FIELDS))


def _object(d: Any, where: str, line: int) -> dict[str, Any]:
    if not isinstance(d, dict):
        raise ImportFormatError(where, line, Message("expected a JSON object"))
    return d


def _document(value: Any, where: str, line: int) -> BundleDocument:
    d = _object(value, where, line)
    spec = {"sha256": str, "name": str, "meta": dict}
    if "text" in d:
        spec["text"] = str
    _expect(d, spec, where, line)
    if not SHA.match(d["sha256"]):
        raise ImportFormatError(where, line, Message("sha256 must be 64 lowercase hex digits"))
    v = rules.document_name_problem(d["name"])
    if v is not None:
        raise ImportFormatError(where, line, v.message)
    problem = bad_string(d["meta"])
    if problem:
        raise ImportFormatError(where, line, Message("meta: {problem}", problem=problem))
    text = d.get("text")
    if text is not None:
        problem = bad_string(text)
        if problem:
            raise ImportFormatError(where, line, Message("text: {problem}", problem=problem))
        if sha256_text(text) != d["sha256"]:
            raise ImportFormatError(where, line, Message("the text does not match its sha256"))
        if normalise(text).text != text:
            raise ImportFormatError(where, line, Message("the text is not normalised (CR or BOM)"))
    return BundleDocument(d["sha256"], d["name"], d["meta"], text)


def _record(
    value: Any,
    where: str,
    line: int,
    annotator: str | None,
    docs: Counter[str],
    names: _Names,
) -> BundleRecord:
    d = _object(value, where, line)
    kind = d.get("kind")
    if type(kind) is not str or kind not in _FIELDS:
        raise ImportFormatError(
            where, line, Message("unknown record kind {kind}", kind=repr(str(kind)[:40]))
        )
    keys, types = _SHAPES[kind]  # _expect's test, at C speed; _expect says what is wrong
    if len(d) != len(keys) or tuple(map(type, map(d.get, keys))) != types:
        _expect(d, _SPECS[kind], where, line)
    doc = d.pop("doc")
    del d["kind"]
    if doc not in docs:
        raise ImportFormatError(
            where, line, Message("refers to a document not listed in the bundle")
        )
    if annotator is not None and d["annotator"] != annotator:
        raise ImportFormatError(
            where, line, Message("record of another annotator than the manifest's")
        )
    names.check(d["annotator"], "annotator", where, line)
    if not is_stamp(d["clock"]):
        raise ImportFormatError(
            where, line, Message("bad clock stamp {stamp}", stamp=repr(d["clock"][:40]))
        )
    for key in _IDS[kind]:
        _uuid(d[key], _ID_WHAT[key], where, line)
    for key in _LABELS[kind]:
        names.check(d[key], _LABEL_WHAT[key], where, line)
    for key in ("note", "text"):  # (JSON values were checked by safejson: this is for tables)
        if key in d and "\x00" in d[key]:
            raise ImportFormatError(
                where, line, Message("a NUL character in {key} (not valid text)", key=key)
            )
    if kind == "spans" and d["fragments"]:
        frags = d["fragments"]
        if not all(
            type(f) is list and len(f) == 2 and all(type(x) is int for x in f) for f in frags
        ):
            raise ImportFormatError(where, line, Message("fragments must be [start, end] pairs"))
        d["fragments"] = tuple((f[0], f[1]) for f in frags)
    elif kind == "spans":
        d["fragments"] = ()
    d["doc_id"] = 0
    return BundleRecord(doc, _MAKE[kind](d), line)


def _good_records(
    lines: Lines, annotator: str | None, docs: Counter[str], names: _Names
) -> list[BundleRecord] | None:
    """``_record`` of every line when ``_record`` would find no fault in any, told a column
    at a time (one kind's values of a field together, at C speed where it can); None when
    a test fails, and nothing changed: ``_record`` then takes the lines one by one and
    raises the first fault. Each test here is ``_record``'s or a stricter one (stamps and
    ids in ASCII only, as every writer makes them)."""
    values = [d for _, d in lines]
    if not values or set(map(type, values)) != {dict}:
        return None
    kinds = [d.get("kind") for d in values]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for d, kind in zip(values, kinds, strict=True):
        if type(kind) is not str or kind not in _FIELDS:
            return None
        by_kind.setdefault(kind, []).append(d)
    for kind, group in by_kind.items():
        keys, types = _SHAPES[kind]
        n = len(keys)
        if not all(len(d) == n and tuple(map(type, map(d.get, keys))) == types for d in group):
            return None
        if not docs.keys() >= {d["doc"] for d in group}:
            return None
        layers = {d["annotator"] for d in group}
        if annotator is not None and layers != {annotator}:
            return None
        if any(names.problem(a, "annotator") for a in layers):
            return None
        if not _all_match(_ASCII_STAMP_LINES, [d["clock"] for d in group], 20):
            return None
        for key in _IDS[kind]:
            if not _all_match(_PLAIN_ID_LINES, [d[key] for d in group]):
                return None
        for key in _LABELS[kind]:
            if any(names.problem(x, _LABEL_WHAT[key]) for x in {d[key] for d in group}):
                return None
        for key in ("note", "text"):
            if key in keys and "\x00" in "".join([d[key] for d in group]):
                return None
        if kind == "spans":
            for d in group:
                frags = d["fragments"]
                if frags and not all(
                    type(f) is list and len(f) == 2 and all(type(x) is int for x in f)
                    for f in frags
                ):
                    return None
    out: list[BundleRecord] = []
    for (line, d), kind in zip(lines, kinds, strict=True):
        doc = d.pop("doc")
        del d["kind"]
        if kind == "spans":
            frags = d["fragments"]
            d["fragments"] = tuple((f[0], f[1]) for f in frags) if frags else ()
        d["doc_id"] = 0
        out.append(BundleRecord(doc, _MAKE[kind](d), line))
    return out


_ASCII_STAMP_LINES = re.compile(r"(?:[0-9]{13}\.[0-9]{6}\n)*")
_PLAIN_ID_LINES = re.compile(rf"(?:[A-Za-z0-9_.:-]{{1,{rules.MAX_UUID}}}\n)*")


def _all_match(lines: re.Pattern[str], texts: list[str], width: int = 0) -> bool:
    """Whether each of ``texts`` (without a line break) is a line ``lines`` matches: tested
    on the texts joined, one line each (the count of line breaks tells that no text held
    one); ``width``: each text's length, when fixed."""
    joined = "\n".join(texts) + "\n"
    if width and len(joined) != (width + 1) * len(texts):
        return False
    return joined.count("\n") == len(texts) and lines.fullmatch(joined) is not None


_ID_WHAT = {"uuid": "record id", "trigger": "trigger id", "event": "event id",
            "target": "target id", "source": "source id"}  # fmt: skip
_LABEL_WHAT = {"label": "label", "type": "type", "role": "role"}


def _status(
    value: Any,
    where: str,
    line: int,
    annotator: str | None,
    docs: Counter[str],
    names: _Names,
) -> BundleStatus:
    d = _object(value, where, line)
    _expect(d, {"doc": str, "annotator": str, "status": str, "clock": str}, where, line)
    if d["doc"] not in docs:
        raise ImportFormatError(
            where, line, Message("refers to a document not listed in the bundle")
        )
    if annotator is not None and d["annotator"] != annotator:
        raise ImportFormatError(
            where, line, Message("status of another annotator than the manifest's")
        )
    names.check(d["annotator"], "annotator", where, line)
    if not is_stamp(d["clock"]):
        raise ImportFormatError(
            where, line, Message("bad clock stamp {stamp}", stamp=repr(d["clock"][:40]))
        )
    try:
        status = Status(d["status"])
    except ValueError as exc:
        raise ImportFormatError(
            where, line, Message("unknown status {status}", status=repr(d["status"][:40]))
        ) from exc
    return BundleStatus(d["doc"], d["annotator"], status, d["clock"])
