"""Every export counts all it cannot hold (QA8 D1): the token exports (spaCy DocBin, HF datasets,
CoNLL) account for events, arguments, relations, attributes, normalisations and notes with the
rule every export uses (``standoff.part_losses``), per construct ``exported + lost == held``;
the DocBin carries attributes and notes in ``user_data``; and every export but ``jsonl`` says
that it leaves out the documents' meta and status.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.exporting import export, layers
from annotator.formats import standoff
from annotator.formats.conll import TokenReport
from annotator.project import Project

ME = "amal"
TEXT = "اعتقلت الشرطة محمدًا عليّ في باريس. وقال وزير الخارجية إن هولندا وبلجيكا ستجتمعان."


def at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return i, i + len(word)


@pytest.fixture
def rich(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        d = p.add_document(TEXT, name="rich-doc", meta={"source": "qa"})
        add = p.add_span
        police = add(d.id, *at("الشرطة"), "ORG", annotator=ME, attributes={"MentionType": "NOM"})
        per = add(
            d.id,
            *at("محمدًا عليّ"),
            "PER",
            annotator=ME,
            attributes={"MentionType": "NAM", "ref:Wikidata": "Q1"},
            note="ملاحظة",
        )
        paris = add(d.id, *at("باريس"), "GPE", annotator=ME, note="note2")
        nl, be = at("هولندا"), at("وبلجيكا")
        add(d.id, nl[0], be[1], "LOC", annotator=ME, fragments=[nl, be], note="disc")
        arrest = add(d.id, *at("اعتقلت"), "Justice.Arrest-Jail", annotator=ME)
        ev = p.add_event(arrest.uuid, attributes={"Realis": "Actual"}, note="ev note")
        p.add_argument(ev.uuid, "Agent", police.uuid)
        p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_relation("PHYS", per.uuid, paris.uuid, note="rel note")
        p.set_status(d.id, ME, "done")
        yield p


def held(p: Project) -> Counter[str]:
    out: Counter[str] = Counter()
    for item in layers(p, ME, None):
        out.update(standoff.held(item[0]))
    return out


@pytest.mark.parametrize(
    ("fmt", "name"), [("conll", "a.conll"), ("hf", "hf"), ("spacy", "a.spacy")]
)
def test_token_exports_account_for_everything(
    rich: Project, tmp_path: Path, fmt: str, name: str
) -> None:
    report = export(rich, fmt, tmp_path / name, annotator=ME)
    assert isinstance(report, TokenReport) and report.unaccounted() == 0
    holds = held(rich)
    assert holds["attribute"] == 3 and holds["note"] == 5 and holds["normalisation"] == 1
    for construct, n in holds.items():
        assert report.exported[construct] + report.lost[construct] == n, construct
    lines = report.lines()
    assert "left out of documents 1: their meta (no place in " + fmt + ")" in lines
    assert "left out of documents 1: their status (no place in " + fmt + ")" in lines
    if fmt == "spacy":
        # events, arguments, relations and the parts of what is written travel in user_data
        assert report.exported["attribute"] == 3 and report.exported["normalisation"] == 1
        assert report.exported["note"] == 4  # the discontinuous span's is not written
        assert report.lost["note"] == 1 and report.lost["fragments"] == 1
        assert "not written 1: note of an unexported span" in lines
    else:
        where = "CoNLL" if fmt == "conll" else "Hugging Face datasets"
        assert report.lost["event"] == 1 and report.lost["argument"] == 2
        assert report.lost["relation"] == 1 and report.lost["attribute"] == 3
        assert f"not written 1: relation ({where} has no place for it)" in lines
        assert f"not written 2: argument ({where} has no place for it)" in lines
        assert f"not written 2: attribute (no place in {where})" in lines
        assert not report.exported["attribute"] and not report.exported["note"]


def test_the_docbin_carries_attributes_and_notes(rich: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.spacy"
    export(rich, "spacy", out, annotator=ME)
    (sdoc,) = DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab)
    (event,) = sdoc.user_data["events"]
    assert event["attributes"] == {"Realis": "Actual"} and event["note"] == "ev note"
    (rel,) = sdoc.user_data["relations"]
    assert rel["note"] == "rel note" and "attributes" not in rel
    spans = {(tuple(s["span"]), s["label"]): s for s in sdoc.user_data["spans"]}
    assert spans[(at("محمدًا عليّ"), "PER")] == {
        "span": at("محمدًا عليّ"),  # msgpack reads a list back as a tuple
        "label": "PER",
        "attributes": {"MentionType": "NAM", "ref:Wikidata": "Q1"},
        "note": "ملاحظة",
    }
    assert spans[(at("الشرطة"), "ORG")]["attributes"] == {"MentionType": "NOM"}
    assert spans[(at("باريس"), "GPE")]["note"] == "note2"
    assert len(spans) == 3  # the discontinuous span is not in the Doc


def test_only_jsonl_keeps_meta_and_status(rich: Project, tmp_path: Path) -> None:
    for fmt, name in (("jsonl", "a.jsonl"), ("spacy-jsonl", "b.jsonl"), ("brat", "brat")):
        lines = export(rich, fmt, tmp_path / name, annotator=ME).lines()
        meta = f"left out of documents 1: their meta (no place in {fmt})"
        status = f"left out of documents 1: their status (no place in {fmt})"
        assert (meta in lines, status in lines) == {
            "jsonl": (False, False),
            "spacy-jsonl": (False, True),
            "brat": (True, True),
        }[fmt]
