"""``--new-labels`` covers every name a file uses: span labels, event types, relation types and
roles. ``skip`` skips what needs a skipped span too (a relation, an argument, an event whose
trigger it is) and reports it; ``add`` adds relation types and roles; ``error`` names them and
``--new-labels``. Names from the file are shown escaped in every one of these messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ImportFormatError
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from annotator.project import Project

TEXT = "هاجم الجيش المدينة"


def never(_: object) -> int:
    raise AssertionError("the window must not start")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), gui=never)
    out = capsys.readouterr()
    return code, out.out, out.err


def jsonl(path: Path, *docs: object) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    return path


def init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "p.annotator"
    assert run(capsys, "init", str(path))[0] == 0
    return path


REL = {
    "text": TEXT,
    "spans": [
        {"id": "a", "start": 5, "end": 10, "label": "ORG"},
        {"id": "c", "start": 11, "end": 18, "label": "CITY"},
    ],
    "relations": [{"id": "r", "type": "PART-WHOLE", "source": "a", "target": "c"}],
}
ARG = {
    "text": TEXT,
    "spans": [
        {"id": "t", "start": 0, "end": 4, "label": "Conflict.Attack"},
        {"id": "a", "start": 5, "end": 10, "label": "ORG"},
        {"id": "c", "start": 11, "end": 18, "label": "CITY"},
    ],
    "events": [
        {
            "id": "e",
            "type": "Conflict.Attack",
            "trigger": "t",
            "arguments": [{"role": "Attacker", "target": "a"}, {"role": "Target", "target": "c"}],
        }
    ],
}
TRIGGER = {
    "text": TEXT,
    "spans": [
        {"id": "t", "start": 0, "end": 4, "label": "STRIKE"},
        {"id": "a", "start": 5, "end": 10, "label": "ORG"},
    ],
    "events": [
        {
            "id": "e",
            "type": "Conflict.Attack",
            "trigger": "t",
            "arguments": [{"role": "Attacker", "target": "a"}],
        }
    ],
}


def brat(tmp_path: Path, lines: str, text: str = TEXT) -> Path:
    folder = tmp_path / "br"
    folder.mkdir()
    (folder / "x.txt").write_text(text + "\n", "utf-8")
    (folder / "x.ann").write_text(lines, "utf-8")
    return folder


def test_skip_leaves_out_a_relation_on_a_skipped_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = init(tmp_path, capsys)
    src = jsonl(tmp_path / "rel.jsonl", REL)
    code, out, err = run(capsys, "import", str(p), str(src), "--new-labels", "skip")
    assert (code, err) == (0, "")
    assert "skipped: " + f"{src}:1: unknown label 'CITY' skipped" in out.splitlines()
    assert f"skipped: {src}:1: relation r: its argument c was skipped" in out.splitlines()
    with Project.open(p) as project:
        assert [s.label for s in project.spans()] == ["ORG"] and project.relations() == []


def test_skip_drops_an_argument_on_a_skipped_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = init(tmp_path, capsys)
    src = jsonl(tmp_path / "arg.jsonl", ARG)
    code, out, err = run(capsys, "import", str(p), str(src), "--new-labels", "skip")
    assert (code, err) == (0, "")
    assert (
        f"skipped: {src}:1: event e: argument 'Target': its target c was skipped"
        in out.splitlines()
    )
    with Project.open(p) as project:
        (event,) = project.events()
        assert [a.role for a in project.arguments(event.uuid)] == ["Attacker"]


def test_skip_skips_an_event_whose_trigger_was_skipped(project: Project, tmp_path: Path) -> None:
    src = jsonl(tmp_path / "t.jsonl", TRIGGER)
    report = import_documents(project, read_jsonl(src), new_labels="skip")
    assert (report.spans, report.events, report.arguments) == (1, 0, 0)
    said = [str(p) for p in report.problems]
    assert f"{src}:1: unknown label 'STRIKE' skipped" in said
    assert f"{src}:1: event e: its trigger t was skipped" in said
    assert project.events() == []


def test_skip_in_brat_leaves_out_the_relation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = init(tmp_path, capsys)
    folder = brat(
        tmp_path, "T1\tORG 5 10\tالجيش\nT2\tCITY 11 18\tالمدينة\nR1\tPART-WHOLE Arg1:T1 Arg2:T2\n"
    )
    code, out, err = run(
        capsys, "import", str(p), str(folder), "--format", "brat", "--new-labels", "skip"
    )
    assert (code, err) == (0, "")
    assert any(
        line.endswith("relation R1: its argument T2 was skipped") for line in out.split("\n")
    )


RELATION_TYPE = {
    "text": "محمد وأحمد",
    "spans": [
        {"id": "a", "start": 0, "end": 4, "label": "PER"},
        {"id": "b", "start": 6, "end": 10, "label": "PER"},
    ],
    "relations": [{"type": "FRIEND", "source": "a", "target": "b"}],
}
NEW_EVENT = {
    "text": "قصف الجيش",
    "spans": [
        {"id": "t", "start": 0, "end": 3, "label": "Conflict.Bomb"},
        {"id": "a", "start": 4, "end": 9, "label": "ORG"},
    ],
    "events": [
        {
            "type": "Conflict.Bomb",
            "trigger": "t",
            "arguments": [{"role": "Attacker", "target": "a"}],
        }
    ],
}
NEW_ROLE = {
    "text": TEXT,
    "spans": [
        {"id": "t", "start": 0, "end": 4, "label": "Conflict.Attack"},
        {"id": "a", "start": 5, "end": 10, "label": "ORG"},
    ],
    "events": [
        {
            "id": "e",
            "type": "Conflict.Attack",
            "trigger": "t",
            "arguments": [{"role": "Attacker", "target": "a"}, {"role": "Helper", "target": "a"}],
        }
    ],
}


def test_add_adds_relation_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = init(tmp_path, capsys)
    src = jsonl(tmp_path / "rel.jsonl", RELATION_TYPE)
    code, out, err = run(capsys, "import", str(p), str(src), "--new-labels", "add")
    assert (code, err) == (0, "")
    assert "labels added to the schema: FRIEND" in out.splitlines()
    with Project.open(p) as project:
        assert project.schema.relation("FRIEND") is not None
        assert [r.type for r in project.relations()] == ["FRIEND"]


def test_add_adds_relation_types_from_brat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = init(tmp_path, capsys)
    folder = brat(
        tmp_path,
        "T1\tPER 0 4\tمحمد\nT2\tPER 6 10\tأحمد\nR1\tFRIEND Arg1:T1 Arg2:T2\n",
        "محمد وأحمد",
    )
    code, _, err = run(
        capsys, "import", str(p), str(folder), "--format", "brat", "--new-labels", "add"
    )
    assert (code, err) == (0, "")
    with Project.open(p) as project:
        assert [r.type for r in project.relations()] == ["FRIEND"]


def test_add_adds_the_roles_of_an_added_event_type(project: Project, tmp_path: Path) -> None:
    src = jsonl(tmp_path / "ev.jsonl", NEW_EVENT)
    report = import_documents(project, read_jsonl(src), new_labels="add")
    assert report.labels_added == ["Conflict.Bomb"]
    assert report.roles_added == ["Conflict.Bomb: Attacker"]
    assert "roles added to the schema: Conflict.Bomb: Attacker" in report.lines()
    bomb = project.schema.event("Conflict.Bomb")
    assert bomb is not None and [(r.name, r.types) for r in bomb.roles] == [("Attacker", ())]
    assert (report.events, report.arguments) == (1, 1)


def test_add_adds_a_role_to_a_known_event_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = init(tmp_path, capsys)
    src = jsonl(tmp_path / "ev.jsonl", NEW_ROLE)
    code, out, err = run(capsys, "import", str(p), str(src), "--new-labels", "add")
    assert (code, err) == (0, "")
    assert "roles added to the schema: Conflict.Attack: Helper" in out.splitlines()
    with Project.open(p) as project:
        attack = project.schema.event("Conflict.Attack")
        assert attack is not None and attack.role("Helper") is not None
        (event,) = project.events()
        assert sorted(a.role for a in project.arguments(event.uuid)) == ["Attacker", "Helper"]


def test_skip_drops_an_argument_of_an_unknown_role(project: Project, tmp_path: Path) -> None:
    src = jsonl(tmp_path / "ev.jsonl", NEW_ROLE)
    report = import_documents(project, read_jsonl(src), new_labels="skip")
    assert (report.events, report.arguments) == (1, 1)
    assert f"{src}:1: event e: unknown role 'Helper' of 'Conflict.Attack' skipped" in [
        str(p) for p in report.problems
    ]


def test_skip_skips_a_relation_of_an_unknown_type(project: Project, tmp_path: Path) -> None:
    src = jsonl(tmp_path / "rel.jsonl", RELATION_TYPE)
    report = import_documents(project, read_jsonl(src), new_labels="skip")
    assert (report.spans, report.relations) == (2, 0)
    assert [str(p) for p in report.problems] == [f"{src}:1: unknown relation type 'FRIEND' skipped"]


def test_error_names_relation_types_and_roles_and_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = init(tmp_path, capsys)
    rel = jsonl(tmp_path / "rel.jsonl", RELATION_TYPE)
    code, _, err = run(capsys, "import", str(p), str(rel))
    assert code == 1
    assert err.strip().endswith(
        f"{rel}:1: relation type 'FRIEND' is not in the schema (use --new-labels add or skip; "
        "1 unknown name(s): relation type 'FRIEND')"
    )
    ev = jsonl(tmp_path / "ev.jsonl", NEW_ROLE)
    code, _, err = run(capsys, "import", str(p), str(ev))
    assert code == 1
    assert err.strip().endswith(
        f"{ev}:1: event type 'Conflict.Attack' has no role 'Helper' (use --new-labels add or "
        "skip; 1 unknown name(s): role 'Helper' of 'Conflict.Attack')"
    )
    with Project.open(p) as project:
        assert project.documents() == []


@pytest.mark.parametrize("label", ["\u202eREP", "PE\u0007R"])
def test_unknown_labels_are_shown_escaped(project: Project, tmp_path: Path, label: str) -> None:
    src = jsonl(
        tmp_path / "in.jsonl", {"text": "abc", "spans": [{"start": 0, "end": 1, "label": label}]}
    )
    with pytest.raises(ImportFormatError) as info:
        import_documents(project, read_jsonl(src))
    said = str(info.value)
    assert said.count(repr(label)) == 2 and label not in said
    assert said.isprintable()
