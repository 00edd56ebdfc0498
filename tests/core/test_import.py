"""Imports: one transaction, clear file:line errors, the project unchanged on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import Project
from annotator.errors import ImportFormatError
from annotator.formats.jsonl import read_jsonl
from annotator.formats.plain import read_csv, read_text
from annotator.importing import import_documents
from annotator.store import Store
from tests.conftest import inword


def snapshot(project: Project) -> tuple[object, ...]:
    return (
        [(d.sha256, d.name) for d in project.documents()],
        project.spans(include_deleted=True),
        project.events(),
        project.relations(),
        project.schema,
    )


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    return path


def test_plain_text_file_and_folder(project: Project, tmp_path: Path, seed_text: str) -> None:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(seed_text, encoding="utf-8")
    (folder / "sub" / "b.txt").write_bytes(b"\xef\xbb\xbf" + "نص آخر\r\nسطر".encode())
    report = import_documents(project, read_text(folder), annotator="amal")
    assert report.documents_added == 2
    names = [d.name for d in project.documents()]
    assert names == ["a", "sub/b"]
    assert project.document(2).text == "نص آخر\nسطر"


def test_jsonl_with_spans_in_words(project: Project, tmp_path: Path, seed_text: str) -> None:
    spans = [inword(seed_text, "وهولندا", 1), inword(seed_text, "بباريس", 1)]
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "text": seed_text,
                "name": "seed",
                "annotator": "badr",
                "spans": [{"start": s, "end": e, "label": "GPE"} for s, e in spans],
            }
        ],
    )
    report = import_documents(project, read_jsonl(src))
    assert report.spans == 2
    got = [(s.start, s.end, s.text, s.annotator) for s in project.spans()]
    assert got == [
        (spans[1][0], spans[1][1], "باريس", "badr"),
        (spans[0][0], spans[0][1], "هولندا", "badr"),
    ]


def test_crlf_text_keeps_spans_on_the_same_characters(project: Project, tmp_path: Path) -> None:
    text = "سطر\r\nمحمد علي\r\nببغداد"
    start = text.index("بغداد")
    src = write_jsonl(
        tmp_path / "crlf.jsonl",
        [{"text": text, "spans": [{"start": start, "end": start + 5, "label": "GPE"}]}],
    )
    import_documents(project, read_jsonl(src), annotator="amal")
    (span,) = project.spans()
    assert span.text == "بغداد"
    assert project.document(1).text == "سطر\nمحمد علي\nببغداد"


def test_csv_with_text_column(project: Project, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('id,body,source\n1,"نص أول, مع فاصلة",afp\n2,"نص\nثان",rtr\n', encoding="utf-8")
    report = import_documents(project, read_csv(src, text_column="body"), annotator="amal")
    assert report.documents_added == 2
    assert project.document(1).meta == {"id": "1", "source": "afp"}
    assert project.document(2).text == "نص\nثان"
    with pytest.raises(ImportFormatError, match="no column 'text'"):
        read_csv(src)


def test_duplicates_are_reported_and_skipped(
    project: Project, tmp_path: Path, seed_text: str
) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": seed_text, "name": "one"}])
    import_documents(project, read_jsonl(src), annotator="amal")
    again = import_documents(project, read_jsonl(src), annotator="amal")
    assert again.documents_added == 0
    assert again.duplicates and "one" in again.duplicates[0]
    assert len(project.documents()) == 1


BAD_LINES: list[tuple[str, bytes, str]] = [
    ("invalid utf-8", b'{"text": "\xd9"}\n', "invalid UTF-8"),
    ("malformed json", b'{"text": "abc"\n', "invalid JSON"),
    ("nan", b'{"text": "abc", "x": NaN}\n', "NaN"),
    ("duplicate key", b'{"text": "abc", "text": "abd"}\n', "duplicate key"),
    ("not an object", b'["abc"]\n', "JSON object"),
    ("no text", b'{"name": "x"}\n', '"text"'),
    (
        "offset as string",
        '{"text": "نص", "spans": [{"start": "0", "end": 1, "label": "PER"}]}\n'.encode(),
        "integer",
    ),
    (
        "covered text mismatch",
        '{"text": "نص", "spans": [{"start": 0, "end": 1, "label": "PER", "text": "x"}]}\n'.encode(),
        "does not match",
    ),
]


@pytest.mark.parametrize(("name", "bad", "message"), BAD_LINES, ids=[b[0] for b in BAD_LINES])
def test_bad_jsonl_lines_name_file_and_line(
    project: Project, tmp_path: Path, seed_text: str, name: str, bad: bytes, message: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(json.dumps({"text": seed_text}, ensure_ascii=False).encode() + b"\n\n" + bad)
    before = snapshot(project)
    with pytest.raises(ImportFormatError, match=message) as info:
        import_documents(project, read_jsonl(src))
    assert str(info.value).startswith(f"{src}:3: ")
    assert snapshot(project) == before
    lenient = read_jsonl(src, strict=False)
    assert len(lenient.documents) == 1
    assert [p.line for p in lenient.problems] == [3]


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ({"start": 0, "end": 999999, "label": "PER"}, "outside the text"),
        ({"start": 3, "end": 3, "label": "PER"}, "outside the text"),
        ({"start": 0, "end": 2, "label": "UNKNOWN"}, "not in the schema"),
    ],
)
def test_invalid_spans_abort_the_whole_import(
    project: Project, tmp_path: Path, seed_text: str, span: dict[str, object], message: str
) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"text": seed_text, "spans": [{"start": 0, "end": 5, "label": "PER"}]},
            {"text": "نص ثان طويل", "spans": [span]},
        ],
    )
    before = snapshot(project)
    with pytest.raises(ImportFormatError, match=message) as info:
        import_documents(project, read_jsonl(src), annotator="amal")
    assert f"{src}:2" in str(info.value)
    assert snapshot(project) == before


def test_unknown_labels_add_or_skip(project: Project, tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "text": "محمد علي ببغداد",
                "spans": [
                    {"start": 0, "end": 8, "label": "PERSON"},
                    {"start": 10, "end": 15, "label": "GPE"},
                ],
            }
        ],
    )
    report = import_documents(project, read_jsonl(src), annotator="amal", new_labels="skip")
    assert report.spans == 1 and "PERSON" in str(report.problems[0])
    project2 = Project.create(tmp_path / "two.annotator")
    report2 = import_documents(project2, read_jsonl(src), annotator="amal", new_labels="add")
    assert report2.labels_added == ["PERSON"] and report2.spans == 2
    assert project2.schema.entity("PERSON") is not None
    project2.close()
    with Project.open(tmp_path / "two.annotator") as again:
        assert again.schema.entity("PERSON") is not None


def test_failure_at_record_k_leaves_zero_rows(project: Project, tmp_path: Path) -> None:
    lines: list[object] = [
        {"text": f"وثيقة رقم {i}", "spans": [{"start": 0, "end": 5, "label": "PER"}]}
        for i in range(230)
    ]
    lines.append({"text": "الأخيرة", "spans": [{"start": 0, "end": 50, "label": "PER"}]})
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    with pytest.raises(ImportFormatError, match=":231"):
        import_documents(project, read_jsonl(src), annotator="amal")
    assert project.documents() == [] and project.spans() == []
    assert Store.open(project.path, read_only=True).count("spans") == 0


def test_cancel_writes_nothing(project: Project, tmp_path: Path) -> None:
    from annotator.errors import Cancelled

    src = write_jsonl(tmp_path / "in.jsonl", [{"text": f"نص {i}"} for i in range(50)])
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 20

    with pytest.raises(Cancelled):
        import_documents(project, read_jsonl(src), annotator="amal", cancelled=cancelled)
    assert project.documents() == []
