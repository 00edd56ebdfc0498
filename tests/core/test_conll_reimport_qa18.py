"""A CoNLL export re-imported into its own project adds nothing twice (QA 18, defect 4).

A span starting inside a word (القمر in والقمر: what accepted suggestions and annotate-all
make) cuts the word in the export (و|القمر), and punctuation is a token of its own; the CoNLL
reader rebuilds the text with a space between tokens, so the text read back ("و القمر") was
not the stored one and the document was added a second time with all its spans. The import
now reads a CoNLL document whose tokens lie in a stored text, white space aside, as that text
(``formats.conll_same``): found already present, its spans deduplicated in their layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.formats.common import ExportOptions
from annotator.formats.conll import read_conll, write_conll
from annotator.formats.conll_same import onto, place
from annotator.importing import import_documents
from annotator.model import Document, DocumentAnnotations
from annotator.project import Project
from annotator.schema import default_schema
from annotator.text import sha256_text

TEXT = "رأى الشمس والقمر معا"
LONG = "اعتقل محمد علي ببغداد.\n\nوزار  الوفد\u200cالفرنسي دمشق، ثم عاد؟"


def never(_: object) -> int:
    raise AssertionError("the window must not start")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv), gui=never)
    out = capsys.readouterr()
    return code, out.out + out.err


def layer(p: Project) -> list[tuple[int, int, str]]:
    return sorted((s.start, s.end, s.label) for s in p.spans(annotator="amal"))


def covered(p: Project) -> list[tuple[str, str]]:
    texts = {d.id: p.document(d.id).text for d in p.documents()}
    return sorted((texts[s.doc_id][s.start : s.end], s.label) for s in p.spans(annotator="amal"))


@pytest.fixture
def repro(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """QA's script: a document with الشمس (a whole word) and القمر (inside والقمر)."""
    path = tmp_path / "p.annotator"
    assert run(capsys, "init", str(path))[0] == 0
    src = tmp_path / "d.jsonl"
    doc = {"name": "d", "text": TEXT, "spans": [{"start": 4, "end": 9, "label": "LOC"}]}
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(capsys, "import", str(path), str(src), "--annotator", "amal")[0] == 0
    with Project.open(path) as p:
        p.add_span(1, 11, 16, "LOC", "amal")  # القمر inside والقمر
    return path


