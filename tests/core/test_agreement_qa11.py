"""QA11 agreement defects, each against figures computed here independently of the tool
(sklearn's ``cohen_kappa_score`` for kappa, tokens cut by hand):

* a pair's token kappa depends only on its two layers, not on a third analyst measured with
  them (whose span edges used to cut the pair's words);
* per-document rows come in document order (d10 after d9), not by the text of the id;
* a tiny negative figure prints as 0.000, never -0.000; a pair's per-label scores list every
  label of the result (counts 0 where neither of the two used it), as the tables show it;
* discontinuous spans are scored on their fragments' characters only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.agreement import agreement, measures, project_layers, report
from annotator.project import Project

TEXT = "اعتقل محمد علي ببغداد أمس مساء."


def _third(tmp_path: Path) -> Project:
    """a and b agree on PER and disagree on GPE/LOC over ببغداد; c cuts ببغداد in letters."""
    p = Project.create(tmp_path / "third.annotator")
    d = p.add_document(TEXT, name="one").id
    for n in "abc":
        p.add_annotator(n)
    p.add_span(d, 6, 14, "PER", "a")
    p.add_span(d, 15, 21, "GPE", "a")
    p.add_span(d, 6, 14, "PER", "b")
    p.add_span(d, 15, 21, "LOC", "b")
    for i in range(15, 21):
        p.add_span(d, i, i + 1, "GPE", "c")
    return p


def _words_kappa() -> float:
    """a and b on the words of TEXT (their span edges are word edges), by sklearn."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", TEXT)]
    a = {(6, 10): "PER", (11, 14): "PER", (15, 21): "GPE"}
    b = {(6, 10): "PER", (11, 14): "PER", (15, 21): "LOC"}
    return float(cohen_kappa_score([a.get(w, "O") for w in words], [b.get(w, "O") for w in words]))


def test_a_pairs_kappa_does_not_depend_on_a_third_analyst(tmp_path: Path) -> None:
    p = _third(tmp_path)
    want = _words_kappa()
    try:
        two = agreement(project_layers(p, ["a", "b"]), ["a", "b"])
        three = agreement(project_layers(p, ["a", "b", "c"]), ["a", "b", "c"])
    finally:
        p.close()
    assert two.pairs[0].kappa == pytest.approx(want)
    ab = next(x for x in three.pairs if (x.a, x.b) == ("a", "b"))
    assert ab.kappa == pytest.approx(want)
    assert ab.documents[0].kappa == pytest.approx(want)


def test_per_document_rows_come_in_document_order(tmp_path: Path) -> None:
    p = Project.create(tmp_path / "many.annotator")
    for n in "ab":
        p.add_annotator(n)
    for k in range(12):
        d = p.add_document(f"كلمة رقم {k} هنا", name=f"d{k:02d}").id
        for n in "ab":
            p.add_span(d, 0, 4, "PER", n)
    try:
        result = agreement(project_layers(p, ["a", "b"]), ["a", "b"])
    finally:
        p.close()
    names = [row.name for row in result.pairs[0].documents]
    assert names == [f"d{k:02d}" for k in range(12)]
    ids = [int(str(row.doc_id)) for row in result.pairs[0].documents]
    assert ids == sorted(ids)


def test_a_tiny_negative_figure_prints_as_zero() -> None:
    figure = measures.figure  # (the one place: the CLI's, the report's and the window's)
    assert figure(-1e-9) == "0.000"
    assert figure(-0.0) == "0.000"
    assert figure(-0.0126) == "-0.013"
    assert measures.format_table(["x"], [[-1e-9]]).splitlines()[-1] == "0.000"
    assert report._num(-1e-9) == '<td class="num">0.000</td>'


def test_a_label_neither_of_a_pair_used_is_listed_with_zero_counts(tmp_path: Path) -> None:
    p = _third(tmp_path)
    try:
        result = agreement(project_layers(p, ["a", "b", "c"]), ["a", "b", "c"])
    finally:
        p.close()
    assert result.labels == ("GPE", "LOC", "PER")
    bc = next(x for x in result.pairs if (x.a, x.b) == ("a", "c"))
    for scores in (bc.exact, bc.overlap):
        assert set(scores.per_label) == set(result.labels)
        loc = scores.to_json()["per_label"]["LOC"]
        assert (loc["n_a"], loc["n_b"], loc["f1"]) == (0, 0, None)
    json.dumps(result.to_json())
    # the CLI's per-label table: a row per label of each pair, as JSON lists them
    table = measures.format_result(result).split("\n\n")[2].splitlines()[2:]
    assert len(table) == len(result.pairs) * len(result.labels)
