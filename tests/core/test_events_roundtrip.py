"""Event JSON (OneIE) round trips: mention types through the schema, documents that share a
name, the exact text, and ``auto`` telling the JSON lines formats apart (QA export round 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import AnnotatorError, ImportFormatError
from annotator.exporting import export
from annotator.formats.events_json import is_mention_type, read_events_json
from annotator.formats.registry import detect_format, read_any
from annotator.importing import import_documents
from annotator.project import Project
from annotator.schema import default_schema

LAYER = "amal"


def _project(path: Path, *texts: tuple[str, str]) -> Project:
    p = Project.create(path, schema=default_schema())
    for name, text in texts:
        p.add_document(text, name=name)
    return p


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- mention types go through the schema's attribute, both ways --------------------------------
def test_mention_type_is_the_schemas_attribute_both_ways(tmp_path: Path) -> None:
    text = "زار محمد بغداد والوزير"
    p = _project(tmp_path / "a.annotator", ("d", text))
    for word, label, kind in (("محمد", "PER", "NAM"), ("بغداد", "GPE", "NOM")):
        i = text.index(word)
        p.add_span(1, i, i + len(word), label, LAYER, attributes={"MentionType": kind})
    out = tmp_path / "e.jsonl"
    report = export(p, "events", out, annotator=LAYER)
    (line,) = _lines(out)
    assert [m["mention_type"] for m in line["entity_mentions"]] == ["NAM", "NOM"]
    assert report.lost["attribute"] == 0 and report.exported["attribute"] == 2
    result = read_any(out, "events", True, schema=p.schema)
    assert result.problems == []
    (doc,) = result.documents
    assert [s.attributes for s in doc.spans] == [{"MentionType": "NAM"}, {"MentionType": "NOM"}]
    p.close()


def test_attributes_without_a_place_are_still_reported(tmp_path: Path) -> None:
    text = "زار محمد بغداد"
    p = _project(tmp_path / "a.annotator", ("d", text))
    i = text.index("محمد")
    attrs = {"MentionType": "NAM"}
    p.add_span(1, i, i + 4, "PER", LAYER, attributes=attrs)
    report = export(p, "events", tmp_path / "o.jsonl", annotator=LAYER, style="dygiepp")
    assert (report.exported["attribute"], report.lost["attribute"]) == (0, 1)
    p.close()


def test_a_mention_type_that_cannot_be_kept_is_reported(tmp_path: Path) -> None:
    src = tmp_path / "ace.jsonl"
    ents = [
        {"id": "e0", "start": 0, "end": 1, "entity_type": "PER", "mention_type": "NAM"},
        {"id": "e1", "start": 1, "end": 2, "entity_type": "GPE", "mention_type": "HLS"},
        {"id": "e2", "start": 2, "end": 3, "entity_type": "GPE", "mention_type": "UNK"},
    ]
    row = {"doc_id": "d", "sent_id": "d-0", "tokens": ["محمد", "بغداد", "دمشق"]}
    src.write_text(json.dumps(row | {"entity_mentions": ents}) + "\n", encoding="utf-8")
    result = read_events_json(src, attribute_schema=default_schema())
    assert [s.attributes for s in result.documents[0].spans] == [{"MentionType": "NAM"}, {}, {}]
    (problem,) = result.problems
    assert "mention_type of 1 entities not kept" in str(problem) and "'HLS'" in str(problem)
    # without a schema nothing can be named: reported, not silently dropped
    assert "not kept" in str(read_events_json(src).problems[0])


def test_mention_type_rule_ignores_case_and_separators() -> None:
    assert all(map(is_mention_type, ("MentionType", "mention_type", "Mention-Type")))
    assert not is_mention_type("Mention")


# -- documents sharing a name ------------------------------------------------------------------
def test_documents_sharing_a_name_stay_apart(tmp_path: Path) -> None:
    p = _project(tmp_path / "a.annotator", ("article", "خبر أول عن بغداد"))
    p.add_document("خبر ثان عن دمشق", name="article")
    out = tmp_path / "e.jsonl"
    export(p, "events", out)
    assert [line["doc_id"] for line in _lines(out)] == ["article", "article-2"]
    assert len({line["sent_id"] for line in _lines(out)}) == 2
    result = read_any(out, "events", True)
    assert [d.text for d in result.documents] == ["خبر أول عن بغداد", "خبر ثان عن دمشق"]
    p.close()


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_a_doc_id_whose_sentences_are_apart_is_refused(tmp_path: Path) -> None:
    rows = [
        {"doc_id": doc, "sent_id": f"{doc}-{k}", "tokens": ["نص"]}
        for k, doc in enumerate(["a", "b", "a"])
    ]
    src = _write(tmp_path / "x.jsonl", rows)
    with pytest.raises(ImportFormatError, match=r"x\.jsonl:3: doc_id 'a' comes back .* line 1"):
        read_events_json(src)
    lenient = read_events_json(src, strict=False)
    assert [d.name for d in lenient.documents] == ["a", "b"] and len(lenient.problems) == 1


def test_a_repeated_sent_id_is_refused(tmp_path: Path) -> None:
    rows = [{"doc_id": "a", "sent_id": "a-0", "tokens": [w]} for w in ("نص", "آخر")]
    src = _write(tmp_path / "x.jsonl", rows)
    with pytest.raises(ImportFormatError, match=r":2: sent_id 'a-0' .* line 1"):
        read_events_json(src)


# -- the exact text -----------------------------------------------------------------------------
TEXT = "قال الوزير.\u2003 ثم غادر.\n\n\nفي بغداد  \u00a0\nانتهى \ufeffدمشق\n\n"


def test_the_text_comes_back_exactly_and_is_recognised(tmp_path: Path) -> None:
    p = _project(tmp_path / "a.annotator", ("s", TEXT))
    i = TEXT.index("بغداد")
    p.add_span(1, i, i + 5, "GPE", LAYER)
    out = tmp_path / "e.jsonl"
    export(p, "events", out, annotator=LAYER)
    result = read_any(out, "events", True, schema=p.schema)
    assert [d.text for d in result.documents] == [TEXT]
    report = import_documents(p, result, annotator="badr")
    assert report.documents_added == 0 and len(p.documents()) == 1
    (span,) = p.spans(1, annotator="badr")
    assert (span.start, span.end) == (i, i + 5)
    p.close()


def test_a_file_without_our_text_keys_reads_as_before(tmp_path: Path) -> None:
    rows = [
        {
            "doc_id": "a",
            "sent_id": "a-0",
            "tokens": ["قال", "الوزير", "."],
            "sentence": "قال الوزير.",
        },
        {"doc_id": "a", "sent_id": "a-1", "tokens": ["ثم", "غادر"]},
    ]
    (doc,) = read_events_json(_write(tmp_path / "x.jsonl", rows)).documents
    assert doc.text == "قال الوزير.\nثم غادر"


# -- auto tells the JSON lines formats apart ---------------------------------------------------
def test_auto_reads_each_jsonl_export_as_its_own_format(tmp_path: Path) -> None:
    p = _project(tmp_path / "a.annotator", ("d", "زار محمد بغداد"))
    p.add_span(1, 4, 8, "PER", LAYER)
    for fmt in ("events", "spacy-jsonl", "jsonl", "doccano"):
        out = tmp_path / f"{fmt}.jsonl"
        export(p, fmt, out, annotator=LAYER)
        assert detect_format(out) == fmt
        assert read_any(out, "auto", True, schema=p.schema).documents
    p.close()


def test_auto_names_the_formats_to_try_when_it_cannot_tell(tmp_path: Path) -> None:
    src = _write(tmp_path / "odd.jsonl", [{"words": ["a"], "tags": ["O"]}])
    with pytest.raises(AnnotatorError, match=r"--format jsonl.*--format spacy-jsonl.*events"):
        detect_format(src)
    dygie = _write(tmp_path / "dy.jsonl", [{"doc_key": "d", "sentences": [["a"]]}])
    with pytest.raises(AnnotatorError, match="DyGIE"):
        detect_format(dygie)
