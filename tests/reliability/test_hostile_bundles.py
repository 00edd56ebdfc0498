"""Issue 9, merge: hostile bundles are refused in one line or merged clean, never a traceback.

A sound bundle of a colleague's layer is damaged the ways a hostile or broken tool could: the
zip itself (zip-slip names, links, duplicate names, bombs by ratio and by total size, sizes
that lie, encryption, unknown compression, strangers, missing members), the manifest (lying
checksums and counts, bad JSON, names), and the content, forged with correct checksums
(bad JSON, lone surrogates and NUL in labels, notes and attributes, oversized names, records
pointing at documents not listed, texts that do not match their hash, bad clocks...).

Reading and merging each must end in one of:

- refused: an ``AnnotatorError`` (one line naming the bundle), nothing extracted anywhere,
  and the project exactly as it was;
- accepted: the project reopens and ``check_project`` finds nothing (but what a quarantined
  record leaves behind: a trigger span whose event was held back); what breaks a rule is
  in the quarantine with the rule's message.

Outcomes go to the shared tally (``tests/reliability/conftest.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import AnnotatorError
from annotator.exchange import DEFAULT_LIMITS, merge_bundle, read_bundle
from annotator.exchange.bundle_read import MEMBERS, Limits
from annotator.exchange.bundle_write import write_bundle
from annotator.model import Status
from annotator.project import Project
from annotator.text import sha256_text
from annotator.validation import check_project
from tests.reliability.conftest import Tally, merge_snapshot

TEXT = "اعتقلت الشرطة محمد علي في بغداد يوم الأحد بعد اجتماع في الوزارة."
TEXT2 = "وصل الوفد إلى القاهرة صباح اليوم."
FAR = "9999999999999.999999"
Members = dict[str, bytes]


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@dataclass
class Base:
    bundle: Path
    target: Path
    members: Members


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Base]:
    folder = tmp_path_factory.mktemp("hostile-bundles")
    with Project.create(folder / "colleague.annotator") as p:
        doc = p.add_document(TEXT, name="arrest")
        other = p.add_document(TEXT2, name="delegation")
        per = p.add_span(doc.id, *_at(TEXT, "محمد علي"), "PER", "badr", {"MentionType": "NAM"})
        gpe = p.add_span(doc.id, *_at(TEXT, "بغداد"), "GPE", "badr", note="المدينة")
        trg = p.add_span(doc.id, *_at(TEXT, "اعتقلت"), "Justice.Arrest-Jail", "badr")
        ev = p.add_event(trg.uuid)
        p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_argument(ev.uuid, "Place", gpe.uuid)
        p.add_relation("PHYS", per.uuid, gpe.uuid)
        p.delete_span(p.add_span(doc.id, *_at(TEXT, "الشرطة"), "ORG", "badr").uuid)
        p.add_span(other.id, *_at(TEXT2, "القاهرة"), "GPE", "badr")
        p.set_status(doc.id, "badr", Status.DONE)
        write_bundle(p, "badr", folder / "badr.bundle")
    with Project.create(folder / "target.annotator") as p:
        doc = p.add_document(TEXT, name="arrest (mine)")
        mine = p.add_span(doc.id, *_at(TEXT, "بغداد"), "GPE", "amal")
        trg = p.add_span(doc.id, *_at(TEXT, "اجتماع"), "Contact.Meet", "amal")
        p.add_argument(p.add_event(trg.uuid).uuid, "Place", mine.uuid)
    with zipfile.ZipFile(folder / "badr.bundle") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    yield Base(folder / "badr.bundle", folder / "target.annotator", members)
    shutil.rmtree(folder, ignore_errors=True)


# -- making hostile bundles ----------------------------------------------------------------------
Entry = tuple[zipfile.ZipInfo | str, bytes]
Make = Callable[[Path, Members], None]


def _write_zip(path: Path, entries: list[Entry], compression: int = zipfile.ZIP_DEFLATED) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we want
        with zipfile.ZipFile(path, "w", compression) as zf:
            for info, data in entries:
                zf.writestr(info, data)


def _with_checksums(members: Members, counts: bool = False) -> Members:
    """A consistent forgery: the manifest's checksums (and, if asked, counts) recomputed."""
    manifest = json.loads(members["manifest.json"])
    for name in MEMBERS[1:]:
        manifest["checksums"][name] = hashlib.sha256(members[name]).hexdigest()
    if counts:
        kinds: dict[str, int] = {}
        for line in members["records.jsonl"].splitlines():
            kind = json.loads(line).get("kind")
            kinds[kind] = kinds.get(kind, 0) + 1
        manifest["counts"].update(kinds)
    return {**members, "manifest.json": json.dumps(manifest).encode()}


