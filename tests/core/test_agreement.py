"""Agreement measures against hand-worked values, the spec's golden values and the reference
libraries (sklearn's cohen_kappa_score, the krippendorff package)."""

from __future__ import annotations

import itertools
import json
import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.agreement import NO_LABEL, agreement, format_result, format_table
from annotator.agreement.coefficients import (
    cohen_kappa,
    krippendorff_alpha_nominal,
    krippendorff_alpha_unitizing,
    token_labels,
    tokenize,
)
from annotator.agreement.confusion import confusion_matrix
from annotator.agreement.events import EventKey, event_scores
from annotator.agreement.spans import SpanKey, match_overlapping, span_f1
from annotator.model import Argument, Document, DocumentAnnotations, Event, Span

TEXT = "اعتقل محمد علي ببغداد."
A = [SpanKey(1, 6, 14, "PER"), SpanKey(1, 16, 21, "GPE")]
B = [SpanKey(1, 6, 14, "PER"), SpanKey(1, 15, 21, "GPE")]


# -- span F1 ----------------------------------------------------------------------------------


def test_spec_vectors_exact_and_overlap() -> None:
    exact, overlap = span_f1(A, B, "exact"), span_f1(A, B, "overlap")
    assert (exact.micro.precision, exact.micro.recall, exact.micro.f1) == (0.5, 0.5, 0.5)
    assert overlap.micro.f1 == 1.0
    assert exact.per_label["GPE"].f1 == 0.0 and exact.per_label["PER"].f1 == 1.0
    assert exact.boundary is not None and exact.boundary.f1 == 0.5


def test_hand_worked_f1() -> None:
    a = [(1, 0, 3, "X"), (1, 5, 9, "Y"), (2, 0, 4, "X"), (2, 10, 12, "X")]
    b = [(1, 0, 3, "X"), (1, 5, 9, "X"), (2, 0, 4, "X")]
    s = span_f1(a, b)  # type: ignore[arg-type]
    assert (s.micro.tp, s.micro.n_a, s.micro.n_b) == (2, 4, 3)
    assert s.micro.precision == pytest.approx(2 / 3)
    assert s.micro.recall == pytest.approx(0.5)
    assert s.micro.f1 == pytest.approx(4 / 7)
    assert s.per_label["Y"].recall == 0.0 and s.per_label["Y"].precision is None
    assert s.boundary is not None and s.boundary.tp == 3  # (1,5,9) agrees without labels
    assert span_f1([], []).micro.f1 is None  # nothing to agree on: undefined, not 1


def test_duplicates_count_once_and_f1_is_symmetric() -> None:
    a = [SpanKey(0, 0, 2, "X"), SpanKey(0, 0, 2, "X"), SpanKey(0, 4, 6, "Y")]
    b = [SpanKey(0, 0, 2, "X")]
    assert span_f1(a, b).micro.n_a == 2
    assert span_f1(a, b).micro.f1 == span_f1(b, a).micro.f1


def test_overlap_is_one_to_one() -> None:
    # One long span of A overlaps two of B: only one of them may be credited.
    a = [SpanKey("d", 0, 10, "X")]
    b = [SpanKey("d", 0, 4, "X"), SpanKey("d", 6, 10, "X")]
    s = span_f1(a, b, "overlap")
    assert (s.micro.tp, s.micro.precision, s.micro.recall) == (1, 0.5, 1.0)
    assert match_overlapping([(0, 10)], [(0, 4), (6, 10)]) == [(0, 0)]
    # The maximum matching pairs the nested spans crosswise rather than greedily by start.
    assert len(match_overlapping([(0, 10), (8, 12)], [(0, 2), (9, 20)])) == 2


