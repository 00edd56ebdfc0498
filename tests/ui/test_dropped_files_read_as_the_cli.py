"""Files dropped on the window (``ui.jobs.ImportWorker``) are read as ``annotator import``
reads them in format ``auto``: a CoNLL file was read as plain text (its tags in the text) and
a CSV file without a name column gave every row the file's name, and one with a ``name``
column was named by it (the CLI names rows by a column only with ``--name-column``)."""

from __future__ import annotations

from pathlib import Path

from annotator.project import Project
from ui.jobs import read_any


def test_a_dropped_conll_file_keeps_its_tags(tmp_path: Path) -> None:
    conll = tmp_path / "news.conll"
    conll.write_text("زار O\nماكرون B-PER\nباريس B-LOC\n\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as project:
        (doc,) = read_any(conll, project).documents
    assert doc.text == "زار ماكرون باريس"
    assert [(doc.text[s.start : s.end], s.label) for s in doc.spans] == [
        ("ماكرون", "PER"),
        ("باريس", "LOC"),
    ]


def test_a_dropped_csv_names_its_rows_as_the_cli(tmp_path: Path) -> None:
    # FILE:LINE, a name column or not: naming by a column is --name-column's and the Import
    # dialog's choice (tests/ui/test_quick_import_csv_names.py compares with the CLI)
    plain, named = tmp_path / "rows.csv", tmp_path / "named.csv"
    plain.write_text("text\nزار ماكرون باريس\nقال الوزير\n", encoding="utf-8")
    named.write_text("name,text\nأ,زار ماكرون باريس\nب,قال الوزير\n", encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as project:
        rows = [d.name for d in read_any(plain, project).documents]
        names = [d.name for d in read_any(named, project).documents]
    assert rows == ["rows:2", "rows:3"]  # one name each, as the CLI names them
    assert names == ["named:2", "named:3"]
