"""``annotator annotate-all``, ``gazetteer``, ``train`` and ``suggest`` (issues 13, 14): the
suggestion jobs of ``annotator.commands.suggestions`` from the command line, with its names
checked (did you mean), its exit codes and one error line, and a project left as it was when a
command fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.learn.corpus import MIN_MENTIONS
from annotator.project import Project
from tests.core.test_learn import CITIES, PEOPLE, add_synthetic_gold, synthetic_document

ONE = "زار محمد بباريس ثم عاد إلى هولندا."
TWO = "في باريس التقى محمد بوفد من هولندا وباريس."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def usage(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 2
    return capsys.readouterr().err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("annotator: error: "), err
    return lines[0]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        a = p.add_document(ONE, name="one")
        p.add_document(TWO, name="two")
        p.add_span(a.id, ONE.index("محمد"), ONE.index("محمد") + 4, "PER", "amal")
        p.add_span(a.id, ONE.index("هولندا"), ONE.index("هولندا") + 6, "GPE", "amal")
    return path


def state(path: Path) -> tuple[object, ...]:
    with Project.open(path, read_only=True) as p:
        return (
            [(s.doc_id, s.start, s.end, s.label, s.source) for s in p.suggestions(None)],
            [(s.doc_id, s.start, s.end, s.label, s.annotator) for s in p.spans()],
            [m["id"] for m in p.models()],
        )


# -- annotate-all --------------------------------------------------------------------------------
def test_annotate_all_stores_other_occurrences_as_suggestions(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "annotate-all", str(small), "--from-layer", "amal")
    assert code == 0
    assert out == "annotate-all: 2 suggestions in 2 documents, 2 stored as pending\n"
    with Project.open(small, read_only=True) as p:
        got = [(s.doc_id, s.text, s.label, s.source) for s in p.suggestions(None)]
        assert got == [(2, "محمد", "PER", "annotate-all"), (2, "هولندا", "GPE", "annotate-all")]
        assert p.spans(2) == []  # suggestions, not spans
    code, out, _ = run(capsys, "annotate-all", str(small), "--from-layer", "amal")
    assert "0 stored as pending" in out  # nothing twice


def test_annotate_all_into_a_layer_for_chosen_labels_and_documents(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--from-layer", "amal", "--to-layer", "huda", "--label", "GPE", "--document", "two"]
    code, out, _ = run(capsys, "annotate-all", str(small), *argv)
    assert code == 0
    assert out.splitlines() == [
        "annotate-all: 1 suggestions in 1 documents, 0 stored as pending",
        "1 accepted as spans",
    ]
    with Project.open(small, read_only=True) as p:
        assert [(s.text, s.label) for s in p.spans(2, "huda")] == [("هولندا", "GPE")]
        assert p.suggestions(None) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from-layer", "aml"], "no layer 'aml' (layers: amal); did you mean 'amal'?"),
        (["--from-layer", "amal", "--label", "GEP"], "did you mean 'GPE'?"),
        (["--from-layer", "amal", "--document", "tow"], "did you mean 'two'?"),
    ],
)
def test_annotate_all_names_checked_before_any_work(
    small: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = state(small)
    code, _, err = run(capsys, "annotate-all", str(small), *argv)
    assert code == 1
    assert message in one_error_line(err)
    assert state(small) == before


def test_annotate_all_needs_its_source_layer(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "--from-layer" in usage(capsys, "annotate-all", str(small))


# -- gazetteer -----------------------------------------------------------------------------------
def test_gazetteer_matches_become_suggestions(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "cities.csv"
    names.write_text("name,label\nباريس,GPE\nهولندا,GPE\n", "utf-8")
    code, out, _ = run(capsys, "gazetteer", str(small), str(names))
    assert code == 0
    assert out == "gazetteer:cities: 4 suggestions in 2 documents, 4 stored as pending\n"
    txt = tmp_path / "people.txt"
    txt.write_text("# people\nمحمد\n", "utf-8")
    argv = ["--label", "PER", "--name", "people", "--document", "two"]
    code, out, _ = run(capsys, "gazetteer", str(small), str(txt), *argv)
    assert code == 0 and "1 stored as pending" in out
    with Project.open(small, read_only=True) as p:
        got = [(s.doc_id, s.text, s.label) for s in p.suggestions(None, source="gazetteer:people")]
        assert got == [(2, "محمد", "PER")]  # not in "one", where محمد is annotated anyway
        assert len(p.suggestions(None, source="gazetteer:cities")) == 4


@pytest.mark.parametrize(
    ("name", "content", "argv", "message"),
    [
        ("bad.csv", "name,label\nالقاهرة,GPE\nروما\n", [], "bad.csv:3"),
        ("unknown.csv", "القاهرة,GPE\nروما,CITY\n", [], "unknown.csv:2"),
        ("twice.csv", "باريس,GPE\nباريس,PER\n", [], "twice.csv:2"),
        ("latin1.txt", "", ["--label", "GPE"], "latin1.txt:2: not UTF-8"),
        ("names.txt", "باريس\n", [], "needs a label"),
        ("names.txt", "باريس\n", ["--label", "GEP"], "did you mean 'GPE'?"),
    ],
)
def test_a_bad_gazetteer_is_one_line_and_changes_nothing(
    small: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    argv: list[str],
    message: str,
) -> None:
    run(capsys, "annotate-all", str(small), "--from-layer", "amal")  # something to keep
    before = state(small)
    src = tmp_path / name
    if name == "latin1.txt":
        src.write_bytes("باريس\n".encode() + "Zürich\n".encode("latin-1"))
    else:
        src.write_text(content, "utf-8")
    code, out, err = run(capsys, "gazetteer", str(small), str(src), *argv)
    assert code == 1 and out == ""
    assert message in one_error_line(err)
    assert state(small) == before


def test_a_missing_gazetteer_file_is_an_error(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "gazetteer", str(small), str(tmp_path / "none.csv"))
    assert code == 1 and "none.csv: no such file" in one_error_line(err)


# -- train and suggest ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def trained_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of the synthetic corpus (gold spans) trained once by ``annotator train``,
    with two documents nobody labelled."""
    path = tmp_path_factory.mktemp("trained") / "t.annotator"
    with Project.create(path) as p:
        add_synthetic_gold(p)
        for k in (100, 101):
            p.add_document(synthetic_document(k)[0], name=f"new{k}")
    assert main(["train", str(path)]) == 0
    return path


