"""A document's name survives a brat round trip (QA8 D3): "rich-doc" went out as rich-doc.txt
and came back as "rich-doc.txt". The writer records every name that is not its file's in
annotation.conf (``# annotator-document:``); a folder without such lines (another tool's, an
older export) still names documents by their file, ``STEM.txt``."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.brat import read_brat
from annotator.formats.common import ExportOptions, parse_splits
from annotator.model import Document, DocumentAnnotations
from annotator.schema import default_schema
from annotator.text import sha256_text

NAMES = [
    "rich-doc",
    "report.txt",
    "sub/second.txt",
    "sub/third",
    "تقرير الأخبار",
    "أخبار/بغداد.txt",
    "a:b*c?.txt",
    "CON",
    "../../etc/passwd",
    "x" * 300,
    "Same",
    "same",
    "same.TXT",
]


def docs(names: list[str]) -> list[DocumentAnnotations]:
    out = []
    for i, name in enumerate(names, 1):
        text = f"نص رقم {i}"
        out.append(DocumentAnnotations(Document(i, name, text, sha256_text(text))))
    return out


def names_back(tmp_path: Path, names: list[str], options: ExportOptions) -> list[str]:
    from annotator.formats.brat import write_brat

    out = tmp_path / "brat"
    write_brat(docs(names), out, default_schema(), options)
    read = read_brat(out)
    by_text = {d.text: d.name for d in read.documents}
    return [by_text[f"نص رقم {i}"] for i in range(1, len(names) + 1)]


@pytest.mark.parametrize("splits", ["", "train=0.5,test=0.5"])
def test_every_name_survives(tmp_path: Path, splits: str) -> None:
    options = ExportOptions(splits=parse_splits(splits) if splits else ())
    assert names_back(tmp_path, NAMES, options) == NAMES


def test_a_name_that_is_its_file_needs_no_note(tmp_path: Path) -> None:
    from annotator.formats.brat import write_brat

    out = tmp_path / "brat"
    write_brat(docs(["a.txt", "sub/b.txt", "c"]), out, default_schema())
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert conf.count("# annotator-document:") == 1
    assert '# annotator-document: c -> "c"' in conf


def test_a_folder_without_notes_names_documents_by_their_files(tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.txt").write_text("نص", encoding="utf-8")
    (folder / "seed.ann").write_text("", encoding="utf-8")
    (folder / "sub" / "second.txt").write_text("نص آخر", encoding="utf-8")
    (folder / "annotation.conf").write_text("[entities]\nPER\n", encoding="utf-8")
    names = sorted(d.name for d in read_brat(folder).documents)
    assert names == ["seed.txt", "sub/second.txt"]


def test_a_broken_note_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("نص", encoding="utf-8")
    (folder / "b.txt").write_text("نص آخر", encoding="utf-8")
    (folder / "annotation.conf").write_text(
        '[entities]\nPER\n# annotator-document: a -> "unclosed\n# annotator-document: b -> ""\n',
        encoding="utf-8",
    )
    assert sorted(d.name for d in read_brat(folder).documents) == ["a.txt", "b.txt"]
