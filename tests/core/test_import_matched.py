"""Imports of texts the project already holds: annotations join their layer, never stack."""

from __future__ import annotations

import json
from pathlib import Path

from annotator import Project
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from annotator.validation import check_project
from tests.conftest import inword

ARTICLES = ["قال الرئيس في باريس إن الاجتماع انتهى.", "وصل الوزير إلى بغداد أمس.", "نص ثالث هنا."]


def _line(text: str, spans: list[tuple[int, int, str]], **extra: object) -> dict[str, object]:
    return {"text": text, "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in spans],
            **extra}  # fmt: skip


def _write(path: Path, lines: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_a_colleagues_annotations_of_known_texts_come_in(
    project: Project, tmp_path: Path, seed_text: str
) -> None:
    project.add_document(seed_text, name="seed")
    s, e = inword(seed_text, "وهولندا", 1)
    src = _write(tmp_path / "badr.jsonl", [_line(seed_text, [(s, e, "GPE")], annotator="badr")])
    report = import_documents(project, read_jsonl(src))
    assert report.documents_added == 0 and report.spans == 1
    assert [x.text for x in project.spans(annotator="badr")] == ["هولندا"]
    assert len(project.documents()) == 1


def test_the_same_file_twice_in_one_import_stacks_nothing(project: Project, tmp_path: Path) -> None:
    text = ARTICLES[0]
    i = text.index("باريس")
    src = _write(tmp_path / "a.jsonl", [_line(text, [(i, i + 5, "GPE"), (4, 10, "PER")])])
    report = import_documents(project, [*read_jsonl(src).documents, *read_jsonl(src).documents],
                              annotator="amal")  # fmt: skip
    assert report.documents_added == 1 and report.spans == 2
    assert report.already_present == 2
    assert len(project.spans()) == 2
    again = import_documents(project, read_jsonl(src), annotator="amal")
    assert again.spans == 0 and again.already_present == 2
    assert len(project.spans()) == 2
    assert check_project(project) == []


def test_many_copies_of_a_few_articles(project: Project, tmp_path: Path) -> None:
    lines = []
    for _ in range(300):
        for text in ARTICLES:
            lines.append(_line(text, [(0, 3, "PER"), (4, 9, "ORG")]))
    src = _write(tmp_path / "copies.jsonl", lines)
    report = import_documents(project, read_jsonl(src), annotator="amal")
    assert report.documents_added == 3
    assert report.spans == 6 and len(project.spans()) == 6
    assert report.already_present == 6 * 299


def test_ids_keep_twins_apart_and_report_conflicts(project: Project, tmp_path: Path) -> None:
    text = ARTICLES[1]
    twins = [
        {"id": "s1", "start": 0, "end": 3, "label": "PER"},
        {"id": "s2", "start": 0, "end": 3, "label": "PER"},  # same place and label, own id
    ]
    src = _write(tmp_path / "ids.jsonl", [{"text": text, "spans": twins}])
    import_documents(project, read_jsonl(src), annotator="amal")
    assert sorted(s.uuid for s in project.spans()) == ["s1", "s2"]
    changed = [{**twins[0], "label": "ORG"}, twins[1]]
    src2 = _write(tmp_path / "ids2.jsonl", [{"text": text, "spans": changed}])
    report = import_documents(project, read_jsonl(src2), annotator="amal")
    assert report.spans == 0 and report.already_present == 1
    assert len(report.conflicts) == 1 and "s1" in str(report.conflicts[0])
    assert project.span("s1").label == "PER"  # the stored version is kept
    assert any("conflict" in line for line in report.lines())


def test_events_and_relations_merge_into_the_matched_layer(
    project: Project, tmp_path: Path
) -> None:
    text = ARTICLES[0]
    trig = text.index("الاجتماع")
    par = text.index("باريس")
    first = {
        "text": text,
        "spans": [
            {"id": "t", "start": trig, "end": trig + 8, "label": "Contact.Meet"},
            {"id": "p", "start": par, "end": par + 5, "label": "GPE"},
            {"id": "r", "start": 4, "end": 10, "label": "PER"},
        ],
        "events": [{"id": "e", "type": "Contact.Meet", "trigger": "t",
                    "arguments": [{"role": "Place", "target": "p"}]}],
        "relations": [{"id": "rel", "type": "PHYS", "source": "r", "target": "p"}],
    }  # fmt: skip
    src = _write(tmp_path / "one.jsonl", [first])
    import_documents(project, read_jsonl(src), annotator="amal")
    second = dict(first)
    second["events"] = [{"id": "e", "type": "Contact.Meet", "trigger": "t",
                         "arguments": [{"role": "Place", "target": "p"},
                                       {"role": "Entity", "target": "r"}]}]  # fmt: skip
    src2 = _write(tmp_path / "two.jsonl", [second])
    report = import_documents(project, read_jsonl(src2), annotator="amal")
    assert report.events == 0 and report.arguments == 1 and report.relations == 0
    (ev,) = project.events()
    assert sorted(a.role for a in project.arguments(ev.uuid)) == ["Entity", "Place"]
    assert len(project.relations()) == 1
    assert [i for i in check_project(project) if i.kind not in ("missing-role",)] == []
