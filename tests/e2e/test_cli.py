"""The `annotator` command end to end: exit codes, one-line errors, every subcommand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from tests.conftest import SEED, inword


def run(*args: str) -> int:
    return main(list(args))


def test_help_everywhere() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "import" in out.stdout
    for cmd in ("init", "import", "docs", "stats", "check", "export", "schema", "gui"):
        res = subprocess.run(
            [sys.executable, "-m", "annotator.cli", cmd, "--help"], capture_output=True, text=True
        )
        assert res.returncode == 0, cmd
        assert "usage:" in res.stdout


def test_init_import_docs_stats_check_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proj = str(tmp_path / "p.annotator")
    text = SEED.read_text(encoding="utf-8")
    s, e = inword(text, "وهولندا", 1)
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps(
            {"text": text, "name": "seed", "spans": [{"start": s, "end": e, "label": "GPE"}]},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert run("init", proj) == 0
    assert run("import", proj, str(src), "--annotator", "amal") == 0
    assert run("import", proj, str(SEED.parent), "--annotator", "amal") == 0
    out = capsys.readouterr().out
    assert (
        "documents added: 1" in out
        and "text already in the project, not added again: 000_3626081446f7037e" in out
    )
    assert run("docs", proj, "--json") == 0
    docs = json.loads(capsys.readouterr().out)
    assert docs == [{"id": 1, "name": "seed", "spans": 1, "status": ""}]
    assert run("stats", proj, "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["spans"] == 1 and stats["labels"] == {"GPE": 1}
    assert run("check", proj) == 0
    assert "0 problem(s)" in capsys.readouterr().out
    out_file = tmp_path / "out.jsonl"
    assert (
        run("export", proj, "--format", "jsonl", "--output", str(out_file), "--annotator", "amal")
        == 0
    )
    line = json.loads(out_file.read_text(encoding="utf-8"))
    assert line["spans"][0]["text"] == "هولندا"
    conll = tmp_path / "out.conll"
    assert run("export", proj, "--format", "conll", "--output", str(conll)) == 0
    tags = [ln.split("\t") for ln in conll.read_text(encoding="utf-8").splitlines() if ln]
    assert ["هولندا", "B-GPE"] in [t[:1] + t[-1:] for t in tags]


def test_errors_are_one_line_and_leave_the_project_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proj = str(tmp_path / "p.annotator")
    assert run("init", proj) == 0
    before = Path(proj).read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": "ok"}\n{"text": "\xff"}\n')
    assert run("import", proj, str(bad)) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{bad}:2:" in err and "UTF-8" in err
    assert run("import", proj, str(bad), "--lenient", "--annotator", "a") == 0
    assert "skipped" in capsys.readouterr().out
    foreign = tmp_path / "x.annotator"
    foreign.write_text("hello", encoding="utf-8")
    assert run("docs", str(foreign)) == 1
    assert "not an SQLite file" in capsys.readouterr().err
    assert run("init", proj) == 1
    assert "already exists" in capsys.readouterr().err
    assert Path(proj).read_bytes() != b""  # still a project
    assert before[:16] == Path(proj).read_bytes()[:16]


def test_schema_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "p.annotator")
    assert run("init", proj) == 0
    conf = tmp_path / "annotation.conf"
    js = tmp_path / "schema.json"
    assert run("schema", proj, "--export", str(conf)) == 0
    assert run("schema", proj, "--export", str(js)) == 0
    assert "[events]" in conf.read_text(encoding="utf-8")
    proj2 = str(tmp_path / "q.annotator")
    assert run("init", proj2, "--schema", str(conf)) == 0
    assert run("schema", proj2, "--import", str(js)) == 0
    capsys.readouterr()
    assert run("schema", proj2, "--visual") == 0
    assert "Conflict.Attack" in capsys.readouterr().out


def test_visual_order_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "p.annotator")
    assert run("init", proj) == 0
    assert run("import", proj, str(SEED), "--annotator", "amal") == 0
    capsys.readouterr()
    assert run("stats", proj, "--visual") == 0
    assert "amal" in capsys.readouterr().out


def test_gui_screenshot_command(tmp_path: Path) -> None:
    from ui.entry import main as entry_main

    proj = str(tmp_path / "p.annotator")
    assert run("init", proj) == 0
    assert run("import", proj, str(SEED), "--annotator", "amal") == 0
    shot = tmp_path / "shot.png"
    assert (
        entry_main(
            ["gui", proj, "--document", SEED.stem, "--screenshot", str(shot), "--size", "900x600"]
        )
        == 0
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # with --document: since issue 10 a screenshot without one is refused first
    bad_size = ["gui", proj, "--document", SEED.stem, "--screenshot", str(shot), "--size", "big"]
    with pytest.raises(SystemExit) as usage:  # a malformed value: a usage error
        entry_main(bad_size)
    assert usage.value.code == 2


def test_bundle_merge_and_agreement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator import Project

    a, b = tmp_path / "a.annotator", tmp_path / "b.annotator"
    text = SEED.read_text(encoding="utf-8")
    for path, who, label in ((a, "amal", "GPE"), (b, "badr", "LOC")):
        with Project.create(path) as p:
            doc = p.add_document(text, name="seed")
            p.add_span(doc.id, *inword(text, "بباريس", 1), "GPE", who)
            p.add_span(doc.id, *inword(text, "وهولندا", 1), label, who)
    bundle = tmp_path / "badr.bundle"
    assert run("bundle", str(b), "--annotator", "badr", "--output", str(bundle)) == 0
    assert run("merge", str(a), str(bundle)) == 0
    assert "2 added" in capsys.readouterr().out
    assert run("merge", str(a), str(bundle)) == 0  # idempotent
    assert "0 added" in capsys.readouterr().out
    report = tmp_path / "agreement.html"
    assert run("agreement", str(a), "--json", "--report", str(report)) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["annotators"] == ["amal", "badr"]
    assert "<script" not in report.read_text(encoding="utf-8")
    assert run("agreement", str(a), "--annotators", "amal,nobody") == 1
    assert run("bundle", str(a), "--annotator", "nobody", "--output", str(tmp_path / "x")) == 1


def test_suggestion_commands_end_to_end(tmp_path: Path) -> None:
    """annotate-all, gazetteer, train and suggest as a user runs them: the installed entry
    point in a process of its own, on a project made by init and import."""
    from tests.core.test_learn import CITIES, synthetic_document

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "annotator.cli", *args], capture_output=True, text=True
        )

    for cmd in ("annotate-all", "gazetteer", "train", "suggest"):
        res = cli(cmd, "--help")
        assert res.returncode == 0 and "usage:" in res.stdout and "exit status" in res.stdout
    proj = str(tmp_path / "p.annotator")
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for k in range(10):
            text, spans = synthetic_document(k, cities=CITIES[:8])
            rows = [{"start": s, "end": e, "label": lab} for s, e, lab in spans]
            fh.write(json.dumps({"text": text, "name": f"doc{k}", "spans": rows}) + "\n")
        fh.write(json.dumps({"text": synthetic_document(50)[0], "name": "new"}) + "\n")
    assert cli("init", proj).returncode == 0
    assert cli("import", proj, str(src), "--annotator", "gold").returncode == 0
    res = cli("train", proj, "--annotator", "gld")
    assert res.returncode == 1 and res.stderr.endswith("did you mean 'gold'?\n")
    res = cli("suggest", proj)
    assert res.returncode == 1 and "annotator train" in res.stderr
    res = cli("train", proj)
    assert res.returncode == 0, res.stderr
    assert "micro" in res.stdout and (tmp_path / "p.model-report.html").is_file()
    res = cli("suggest", proj, "--document", "new", "--json")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and {r["document"] for r in rows} == {"new"}
    res = cli("annotate-all", proj, "--from-layer", "gold", "--document", "new")
    assert res.returncode == 0 and res.stdout.startswith("annotate-all: ")
    names = tmp_path / "names.csv"
    names.write_text("name,label\nباريس,GPE\nلندن\n", "utf-8")
    res = cli("gazetteer", proj, str(names))
    assert res.returncode == 1 and res.stdout == ""
    assert res.stderr.startswith("annotator: error: ") and "names.csv:3" in res.stderr
