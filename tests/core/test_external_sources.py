"""Outside predictions as another source of suggestions (issue 14): ``annotator suggest --from
FILE.jsonl`` / ``--spacy PIPELINE_DIR`` store them as pending through
``annotator.learn.external`` (one transaction, replacing that source's earlier pending ones);
a bad line is refused with file:line and the project is left exactly as it was; a spaCy
pipeline is loaded from its folder only, every failure one line naming the folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ImportFormatError
from annotator.exchange import canonical_hash
from annotator.learn.external import (
    SpacyPipeline,
    SpacyUnavailable,
    import_suggestions,
    store_file_suggestions,
)
from annotator.project import Project

ONE = "زار محمد باريس ثم عاد إلى هولندا."
TWO = "في باريس التقى  محمد بوفد من هولندا."


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        a = p.add_document(ONE, name="one")
        p.add_document(TWO, name="two")
        p.add_span(a.id, ONE.index("هولندا"), ONE.index("هولندا") + 6, "GPE", "amal")
    return path


def line(doc: str, text: str, word: str, label: str, **more: object) -> str:
    start = text.index(word)
    return json.dumps(
        {"document": doc, "start": start, "end": start + len(word), "label": label, **more},
        ensure_ascii=False,
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def state(path: Path) -> tuple[object, ...]:
    with Project.open(path, read_only=True) as p:
        pending = [
            (s.doc_id, s.start, s.end, s.label, s.score, s.source) for s in p.suggestions(None)
        ]
        return canonical_hash(p), pending


GOOD = [
    line("one", ONE, "محمد", "PER", score=0.75),
    line("one", ONE, "باريس", "GPE"),
    line("two", TWO, "محمد", "PER", score=0.5, source="tagger-x@2"),
]


def test_a_jsonl_file_becomes_pending_suggestions_with_json_output(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "pred.jsonl"
    f.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "suggest", str(small), "--from", str(f), "--json")
    assert code == 0, err
    rows = [json.loads(r) for r in out.splitlines()]
    assert [(r["document"], r["label"], r["score"], r["source"]) for r in rows] == [
        ("one", "PER", 0.75, "file:pred.jsonl"),
        ("one", "GPE", 1.0, "file:pred.jsonl"),
        ("two", "PER", 0.5, "tagger-x@2"),
    ]
    assert all(set(r) == {"document", "start", "end", "label", "score", "source"} for r in rows)
    assert "3 suggestion(s) pending from file:pred.jsonl, tagger-x@2 in 2 document(s)" in err
    with Project.open(small, read_only=True) as p:
        got = [(s.text, s.label, s.source) for s in p.suggestions(None)]
    assert got == [
        ("محمد", "PER", "file:pred.jsonl"),
        ("باريس", "GPE", "file:pred.jsonl"),
        ("محمد", "PER", "tagger-x@2"),
    ]
    # --document and --min-score narrow what is stored; the plain listing names the document
    code, out, err = run(
        capsys, "suggest", str(small), "--from", str(f), "--document", "one", "--min-score", "0.8"
    )
    assert code == 0 and out.splitlines() == [f"one:{ONE.index('باريس')}-{ONE.index('باريس') + 5}"
                                              "\tGPE\t1.000\tباريس"]  # fmt: skip


def test_reading_the_file_again_replaces_its_pending_suggestions(
    small: Path, tmp_path: Path
) -> None:
    f = tmp_path / "pred.jsonl"
    f.write_text(GOOD[0] + "\n" + GOOD[1] + "\n", encoding="utf-8")
    with Project.open(small) as p:
        assert store_file_suggestions(p, f).stored == 2
        assert store_file_suggestions(p, f).stored == 2  # not stacked
        f.write_text(GOOD[1] + "\n", encoding="utf-8")
        again = store_file_suggestions(p, f)
        assert [s.text for s in again.suggestions] == ["باريس"]
        assert [s.text for s in p.suggestions(None)] == ["باريس"]


def test_exact_duplicate_lines_count_once(small: Path, tmp_path: Path) -> None:
    f = tmp_path / "dup.jsonl"
    f.write_text("\n".join([GOOD[0], GOOD[0], GOOD[1], GOOD[0]]) + "\n", encoding="utf-8")
    with Project.open(small) as p:
        imported = store_file_suggestions(p, f)
        assert imported.found == 2 and imported.stored == 2


BAD = {
    "unknown label": (line("one", ONE, "محمد", "NOT_A_LABEL"), "'NOT_A_LABEL' is not in the"),
    "long label": (line("one", ONE, "محمد", "P" * 5000), "label is longer than 100 characters"),
    "white space": (
        json.dumps({"document": "two", "start": TWO.index("  "), "end": TWO.index("  ") + 2,
                    "label": "PER"}),
        "only white space",
    ),
    "control in source": (line("one", ONE, "محمد", "PER", source="a\x1bb"), r"U\+001B"),
    "line separator in source": (line("one", ONE, "محمد", "PER", source="a\u2028b"), r"U\+2028"),
    "bidi control in source": (line("one", ONE, "محمد", "PER", source="a\u202eb"), "bidi"),
    "long source": (line("one", ONE, "محمد", "PER", source="s" * 201), "longer than 200"),
    "the model's source": (
        line("one", ONE, "محمد", "PER", source="model:crf@f4c8f0f8"),
        "one of the project's own",
    ),
    "the model's family": (line("one", ONE, "محمد", "PER", source="model:crf"), "project's own"),
    "annotate-all's source": (
        line("one", ONE, "محمد", "PER", source="annotate-all"), "project's own"
    ),
    "a gazetteer's source": (
        line("one", ONE, "محمد", "PER", source="gazetteer:places"), "project's own"
    ),
    "offsets outside": ('{"document": "one", "start": 3, "end": 999, "label": "PER"}', "outside"),
    "NaN score": ('{"document": "one", "start": 0, "end": 3, "label": "PER", "score": NaN}', "NaN"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_line_is_refused_with_file_and_line_and_nothing_stored(
    case: str, small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.jsonl"
    bad, message = BAD[case]
    f.write_text(GOOD[1] + "\n\n" + bad + "\n" + GOOD[0] + "\n", encoding="utf-8")
    earlier = tmp_path / "earlier.jsonl"
    earlier.write_text(GOOD[2] + "\n", encoding="utf-8")
    with Project.open(small) as p:
        store_file_suggestions(p, earlier)
    before = state(small)
    with Project.open(small) as p, pytest.raises(ImportFormatError, match=message) as info:
        store_file_suggestions(p, f)
    assert info.value.line == 3 and info.value.path.endswith("bad.jsonl")
    code, out, err = run(capsys, "suggest", str(small), "--from", str(f))
    assert code != 0 and out == ""
    assert "bad.jsonl:3: " in err and len(err.strip().splitlines()) == 1
    assert state(small) == before


def test_from_and_spacy_exclude_each_other(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["suggest", str(small), "--from", "a.jsonl", "--spacy", str(tmp_path)])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


# -- spaCy ----------------------------------------------------------------------------------------
@pytest.fixture
def pipeline(tmp_path: Path) -> Path:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "باريس"}])
    nlp.to_disk(tmp_path / "pipe")
    return tmp_path / "pipe"


def test_a_local_spacy_pipeline_offline_gives_suggestions_scored_one(
    small: Path, pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "suggest", str(small), "--spacy", str(pipeline), "--json")
    assert code == 0, err
    rows = [json.loads(r) for r in out.splitlines()]
    assert [(r["document"], r["label"], r["score"]) for r in rows] == [
        ("one", "GPE", 1.0),
        ("two", "GPE", 1.0),
    ]
    assert all(r["source"].startswith("model:spacy-") for r in rows)
    with Project.open(small) as p:
        assert [s.text for s in p.suggestions(None)] == ["باريس", "باريس"]
        # again, through the GUI's entry point (its config.cfg chosen): replaced, not stacked
        assert import_suggestions(p, pipeline / "config.cfg").stored == 2
        assert len(p.suggestions(None)) == 2


def test_a_pipeline_label_outside_the_schema_stores_nothing(small: Path, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "CITY", "pattern": "باريس"}])
    nlp.to_disk(tmp_path / "odd")
    before = state(small)
    with Project.open(small) as p, pytest.raises(ImportFormatError, match="'CITY' is not in"):
        import_suggestions(p, tmp_path / "odd")
    assert state(small) == before


def _edit(folder: Path, old: str, new: str) -> None:
    cfg = folder / "config.cfg"
    text = cfg.read_text(encoding="utf-8")
    assert old in text
    cfg.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no config", "no config.cfg"),
        ("unknown language", "E048"),
        ("duplicated option", "already exists"),
        ("garbage", "Config validation error"),
        ("sourced component", "taken from another pipeline"),
    ],
)
def test_a_broken_pipeline_folder_is_one_line_naming_it(
    case: str, message: str, pipeline: Path
) -> None:
    if case == "no config":
        (pipeline / "config.cfg").unlink()
    elif case == "unknown language":
        _edit(pipeline, 'lang = "ar"', 'lang = "zz"')
    elif case == "duplicated option":
        _edit(pipeline, "[nlp]", '[nlp]\nbefore_creation = {"@callbacks":"os.system"}')
    elif case == "garbage":
        (pipeline / "config.cfg").write_text("[[[not a config", encoding="utf-8")
    else:
        _edit(pipeline, 'factory = "entity_ruler"', 'source = "en_core_web_sm"')
    with pytest.raises(SpacyUnavailable, match=message) as info:
        SpacyPipeline(pipeline)
    text = str(info.value)
    assert text.startswith(str(pipeline)) and "\n" not in text and text.isprintable()


def test_a_broken_pipeline_on_the_command_line_stores_nothing(
    small: Path, pipeline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(pipeline, 'lang = "ar"', 'lang = "zz"')
    before = state(small)
    code, out, err = run(capsys, "suggest", str(small), "--spacy", str(pipeline))
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
    assert str(pipeline) in err
    assert state(small) == before


def test_a_name_two_documents_share_is_refused_with_its_line(tmp_path: Path) -> None:
    """A predictions file names its documents; a name two documents share (two CSV files
    of one name, two imports) does not tell which one: refused with file and line, nothing
    stored (before, the first of them got the suggestion)."""
    text = "زار ماكرون باريس"
    path = tmp_path / "shared.annotator"
    with Project.create(path) as p:
        p.add_document(text, name="t")
        p.add_document(text + " أمس", name="t")
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(line("t", text, "باريس", "GPE") + "\n", encoding="utf-8")
    with Project.open(path) as p, pytest.raises(ImportFormatError) as refused:
        import_suggestions(p, predictions)
    assert f"{predictions.name}:1" in str(refused.value)
    assert "several documents are named 't'" in str(refused.value)
    with Project.open(path) as p:
        assert p.suggestions(None) == []
