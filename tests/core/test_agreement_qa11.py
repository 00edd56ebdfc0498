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
import random
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


DISC = "ذهب الوفد إلى مدينة بغداد القديمة أمس مع الوزير."


def _words() -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", DISC)]


def _disc(tmp_path: Path) -> Project:
    """a: LOC on words 3 and 5 leaving word 4 out (discontinuous); b: one continuous LOC
    over words 3-5; c: LOC on word 4 alone; d: a's LOC as two continuous spans. All: PER
    on word 8."""
    w = _words()
    p = Project.create(tmp_path / "disc.annotator")
    doc = p.add_document(DISC, name="one").id
    for n in "abcd":
        p.add_annotator(n)
    p.add_span(doc, w[3][0], w[5][1], "LOC", "a", fragments=(w[3], w[5]))
    p.add_span(doc, w[3][0], w[5][1], "LOC", "b")
    p.add_span(doc, *w[4], "LOC", "c")
    p.add_span(doc, *w[3], "LOC", "d")
    p.add_span(doc, *w[5], "LOC", "d")
    for n in "abcd":
        p.add_span(doc, *w[8], "PER", n)
    return p


def _measured(p: Project, names: list[str], path: str) -> measures.AgreementResult:
    layers = project_layers(p, names)
    if path == "memory":
        return agreement({n: layers[n] for n in names}, names)
    if path == "rows":  # a file read a span a row (``outline_blocks``)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Project, "packed_outline_blocks", lambda *_a, **_k: None)
            return agreement(layers, names)
    return agreement(layers, names)


@pytest.mark.parametrize("path", ["packed", "rows", "memory"])
def test_discontinuous_spans_are_scored_on_their_fragments(tmp_path: Path, path: str) -> None:
    w = _words()
    p = _disc(tmp_path)
    try:
        ab = _measured(p, ["a", "b"], path).pairs[0]
        ac = _measured(p, ["a", "c"], path).pairs[0]
        ad = _measured(p, ["a", "d"], path).pairs[0]
        db = _measured(p, ["d", "b"], path).pairs[0]
    finally:
        p.close()
    # exact: a discontinuous span equals only the same fragments
    assert ab.exact.per_label["LOC"].f1 == 0.0
    assert ab.exact.per_label["PER"].f1 == 1.0
    assert ab.documents[0].exact.f1 == 0.5
    assert ab.exact.boundary is not None and ab.exact.boundary.tp == 1
    # overlap: shared characters of the fragments (a leaves out word 4, c's only word)
    assert ab.overlap.per_label["LOC"].f1 == 1.0
    assert ac.overlap.per_label["LOC"].f1 == 0.0
    assert ac.overlap.boundary is not None and ac.overlap.boundary.tp == 1
    assert ac.confusion.to_json() == _confusion_ac()
    # kappa: the words inside a's fragments are LOC, word 4 is O for a (sklearn)
    loc_a, loc_b = {w[3], w[5]}, {w[3], w[4], w[5]}

    def tags(loc: set[tuple[int, int]]) -> list[str]:
        return ["LOC" if x in loc else "PER" if x == w[8] else "O" for x in w]

    assert ab.kappa == pytest.approx(float(cohen_kappa_score(tags(loc_a), tags(loc_b))))
    assert ab.kappa is not None and ab.kappa < 1.0
    # tokens and alpha-U see exactly the characters of the fragments: as two spans
    assert ad.kappa == 1.0
    assert ad.alpha_u.alpha == pytest.approx(1.0)
    assert ab.alpha_u.alpha == pytest.approx(db.alpha_u.alpha)
    assert ab.alpha_u.per_category["LOC"] == pytest.approx(db.alpha_u.per_category["LOC"])
    assert ab.alpha_u.alpha is not None and ab.alpha_u.alpha < 1.0


def _confusion_ac() -> dict[str, object]:
    """a's LOC against c's LOC: no shared character, so each is left alone; PER matched."""
    return {"labels": ["LOC", "PER", "∅"], "rows": [[0, 0, 1], [0, 1, 0], [1, 0, 0]]}


def test_discontinuous_spans_read_alike_every_way_and_in_small_chunks(tmp_path: Path) -> None:
    """Documents with and without discontinuous spans, three layers: the packed read, the
    read a span a row and the layers in memory give the same report, counted in chunks of
    a few spans or all at once; a layer's pieces follow it when documents drop out."""
    rng = random.Random(11)
    p = Project.create(tmp_path / "mixed.annotator")
    for n in "abc":
        p.add_annotator(n)
    words = _words()
    for k in range(14):
        doc = p.add_document(DISC + f" {k}", name=f"d{k}").id
        for n in "abc":
            if rng.random() < 0.15:
                continue
            for _ in range(rng.randint(0, 4)):
                i = rng.randrange(len(words) - 3)
                label = rng.choice(("PER", "LOC"))
                if rng.random() < 0.4:
                    j = rng.randrange(i + 2, len(words))
                    frags = (words[i], words[j])
                    p.add_span(doc, words[i][0], words[j][1], label, n, fragments=frags)
                else:
                    p.add_span(doc, words[i][0], words[i + rng.randint(0, 2)][1], label, n)
    try:
        want = _measured(p, ["a", "b", "c"], "packed")
        for chunk in (3, 20_000):
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(measures, "CHUNK_SPANS", chunk)
                for path in ("packed", "rows", "memory"):
                    assert _measured(p, ["a", "b", "c"], path) == want, (chunk, path)
        restricted = agreement(project_layers(p, ["a", "b", "c"]), labels=["LOC"])
    finally:
        p.close()
    assert set(restricted.labels) == {"LOC"}
    assert all(set(x.exact.per_label) == {"LOC"} for x in restricted.pairs)