def _max_matching(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Reference: augmenting paths (Kuhn), written independently of the greedy."""
    adj = [[j for j, y in enumerate(b) if max(x[0], y[0]) < min(x[1], y[1])] for x in a]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(a)))


intervals = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(intervals, intervals)
def test_overlap_matching_is_maximum_and_one_to_one(
    a: list[tuple[int, int]], b: list[tuple[int, int]]
) -> None:
    pairs = match_overlapping(a, b)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(max(a[i][0], b[j][0]) < min(a[i][1], b[j][1]) for i, j in pairs)
    assert len(pairs) == _max_matching(a, b)
    assert pairs == match_overlapping(a, b)


span_keys = st.lists(
    st.builds(
        lambda d, s, n, lab: SpanKey(d, s, s + n, lab),
        st.sampled_from(["d1", "d2", "d3"]),
        st.integers(0, 40),
        st.integers(1, 7),
        st.sampled_from(["PER", "GPE", "منظمة"]),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(span_keys, span_keys)
def test_span_f1_matches_set_and_matching_references(a: list[SpanKey], b: list[SpanKey]) -> None:
    sa, sb = set(a), set(b)
    exact = span_f1(a, b, "exact")
    assert exact.micro.tp == len(sa & sb)
    assert (exact.micro.n_a, exact.micro.n_b) == (len(sa), len(sb))
    bounds = {k[:3] for k in sa}, {k[:3] for k in sb}
    assert exact.boundary is not None and exact.boundary.tp == len(bounds[0] & bounds[1])
    overlap = span_f1(a, b, "overlap")
    expected = 0
    for doc, lab in {(k.doc, k.label) for k in sa | sb}:
        left = sorted((k.start, k.end) for k in sa if (k.doc, k.label) == (doc, lab))
        right = sorted((k.start, k.end) for k in sb if (k.doc, k.label) == (doc, lab))
        expected += _max_matching(left, right)
    assert overlap.micro.tp == expected
    assert overlap.micro.f1 == span_f1(b, a, "overlap").micro.f1
    for label, prf in overlap.per_label.items():
        assert prf.tp <= min(prf.n_a, prf.n_b)
        assert prf.tp >= exact.per_label[label].tp
    cm = confusion_matrix(a, b, "overlap")
    assert sum(cm.counts.get((x, x), 0) for x in cm.labels if x != NO_LABEL) == expected
    assert sum(v for (x, _), v in cm.counts.items() if x != NO_LABEL) == len(sa)
    assert sum(v for (_, y), v in cm.counts.items() if y != NO_LABEL) == len(sb)


def test_empty_spans_match_only_exactly() -> None:
    a, b = [SpanKey(0, 3, 3, "X")], [SpanKey(0, 3, 3, "X"), SpanKey(0, 2, 4, "X")]
    assert span_f1(a, b).micro.tp == 1
    assert span_f1(a, b, "overlap").micro.tp == 0  # shares no character with anything


def test_confusion_matrix_exact() -> None:
    a = [SpanKey(0, 0, 2, "PER"), SpanKey(0, 3, 5, "GPE"), SpanKey(0, 7, 9, "ORG")]
    b = [SpanKey(0, 0, 2, "PER"), SpanKey(0, 3, 5, "ORG"), SpanKey(0, 10, 12, "GPE")]
    cm = confusion_matrix(a, b, "exact")
    assert cm.labels == ("GPE", "ORG", "PER", NO_LABEL)
    assert cm.counts == {("PER", "PER"): 1, ("GPE", "ORG"): 1, ("ORG", NO_LABEL): 1,
                         (NO_LABEL, "GPE"): 1}  # fmt: skip
    assert cm.rows()[0] == [0, 1, 0, 0]


def test_offsets_too_large_to_pack_still_count() -> None:
    big = 2**40
    a = [SpanKey(i, big + i, big + i + 5, str(i % 3)) for i in range(50)]
    b = [SpanKey(i, big + i + (i % 2), big + i + 5, str(i % 3)) for i in range(50)]
    assert span_f1(a, b).micro.tp == 25
    assert span_f1(a, b, "overlap").micro.tp == 50


# -- kappa and alpha ----------------------------------------------------------------------


def test_artstein_poesio_kappa() -> None:
    pairs = [("STAT", "STAT")] * 20 + [("IReq", "STAT")] * 20 + [("STAT", "IReq")] * 10
    pairs += [("IReq", "IReq")] * 50
    kappa = cohen_kappa([p[0] for p in pairs], [p[1] for p in pairs])
    assert kappa == pytest.approx(0.348, abs=0.001)


def test_spec_token_kappa_on_s_and_w_layers() -> None:
    cuts = [x for s in A + B for x in (s.start, s.end)]
    s_layer = tokenize(TEXT, cuts)
    assert [TEXT[s:e] for s, e in s_layer] == ["اعتقل", "محمد", "علي", "ب", "بغداد", "."]
    la = token_labels(s_layer, [(s.start, s.end, s.label) for s in A], "IOB2")
    lb = token_labels(s_layer, [(s.start, s.end, s.label) for s in B], "IOB2")
    assert la == ["O", "B-PER", "I-PER", "O", "B-GPE", "O"]
    assert lb == ["O", "B-PER", "I-PER", "B-GPE", "I-GPE", "O"]
    assert cohen_kappa(la, lb) == pytest.approx(0.5556, abs=1e-4)
    # the scheme agreement reports (docs/design/formats.md C.3): IO, the outermost label
    io_a = token_labels(s_layer, [(s.start, s.end, s.label) for s in A])
    io_b = token_labels(s_layer, [(s.start, s.end, s.label) for s in B])
    assert io_a == ["O", "PER", "PER", "O", "GPE", "O"]
    assert cohen_kappa(io_a, io_b) == pytest.approx(0.75)
    w_layer = tokenize(TEXT)  # ببغداد whole: both annotators expand to it
    wa = token_labels(w_layer, [(s.start, s.end, s.label) for s in A], "IOB2")
    wb = token_labels(w_layer, [(s.start, s.end, s.label) for s in B], "IOB2")
    assert wa == wb and cohen_kappa(wa, wb) == 1.0


def test_token_labels_outermost_wins_and_characters() -> None:
    spans = [(0, 10, "ORG"), (3, 5, "GPE")]
    assert token_labels(12, spans)[3] == "ORG"
    assert token_labels(12, spans)[10:] == ["O", "O"]
    assert token_labels([(0, 2), (2, 4), (4, 6)], [(3, 4, "X")], "IOB2") == ["O", "B-X", "O"]


labels = st.sampled_from(["O", "PER", "GPE", "مكان"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(labels, labels), min_size=1, max_size=40))
def test_kappa_equals_sklearn(pairs: list[tuple[str, str]]) -> None:
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns when the kappa is undefined
        reference = cohen_kappa_score(a, b)
    mine = cohen_kappa(a, b)
    if mine is None:
        assert math.isnan(reference) and len(set(a) | set(b)) == 1
    else:
        assert mine == pytest.approx(reference, abs=1e-9)


def test_kappa_single_category_is_undefined() -> None:
    assert cohen_kappa(["O"] * 5, ["O"] * 5) is None
    assert cohen_kappa([], []) is None


def test_alpha_nominal_golden_values() -> None:
    nan = None
    data = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    units = [list(u) for u in zip(*data, strict=True)]
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.691358, abs=1e-6)


values = st.one_of(st.none(), st.sampled_from([1, 2, 3]))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 4).flatmap(lambda m: st.lists(st.lists(values, min_size=m, max_size=m),
                                                     min_size=1, max_size=20)))  # fmt: skip
def test_alpha_equals_krippendorff_package(units: list[list[int | None]]) -> None:
    mine = krippendorff_alpha_nominal(units)
    data = np.array([[np.nan if v is None else v for v in u] for u in units], dtype=float).T
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # 0/0 when all pairable values agree trivially
            reference = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    except ValueError:  # one value in the domain, or no unit with two values
        assert mine is None
        return
    if mine is None:
        assert math.isnan(reference)
    else:
        assert mine == pytest.approx(reference, abs=1e-9)


def test_alpha_single_category_is_undefined() -> None:
    assert krippendorff_alpha_nominal([["X", "X"], ["X", None]]) is None
    assert krippendorff_alpha_nominal([["X", None], [None, "Y"]]) is None


# -- alpha-U --------------------------------------------------------------------------------


def _units(rows: list[tuple[int, int, int, str]], stretch: float = 1) -> list[
    tuple[int, int, int, str]
]:  # fmt: skip
    """(begin, length, rater, category) as in DKPro's tests -> (rater, start, end, category)."""
    out = []
    for b, ln, r, c in rows:
        start = int(b * stretch)
        out.append((r, start, start + int(ln * stretch), c))
    return out


def test_alpha_u_krippendorff_2004() -> None:
    rows = [(225, 70, 0, "c"), (370, 30, 0, "c"), (180, 60, 0, "k"), (300, 50, 0, "k"),
            (220, 80, 1, "c"), (355, 20, 1, "c"), (400, 20, 1, "c"), (180, 60, 1, "k"),
            (300, 50, 1, "k")]  # fmt: skip
    r = krippendorff_alpha_unitizing(_units(rows), 150, 300, [0, 1])
    assert r.alpha == pytest.approx(0.8591, abs=0.0005)
    assert r.per_category["c"][0] == pytest.approx(0.0144, abs=1e-4)
    assert r.per_category["c"][1] == pytest.approx(0.0532, abs=1e-4)
    assert r.per_category["c"][2] == pytest.approx(0.7286, abs=1e-4)
    assert r.per_category["k"][0] == 0.0 and r.per_category["k"][2] == 1.0


KRIPPENDORFF_1995 = [
    (2, 8, 0, "A"), (14, 6, 0, "A"), (4, 4, 1, "A"), (15, 2, 1, "A"), (0, 18, 0, "B"),
    (0, 2, 1, "B"), (2, 1, 1, "B"), (3, 1, 1, "B"), (4, 1, 1, "B"), (5, 1, 1, "B"),
    (6, 3, 1, "B"), (9, 1, 1, "B"), (2, 6, 0, "C"), (10, 2, 0, "C"), (14, 4, 0, "C"),
    (20, 2, 0, "C"), (0, 2, 1, "C"), (4, 4, 1, "C"), (10, 4, 1, "C"), (16, 2, 1, "C"),
    (20, 2, 1, "C"), (0, 2, 0, "D"), (2, 8, 0, "D"), (10, 4, 0, "D"), (14, 6, 0, "D"),
    (20, 4, 0, "D"), (0, 4, 1, "D"), (4, 4, 1, "D"), (8, 7, 1, "D"), (15, 2, 1, "D"),
    (17, 7, 1, "D"),
]  # fmt: skip


def test_alpha_u_krippendorff_1995() -> None:
    small = krippendorff_alpha_unitizing(_units(KRIPPENDORFF_1995), 0, 24, [0, 1])
    for cat, d_o in {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}.items():
        assert small.per_category[cat][0] == pytest.approx(d_o, abs=1e-5)
    stretch = 50_000
    big = krippendorff_alpha_unitizing(_units(KRIPPENDORFF_1995, stretch), 0, 24 * stretch, [0, 1])
    for cat, (d_e, alpha) in {"A": (0.06990, 0.553), "B": (1.17731, -0.926),
                              "C": (0.08642, 0.679), "D": (0.41445, 0.066)}.items():  # fmt: skip
        assert big.per_category[cat][1] == pytest.approx(d_e, abs=0.005)
        assert big.per_category[cat][2] == pytest.approx(alpha, abs=0.02)


def test_alpha_u_spec_arabic_vector() -> None:
    units = [("A", s.start, s.end, s.label) for s in A] + [
        ("B", s.start, s.end, s.label) for s in B
    ]
    r = krippendorff_alpha_unitizing(units, 0, 22)
    assert r.alpha == pytest.approx(0.98215, abs=1e-5)
    assert r.per_category["GPE"][0] == pytest.approx(1 / 484)
    assert r.per_category["GPE"][1] == pytest.approx(0.074080, abs=1e-6)
    assert r.per_category["PER"][2] == 1.0


def _dkpro_observed(units: list[tuple[int, int, int, str]], length: int, raters: int,
                    cat: str) -> float:  # fmt: skip
    """DKPro's position sweep (stops once both raters have no next unit), transcribed."""
    total = 0
    for r1, r2 in itertools.combinations(range(raters), 2):
        it1 = iter(sorted(u for u in units if u[0] == r1 and u[3] == cat))
        it2 = iter(sorted(u for u in units if u[0] == r2 and u[3] == cat))
        nxt = [next(it1, None), next(it2, None)]
        its = [it1, it2]
        seg = [[0, 0, False], [0, 0, False]]  # offset, length, is unit
        pos = 0
        while pos < length and (nxt[0] is not None or nxt[1] is not None):
            for k in (0, 1):
                if pos == seg[k][0] + seg[k][1]:
                    n = nxt[k]
                    if n is not None and pos == n[1]:
                        seg[k] = [pos, n[2] - n[1], True]
                        nxt[k] = next(its[k], None)
                    else:
                        seg[k] = [pos, (n[1] if n else length) - pos, False]
            (o1, l1, u1), (o2, l2, u2) = seg
            bd, ld = o1 - o2, l1 - l2
            if u1 and u2 and -l1 < bd < l2:
                total += bd * bd + (bd + ld) ** 2
            elif u1 and not u2 and -ld >= bd >= 0:
                total += l1 * l1
            elif u2 and not u1 and -ld <= bd <= 0:
                total += l2 * l2
            pos = min(o1 + l1, o2 + l2)
    return 2 * total / (raters * (raters - 1) * length * length)


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 3), st.data())
def test_alpha_u_observed_equals_dkpro_sweep(raters: int, data: st.DataObject) -> None:
    length = data.draw(st.integers(5, 40))
    units = []
    for r in range(raters):
        for cat in "xy":
            pos = data.draw(st.integers(0, 3))
            while True:
                pos += data.draw(st.integers(0, 5))
                ln = data.draw(st.integers(1, 6))
                if pos + ln > length:
                    break
                units.append((r, pos, pos + ln, cat))
                pos += ln
    result = krippendorff_alpha_unitizing(units, 0, length, list(range(raters)))
    for cat, (d_o, _d_e, _a) in result.per_category.items():
        assert d_o == pytest.approx(_dkpro_observed(units, length, raters, cat), abs=1e-12)


