"""Hostile files for the readers (issue 9, "Nothing poisoned"): one named test per case.

Every refusal goes through the real command line and must be one line on stderr naming the
file (and line where there is one), with the project unchanged (``canonical_hash`` and the
document count). Nothing is snapped, guessed or followed.
"""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from annotator import Project, safejson
from annotator.cli import main
from annotator.errors import ImportFormatError
from annotator.exchange import canonical_hash
from annotator.formats import source
from annotator.formats.doccano import read_doccano
from annotator.formats.events_json import read_events_json
from annotator.formats.jsonl import read_jsonl
from annotator.formats.label_studio import read_label_studio
from annotator.formats.spacy_jsonl import read_spacy_jsonl
from annotator.formats.standoff import CODEPOINTS, UTF16, from_units, to_units
from annotator.text import OffsetMap
from annotator.validation import check_project
from tests.reliability.conftest import Tally

TEXT = "قال وزير الخارجية في باريس إن المحادثات ستستمر."
EMOJI = "😀 التقى لودريان كارتر في باريس."  # UTF-16 offsets are code points + 1 after 😀
GOOD = {"text": "نص أول سليم"}


# -- helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "p.annotator"
    Project.create(path).close()
    return path


@pytest.fixture
def project(tmp_path: Path, template: Path) -> Path:
    """A fresh empty project (a copy of one made once: creating is the slow part)."""
    path = tmp_path / "p.annotator"
    shutil.copyfile(template, path)
    return path


def _state(path: Path) -> tuple[str, int]:
    with Project.open(path, read_only=True) as p:
        return canonical_hash(p), len(p.documents())