@pytest.fixture
def trained(trained_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "t.annotator"
    shutil.copyfile(trained_template, path)
    return path


def test_train_prints_scores_per_label_and_writes_the_report(
    tmp_path: Path, trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.model-report.html"
    assert not target.exists()  # the template's report is beside the template
    code, out, err = run(capsys, "train", str(trained), "--eval-split", "0.3", "--seed", "7")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "layer gold: 10 documents, 160 mentions, labels GPE, PER"
    header = lines.index(f"{'label':<12}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
    rows = {line.split()[0]: line.split()[1:] for line in lines[header + 1 : header + 5]}
    assert set(rows) == {"GPE", "PER", "micro", "baseline"}
    for label in ("GPE", "PER", "micro"):
        precision, recall, f1 = (float(x) for x in rows[label][:3])
        assert 0.5 < f1 <= 1 and 0 <= precision <= 1 and 0 <= recall <= 1
    assert any(line.startswith("learning curve (documents: micro F1): ") for line in lines)
    assert lines[-1] == f"report written to {target}"
    html = target.read_text("utf-8")
    assert "<html" in html.lower() and "GPE" in html and "<svg" in html  # the curve
    with Project.open(trained, read_only=True) as p:
        models = p.models()
        assert len(models) == 2 and models[-1]["layer"] == "gold"
    # run again: its own report is replaced; a file of the user's never is
    assert run(capsys, "train", str(trained))[0] == 0
    mine = tmp_path / "mine.html"
    mine.write_text("my notes", "utf-8")
    before = state(trained)
    code, _, err = run(capsys, "train", str(trained), "--report", str(mine))
    assert code == 1 and "refusing to replace" in one_error_line(err)
    assert mine.read_text("utf-8") == "my notes"
    assert state(trained) == before  # refused before training: no model stored


def test_train_with_too_few_mentions_says_so(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = state(small)
    code, out, err = run(capsys, "train", str(small), "--annotator", "amal")
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert "layer 'amal' holds 2 entity mentions" in line
    assert f"at least {MIN_MENTIONS} mentions" in line
    assert state(small) == before
    assert not small.with_name("p.model-report.html").exists()


@pytest.mark.parametrize(
    ("argv", "message", "exit_code"),
    [
        (["--annotator", "gld"], "did you mean 'gold'?", 1),
        (["--eval-split", "1.5"], "--eval-split: expected a number from 0 to under 1", 2),
        (["--status", "don"], "did you mean 'done'?", 2),
        (["--report", "-"], "--report cannot be '-'", 1),
    ],
)
def test_train_options_checked(
    trained: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str,
    exit_code: int,
) -> None:  # fmt: skip
    if exit_code == 2:
        assert message in usage(capsys, "train", str(trained), *argv)
        return
    code, _, err = run(capsys, "train", str(trained), *argv)
    assert code == exit_code and message in one_error_line(err)


def test_suggest_prints_json_lines_and_stores_them_pending(
    trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "suggest", str(trained), "--document", "new100", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(
        set(r) == {"document", "start", "end", "label", "score", "source"} for r in rows
    )
    with Project.open(trained, read_only=True) as p:
        text = p.document_by_name("new100").text
        pending = p.suggestions(None)
    names = set(PEOPLE) | set(CITIES)
    found = {(text[r["start"] : r["end"]], r["label"]) for r in rows}
    right = {(t, lab) for t, lab in found if t in names}
    assert len(right) >= 0.8 * len(found)  # the model learnt: names, with their labels
    assert {lab for _, lab in found} == {"GPE", "PER"}
    assert {r["document"] for r in rows} == {"new100"}
    assert {r["source"] for r in rows} == {p_source(trained)}
    assert [(s.start, s.end, s.label) for s in pending] == [
        (r["start"], r["end"], r["label"]) for r in rows
    ]
    assert f"{len(rows)} suggestion(s) pending from" in err


def p_source(path: Path) -> str:
    with Project.open(path, read_only=True) as p:
        models = p.models()
    return f"model:{models[-1]['name']}@{models[-1]['version']}"


def test_suggest_min_score_and_the_plain_listing(
    trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "suggest", str(trained), "--json")
    every = [json.loads(line) for line in out.splitlines()]
    assert {r["document"] for r in every} == {"new100", "new101"}  # the labelled ones: covered
    low = min(r["score"] for r in every)
    high = max(r["score"] for r in every)
    cut = (low + high) / 2 if high > low else high
    code, out, _ = run(capsys, "suggest", str(trained), "--min-score", str(cut))
    lines = out.splitlines()
    assert code == 0 and 0 < len(lines) <= len(every)
    for line in lines:
        where, label, score, text = line.split("\t")
        name, _, span = where.partition(":")
        assert name in ("new100", "new101") and label in ("GPE", "PER")
        start, end = (int(x) for x in span.split("-"))
        assert (name, start, end, label) in {
            (r["document"], r["start"], r["end"], r["label"]) for r in every
        }
        assert float(score) >= round(cut, 3) - 0.001 and text


def test_suggest_without_a_model_or_with_a_tampered_one_is_one_line(
    small: Path, trained: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "suggest", str(small), "--json")
    assert code == 1 and out == ""
    assert "no model trained yet: run `annotator train` first" in one_error_line(err)
    with Project.open(trained) as p:
        p.save_model("ner", b"not a crfsuite model", {"name": "crf", "version": "x"})
    before = state(trained)
    code, out, err = run(capsys, "suggest", str(trained))
    assert code == 1 and out == ""
    assert "not a model saved by annotator" in one_error_line(err)
    assert state(trained) == before
    assert "--min-score: expected a number from 0 to 1" in usage(
        capsys, "suggest", str(trained), "--min-score", "2"
    )
    assert "did you mean 'new100'?" in one_error_line(
        run(capsys, "suggest", str(trained), "--document", "nwe100")[2]
    )


def test_suggest_says_how_many_predictions_the_schema_no_longer_takes(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A model trained before the schema dropped GPE: its GPE predictions are left out (never
    stored, so they cannot block an accept) and suggest says how many (QA 13)."""
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"entities": [{"name": "PER", "hotkey": "p"}]}))
    assert main(["schema", str(trained), "--import", str(schema)]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "suggest", str(trained), "--json")
    assert code == 0
    labels = {json.loads(line)["label"] for line in out.splitlines()}
    assert labels == {"PER"}
    said = [line for line in err.splitlines() if "not stored" in line]
    assert len(said) == 1 and said[0].endswith(
        "of the model's suggestions not stored: the project's schema has no label GPE "
        "(train the model again to learn the schema's labels)"
    )
    assert int(said[0].split()[0]) > 0
    with Project.open(trained, read_only=True) as p:
        assert {s.label for s in p.suggestions(None)} == {"PER"}
