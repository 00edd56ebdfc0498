"""Token exports (spaCy DocBin, HF datasets, CoNLL) report what they wrote, and it adds up.

For each format a project holding nested, in-word, overlapping, discontinuous and white-space
spans and event triggers is exported, the output is read back with the consumer's own library
(spaCy ``DocBin``, ``datasets.load_from_disk``, seqeval on the CoNLL tags), and the report's
counts are checked against what is in the files and against what the project holds:
``spans exported + spans dropped (by reason) == spans of the exported layer``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # reading a saved dataset needs no network

import datasets
import pytest
import spacy
from seqeval.metrics.sequence_labeling import get_entities
from spacy.tokens import DocBin

from annotator.exporting import export, layers
from annotator.formats import standoff
from annotator.formats.common import ExportOptions, ExportReport, parse_splits
from annotator.formats.conll import TokenReport
from annotator.project import Project
from tests.conftest import SEED, inword

ME = "amal"
SECOND = "اعتقل محمد علي ببغداد. وزار الوزير باريس."


def at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``word``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return i, i + len(word)


@pytest.fixture
def annotated(tmp_path: Path) -> Iterator[Project]:
    """Two documents; layer amal holds 14 live spans, layer badr one more."""
    text = SEED.read_text(encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as p:
        d1 = p.add_document(text, name="seed")
        d2 = p.add_document(SECOND, name="second")
        add = p.add_span
        add(d1.id, *inword(text, "وهولندا", 1), "GPE", annotator=ME)  # in-word
        add(d1.id, *inword(text, "بباريس", 1), "GPE", annotator=ME)  # in-word, nested in FAC
        org = add(d1.id, *at(text, "وزارة الدفاع"), "ORG", annotator=ME)  # nested in FAC
        fac = add(d1.id, *at(text, "مقر وزارة الدفاع بباريس"), "FAC", annotator=ME)
        per = add(d1.id, *at(text, "جان إيف لودريان"), "PER", annotator=ME)
        add(d1.id, *at(text, "الدفاع الفرنسي جان"), "ORG", annotator=ME)  # overlaps the PER
        s, e = at(text, '"داعش"')
        add(d1.id, s - 1, e, "ORG", annotator=ME)  # white space at its start
        first, last = at(text, "جان"), at(text, "لودريان")
        add(d1.id, first[0], last[1], "PER", annotator=ME, fragments=[first, last])
        gap = text.index(" ")
        add(d1.id, gap, gap + 1, "LOC", annotator=ME)  # white space only
        meet = add(d1.id, *at(text, "الاجتماع"), "Contact.Meet", annotator=ME)
        ev = p.add_event(meet.uuid)
        p.add_argument(ev.uuid, "Place", fac.uuid)
        p.add_argument(ev.uuid, "Entity", per.uuid)
        p.add_event(add(d1.id, *at(text, "الغارات"), "Conflict.Attack", annotator=ME).uuid)
        gone = add(d1.id, *at(text, "داعش", 2), "ORG", annotator=ME)
        p.delete_span(gone.uuid)  # a tombstone: not held
        add(d2.id, *at(SECOND, "محمد علي"), "PER", annotator=ME)
        add(d2.id, *inword(SECOND, "ببغداد", 1), "GPE", annotator=ME)
        p.add_event(add(d2.id, *at(SECOND, "اعتقل"), "Justice.Arrest-Jail", annotator=ME).uuid)
        add(d1.id, *at(text, "داعش"), "ORG", annotator="badr")  # another layer
        assert org.label == "ORG"
        yield p


def held(p: Project) -> int:
    return sum(len(p.spans(d.id, annotator=ME)) for d in p.documents())


def adds_up(report: ExportReport, holds: int) -> TokenReport:
    """The report's fields and its printed lines both add up to what the layer holds."""
    assert isinstance(report, TokenReport)
    assert report.spans_held == holds and report.unaccounted() == 0
    assert report.exported["span"] + report.lost["span"] == holds
    assert report.exported["span"] == report.spans_exported
    assert report.spans_exported + sum(report.dropped.values()) == holds
    lines = report.lines()
    exported = [int(ln.split(": ")[1]) for ln in lines if ln.startswith("spans exported: ")]
    dropped = [int(m[1]) for ln in lines if (m := re.match(r"dropped (\d+): ", ln))]
    assert sum(exported) + sum(dropped) == holds
    return report


FLAT_DROPS = {
    "event trigger (flat NER tags hold entities; use --format events)": 3,
    "nested inside a kept span (policy outermost)": 2,
    "overlaps a kept span (policy outermost)": 1,
    "discontinuous span (token formats hold contiguous spans only)": 1,
    "span covers only white space": 1,
}


def conll_entities(path: Path) -> tuple[int, int]:
    """(entities seqeval finds, tokens) in a CoNLL file."""
    sents: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line:
            sents[-1].append(line.split("\t")[-1])
        elif sents[-1]:
            sents.append([])
    return sum(len(get_entities(s)) for s in sents), sum(map(len, sents))