def test_the_repro_re_imported_into_its_project_adds_nothing(
    repro: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.conll"
    code, said = run(
        capsys, "export", str(repro), "--format", "conll", "-o", str(out), "--annotator", "amal"
    )
    assert code == 0 and "(1 split at span boundaries)" in said
    assert "و\tO\nالقمر\tB-LOC\n" in out.read_text(encoding="utf-8")  # the file is unchanged
    code, said = run(
        capsys, "import", str(repro), str(out), "--format", "conll", "--annotator", "amal"
    )
    assert code == 0
    assert "documents added: 0" in said
    assert "same tokens as d, white space aside" in said
    assert "annotations already in their layer, skipped: 2" in said
    with Project.open(repro) as p:
        assert p.document_count() == 1
        assert layer(p) == [(4, 9, "LOC"), (11, 16, "LOC")]


def test_into_a_fresh_project_the_words_and_spans_are_the_original(
    repro: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project without the text gets the tokens CoNLL holds (its text is rebuilt with one
    space between them: the file has no place for the text between tokens that every CoNLL
    tool would ignore, docs/design/formats.md B.1.3); each span covers the same words. The
    export of that project, read back into the first one, is the first one's document."""
    out, again = tmp_path / "out.conll", tmp_path / "again.conll"
    run(capsys, "export", str(repro), "--format", "conll", "-o", str(out), "--annotator", "amal")
    fresh = tmp_path / "fresh.annotator"
    assert run(capsys, "init", str(fresh))[0] == 0
    code, _ = run(capsys, "import", str(fresh), str(out), "--annotator", "amal")
    assert code == 0
    with Project.open(fresh) as q, Project.open(repro) as p:
        (doc,) = q.documents()
        assert q.document(doc.id).text.split() == ["رأى", "الشمس", "و", "القمر", "معا"]
        assert covered(q) == covered(p) == [("الشمس", "LOC"), ("القمر", "LOC")]
    run(capsys, "export", str(fresh), "--format", "conll", "-o", str(again), "--annotator", "amal")
    assert again.read_bytes() == out.read_bytes()
    code, said = run(capsys, "import", str(repro), str(again), "--annotator", "amal")
    assert code == 0 and "documents added: 0" in said
    with Project.open(repro) as p:
        assert p.document_count() == 1 and len(layer(p)) == 2


def test_punctuation_spacing_and_joiners_come_back_onto_the_stored_text(tmp_path: Path) -> None:
    """Through the library (a list of documents, not a stream): a text whose tokens are cut at
    punctuation, in-word spans, two spaces, a blank line and a ZWNJ between words."""
    path = tmp_path / "p.annotator"
    with Project.create(path, schema=default_schema()) as p:
        doc = p.add_document(LONG, name="news")
        for word, skip in (("ببغداد", 1), ("محمد علي", 0), ("الفرنسي", 0), ("دمشق", 0)):
            start = LONG.index(word) + skip
            p.add_span(doc.id, start, LONG.index(word) + len(word), "GPE", "amal")
        before = layer(p)
        out = tmp_path / "news.conll"
        write_conll([p.layer(doc.id, "amal")], out, p.schema)
        result = read_conll(out, schema=p.schema)
        assert result.documents[0].text != LONG  # what the reader alone rebuilds
        report = import_documents(p, result, annotator="amal")
        assert report.documents_added == 0 and report.spans == 0
        assert report.already_present == len(before)
        assert report.same_tokens == [(f"news ({out}:1)", "news")]
        assert p.document_count() == 1 and layer(p) == before


def test_another_text_is_added_and_a_name_taken_is_said(
    repro: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CoNLL document whose words are not a stored text's is a new document, as before; a
    document named as a stored one with another text is added beside it, and said."""
    other = tmp_path / "d.conll"  # named d, as the stored document
    other.write_text("رأى\tO\nالشمس\tB-LOC\nوالنجوم\tO\n", encoding="utf-8")
    code, said = run(capsys, "import", str(repro), str(other), "--annotator", "amal")
    assert code == 0 and "documents added: 1" in said and "same tokens" not in said
    assert (
        "a document of this name was in the project with another text; this one was added "
        f"beside it: d ({other}:1)"
    ) in said
    with Project.open(repro) as p:
        assert p.document_count() == 2


def test_tokens_are_placed_only_with_white_space_between() -> None:
    assert place(["و", "القمر"], "والقمر") == [(0, 1), (1, 6)]
    assert place(["ب", "بغداد", "."], " ببغداد.\n") == [(1, 2), (2, 7), (7, 8)]
    assert place(["ب", "بغداد"], "ب-بغداد") is None  # a character no token holds
    assert place(["بغداد"], "بغداد زار") is None  # text left over
    assert place(["a", "b"], "a\u200c\ufeffb") == [(0, 1), (3, 4)]


def test_a_document_read_onto_a_text_keeps_its_spans_on_the_same_words(tmp_path: Path) -> None:
    text = "زار الوفد\n\nوبغداد."
    doc = DocumentAnnotations(Document(1, "d", text, sha256_text(text)), spans=[])
    out = tmp_path / "a.conll"
    write_conll([doc], out, default_schema(), ExportOptions())
    (read,) = read_conll(out).documents
    assert read.text == "زار الوفد\nوبغداد ."
    moved = onto(read, text)
    assert moved is not None and moved.text == text
    assert [text[s:e] for s, e in moved.meta["tokens"]] == ["زار", "الوفد", "وبغداد", "."]


def test_the_export_with_a_cut_word_still_loads_in_spacy_convert(
    repro: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fix leaves the file as every CoNLL tool reads it (docs/design/formats.md B.1.3,
    the first row of the table): what ``python -m spacy convert -c ner`` runs."""
    from spacy.training.converters.conll_ner_to_docs import conll_ner_to_docs

    out = tmp_path / "out.conll"
    run(capsys, "export", str(repro), "--format", "conll", "-o", str(out), "--annotator", "amal")
    (doc,) = conll_ner_to_docs(out.read_text(encoding="utf-8"), n_sents=0, no_print=True)
    assert [t.text for t in doc] == ["رأى", "الشمس", "و", "القمر", "معا"]
    assert [(e.text, e.label_) for e in doc.ents] == [("الشمس", "LOC"), ("القمر", "LOC")]
