"""The merge's and the bundle reader's fast paths decide as the slow ones did.

A re-merge compares each stored version with the incoming one field by field
(``merge._same_version``) instead of building a copy with ``dataclasses.replace``; a bundle's
record line is tested for its fields' names and types at C speed, ``_expect`` only saying
what is wrong; ``safejson.loads`` scans a line that is one value without white space around
it directly. Each test checks the outcome is the same and that the slow path is not taken.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from annotator import safejson
from annotator.exchange import bundle_read, merge, merge_bundle, read_bundle, write_bundle
from annotator.model import Argument, Event, Record, Relation, Span
from annotator.project import Project
from annotator.safejson import UnsafeJSON

SPAN = Span("s1", 0, "badr", 0, 3, "PER", "abc", {"a": 1}, "n", ((0, 1), (2, 3)), "c", False)
EVENT = Event("e1", 0, "badr", "Meet", "s1", {"a": 1}, "n", "c", False)
ARGUMENT = Argument("a1", "e1", 0, "badr", "Place", "s1", "c", False)
RELATION = Relation("r1", 0, "badr", "Near", "s1", "s2", {"a": 1}, "n", "c", False)


def _variants(record: Record) -> list[Record]:
    """``record`` with each field changed in turn (and with a doc_id), plus equal copies."""
    out: list[Record] = [dataclasses.replace(record), dataclasses.replace(record, doc_id=7)]
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, bool):
            other: Any = not value
        elif isinstance(value, int):
            other = value + 1
        elif isinstance(value, str):
            other = value + "x"
        elif isinstance(value, dict):
            other = {**value, "b": 2}
        else:
            other = ()
        out.append(dataclasses.replace(record, **{f.name: other}))
    return out


@pytest.mark.parametrize("record", [SPAN, EVENT, ARGUMENT, RELATION])
def test_same_version_is_the_dataclasses_equality_without_the_document(record: Record) -> None:
    everything = [r for rec in (SPAN, EVENT, ARGUMENT, RELATION) for r in _variants(rec)]
    for stored in _variants(dataclasses.replace(record, doc_id=5)):
        for incoming in everything:
            expected = dataclasses.replace(stored, doc_id=0) == incoming
            assert merge._same_version(stored, incoming) is expected, (stored, incoming)


def _fill(p: Project, annotator: str, n: int) -> None:
    doc = p.add_document("نص عربي قصير للتجربة " * 20, name="d")
    rows = [
        Span(f"{annotator}-{i}", doc.id, annotator, i, i + 3, "PER", doc.text[i : i + 3],
             clock=p.clock.tick())
        for i in range(n)
    ]  # fmt: skip
    with p.batch() as bulk:
        bulk.add_annotators([annotator])
        bulk.put(rows)


def test_a_re_merge_builds_no_copy_of_the_stored_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(tmp_path / "colleague.annotator") as colleague:
        _fill(colleague, "badr", 50)
        write_bundle(colleague, "badr", tmp_path / "badr.bundle")
    bundle = read_bundle(tmp_path / "badr.bundle")
    with Project.create(tmp_path / "mine.annotator") as mine:
        _fill(mine, "amal", 10)
        first = merge_bundle(mine, bundle)
        before = merge.canonical_dump(mine)
        copies: list[Any] = []
        replace = dataclasses.replace

        def counting(obj: Any, /, **changes: Any) -> Any:
            if changes == {"doc_id": 0}:
                copies.append(obj)
            return replace(obj, **changes)

        monkeypatch.setattr(dataclasses, "replace", counting)
        again = merge_bundle(mine, bundle)
        assert copies == []
        assert merge.canonical_dump(mine) == before
    assert (first.added, first.kept, first.quarantined) == (50, 0, [])
    assert (again.added, again.updated, again.kept, again.quarantined) == (0, 0, 50, [])


TEXTS = [
    '{"a":1,"b":[1,2,{"c":"d"}]}',
    ' {"a":1}',
    '{"a":1} ',
    "[1,2]\n",
    '"x"',
    "1",
    "1.5",
    "true",
    "null",
    '{"a":1,"a":2}',
    '{"a":NaN}',
    "[Infinity]",
    "[1e999]",
    '{"a":1}{"b":2}',
    '{"a":1} x',
    '{"a":',
    "",
    " ",
    '"\\ud800"',
    '{"k\\u0000":1}',
    "[" * 70 + "]" * 70,
    "[" * 5000 + "]" * 5000,
    '"unterminated',
    "1" * 5000,
]


def _outcome(text: str) -> tuple[str, Any]:
    try:
        return "value", safejson.loads(text)
    except UnsafeJSON as exc:
        return "error", (str(exc), exc.line)


def _slow_outcome(text: str) -> tuple[str, Any]:
    """What ``loads`` gave before its fast path: the decoder's whole-text ``decode``."""
    try:
        if len(text) > safejson.MAX_LINE_CHARS:
            raise AssertionError
        value, _ = safejson._decode(text, None, safejson.MAX_DEPTH)
        safejson._check(value, text, 0, len(text), safejson.MAX_DEPTH)
        return "value", value
    except UnsafeJSON as exc:
        return "error", (str(exc), exc.line)


@pytest.mark.parametrize("text", TEXTS)
def test_loads_gives_what_the_whole_text_decode_gives(text: str) -> None:
    got, want = _outcome(text), _slow_outcome(text)
    assert got == want
    if got[0] == "value":
        assert json.dumps(got[1]) == json.dumps(want[1])


def test_loads_of_a_plain_line_does_not_go_through_decode(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    decode = json.JSONDecoder.decode

    def counting(self: json.JSONDecoder, s: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(s)
        return decode(self, s, *args, **kwargs)

    monkeypatch.setattr(json.JSONDecoder, "decode", counting)
    assert safejson.loads('{"kind":"spans","start":1}') == {"kind": "spans", "start": 1}
    assert calls == []
    assert safejson.loads(' {"a":1}') == {"a": 1}  # white space around: the decoder as before
    assert calls == [' {"a":1}']


def test_well_formed_records_are_not_walked_by_expect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(tmp_path / "colleague.annotator") as colleague:
        _fill(colleague, "badr", 40)
        write_bundle(colleague, "badr", tmp_path / "badr.bundle")
    reference = read_bundle(tmp_path / "badr.bundle")
    calls: list[Any] = []
    expect = bundle_read._expect

    def counting(d: dict[str, Any], spec: Any, where: str, line: int | None) -> None:
        calls.append(dict(d))  # (the reader then takes 'doc' and 'kind' out of d)
        expect(d, spec, where, line)

    monkeypatch.setattr(bundle_read, "_expect", counting)
    bundle = read_bundle(tmp_path / "badr.bundle")
    assert not any("kind" in d for d in calls)  # manifest, documents, statuses only
    assert bundle.records == reference.records and len(bundle.records) == 40