def test_conll_report_matches_the_file_and_the_project(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "train.conll"
    holds = held(annotated)
    assert holds == 14
    report = adds_up(export(annotated, "conll", out, annotator=ME), holds)
    assert report.dropped == FLAT_DROPS and report.spans_exported == 6
    entities, tokens = conll_entities(out)
    assert entities == report.spans_exported and tokens == report.tokens
    assert report.tokens_split == 2 and report.trimmed == 1  # و|هولندا, ب|بغداد; ' "داعش"'
    # the other schemes hold the same entities
    for scheme in ("IOB1", "BIOES"):
        other = tmp_path / f"{scheme}.conll"
        options = ExportOptions(scheme=scheme)
        adds_up(export(annotated, "conll", other, annotator=ME, options=options), holds)
        assert conll_entities(other) == (entities, tokens)


def test_hf_report_matches_the_dataset_and_the_project(annotated: Project, tmp_path: Path) -> None:
    out = tmp_path / "hf"
    options = ExportOptions(splits=parse_splits("train=0.5,test=0.5"), seed="3")
    report = export(annotated, "hf", out, annotator=ME, options=options)
    adds_up(report, held(annotated))
    assert report.dropped == FLAT_DROPS and report.spans_exported == 6
    bars = datasets.are_progress_bars_disabled()
    datasets.disable_progress_bars()
    try:
        loaded = datasets.load_from_disk(str(out))
    finally:
        if not bars:
            datasets.enable_progress_bars()
    assert isinstance(loaded, datasets.DatasetDict) and sorted(loaded) == ["test", "train"]
    entities = tokens = 0
    for split in loaded.values():
        names = split.features["ner_tags"].feature.names
        for row in split:
            tags = [names[t] for t in row["ner_tags"]]
            entities += len(get_entities(tags))
            tokens += len(row["tokens"])
    assert entities == report.spans_exported and tokens == report.tokens
    assert report.tokens_split == 2


def test_spacy_report_matches_the_docbin_and_the_project(
    annotated: Project, tmp_path: Path
) -> None:
    out = tmp_path / "train.spacy"
    report = adds_up(export(annotated, "spacy", out, annotator=ME), held(annotated))
    assert report.dropped == {
        "discontinuous span (token formats hold contiguous spans only)": 1,
        "span covers only white space": 1,
    }
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab))
    sc = sum(len(d.spans["sc"]) for d in docs)
    triggers = sum(len(d.spans["triggers"]) for d in docs)
    ents = sum(len(d.ents) for d in docs)
    assert (sc, triggers, ents) == (9, 3, 6)
    assert sc + triggers == report.spans_exported == 12  # triggers written and counted
    assert report.placed == {
        "doc.spans['sc']": sc,
        "doc.spans['triggers']": triggers,
        "doc.ents (also in doc.spans['sc'])": ents,
    }
    assert sum(report.not_in_ents.values()) == sc - ents == 3
    assert not report.records_dropped
    # per construct, as every export counts (standoff.held): spans and what user_data carries
    holds: Counter[str] = Counter()
    for item in layers(annotated, ME, None):
        holds.update(standoff.held(item[0]))
    for construct in ("span", "event", "argument", "relation"):
        assert report.exported[construct] + report.lost[construct] == holds[construct]
    assert (report.exported["event"], report.exported["argument"]) == (3, 2)
    assert "also exported: events 3, arguments 2" in report.lines()
    # every span is in the file at its own offsets (the one with a white-space edge trimmed)
    stored: Counter[tuple[str, int, int, str]] = Counter()
    for d in annotated.documents(with_text=True):
        for s in annotated.spans(d.id, annotator=ME):
            if s.fragments or not s.text.strip():
                continue
            lead = len(s.text) - len(s.text.lstrip())
            stored[(d.name, s.start + lead, s.start + len(s.text.rstrip()), s.label)] += 1
    written: Counter[tuple[str, int, int, str]] = Counter()
    for sdoc in docs:
        for span in [*sdoc.spans["sc"], *sdoc.spans["triggers"]]:
            key = (sdoc.user_data["doc_name"], span.start_char, span.end_char, span.label_)
            written[key] += 1
    assert written == stored and report.trimmed == 1
    lines = report.lines()
    assert lines[1:6] == [
        "spans exported: 12",
        "  in doc.spans['sc']: 9",
        "  in doc.spans['triggers']: 3",
        "  in doc.ents (also in doc.spans['sc']): 6",
        "  not in doc.ents 2: nested inside a kept span (policy outermost), kept in "
        "doc.spans['sc']",
    ]


def test_a_label_filter_is_counted_as_dropped(annotated: Project, tmp_path: Path) -> None:
    options = ExportOptions(labels=("GPE",))
    for fmt, name in (("conll", "a.conll"), ("spacy", "a.spacy"), ("hf", "hf")):
        report = export(annotated, fmt, tmp_path / name, annotator=ME, options=options)
        adds_up(report, held(annotated))
        assert report.spans_exported == 3  # the FAC holding بباريس is not selected
        assert report.dropped["label not selected for export"] == 11