def zipped(*extra: Entry, drop: tuple[str, ...] = (), compression: int = zipfile.ZIP_DEFLATED,
           ) -> Make:  # fmt: skip
    """The sound members (minus ``drop``) plus ``extra`` entries, zipped as given."""

    def make(path: Path, members: Members) -> None:
        entries: list[Entry] = [(n, d) for n, d in members.items() if n not in drop]
        _write_zip(path, entries + list(extra), compression)

    return make


def lines(member: str, edit: Callable[[list[dict[str, Any]]], list[Any]],
          forge: bool = True, counts: bool = True) -> Make:  # fmt: skip
    """Edit the JSON lines of a member; ``forge``: with checksums (and counts) made to fit."""

    def make(path: Path, members: Members) -> None:
        rows = [json.loads(x) for x in members[member].splitlines() if x.strip()]
        out = [x if isinstance(x, str) else json.dumps(x) for x in edit(rows)]
        changed = {**members, member: ("\n".join(out) + "\n").encode()}
        if forge:
            changed = _with_checksums(changed, counts)
        _write_zip(path, list(changed.items()))

    return make


def text(member: str, old: str, new: str, forge: bool = True) -> Make:
    """Replace text in a member (raw, so invalid JSON can be written)."""

    def make(path: Path, members: Members) -> None:
        data = members[member].decode()
        assert old in data, (member, old)
        changed = {**members, member: data.replace(old, new, 1).encode()}
        _write_zip(path, list((_with_checksums(changed) if forge else changed).items()))

    return make


def manifest(edit: Callable[[dict[str, Any]], None]) -> Make:
    def make(path: Path, members: Members) -> None:
        data = json.loads(members["manifest.json"])
        edit(data)
        _write_zip(path, list({**members, "manifest.json": json.dumps(data).encode()}.items()))

    return make


def patched(offsets: Callable[[bytes], list[tuple[int, bytes]]]) -> Make:
    """The sound bundle with bytes of its zip structures overwritten."""

    def make(path: Path, members: Members) -> None:
        _write_zip(path, list(members.items()))
        data = bytearray(path.read_bytes())
        for at, new in offsets(bytes(data)):
            data[at : at + len(new)] = new
        path.write_bytes(bytes(data))

    return make


def _central(data: bytes, name: str) -> int:
    """Offset of the central directory header of member ``name`` (walked from the end of
    central directory record, so no compressed byte is mistaken for a header)."""
    end = data.rindex(b"PK\x05\x06")
    at = int.from_bytes(data[end + 16 : end + 20], "little")
    while data[at : at + 4] == b"PK\x01\x02":
        n, m, k = (int.from_bytes(data[at + o : at + o + 2], "little") for o in (28, 30, 32))
        if data[at + 46 : at + 46 + n] == name.encode():
            return at
        at += 46 + n + m + k
    raise AssertionError(f"no member {name}")


def _lying_size(data: bytes) -> list[tuple[int, bytes]]:
    at = _central(data, "records.jsonl")  # declares 10 bytes; holds kilobytes
    local = int.from_bytes(data[at + 42 : at + 46], "little")
    small = (10).to_bytes(4, "little")
    return [(at + 24, small), (local + 22, small)]


def _encrypted(data: bytes) -> list[tuple[int, bytes]]:
    at = _central(data, "records.jsonl")
    return [(at + 8, (int.from_bytes(data[at + 8 : at + 10], "little") | 1).to_bytes(2, "little"))]


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def records(edit: Callable[[dict[str, Any]], Any], which: Callable[[dict[str, Any]], bool],
            counts: bool = True) -> Make:  # fmt: skip
    """Edit the record lines ``which`` selects (``edit`` returns the new line or lines)."""

    def each(rows: list[dict[str, Any]]) -> list[Any]:
        out: list[Any] = []
        for row in rows:
            if which(row):
                new = edit(dict(row))
                out += new if isinstance(new, list) else [new]
            else:
                out.append(row)
        return out

    return lines("records.jsonl", each, counts=counts)


def is_(**fields: Any) -> Callable[[dict[str, Any]], bool]:
    return lambda row: all(row.get(k) == v for k, v in fields.items())


