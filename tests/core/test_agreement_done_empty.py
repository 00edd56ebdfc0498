"""QA11: a document an analyst marked done is one they read, spans or none. It takes part in
their pairs with an empty side where they marked nothing: the other's spans there are misses
(exact and overlap F1), its tokens count as O for them (kappa, alpha, alpha-U). A document
they have only begun (in progress) with nothing in it is still not theirs. The same figures
through every read: the packed read, the read a span a row, the layers in memory, the
parallel workers. Figures computed here independently (sklearn's ``cohen_kappa_score``,
the ``krippendorff`` package, span counts by hand)."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.agreement import agreement, measures, parallel, project_layers
from annotator.agreement.coefficients import UnitizingResult
from annotator.agreement.measures import AgreementResult
from annotator.project import Project

TEXT = "اعتقل محمد علي ببغداد أمس مساء."
WORDS = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", TEXT)]
PER, GPE = (6, 14), (15, 21)  # محمد علي, ببغداد (word edges)

# per document: a's spans, b's spans, b's status (a marks every document done)
DOCS: list[tuple[str, dict[tuple[int, int], str], dict[tuple[int, int], str], str | None]] = [
    ("one", {PER: "PER", GPE: "GPE"}, {PER: "PER", GPE: "LOC"}, None),
    ("two", {PER: "PER"}, {}, "done"),  # b read it and found nothing
    ("three", {GPE: "GPE"}, {}, "in_progress"),  # b has not finished it: not b's
    ("four", {}, {}, "done"),  # both read it, both found nothing
]


def _project(path: Path) -> Path:
    with Project.create(path) as p:
        for n in "ab":
            p.add_annotator(n)
        for name, a, b, status in DOCS:
            d = p.add_document(TEXT + " " + name, name=name).id
            for n, spans in (("a", a), ("b", b)):
                for (start, end), label in spans.items():
                    p.add_span(d, start, end, label, n)
            p.set_status(d, "a", "done")
            if status is not None:
                p.set_status(d, "b", status)
    return path


def _tags(spans: dict[tuple[int, int], str], text: str) -> list[str]:
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    out = []
    for w in words:
        # a word inside a span takes its label (spans here are whole words or runs of them)
        label = next((lab for (s, e), lab in spans.items() if s <= w[0] and w[1] <= e), "O")
        out.append(label)
    return out


def _measured(path: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> AgreementResult:
    names = ["a", "b"]
    with Project.open(path, read_only=True) as p:
        layers = project_layers(p, names)
        if how == "memory":
            return agreement({n: layers[n] for n in names}, names)
        with monkeypatch.context() as mp:
            if how == "rows":  # a file read a span a row (``outline_blocks``)
                mp.setattr(Project, "packed_outline_blocks", lambda *_a, **_k: None)
            if how == "parallel":  # two worker processes, ranges of 2 ids
                mp.setattr(parallel, "MIN_DOCUMENTS", 0)
                mp.setattr(parallel, "RANGE_DOCUMENTS", 2)
                mp.setattr(parallel, "processes", lambda: 2)
            if how == "small":
                mp.setattr(measures, "CHUNK_SPANS", 1)
            return agreement(layers, names)


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_STATE_DIR", str(tmp_path / "state"))  # (workers inherit it)


@pytest.mark.parametrize("how", ["packed", "rows", "memory", "parallel", "small"])
def test_a_document_marked_done_without_spans_counts_as_read(
    tmp_path: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _project(tmp_path / "made.annotator")
    path = tmp_path / "status.annotator"
    shutil.copy(made, path)
    result = _measured(path, how, monkeypatch)
    pair = result.pairs[0]
    # the pair's documents: one, two (b done, empty) and four (both done, empty); not three
    assert [row.name for row in pair.documents] == ["one", "two", "four"]
    # exact: a has PER, GPE in one and PER in two; b has PER, LOC in one: 1 of 3, 1 of 2
    assert (pair.exact.micro.tp, pair.exact.micro.n_a, pair.exact.micro.n_b) == (1, 3, 2)
    assert pair.exact.micro.f1 == pytest.approx(0.4)
    assert pair.overlap.micro.f1 == pytest.approx(0.4)
    per = pair.exact.per_label["PER"]
    assert (per.tp, per.n_a, per.n_b) == (1, 2, 1)
    two = pair.documents[1]
    assert (two.exact.tp, two.exact.n_a, two.exact.n_b) == (0, 1, 0)
    # kappa over the words of one, two and four (sklearn)
    shared = [d for d in DOCS if d[0] != "three"]
    ta = [t for name, a, _b, _s in shared for t in _tags(a, TEXT + " " + name)]
    tb = [t for name, _a, b, _s in shared for t in _tags(b, TEXT + " " + name)]
    assert pair.kappa == pytest.approx(float(cohen_kappa_score(ta, tb)))
    two_a, two_b = _tags(DOCS[1][1], TEXT + " two"), _tags({}, TEXT + " two")
    assert two.kappa == pytest.approx(float(cohen_kappa_score(two_a, two_b)))
    # alpha (nominal, tokens) over all four documents, b's words of three missing
    codes = {"O": 0, "PER": 1, "GPE": 2, "LOC": 3}
    rows: list[list[float]] = [[], []]
    for name, a, b, status in DOCS:
        text = TEXT + " " + name
        for k, spans in enumerate((a, b)):
            mine = k == 0 or status == "done" or bool(spans)
            rows[k] += [codes[t] if mine else math.nan for t in _tags(spans, text)]
    want = krippendorff.alpha(np.array(rows), level_of_measurement="nominal")
    assert result.alpha_nominal == pytest.approx(float(want))
    assert result.documents == 4
    # alpha-U: as of the layers in memory a caller picks by hand, b's two and four empty
    with Project.open(path, read_only=True) as p:
        ids = {d.name: d.id for d in p.documents()}
        chosen = {
            "a": [p.layer(ids[n], "a") for n in ("one", "two", "four")],
            "b": [p.layer(ids[n], "b") for n in ("one", "two", "four")],
        }
    by_hand = agreement(chosen, ["a", "b"]).pairs[0]
    assert pair.alpha_u == by_hand.alpha_u
    assert pair.alpha_u != by_hand_one(path)  # (b's empty two and four count)


def by_hand_one(path: Path) -> UnitizingResult:
    """alpha-U of document one alone: what the pair measured when done went unread."""
    with Project.open(path, read_only=True) as p:
        one = next(d.id for d in p.documents() if d.name == "one")
        return agreement({n: [p.layer(one, n)] for n in "ab"}, ["a", "b"]).pairs[0].alpha_u


def test_every_read_gives_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _project(tmp_path / "made.annotator")
    path = tmp_path / "status.annotator"
    shutil.copy(made, path)
    want = _measured(path, "packed", monkeypatch)
    for how in ("rows", "memory", "parallel", "small"):
        got = _measured(path, how, monkeypatch)
        assert got == want, how
        assert got.to_json() == want.to_json(), how


def test_the_mapping_gives_an_empty_layer_for_a_document_marked_done(tmp_path: Path) -> None:
    path = _project(tmp_path / "status.annotator")
    with Project.open(path, read_only=True) as p:
        b = project_layers(p, ["a", "b"])["b"]
        a = project_layers(p, ["a", "b"])["a"]
    assert [(da.document.name, len(da.spans)) for da in b] == [("one", 2), ("two", 0), ("four", 0)]
    assert [da.document.name for da in a] == ["one", "two", "three", "four"]