def _refused(
    project: Path, src: Path, fmt: str, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    """Import ``src`` and return the one error line; the project must be unchanged."""
    before = _state(project)
    capsys.readouterr()
    code = main(["import", str(project), str(src), "--format", fmt, *extra])
    err = capsys.readouterr().err.strip()
    assert code == 1, err
    assert len(err.splitlines()) == 1 and err.startswith("annotator: error: "), err
    assert _state(project) == before
    return err


def _accepted(
    project: Path, src: Path, fmt: str, capsys: pytest.CaptureFixture[str], *extra: str
) -> str:
    """Import ``src``; the project then reopens and check reports nothing. Returns stdout."""
    capsys.readouterr()
    code = main(["import", str(project), str(src), "--format", fmt, *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    with Project.open(project) as p:
        assert [str(i) for i in check_project(p)] == []
    return out


def _jsonl(path: Path, lines: list[Any], *, ascii_only: bool = True) -> Path:
    text = "".join(json.dumps(x, ensure_ascii=ascii_only) + "\n" for x in lines)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def _ls(path: Path, tasks: list[Any]) -> Path:
    """A Label Studio file with one task per line (task n starts on line n + 1)."""
    body = ",\n".join(json.dumps(t, ensure_ascii=True) for t in tasks)
    path.write_text(f"[\n{body}\n]\n", encoding="utf-8")
    return path


def _region(rid: str, start: int, end: int, label: str = "PER", text: str | None = None) -> Any:
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": rid, "type": "labels", "value": value}


def _task(text: str, *results: Any) -> Any:
    return {"data": {"text": text}, "annotations": [{"result": list(results)}]}


# -- lone surrogates -------------------------------------------------------------------------

SURROGATE_FIELDS: dict[str, Any] = {
    "text": {"text": "نص\ud800"},
    "name": {"text": TEXT, "name": "a\udfff"},
    "meta value": {"text": TEXT, "meta": {"source": ["x", "\ud83d"]}},
    "meta key": {"text": TEXT, "meta": {"k\ud800": 1}},
    "annotator": {"text": TEXT, "annotator": "amal\ud800"},
    "span label": {"text": TEXT, "spans": [{"start": 0, "end": 3, "label": "PER\ud800"}]},
    "span note": {
        "text": TEXT,
        "spans": [{"start": 0, "end": 3, "label": "PER", "note": "\ud800"}],
    },
    "attribute value": {
        "text": TEXT,
        "spans": [{"start": 0, "end": 3, "label": "PER", "attributes": {"MentionType": "N\ud800"}}],
    },
    "event type": {
        "text": TEXT,
        "spans": [{"id": "t", "start": 0, "end": 3, "label": "PER"}],
        "events": [{"type": "E\ud800", "trigger": "t"}],
    },
}


@pytest.mark.parametrize("field", list(SURROGATE_FIELDS))
def test_lone_surrogate_in_any_jsonl_field_is_refused_with_its_line(
    project: Path, tmp_path: Path, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [GOOD, SURROGATE_FIELDS[field]])
    err = _refused(project, src, "jsonl", capsys)
    assert f"{src}:2: a lone surrogate" in err


@pytest.mark.parametrize(
    ("fmt", "lines"),
    [
        ("doccano", [{"text": "نص\ud800", "label": []}]),
        ("spacy-jsonl", [{"text": "نص\ud800", "spans": []}]),
        ("events", [{"doc_id": "d", "tokens": ["نص", "\udc00"], "entity_mentions": []}]),
    ],
)
def test_lone_surrogate_in_other_json_line_formats_is_refused(
    project: Path,
    tmp_path: Path,
    fmt: str,
    lines: list[Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", lines)
    assert f"{src}:1: a lone surrogate" in _refused(project, src, fmt, capsys)


def test_lone_surrogate_in_label_studio_names_the_task_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _ls(tmp_path / "in.json", [_task(TEXT), _task("نص\ud800")])
    assert f"{src}:3: not a Label Studio JSON file: a lone surrogate" in _refused(
        project, src, "label-studio", capsys
    )


def test_safejson_refuses_lone_surrogates_and_nul_anywhere_keys_included() -> None:
    for bad in ('{"a": ["\\ud800"]}', '{"\\udfff": 1}', '[{"x": {"y": "\\u0000"}}]'):
        with pytest.raises(safejson.UnsafeJSON, match=r"lone surrogate|NUL"):
            safejson.loads(bad)
    # a proper pair written as two escapes is an astral character, not a surrogate
    assert safejson.loads('"\\ud83d\\ude00"') == "😀"
    assert safejson.loads('"\\\\ud800"') == "\\ud800"  # an escaped backslash, then text


def test_escaped_surrogate_pair_imports(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(
        tmp_path / "in.jsonl", [{"text": EMOJI, "spans": [{"start": 2, "end": 7, "label": "PER"}]}]
    )
    _accepted(project, src, "jsonl", capsys)


# -- offsets in the wrong unit, inside a surrogate pair --------------------------------------


def test_label_studio_offset_inside_a_surrogate_pair_is_refused(tmp_path: Path) -> None:
    """Read in UTF-16 units (code points, the default, have no pair to fall inside)."""
    src = _ls(tmp_path / "in.json", [_task(TEXT), _task(EMOJI, _region("r", 1, 8))])
    with pytest.raises(ImportFormatError) as err:
        read_label_studio(src, units=UTF16)
    assert f"{src}:3: task 2: region r:" in str(err.value)
    assert "inside the surrogate pair" in str(err.value)


def test_label_studio_offset_that_used_to_snap_onto_its_text_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """UTF-16 1-2 is the low half of 😀: snapping made it cover "😀" and match its text."""
    src = _ls(tmp_path / "in.json", [_task(EMOJI, _region("r", 1, 2, text="😀"))])
    err = _refused(project, src, "label-studio", capsys)
    assert f"{src}:2: task 1: region r: value.text '😀' does not match" in err


def test_label_studio_text_that_matches_in_no_unit_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = EMOJI.index("باريس")
    src = _ls(
        tmp_path / "in.json", [_task(EMOJI, _region("r", start + 3, start + 8, "GPE", "باريس"))]
    )
    assert f"{src}:2: task 1: region r: value.text" in _refused(
        project, src, "label-studio", capsys
    )


def test_label_studio_regions_in_different_units_are_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cp = EMOJI.index("باريس")
    u16 = EMOJI.index("كارتر") + 1
    regions = [_region("a", cp, cp + 5, "GPE", "باريس"), _region("b", u16, u16 + 5, "PER", "كارتر")]
    src = _ls(tmp_path / "in.json", [_task(EMOJI, *regions)])
    assert "different units" in _refused(project, src, "label-studio", capsys)


def test_label_studio_in_either_unit_alone_imports(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cp = EMOJI.index("باريس")
    src = _ls(
        tmp_path / "in.json",
        [_task(EMOJI, _region("a", cp + 1, cp + 6, "GPE", "باريس"))],  # UTF-16
    )
    _accepted(project, src, "label-studio", capsys)
    with Project.open(project) as p:
        (span,) = p.spans()
        assert span.text == "باريس" and (span.start, span.end) == (cp, cp + 5)


@pytest.mark.parametrize(
    "line",
    [
        {"text": EMOJI, "label": [[1, 8, "PER"]]},
        {
            "text": EMOJI,
            "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 1}],
        },
    ],
    ids=["sequence", "entities"],
)
def test_doccano_offset_inside_a_surrogate_pair_is_refused(
    project: Path, tmp_path: Path, line: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [{"text": TEXT}, line])
    err = _refused(project, src, "doccano", capsys)
    assert f"{src}:2:" in err and "inside the surrogate pair" in err


def test_one_offset_conversion_for_readers_and_writers() -> None:
    """``to_units`` (writers) and ``from_units`` (readers) are exact inverses; a UTF-16
    position inside a pair and a position past the end are refused, never snapped."""
    text = "a😀b𝕏c"
    offsets = OffsetMap(text)
    for units in (UTF16, CODEPOINTS):
        for cp in range(len(text) + 1):
            assert from_units(offsets, to_units(offsets, cp, units), units) == cp
    inside = [2, 5]  # the low halves of 😀 and 𝕏
    for u16 in [*inside, offsets.length_u16 + 1, -1]:
        with pytest.raises(ValueError):
            from_units(offsets, u16, UTF16)
    assert offsets.to_cp(2) == 1  # the widget's snapping conversion is a separate method


@pytest.mark.parametrize("fmt", ["doccano", "label-studio"])
def test_emoji_offsets_survive_export_and_import(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.annotator", tmp_path / "b.annotator"
    with Project.create(first) as p:
        doc = p.add_document(EMOJI)
        i = EMOJI.index("كارتر")
        p.add_span(doc.id, i, i + 5, "PER", annotator="amal")
    out = tmp_path / "out.json"
    assert main(["export", str(first), "--format", fmt, "--output", str(out)]) == 0
    Project.create(second).close()
    _accepted(second, out, fmt, capsys)
    with Project.open(second) as p:
        assert [s.text for s in p.spans()] == ["كارتر"]


# -- binary content, NUL ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"text\x00more text",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(1, 9)) * 50 + "نص".encode(),
    ],
    ids=["nul", "png", "controls"],
)
def test_binary_file_is_refused_by_the_text_reader(
    project: Path, tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "doc.txt"
    src.write_bytes(data)
    assert "binary file, not text" in _refused(project, src, "text", capsys)


@pytest.mark.parametrize(
    ("fmt", "name", "data", "line"),
    [
        ("jsonl", "in.jsonl", b'{"text": "x"}\n{"text": "a\\u0000b"}\n', 2),
        ("spacy-jsonl", "in.jsonl", b'{"text": "a\\u0000b"}\n', 1),
        ("doccano", "in.jsonl", b'{"text": "a\\u0000b", "label": []}\n', 1),
        ("events", "in.jsonl", b'{"tokens": ["a\\u0000b"]}\n', 1),
        ("label-studio", "in.json", b'[\n{"data": {"text": "a\\u0000b"}}\n]', 2),
        ("csv", "in.csv", b"id,text\n1,abc\n2,a\x00b\n", 3),
        ("conll", "in.conll", b"a\tO\n\nb\x00\tO\n", 3),
        ("jsonl", "raw.jsonl", b'{"text": "x"}\n{"text": "a\x00b"}\n', 2),
    ],
)
def test_nul_in_text_is_refused_by_every_reader(
    project: Path,
    tmp_path: Path,
    fmt: str,
    name: str,
    data: bytes,
    line: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    src = tmp_path / name
    src.write_bytes(data)
    err = _refused(project, src, fmt, capsys)
    assert f"{src}:{line}:" in err and ("NUL" in err or "binary" in err)


def test_nul_in_a_brat_text_file_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(b"abc\x00def")
    (folder / "doc.ann").write_text("", encoding="utf-8")
    assert "binary file, not text" in _refused(project, folder, "brat", capsys)


# -- links and special files in folders ------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the import folder a link points at (like /etc/passwd)."""
    path = tmp_path / "secret.txt"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


def test_brat_text_symlink_is_never_followed(
    project: Path, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").symlink_to(secret)
    (folder / "doc.ann").write_text("", encoding="utf-8")
    (folder / "ok.txt").write_text(TEXT, encoding="utf-8")
    (folder / "ok.ann").write_text("", encoding="utf-8")
    err = _refused(project, folder, "brat", capsys)
    assert f"{folder / 'doc.txt'}: symbolic link, not followed" in err
    out = _accepted(project, folder, "brat", capsys, "--lenient")
    assert "symbolic link, not followed" in out
    with Project.open(project) as p:
        assert [p.document(d.id).text for d in p.documents()] == [TEXT]


@pytest.mark.parametrize("which", ["doc.ann", "annotation.conf"])
def test_brat_annotation_and_conf_symlinks_are_never_followed(
    project: Path, tmp_path: Path, secret: Path, which: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    if which != "doc.ann":
        (folder / "doc.ann").write_text("", encoding="utf-8")
    (folder / which).symlink_to(secret)
    assert f"{folder / which}: symbolic link, not followed" in _refused(
        project, folder, "brat", capsys
    )


def test_text_folder_links_to_files_and_folders_are_never_followed(
    project: Path, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "leak.txt").symlink_to(secret)
    (folder / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    assert "symbolic link, not followed" in _refused(project, folder, "text", capsys)
    out = _accepted(project, folder, "text", capsys, "--lenient")
    assert out.count("symbolic link, not followed") == 2
    with Project.open(project) as p:
        assert [p.document(d.id).text for d in p.documents()] == [TEXT]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fmt", ["text", "brat"])
def test_fifo_in_a_folder_is_never_read(
    project: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(folder / "b.txt")  # reading it would wait for a writer forever
    assert "not a regular file (a FIFO)" in _refused(project, folder, fmt, capsys)
    assert "a FIFO" in _accepted(project, folder, fmt, capsys, "--lenient")


@pytest.mark.timeout(30)
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "conll", "doccano", "label-studio", "events"])
def test_fifo_or_folder_named_as_a_file_is_refused(
    project: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "input"
    os.mkfifo(fifo)
    assert f"{fifo}: not a regular file (a FIFO)" in _refused(project, fifo, fmt, capsys)
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "not a regular file (a folder)" in _refused(project, folder, fmt, capsys)


def test_files_found_in_a_folder_are_opened_without_following_links(
    tmp_path: Path, secret: Path
) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(secret)
    with pytest.raises(ImportFormatError, match="symbolic link, not followed"):
        source.read_file(link, follow=False)
    assert source.read_file(link, follow=True) == secret.read_bytes()  # named by the user


# -- CSV headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "why", "line"),
    [
        ("text,text\nأ,ب\n", "'text' appears twice", 1),
        ("id,,text\n1,x,نص\n", "empty column name", 1),
        ("id,text\n1,نص\n2,نص آخر,زائد\n", "3 cells, but the header has 2", 3),
    ],
    ids=["duplicate", "empty", "ragged row"],
)
def test_csv_header_must_name_each_column_once(
    project: Path,
    tmp_path: Path,
    data: str,
    why: str,
    line: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(data, encoding="utf-8")
    assert f"{src}:{line}: " in (err := _refused(project, src, "csv", capsys)) and why in err


# -- duplicate ids ---------------------------------------------------------------------------


def _span(sid: str, start: int, end: int) -> dict[str, Any]:
    return {"id": sid, "start": start, "end": end, "label": "PER"}


def test_duplicate_span_ids_in_one_jsonl_line_are_refused_and_never_half_counted(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = {"text": TEXT, "spans": [_span("s1", 0, 3), _span("s1", 4, 8)]}
    src = _jsonl(tmp_path / "in.jsonl", [GOOD, line])
    assert f"{src}:2: id 's1' is used twice" in _refused(project, src, "jsonl", capsys)
    out = _accepted(project, src, "jsonl", capsys, "--lenient")
    assert "spans: 0" in out and "used twice" in out
    with Project.open(project) as p:
        assert p.spans() == []


def test_span_id_reused_on_another_line_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"text": TEXT, "spans": [_span("s1", 0, 3)]},
        {"text": "نص", "spans": [_span("s1", 0, 2)]},
    ]
    src = _jsonl(tmp_path / "in.jsonl", lines)
    assert f"{src}:2: id 's1' is already used on line 1" in _refused(project, src, "jsonl", capsys)


def test_brat_id_defined_twice_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_text("T1\tPER 0 3\tقال\nT1\tPER 4 8\tوزير\n", encoding="utf-8")
    assert "doc.ann:2: T1 is defined twice" in _refused(project, folder, "brat", capsys)


def test_doccano_entity_id_used_twice_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ents = [
        {"id": 1, "label": "PER", "start_offset": 0, "end_offset": 3},
        {"id": 1, "label": "PER", "start_offset": 4, "end_offset": 8},
    ]
    src = _jsonl(tmp_path / "in.jsonl", [{"text": TEXT, "entities": ents}])
    assert f"{src}:1: entity id 1 is used twice" in _refused(project, src, "doccano", capsys)


def test_label_studio_region_id_used_twice_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _ls(tmp_path / "in.json", [_task(TEXT, _region("r", 0, 3), _region("r", 4, 8))])
    assert f"{src}:2: task 1: region id r is used twice" in _refused(
        project, src, "label-studio", capsys
    )


def test_events_entity_id_used_twice_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mentions = [
        {"id": "e", "start": 0, "end": 1, "entity_type": "PER"},
        {"id": "e", "start": 1, "end": 2, "entity_type": "PER"},
    ]
    src = _jsonl(tmp_path / "in.jsonl", [{"tokens": ["قال", "وزير"], "entity_mentions": mentions}])
    assert f"{src}:1: entity id 'e' is used twice" in _refused(project, src, "events", capsys)


# -- invalid UTF-8, size, nesting, numbers, wrong types --------------------------------------

BAD_UTF8 = {
    "jsonl": ("in.jsonl", b'{"text": "x"}\n{"text": "\xd9"}\n', 2),
    "spacy-jsonl": ("in.jsonl", b'{"text": "x"}\n{"text": "\xd9"}\n', 2),
    "doccano": ("in.jsonl", b'{"text": "x"}\n{"text": "\xd9"}\n', 2),
    "events": ("in.jsonl", b'{"tokens": ["x"]}\n{"tokens": ["\xd9"]}\n', 2),
    "label-studio": ("in.json", b'[\n{"data": {"text": "\xd9"}}\n]', 2),
    "csv": ("in.csv", b"text\nx\n\xd9\n", 3),
    "conll": ("in.conll", b"x\tO\n\n\xd9\tO\n", 3),
    "text": ("in.txt", "سطر\n".encode() + b"\xd9\n", 2),
}


@pytest.mark.parametrize("fmt", list(BAD_UTF8))
def test_invalid_utf8_is_refused_with_its_line(
    project: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name, data, line = BAD_UTF8[fmt]
    src = tmp_path / name
    src.write_bytes(data)
    err = _refused(project, src, fmt, capsys)
    assert f"{src}:{line}: " in err and "UTF-8" in err


def test_invalid_utf8_in_a_brat_annotation_file_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_bytes(b"T1\tPER 0 3\t\xd9\n")
    assert "doc.ann:1: not UTF-8 text" in _refused(project, folder, "brat", capsys)


@pytest.mark.parametrize(
    "reader",
    [read_jsonl, read_spacy_jsonl, read_events_json, read_doccano],
    ids=lambda r: r.__name__,
)
def test_a_200_mb_json_line_is_refused_without_reading_it_whole(
    tmp_path: Path, reader: Any, tally: Tally
) -> None:
    src = tmp_path / "huge.jsonl"
    src.write_bytes(
        b'{"text": "x", "tokens": ["x"]}\n' if reader is read_events_json else b'{"text": "x"}\n'
    )
    with src.open("r+b") as fh:
        fh.truncate(200 * 1024 * 1024)  # a sparse file: line 2 is 200 MB of NUL bytes
    outcome = tally("200 MB JSON line")
    outcome.tried += 1
    tracemalloc.start()
    try:
        with pytest.raises(ImportFormatError, match=r"huge\.jsonl:2: line longer than") as info:
            reader(src)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    outcome.clean_error += 1
    assert peak < safejson.MAX_LINE_BYTES + 16 * 1024 * 1024, peak
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("text", "big.txt"), ("conll", "big.conll"), ("csv", "big.csv"), ("label-studio", "big.json")],
)
def test_a_file_over_the_size_cap_is_refused_before_reading(
    project: Path, tmp_path: Path, fmt: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / name
    with src.open("wb") as fh:
        fh.truncate(source.MAX_FILE_BYTES + 1)  # sparse: nothing is read
    assert "file too large" in _refused(project, src, fmt, capsys)


@pytest.mark.parametrize("fmt", ["jsonl", "spacy-jsonl", "doccano", "events", "label-studio"])
@pytest.mark.parametrize(
    ("payload", "why"),
    [
        ('{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper"),
        ('{"text": "x", "n": NaN}', "NaN"),
        ('{"text": "x", "n": 1e999}', "out of range"),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "number too large"),
        ('{"text": "x", "text": "y"}', "duplicate key"),
    ],
    ids=["deep", "nan", "infinity", "huge-int", "duplicate-key"],
)
def test_strict_json_rules_hold_in_every_json_reader(
    project: Path,
    tmp_path: Path,
    fmt: str,
    payload: str,
    why: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if fmt == "label-studio":
        src = tmp_path / "in.json"
        src.write_text('[\n{"data": {"text": "x"}},\n{"data": ' + payload + "}\n]")
    else:
        first = {"tokens": ["x"]} if fmt == "events" else {"text": "x"}
        src = tmp_path / "in.jsonl"
        src.write_text(json.dumps(first) + "\n" + payload + "\n")
    err = _refused(project, src, fmt, capsys)
    assert why in err and f"{src}:{3 if fmt == 'label-studio' else 2}:" in err


def test_brat_offset_of_thousands_of_digits_is_refused(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text(TEXT, encoding="utf-8")
    (folder / "doc.ann").write_text(f"T1\tPER 0 {'1' * 5000}\tx\n", encoding="utf-8")
    assert "doc.ann:1: offsets" in _refused(project, folder, "brat", capsys)


SPAN = {"start": 0, "end": 3, "label": "PER"}
WRONG_TYPES: dict[str, list[tuple[str, Any]]] = {
    "jsonl": [
        ("text number", {"text": 5}),
        ("text list", {"text": ["x"]}),
        ("spans object", {"text": TEXT, "spans": {"start": 0}}),
        ("span not object", {"text": TEXT, "spans": [5]}),
        ("start string", {"text": TEXT, "spans": [{**SPAN, "start": "0"}]}),
        ("start float", {"text": TEXT, "spans": [{**SPAN, "start": 0.0}]}),
        ("start boolean", {"text": TEXT, "spans": [{**SPAN, "start": False}]}),
        ("end boolean", {"text": TEXT, "spans": [{**SPAN, "end": True, "start": 0}]}),
        ("start negative", {"text": TEXT, "spans": [{**SPAN, "start": -1}]}),
        ("end huge", {"text": TEXT, "spans": [{**SPAN, "end": 10**30}]}),
        ("label number", {"text": TEXT, "spans": [{**SPAN, "label": 7}]}),
        ("fragments int", {"text": TEXT, "spans": [{**SPAN, "fragments": [1]}]}),
        ("fragments float", {"text": TEXT, "spans": [{**SPAN, "fragments": [[0.5, 2]]}]}),
        ("attributes list", {"text": TEXT, "spans": [{**SPAN, "attributes": []}]}),
        ("meta list", {"text": TEXT, "meta": []}),
        ("name object", {"text": TEXT, "name": {}}),
        ("trigger number", {"text": TEXT, "events": [{"type": "Conflict.Attack", "trigger": 1}]}),
        (
            "arguments object",
            {"text": TEXT, "events": [{"type": "X", "trigger": "a", "arguments": {}}]},
        ),
        (
            "relation source list",
            {"text": TEXT, "relations": [{"type": "PHYS", "source": [], "target": "a"}]},
        ),
    ],
    "doccano": [
        ("label not triple", {"text": TEXT, "label": [[0, 3]]}),
        ("label offsets strings", {"text": TEXT, "label": [["0", "3", "PER"]]}),
        ("label offsets booleans", {"text": TEXT, "label": [[False, True, "PER"]]}),
        ("label offsets floats", {"text": TEXT, "label": [[0.0, 3.0, "PER"]]}),
        ("label negative", {"text": TEXT, "label": [[-1, 3, "PER"]]}),
        ("label huge", {"text": TEXT, "label": [[0, 10**30, "PER"]]}),
        ("label name number", {"text": TEXT, "label": [[0, 3, 5]]}),
        ("entities object", {"text": TEXT, "entities": {}}),
        (
            "entity id list",
            {
                "text": TEXT,
                "entities": [{"id": [], "label": "PER", "start_offset": 0, "end_offset": 3}],
            },
        ),
        (
            "relation ids",
            {
                "text": TEXT,
                "entities": [],
                "relations": [{"id": 0, "type": "PHYS", "from_id": {}, "to_id": 1}],
            },
        ),
        ("name number", {"text": TEXT, "name": 5}),
    ],
    "spacy-jsonl": [
        ("spans string", {"text": TEXT, "spans": "x"}),
        ("span not object", {"text": TEXT, "spans": [[0, 3]]}),
        ("start float", {"text": TEXT, "spans": [{**SPAN, "start": 0.0}]}),
        ("start boolean", {"text": TEXT, "spans": [{**SPAN, "start": False}]}),
        ("tokens strings", {"text": TEXT, "tokens": ["x"]}),
        ("token offsets outside", {"text": TEXT, "tokens": [{"start": 0, "end": 999}]}),
        (
            "relation label number",
            {
                "text": TEXT,
                "spans": [SPAN],
                "relations": [{"head_span": SPAN, "child_span": SPAN, "label": 5}],
            },
        ),
        (
            "relation head string",
            {
                "text": TEXT,
                "spans": [SPAN],
                "relations": [{"head_span": "x", "child_span": SPAN, "label": "PHYS"}],
            },
        ),
    ],
    "events": [
        ("tokens string", {"tokens": "abc"}),
        ("token number", {"tokens": ["a", 5]}),
        ("token with line break", {"tokens": ["a\nb"]}),
        ("mentions object", {"tokens": ["a"], "entity_mentions": {}}),
        ("mention string", {"tokens": ["a"], "entity_mentions": ["x"]}),
        (
            "mention start float",
            {
                "tokens": ["a"],
                "entity_mentions": [{"id": "e", "start": 0.0, "end": 1, "entity_type": "PER"}],
            },
        ),
        (
            "trigger missing",
            {"tokens": ["a"], "event_mentions": [{"event_type": "Conflict.Attack"}]},
        ),
        (
            "argument string",
            {
                "tokens": ["a"],
                "event_mentions": [
                    {
                        "event_type": "Conflict.Attack",
                        "trigger": {"start": 0, "end": 1},
                        "arguments": ["x"],
                    }
                ],
            },
        ),
        (
            "relation one argument",
            {"tokens": ["a"], "relation_mentions": [{"relation_type": "PHYS", "arguments": [{}]}]},
        ),
        ("doc_id list", {"doc_id": [], "tokens": ["a"]}),
    ],
}


@pytest.mark.parametrize(
    ("fmt", "case", "line"),
    [(fmt, name, line) for fmt, cases in WRONG_TYPES.items() for name, line in cases],
    ids=[f"{fmt}: {name}" for fmt, cases in WRONG_TYPES.items() for name, _ in cases],
)
def test_wrong_type_in_a_field_is_one_line(
    project: Path,
    tmp_path: Path,
    fmt: str,
    case: str,
    line: Any,
    capsys: pytest.CaptureFixture[str],
    tally: Tally,
) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [line], ascii_only=False)
    outcome = tally("wrong types in a field")
    outcome.tried += 1
    assert f"{src}:1: " in _refused(project, src, fmt, capsys)
    outcome.clean_error += 1


LS_WRONG: list[tuple[str, Any]] = [
    ("task string", "x"),
    ("data list", {"data": []}),
    ("text number", {"data": {"text": 5}}),
    ("annotations object", {"data": {"text": TEXT}, "annotations": {}}),
    ("result string", {"data": {"text": TEXT}, "annotations": [{"result": "x"}]}),
    (
        "labels string",
        _task(
            TEXT, {"id": "r", "type": "labels", "value": {"start": 0, "end": 3, "labels": "PER"}}
        ),
    ),
    (
        "label number",
        _task(TEXT, {"id": "r", "type": "labels", "value": {"start": 0, "end": 3, "labels": [5]}}),
    ),
    ("start boolean", _task(TEXT, _region("r", False, 3))),
    (
        "start float",
        _task(
            TEXT,
            {"id": "r", "type": "labels", "value": {"start": 0.0, "end": 3, "labels": ["PER"]}},
        ),
    ),
    ("end huge", _task(TEXT, _region("r", 0, 10**30))),
    ("start negative", _task(TEXT, _region("r", -1, 3))),
    (
        "id list",
        _task(
            TEXT, {"id": [], "type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}}
        ),
    ),
    (
        "relation ids",
        _task(
            TEXT,
            _region("r", 0, 3),
            {"type": "relation", "from_id": {}, "to_id": "r", "labels": ["PHYS"]},
        ),
    ),
]


@pytest.mark.parametrize(("case", "task"), LS_WRONG, ids=[c for c, _ in LS_WRONG])
def test_wrong_type_in_a_label_studio_field_is_one_line(
    project: Path, tmp_path: Path, case: str, task: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _ls(tmp_path / "in.json", [_task(TEXT), task])
    assert f"{src}:3: task 2: " in _refused(project, src, "label-studio", capsys)


# -- messages stay on one line ----------------------------------------------------------------


def test_ids_and_file_names_with_line_breaks_keep_the_error_on_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ents = [
        {"id": "a\nb", "label": "PER", "start_offset": 0, "end_offset": 3},
        {"id": "a\nb", "label": "PER", "start_offset": 4, "end_offset": 8},
    ]
    src = _jsonl(tmp_path / "in.jsonl", [{"text": TEXT, "entities": ents}])
    assert "entity id 'a\\nb' is used twice" in _refused(project, src, "doccano", capsys)
    task = _task(TEXT, _region("r\u2028\u202e", 0, 3), _region("r\u2028\u202e", 4, 8))
    src = _ls(tmp_path / "in.json", [task])
    assert "region id 'r\\u2028\\u202e' is used twice" in _refused(
        project, src, "label-studio", capsys
    )
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bad\nname\x0c.txt").write_bytes(b"\x00")
    assert "bad\\nname\\x0c.txt" in _refused(project, folder, "text", capsys)


def test_file_name_that_is_not_utf8_is_stored_and_shown_safely(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"\xff.txt"), "wb") as fh:
        fh.write(TEXT.encode())
    _accepted(project, folder, "text", capsys)
    with Project.open(project) as p:
        assert [d.name for d in p.documents()] == ["\ufffd"]
