"""Tokens an import keeps in ``meta``: a spaCy JSONL task's tokens must be the text at their
offsets and cover every word (else the line is refused), and whatever tokens a project holds
(an older import did not check them, a JSONL line carries ``meta.tokens``), no token export
leaves a word of the text out (QA round 13, formats d3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import ImportFormatError
from annotator.formats.conll import write_conll
from annotator.formats.events_json import read_events_json, write_events_json
from annotator.formats.jsonl import read_jsonl
from annotator.formats.spacy_jsonl import read_spacy_jsonl, write_spacy_jsonl
from annotator.formats.tokens import token_layer, tokenize, uncovered
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import Label, Schema
from annotator.text import sha256_text

SCHEMA = Schema(entities=(Label("GPE"),))


def write_lines(path: Path, *objs: object) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


def tok(text: str, start: int, end: int, k: int) -> dict[str, object]:
    return {"text": text[start:end], "start": start, "end": end, "id": k}


def test_spacy_tokens_leaving_a_word_out_are_refused(tmp_path: Path) -> None:
    good = {"text": "ab cd", "tokens": [tok("ab cd", 0, 2, 0), tok("ab cd", 3, 5, 1)]}
    bad = {"text": "ab cd", "tokens": [tok("ab cd", 0, 2, 0)], "spans": []}
    src = write_lines(tmp_path / "p.jsonl", good, bad)
    with pytest.raises(ImportFormatError) as err:
        read_spacy_jsonl(src)
    assert "p.jsonl:2" in str(err.value)
    assert "the tokens leave out 'cd' at offset 3" in str(err.value)
    lenient = read_spacy_jsonl(src, strict=False)
    assert [d.line for d in lenient.documents] == [1]
    assert [p.line for p in lenient.problems] == [2]


def test_spacy_token_text_must_be_the_text_at_its_offsets(tmp_path: Path) -> None:
    text = "زار بغداد"
    wrong = {"text": text, "tokens": [tok(text, 0, 3, 0), {**tok(text, 4, 9, 1), "text": "x"}]}
    src = write_lines(tmp_path / "p.jsonl", wrong)
    with pytest.raises(ImportFormatError) as err:
        read_spacy_jsonl(src)
    assert "p.jsonl:1" in str(err.value)
    assert "token 1 (4, 9): its text 'x' is not the text at its offsets, 'بغداد'" in str(err.value)


def test_spacy_tokens_as_spacy_writes_them_are_kept(tmp_path: Path) -> None:
    # spaCy's own tokens: white space tokens ("\n"), a ZWNJ inside a word, a BOM first
    text = "\ufeffزار\nبغداد\u200cيوم  ."
    bounds = [(1, 4), (4, 5), (5, 14), (14, 15), (16, 17)]  # (14, 15): a " " token
    task = {"text": text, "tokens": [tok(text, s, e, k) for k, (s, e) in enumerate(bounds)]}
    (doc,) = read_spacy_jsonl(write_lines(tmp_path / "p.jsonl", task)).documents
    assert doc.meta["tokens"] == [[0, 3], [3, 4], [4, 13], [13, 14], [15, 16]]
    # the white space tokens are no tokens of an export
    stored = text[1:]
    layer = token_layer(stored, [], meta=doc.meta)
    assert layer.words() == ["زار", "بغداد\u200cيوم", "."]


def stored(text: str, tokens: list[list[int]]) -> DocumentAnnotations:
    """A document of an older project, holding tokens for part of its text."""
    doc = Document(1, "d", text, sha256_text(text), meta={"tokens": tokens})
    span = Span("s", 1, "gold", 0, 2, "GPE", text[0:2])
    return DocumentAnnotations(doc, spans=(span,))


def test_every_token_export_writes_the_words_stored_tokens_leave_out(tmp_path: Path) -> None:
    doc = stored("ab cd، ef", [[0, 2]])
    conll = tmp_path / "out.conll"
    write_conll([doc], conll, SCHEMA)
    assert conll.read_text(encoding="utf-8").split() == [
        "ab", "B-GPE", "cd", "O", "،", "O", "ef", "O",
    ]  # fmt: skip
    sj = tmp_path / "out.jsonl"
    write_spacy_jsonl([doc], sj, SCHEMA)
    task = json.loads(sj.read_text(encoding="utf-8"))
    assert [t["text"] for t in task["tokens"]] == ["ab", "cd", "،", "ef"]
    ev = tmp_path / "ev.jsonl"
    write_events_json([doc], ev, SCHEMA)
    assert json.loads(ev.read_text(encoding="utf-8"))["tokens"] == ["ab", "cd", "،", "ef"]
    (back,) = read_events_json(ev).documents
    assert back.text == "ab cd، ef"


def test_a_jsonl_line_carrying_meta_tokens(tmp_path: Path) -> None:
    src = write_lines(
        tmp_path / "in.jsonl", {"name": "d", "text": "ab cd", "meta": {"tokens": [[0, 2]]}}
    )
    (imported,) = read_jsonl(src).documents
    doc = Document(1, "d", imported.text, sha256_text(imported.text), meta=imported.meta)
    out = tmp_path / "out.conll"
    write_conll([DocumentAnnotations(doc)], out, SCHEMA)
    assert out.read_text(encoding="utf-8").split() == ["ab", "O", "cd", "O"]


def test_gap_tokens_join_the_sentence_before_them() -> None:
    text = "ab cd.\nef gh."
    meta = {"tokens": [[0, 2], [7, 9]], "sentences": [[0, 1], [1, 2]]}
    layer = token_layer(text, [], meta=meta)
    assert layer.words() == ["ab", "cd", ".", "ef", "gh", "."]
    assert layer.sentences == [[0, 1, 2], [3, 4, 5]]


PIECES = ["بغداد", "زار", "و", "ـ", "٢٠", ".", "،", "👍🏽", "\u200c", "\u200f", "\ufeff", " ", "\n"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join),
    st.lists(st.booleans(), max_size=20),
    st.lists(st.integers(0, 30), max_size=4),
)
def test_whatever_tokens_are_stored_the_layer_covers_the_text(
    text: str, keep: list[bool], cuts: list[int]
) -> None:
    base = tokenize(text)
    kept = [list(t) for t, k in zip(base, keep + [False] * len(base), strict=False) if k]
    meta = {"tokens": kept} if kept else {}
    layer = token_layer(text, [c for c in cuts if c <= len(text)], meta=meta)
    assert uncovered(text, layer.tokens) is None
    assert all(s < e for s, e in layer.tokens)
    assert all(a[1] <= b[0] for a, b in zip(layer.tokens, layer.tokens[1:], strict=False))
    assert sorted(i for sent in layer.sentences for i in sent) == list(range(len(layer.tokens)))