# -- events -----------------------------------------------------------------------------------


def test_event_scores_spec_example() -> None:
    a = [EventKey(1, 0, 5, "Arrest-Jail", frozenset({(6, 14, "Person"), (16, 21, "Place")}))]
    b = [EventKey(1, 0, 5, "Arrest-Jail", frozenset({(6, 14, "Person"), (15, 21, "Place")}))]
    s = event_scores(a, b)
    assert s["trigger_identification"].micro.f1 == s["trigger_classification"].micro.f1 == 1.0
    assert s["argument_identification"].micro.f1 == 0.5
    assert s["argument_classification"].micro.f1 == 0.5
    assert s["argument_identification_overlap"].micro.f1 == 1.0
    assert s["argument_classification_overlap"].micro.f1 == 1.0


def test_event_scores_hand_example() -> None:
    # B moves the trigger (Arg-I still counts: DyGIE++ semantics), swaps a role, adds an event.
    a = [EventKey(1, 0, 5, "Attack", frozenset({(6, 9, "Attacker"), (10, 14, "Target")}))]
    b = [
        EventKey(1, 1, 5, "Attack", frozenset({(6, 9, "Target"), (10, 14, "Target")})),
        EventKey(1, 20, 25, "Die", frozenset({(26, 30, "Victim")})),
    ]
    s = event_scores(a, b)
    assert s["trigger_identification"].micro.tp == 0
    assert s["argument_identification"].micro.tp == 2
    assert s["argument_identification"].micro.f1 == pytest.approx(2 * 2 / (2 + 3))
    assert s["argument_classification"].micro.tp == 1
    assert s["argument_identification_attached"].micro.tp == 0
    assert s["argument_classification"].per_label["Attack/Target"].tp == 1