def setting(**fields: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda row: {**row, **fields}


PER = is_(kind="spans", label="PER")
GPE = is_(kind="spans", label="GPE", note="المدينة")
EVENT = is_(kind="events")
PLACE = is_(kind="arguments", role="Place")
TEXT2_SHA = sha256_text(TEXT2)


def schema(edit: Callable[[dict[str, Any]], None]) -> Make:
    def make(path: Path, members: Members) -> None:
        data = json.loads(members["schema.json"])
        edit(data)
        changed = {**members, "schema.json": json.dumps(data).encode()}
        _write_zip(path, list(_with_checksums(changed).items()))

    return make


def _add_weapon(data: dict[str, Any]) -> None:
    data["entities"].append({"name": "WEAPON-X", "en": "weapon x", "color": "#123456"})


def both(*makes: Make) -> Make:
    """Apply ``makes`` in turn, each to the members the one before wrote."""

    def make(path: Path, members: Members) -> None:
        current = members
        for i, step in enumerate(makes):
            step(path, current)
            if i < len(makes) - 1:
                with zipfile.ZipFile(path) as zf:
                    current = {n: zf.read(n) for n in zf.namelist()}

    return make


def _with_cr(row: dict[str, Any]) -> dict[str, Any]:
    if row["sha256"] != TEXT2_SHA:
        return row
    return {**row, "text": row["text"] + "\r", "sha256": sha256_text(row["text"] + "\r")}


def _far_future(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "clock": FAR}


@dataclass(frozen=True)
class Case:
    make: Make
    refused: str = ""
    quarantined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    """the kinds of problem ``check`` then lists (what a quarantined record leaves behind)"""
    limits: Limits = DEFAULT_LIMITS


NAN = '"x":NaN,'
CASES: dict[str, Case] = {
    # the zip
    "zip-slip ../": Case(zipped(("../evil.jsonl", b"x")), r"leaves the bundle"),
    "zip-slip nested": Case(zipped(("docs/../../evil", b"x")), r"leaves the bundle"),
    "absolute name": Case(zipped(("/etc/passwd", b"x")), r"absolute member name"),
    "drive letter": Case(zipped(("C:/evil", b"x")), r"absolute member name"),
    "backslash": Case(zipped(("..\\evil", b"x")), r"backslash"),
    "symlink member": Case(
        zipped((_link("records.jsonl"), b"/etc/passwd"), drop=("records.jsonl",)), r"is a link"
    ),
    "symlink stranger": Case(zipped((_link("x"), b"/etc/passwd")), r"is a link"),
    "duplicate member names": Case(
        zipped(("records.jsonl", b"")), r"duplicate member name: 'records\.jsonl'"
    ),
    "too many members": Case(zipped(*((f"m{i}", b"") for i in range(20))), r"too many members"),
    "zip bomb by ratio": Case(
        zipped(("records.jsonl", b"\x00" * 20_000_000), drop=("records.jsonl",)),
        r"compression ratio of 'records\.jsonl' is too high",
    ),
    "zip bomb by total size": Case(
        zipped(), r"too large when uncompressed", limits=Limits(max_total_bytes=2000)
    ),
    "sizes that lie": Case(patched(_lying_size), r"bad zip|larger than declared|Bad CRC"),
    "encrypted member": Case(patched(_encrypted), r"encrypted member"),
    "unknown compression": Case(zipped(compression=zipfile.ZIP_BZIP2), r"unsupported compression"),
    "a stranger member": Case(zipped(("payload.pkl", b"cos\nsystem\n")), r"unexpected member"),
    "a member missing": Case(
        zipped(drop=("statuses.jsonl",)), r"member statuses\.jsonl is missing"
    ),
    "not a zip": Case(lambda p, m: p.write_bytes(b"PK\x03\x04 not really"), r"not a readable"),
    "empty file": Case(lambda p, m: p.write_bytes(b""), r"not a readable"),
    "truncated zip": Case(
        both(zipped(), lambda p, m: p.write_bytes(p.read_bytes()[:-200])), r"not a readable"
    ),
    # the manifest
    "lying checksum": Case(
        text("statuses.jsonl", '"done"', '"new"', forge=False),
        r"statuses\.jsonl: checksum does not match",
    ),
    "checksum list incomplete": Case(
        manifest(lambda d: d["checksums"].pop("schema.json")), r"checksums must list every"
    ),
    "lying count": Case(
        manifest(lambda d: d["counts"].update(spans=99)), r"count of spans differs"
    ),
    "count missing": Case(
        manifest(lambda d: d["counts"].pop("events")), r"count of events missing"
    ),
    "count of an unknown kind": Case(
        manifest(lambda d: d["counts"].update(pickles=0)), r"counts must be integers"
    ),
    "manifest not JSON": Case(
        zipped(("manifest.json", b"{oops"), drop=("manifest.json",)),
        r"manifest\.json: invalid JSON",
    ),
    "manifest not an object": Case(
        zipped(("manifest.json", b"[]"), drop=("manifest.json",)), r"expected a JSON object"
    ),
    "another format": Case(
        manifest(lambda d: d.update(format="pickle")), r"not an annotator bundle"
    ),
    "newer version": Case(manifest(lambda d: d.update(version=99)), r"newer annotator"),
    "manifest annotator with U+202E": Case(
        manifest(lambda d: d.update(annotator="badr\u202e")), r"annotator name .* U\+202E"
    ),
    # content (consistent forgeries: checksums and counts fit)
    "NaN": Case(text("records.jsonl", '"clock":', NAN + '"clock":'), r"NaN is not allowed"),
    "duplicate key": Case(
        text("records.jsonl", '"clock":', '"clock":"1",' + '"clock":'), r"duplicate key"
    ),
    "invalid JSON line": Case(text("records.jsonl", "{", "{{"), r"records\.jsonl:1: invalid"),
    "huge number": Case(text("records.jsonl", '"clock":', '"x":1e999,"clock":'), r"out of range"),
    "deep nesting": Case(
        text(
            "records.jsonl",
            '"attributes":{"MentionType"',
            '"attributes":{"a":' + "[" * 80 + "]" * 80 + ',"MentionType"',
        ),
        r"nested deeper",
    ),
    "lone surrogate in a label": Case(records(setting(label="PER\ud800"), PER), r"lone surrogate"),
    "lone surrogate in a note": Case(records(setting(note="a\udfffb"), GPE), r"lone surrogate"),
    "lone surrogate in an attribute value": Case(
        records(setting(attributes={"MentionType": "\udc00"}), PER), r"lone surrogate"
    ),
    "lone surrogate in an attribute name": Case(
        records(setting(attributes={"Mention\ud801": "NAM"}), PER), r"lone surrogate"
    ),
    "lone surrogate in a document name": Case(
        lines("documents.jsonl", lambda rows: [{**r, "name": "x\ud800"} for r in rows]),
        r"lone surrogate",
    ),
    "NUL in a label": Case(records(setting(label="P\x00ER"), PER), r"NUL"),
    "newline in a label": Case(records(setting(label="PER\nGPE"), PER), r"U\+000A"),
    "U+202E in a label": Case(records(setting(label="PER\u202e"), PER), r"U\+202E"),
    "oversized label": Case(records(setting(label="L" * 150), PER), r"longer than 100"),
    "oversized record id": Case(records(setting(uuid="u" * 300), PER), r"bad record id"),
    "oversized annotator name": Case(
        both(
            manifest(lambda d: d.update(annotator="a" * 300)),
            records(setting(annotator="a" * 300), lambda r: True),
        ),
        r"annotator name is longer than 200",
    ),
    "record of another annotator": Case(
        records(setting(annotator="carla"), PER), r"another annotator than the manifest"
    ),
    "record pointing at a document not listed": Case(
        records(setting(doc="f" * 64), PER), r"refers to a document not listed"
    ),
    "status pointing at a document not listed": Case(
        lines("statuses.jsonl", lambda rows: [{**r, "doc": "e" * 64} for r in rows]),
        r"statuses\.jsonl:1: refers to a document not listed",
    ),
    "unknown status": Case(
        lines("statuses.jsonl", lambda rows: [{**r, "status": "pwned"} for r in rows]),
        r"unknown status 'pwned'",
    ),
    "unknown record kind": Case(
        records(setting(kind="pickles"), PER, counts=False), r"unknown record kind"
    ),
    "extra field": Case(records(setting(__reduce__=1), PER), r"unexpected fields"),
    "bool as int": Case(records(setting(deleted=0), PER), r"field 'deleted' must be a bool"),
    "float offsets": Case(records(setting(start=1.5), PER), r"field 'start' must be a int"),
    "fragments not pairs": Case(records(setting(fragments=[[1]]), PER), r"fragments must be"),
    "uuid twice": Case(records(lambda r: [r, {**r, "label": "ORG"}], PER), r"appears twice"),
    "bad clock shape": Case(records(setting(clock="tomorrow"), PER), r"bad clock stamp"),
    "14-digit clock": Case(
        records(setting(clock="10000000000000.000000"), PER), r"bad clock stamp"
    ),
    "text not matching its sha256": Case(
        lines("documents.jsonl", lambda rows: [{**r, "text": r["text"] + "!"} for r in rows]),
        r"documents\.jsonl:1: the text does not match its sha256",
    ),
    "the same text twice": Case(
        lines("documents.jsonl", lambda rows: rows + rows[:1]), r"document [0-9a-f]{64} twice"
    ),
    "text not normalised": Case(
        lines("documents.jsonl", lambda rows: [_with_cr(r) for r in rows]), r"not normalised"
    ),
    "more records than the limit": Case(
        zipped(), r"more than 5 lines", limits=Limits(max_records=5)
    ),
    "schema not JSON": Case(text("schema.json", "{", "{["), r"schema\.json: invalid JSON"),
    "schema with a label containing a space": Case(
        schema(lambda d: d["entities"][0].update(name="PER SON")), r"'PER SON' contains white"
    ),
    "schema version not a number": Case(
        schema(lambda d: d.update(version="x")), r"schema\.json: .*version must be a whole number"
    ),
    # accepted, with what breaks a rule in the quarantine
    "far-future clocks": Case(
        records(_far_future, is_(kind="spans")), quarantined=("days ahead of this machine",)
    ),
    "dangling trigger": Case(
        records(setting(trigger="nope"), EVENT),
        quarantined=("its trigger span is missing",),
        left=("no-event",),  # its trigger span came in without it (rules.eventless_triggers)
    ),
    "dangling argument": Case(
        records(setting(target="nope"), PLACE), quarantined=("points at a deleted span",)
    ),
    "negative offsets": Case(records(setting(start=-4), GPE), quarantined=("is outside the text",)),
    "offsets past the end": Case(
        records(setting(start=500, end=505), GPE), quarantined=("is outside the text",)
    ),
    "covered text differs": Case(
        records(setting(text="بغداذ"), GPE), quarantined=("!= document text",)
    ),
    "label defined nowhere": Case(
        records(setting(label="ALIEN"), GPE), quarantined=("label 'ALIEN' is not in the schema",)
    ),
    "argument of a type the role refuses": Case(
        records(setting(role="Person"), PLACE), quarantined=("does not accept 'GPE'",)
    ),
    "hashes only, a text the project lacks": Case(
        lines(
            "documents.jsonl",
            lambda rows: [{k: v for k, v in r.items() if k != "text"} for r in rows],
        ),
        quarantined=("unknown document",),
    ),
    "label defined by the bundle's schema": Case(
        both(
            schema(_add_weapon),
            records(setting(label="WEAPON-X"), is_(kind="spans", text="القاهرة")),
        )
    ),
}


def test_there_are_enough_hostile_bundles() -> None:
    assert len(CASES) >= 60
    assert sum(1 for c in CASES.values() if c.refused) >= 50


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_bundle_is_refused_or_merged_clean(
    name: str, base: Base, tmp_path: Path, tally: Tally
) -> None:
    case = CASES[name]
    row = tally("hostile bundle merged")
    bundle = tmp_path / "hostile.bundle"
    case.make(bundle, base.members)
    target = tmp_path / "target.annotator"
    shutil.copyfile(base.target, target)
    row.tried += 1
    with Project.open(target) as p:
        before = merge_snapshot(p)
        try:
            report = merge_bundle(p, read_bundle(bundle, case.limits), "hostile.bundle")
        except AnnotatorError as exc:
            row.clean_error += 1
            message = str(exc)
            assert "\n" not in message and message.startswith(str(bundle)), message
            assert case.refused, f"refused: {message}"
            assert re.search(case.refused, message), message
            if merge_snapshot(p) != before:
                row.project_changed += 1
            assert merge_snapshot(p) == before
            # nothing extracted: only the bundle and the project's own files
            names = {f.name for f in tmp_path.iterdir()}
            assert {n for n in names if not n.startswith("target.annotator")} == {bundle.name}
            return
        except Exception:
            row.traceback += 1
            raise
        row.accepted += 1
        assert not case.refused, f"accepted, expected refusal /{case.refused}/"
        reasons = [q.reason for q in report.quarantined]
        for wanted in case.quarantined:
            assert any(wanted in r for r in reasons), (wanted, reasons)
        if not case.quarantined:
            assert reasons == [], reasons
    with Project.open(target) as again:
        assert sorted(i.kind for i in check_project(again)) == sorted(case.left)
        if name == "label defined by the bundle's schema":
            assert report.labels_added == ["WEAPON-X"]
            assert "WEAPON-X" in {s.label for s in again.spans()}


def test_the_sound_bundle_merges_clean(base: Base, tmp_path: Path) -> None:
    target = tmp_path / "target.annotator"
    shutil.copyfile(base.target, target)
    with Project.open(target) as p:
        report = merge_bundle(p, read_bundle(base.bundle))
        assert report.quarantined == [] and report.added == 9
        assert check_project(p) == []
