"""``safejson.loads_lines``: a JSONL file's lines decoded in C without the duplicate-key hook
(the bundle reader's records.jsonl: a third of its time was the hook and ``loads``'s frame
per line, benchmark ``bench_merge``), and the same verdict as ``loads`` on every line: the
values ``loads`` gives, or None whenever ``loads`` would refuse a line (the caller then asks
``loads`` line by line, for the error and its line)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.errors import ImportFormatError
from annotator.exchange import bundle_read, read_bundle, write_bundle
from annotator.model import Span
from annotator.project import Project
from annotator.safejson import UnsafeJSON, loads, loads_lines

GOOD = [
    '{"a":1,"b":"x","c":{},"d":[]}',
    '{"uuid":"urn:x:1","t":"a:b"}',  # colons in strings: more colons than keys
    '{"attributes":{"k":"v","l":{"m":[{"n":1}]}},"x":2}',  # nested keys
    "[1,2,3]",
    '"text"',
    "12",
    '{"f":1.5,"g":-0.0,"h":null,"i":true}',
    '{"\\u0061":1}',  # an escaped key, alone
]
BAD = [
    '{"a":1,"a":2}',  # duplicate at the top
    '{"a":{"k":1,"k":2}}',  # duplicate nested
    '{"a":"x:y","b":{"k":1,"k":2}}',  # duplicate hidden behind a colon in a string
    '{"a":1,"\\u0061":2}',  # the same key spelled twice
    '[{"a":1},{"b":{"c":1,"c":1}}]',
    '{"x":NaN}',
    '{"x":Infinity}',
    '{"x":1e999}',
    '{"x":"\\ud800"}',
    '{"x":"a\\u0000b"}',
    '{"x":' + "[" * 80 + "]" * 80 + "}",
    "{oops",
    '{"a":1}{"b":2}',
    "1 2",
]


def test_good_lines_decode_as_loads_decodes_them() -> None:
    assert loads_lines(GOOD) == [loads(line) for line in GOOD]
    assert loads_lines([]) == []


@pytest.mark.parametrize("bad", BAD)
def test_a_line_loads_refuses_makes_it_give_up(bad: str) -> None:
    with pytest.raises(UnsafeJSON):
        loads(bad)
    assert loads_lines([*GOOD, bad, *GOOD]) is None


@pytest.mark.parametrize("line", [' {"a":1}', '{"a":1} ', '\t"x"'])
def test_white_space_around_a_value_is_left_to_loads(line: str) -> None:
    # (loads accepts it, through its slower decode: loads_lines does not guess)
    assert loads(line) is not None
    assert loads_lines([line]) is None


def test_many_duplicates_each_found() -> None:
    lines = [json.dumps({"k": i, "v": str(i)}) for i in range(1000)]
    assert loads_lines(lines) == [loads(line) for line in lines]
    for at in (0, 500, 999):
        forged = list(lines)
        forged[at] = forged[at].replace('"v":', '"v":1,"v":')
        assert loads_lines(forged) is None


# -- the bundle reader ----------------------------------------------------------------------
def _bundle(tmp_path: Path, spans: int = 40) -> Path:
    with Project.create(tmp_path / "source.annotator") as p:
        doc = p.add_document("نص عربي قصير للتجربة " * 5, name="d")
        with p.batch() as bulk:
            bulk.add_annotators(["amal"])
            bulk.put(
                Span(f"s{i:03d}", doc.id, "amal", i, i + 3, "PER", doc.text[i : i + 3],
                     clock=p.clock.tick())
                for i in range(spans)
            )  # fmt: skip
        write_bundle(p, "amal", tmp_path / "good.bundle")
    return tmp_path / "good.bundle"


def test_records_of_a_clean_bundle_are_not_decoded_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails before loads_lines: every line of records.jsonl went through ``loads`` (the
    duplicate-key hook on every object); now only the single-value members do."""
    path = _bundle(tmp_path)
    calls: list[str] = []

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return loads(text)

    monkeypatch.setattr(bundle_read, "loads", counting)
    bundle = read_bundle(path)
    assert len(bundle.records) == 40
    assert len(calls) <= 2  # manifest.json, schema.json