# -- the whole report -----------------------------------------------------------------------


def _layer(name: str, gpe_start: int, doc: Document) -> list[DocumentAnnotations]:
    spans = (
        Span(f"p{name}", doc.id, name, 6, 14, "PER", ""),
        Span(f"g{name}", doc.id, name, gpe_start, 21, "GPE", ""),
        Span(f"t{name}", doc.id, name, 0, 5, "اعتقال", ""),
        Span(f"x{name}", doc.id, name, 1, 3, "GPE", "", deleted=True),
    )
    events = (Event(f"e{name}", doc.id, name, "اعتقال", f"t{name}"),)
    args = (
        Argument(f"a{name}", f"e{name}", doc.id, name, "Person", f"p{name}"),
        Argument(f"b{name}", f"e{name}", doc.id, name, "Place", f"g{name}"),
    )
    return [DocumentAnnotations(doc, spans, events, args)]


def test_agreement_end_to_end() -> None:
    doc = Document(1, "خبر.txt", TEXT, "sha")
    other = Document(2, "other", "نص آخر", "sha2")
    layers = {
        "A": [*_layer("A", 16, doc), DocumentAnnotations(other)],
        "B": _layer("B", 15, doc),
        "C": _layer("C", 16, doc),
    }
    steps: list[tuple[int, int]] = []
    r = agreement(layers, progress=lambda d, t: steps.append((d, t)))
    assert steps[-1] == (4, 4)
    assert r.annotators == ("A", "B", "C") and r.documents == 2
    ab = r.pairs[0]
    assert (ab.a, ab.b) == ("A", "B")
    assert ab.exact.per_label["GPE"].f1 == 0.0 and ab.overlap.micro.f1 == 1.0
    tokens_a = ["اعتقال", "PER", "PER", "O", "GPE", "O"]
    tokens_b = ["اعتقال", "PER", "PER", "GPE", "GPE", "O"]
    assert ab.kappa == pytest.approx(cohen_kappa_score(tokens_a, tokens_b))
    assert ab.events["argument_identification"].micro.f1 == 0.5
    assert ab.confusion.counts[("GPE", "GPE")] == 1
    assert [d.doc_id for d in ab.documents] == [1]
    assert r.pairs[1].exact.micro.f1 == 1.0  # A and C agree
    assert r.alpha_u.alpha is not None and 0.9 < r.alpha_u.alpha < 1.0
    assert r.alpha_nominal is not None and r.alpha_nominal < 1.0
    json.dumps(r.to_json(), ensure_ascii=False, allow_nan=False)
    assert agreement(layers, labels=["PER"]).pairs[0].exact.micro.f1 == 1.0
    text = format_result(r)
    assert "GPE" in text and "argument_classification" in text


def test_format_table_logical_and_visual() -> None:
    rows = [["منظمة", 0.5, None]]
    logical = format_table(["label", "F1", "kappa"], rows)
    assert "منظمة" in logical and "0.500" in logical and "-" in logical.splitlines()[-1]
    visual = format_table(["label", "F1", "kappa"], rows, visual=True)
    assert "منظمة" not in visual  # reshaped into presentation forms, reversed
    assert "\ufee3" in visual or "\ufee4" in visual  # a joined form of م
    widths = {len(line.rstrip()) for line in visual.splitlines()[:2]}
    assert len(widths) == 1 or max(widths) - min(widths) < 10
