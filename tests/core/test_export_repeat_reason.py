"""A token export (CoNLL / IOB / BIOES, spaCy DocBin) leaves out a span that repeats one of its
layer (``rules.same_span``: the same offsets, fragments and label; old projects hold them and
``check`` reports them) with a reason of its own, the words every other export uses, not as a
span at "the same offsets as a kept span" (the reason of another label at that place); spaCy's
``doc.spans`` holds it once. The other reasons keep their words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.cli import main
from annotator.exporting import export
from annotator.formats.common import REPEATED_SPAN, ExportOptions
from annotator.formats.conll import TokenReport
from annotator.model import Span
from annotator.project import Project

ME = "amal"
TEXT = "زار لودريان باريس أمس."
PARIS = TEXT.index("باريس"), TEXT.index("باريس") + len("باريس")
RIAN = TEXT.index("لودريان"), TEXT.index("لودريان") + len("لودريان")


def test_the_reason_is_the_words_of_the_other_exports() -> None:
    assert REPEATED_SPAN == "span repeating another of its layer (place and label)"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """باريس GPE twice in amal's layer (the second written past the rule, as old data holds
    it), باريس LOC at the same place (another label), لودريان PER."""
    with Project.create(tmp_path / "rep.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *PARIS, "GPE", ME)
        p._write("add", Span("old-copy", doc.id, ME, *PARIS, "GPE", "باريس"))
        p.add_span(doc.id, *PARIS, "LOC", ME)
        p.add_span(doc.id, *RIAN, "PER", ME)
        yield p


@pytest.mark.parametrize("policy", ["outermost", "innermost", "longest"])
def test_conll_names_a_repeat_as_such(project: Project, tmp_path: Path, policy: str) -> None:
    out = tmp_path / "out.conll"
    report = export(
        project, "conll", out, annotator=ME, options=ExportOptions(overlap_policy=policy)
    )
    assert isinstance(report, TokenReport)
    assert report.dropped == {
        REPEATED_SPAN: 1,
        f"same offsets as a kept span (policy {policy})": 1,  # the LOC: its words kept
    }
    assert report.spans_exported + sum(report.dropped.values()) == report.spans_held == 4
    assert f"dropped 1: {REPEATED_SPAN}" in report.lines()
    tags = [ln.split("\t")[-1] for ln in out.read_text(encoding="utf-8").split("\n") if ln]
    assert sorted(t for t in tags if t != "O") == sorted(["B-PER", "B-GPE"])


def test_a_discontinuous_repeat_is_a_repeat(tmp_path: Path) -> None:
    """Fragments are part of the same span: a repeat of a discontinuous span is a repeat, one
    of other fragments is a discontinuous span (no token form)."""
    frags = ((RIAN[0], RIAN[0] + 3), (RIAN[0] + 4, RIAN[1]))
    with Project.create(tmp_path / "frag.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *RIAN, "PER", ME, fragments=frags)
        p.add_span(doc.id, *RIAN, "PER", ME)  # continuous: another span
        p._write("add", Span("old", doc.id, ME, *RIAN, "PER", "لودريان", fragments=frags))
        report = export(p, "conll", tmp_path / "out.conll", annotator=ME)
    assert report.dropped == {
        REPEATED_SPAN: 1,
        "discontinuous span (token formats hold contiguous spans only)": 1,
    }
    assert isinstance(report, TokenReport) and report.spans_exported == 1


def test_spacy_holds_a_repeat_once(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out.spacy"
    report = export(project, "spacy", out, annotator=ME)
    assert isinstance(report, TokenReport) and report.dropped[REPEATED_SPAN] == 1
    (sdoc,) = DocBin().from_disk(out).get_docs(spacy.blank("ar").vocab)
    held = sorted((s.start_char, s.end_char, s.label_) for s in sdoc.spans["sc"])
    assert held == sorted([(*PARIS, "GPE"), (*PARIS, "LOC"), (*RIAN, "PER")])
    assert not any("repeat" in why for why in report.not_in_ents)


def test_the_cli_summary_says_so(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.path
    project.close()
    out = tmp_path / "cli.conll"
    assert main(["export", str(path), "--format", "conll", "--annotator", ME, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"dropped 1: {REPEATED_SPAN}" in printed
    assert "dropped 1: same offsets as a kept span (policy outermost)" in printed