def test_the_fast_read_gives_what_the_line_by_line_read_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _bundle(tmp_path)
    fast = read_bundle(path)
    monkeypatch.setattr(bundle_read, "loads_lines", lambda lines: None)
    slow = read_bundle(path)
    assert fast.records == slow.records and fast.documents == slow.documents
    assert fast.statuses == slow.statuses


def _rezip(src: Path, dst: Path, edit: Callable[[dict[str, bytes]], None]) -> None:
    """Rewrite a bundle with edited members and their checksums (a consistent forgery)."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    edit(members)
    manifest = json.loads(members["manifest.json"])
    for name in bundle_read.MEMBERS[1:]:
        manifest["checksums"][name] = hashlib.sha256(members[name]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


@pytest.mark.parametrize("line_no", [1, 17, 40])
def test_duplicate_key_still_refused_with_member_and_line(tmp_path: Path, line_no: int) -> None:
    path = _bundle(tmp_path)

    def edit(members: dict[str, bytes]) -> None:
        lines = members["records.jsonl"].decode().split("\n")
        lines[line_no - 1] = lines[line_no - 1].replace('"note":', '"note":"x","note":', 1)
        members["records.jsonl"] = "\n".join(lines).encode()

    _rezip(path, tmp_path / "bad.bundle", edit)
    with zipfile.ZipFile(tmp_path / "bad.bundle") as zf:
        assert b'"note":"x","note":' in zf.read("records.jsonl")
    with pytest.raises(ImportFormatError, match="duplicate key") as info:
        read_bundle(tmp_path / "bad.bundle")
    assert info.value.path.endswith("records.jsonl")
    assert info.value.line == line_no


def test_blank_lines_keep_the_line_numbers(tmp_path: Path) -> None:
    lines = ['{"a":1}', "", '{"b":"c:d"}', "", ""]
    got = bundle_read._lines("\n".join(lines).encode(), "x", bundle_read.Limits())
    assert got == [(1, {"a": 1}), (3, {"b": "c:d"})]
    bad = ['{"a":1}', "", '{"b":1,"b":2}']
    with pytest.raises(ImportFormatError, match="duplicate key") as info:
        bundle_read._lines("\n".join(bad).encode(), "x", bundle_read.Limits())
    assert info.value.line == 3


def test_an_id_once_per_kind_still_told(tmp_path: Path) -> None:
    """The screen's test that no id comes twice in a kind, now first over the ids of every
    kind at once: an id a span and an event share is still accepted, one two spans share
    still refused at the second one's line."""
    with zipfile.ZipFile(_bundle(tmp_path, spans=3)) as zf:
        docs = bundle_read._lines(zf.read("documents.jsonl"), "d", bundle_read.Limits())
        lines = bundle_read._lines(zf.read("records.jsonl"), "r", bundle_read.Limits())
    span = lines[0][1]
    event = {
        "kind": "events", "doc": span["doc"], "uuid": span["uuid"], "annotator": "amal",
        "clock": span["clock"], "deleted": False, "type": "PER", "trigger": span["uuid"],
        "attributes": {}, "note": "",
    }  # fmt: skip

    def screened(values: list[dict[str, object]]) -> list[bundle_read.BundleRecord]:
        screener = bundle_read.Screener(bundle_read.Limits(), "amal")
        screener.documents("d", docs)
        return screener.records("r", [(n, dict(v)) for n, v in enumerate(values, 1)])

    assert len(screened([span, event])) == 2
    with pytest.raises(ImportFormatError, match="appears twice") as info:
        screened([span, lines[1][1], {**span, "label": "PER"}])
    assert info.value.line == 3
