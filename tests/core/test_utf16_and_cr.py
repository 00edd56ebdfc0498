"""Two encodings of a text file that readers met without saying what was wrong (QA,
2026-11-30):

- a file saved as UTF-16 or UTF-32 with a byte-order mark (Windows Notepad's "Unicode") was
  "binary file, not text (NUL byte)"; it is now refused as what it is, with the remedy, by the
  one place every reader decodes through (``annotator.formats.source.refuse_wide``);
- a CoNLL file with lone-CR line ends (old Mac) was one line "holding a carriage return",
  while .txt and brat read lone CR as a line end (docs/design/formats.md 1.3): CoNLL does too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.errors import ImportFormatError
from annotator.formats.conll import read_conll, stream_conll
from annotator.formats.registry import read_any
from annotator.imported import Problem

TEXT = "اعتقل محمد علي ببغداد."
CONLL = "اعتقل O\nمحمد B-PER\nعلي I-PER\nببغداد B-GPE\n\nقال O\nهو O\n"

ENCODINGS = [
    ("utf-16", "UTF-16"),  # Python writes the BOM of its byte order (LE here)
    ("utf-16-be-bom", "UTF-16"),
    ("utf-32", "UTF-32"),
    ("utf-32-be-bom", "UTF-32"),
]


def _encode(text: str, codec: str) -> bytes:
    if codec.endswith("-bom"):
        return "\ufeff".encode(codec.removesuffix("-bom")) + text.encode(codec.removesuffix("-bom"))
    return text.encode(codec)


SOURCES = {
    "text": ("a.txt", TEXT),
    "jsonl": ("a.jsonl", json.dumps({"name": "a", "text": TEXT}, ensure_ascii=False) + "\n"),
    "conll": ("a.conll", CONLL),
    "label-studio": ("a.json", json.dumps([{"data": {"text": TEXT}}], ensure_ascii=False)),
    "doccano": ("a.jsonl", json.dumps({"text": TEXT, "label": []}, ensure_ascii=False) + "\n"),
}


@pytest.mark.parametrize(("codec", "name"), ENCODINGS)
@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_a_wide_unicode_file_is_named_as_such(
    tmp_path: Path, fmt: str, codec: str, name: str
) -> None:
    file, text = SOURCES[fmt]
    path = tmp_path / file
    path.write_bytes(_encode(text, codec))
    want = f"{path}: saved as {name}: save it as UTF-8"
    with pytest.raises(ImportFormatError) as info:
        read_any(path, fmt, True)
    assert str(info.value) == want
    try:  # lenient: refused too, or (a folder's reader) the file skipped with that problem
        result = read_any(path, fmt, False)
    except ImportFormatError as exc:
        assert str(exc) == want
    else:
        assert [str(p) for p in result.problems] == [want] and result.documents == []


def test_a_wide_unicode_brat_text_and_the_conll_stream(tmp_path: Path) -> None:
    d = tmp_path / "brat"
    d.mkdir()
    (d / "a.txt").write_bytes(TEXT.encode("utf-16"))
    (d / "a.ann").write_text("T1\tPER 6 14\tمحمد علي\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"a\.txt: saved as UTF-16: save it as UTF-8"):
        read_any(d, "brat", True)
    path = tmp_path / "a.conll"
    path.write_bytes(CONLL.encode("utf-16"))
    with pytest.raises(ImportFormatError, match="saved as UTF-16: save it as UTF-8"):
        list(stream_conll(path, []))
    with pytest.raises(ImportFormatError, match="saved as UTF-16: save it as UTF-8"):
        read_any(tmp_path / "a.conll", "auto", True)


def test_utf8_with_its_bom_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    assert [d.text for d in read_any(path, "text", True).documents] == [TEXT]


def _read(
    path: Path, how: str
) -> tuple[list[tuple[str, str, list[tuple[int, int, str]]]], list[Problem]]:
    if how == "read":
        result = read_conll(path, strict=False)
        docs, problems = result.documents, result.problems
    else:
        problems = []
        docs = list(stream_conll(path, problems, strict=False))
    return [(d.name, d.text, [(s.start, s.end, s.label) for s in d.spans]) for d in docs], problems


@pytest.mark.parametrize("how", ["read", "stream"])
@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_conll_reads_cr_and_crlf_as_line_ends(tmp_path: Path, how: str, end: str) -> None:
    lf = tmp_path / "lf.conll"
    lf.write_bytes(CONLL.encode())
    (tmp_path / "other").mkdir()
    other = tmp_path / "other" / "lf.conll"  # the same name: the documents' names compare
    other.write_bytes(CONLL.replace("\n", end).encode())
    want, none = _read(lf, how)
    got, problems = _read(other, how)
    assert got == want and problems == none == []
    assert [spans for _, _, spans in got] == [[(6, 14, "PER"), (15, 21, "GPE")]]


@pytest.mark.parametrize("how", ["read", "stream"])
def test_conll_lone_cr_lines_are_numbered_as_an_editor_counts_them(
    tmp_path: Path, how: str
) -> None:
    path = tmp_path / "cr.conll"
    body = "اعتقل O\rمحمد\rعلي I-PER\r\rقال O\n" + "هو\n"  # lines 2 and 6 lack a tag
    path.write_bytes(body.encode())
    _, problems = _read(path, how)
    lines = [p.line for p in problems if "expected a token and a tag" in str(p)]
    assert lines == [2, 6]
    with pytest.raises(ImportFormatError, match=r"cr\.conll:2: expected a token and a tag"):
        read_conll(path) if how == "read" else list(stream_conll(path, []))
