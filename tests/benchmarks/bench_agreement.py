"""Span agreement speed: a million span pairs over 10,000 documents in under two seconds.

Run with ``pytest tests/benchmarks/bench_agreement.py -s`` to see the figures.
"""

from __future__ import annotations

import random
import time

import pytest

from annotator.agreement.spans import SpanKey, span_f1
from tests.benchmarks.history import Record

TARGET_SECONDS = 2.0
LABELS = ("PER", "GPE", "ORG", "LOC", "منظمة", "حدث")

pytestmark = pytest.mark.benchmark


def _corpus(seed: int = 7) -> tuple[list[SpanKey], list[SpanKey]]:
    """100 flat spans per document; B shifts 10% of starts, relabels 10%, nests 1%."""
    rng = random.Random(seed)
    a: list[SpanKey] = []
    b: list[SpanKey] = []
    for doc in range(10_000):
        pos = 0
        for _ in range(100):
            pos += rng.randint(1, 20)
            length = rng.randint(1, 12)
            span = SpanKey(doc, pos, pos + length, rng.choice(LABELS))
            a.append(span)
            roll = rng.random()
            if roll < 0.1:
                span = span._replace(start=span.start + 1)
            elif roll < 0.2:
                span = span._replace(label=rng.choice(LABELS))
            elif roll < 0.21:
                span = span._replace(start=max(0, span.start - 25))
            b.append(span)
            pos += length
    return a, b


@pytest.fixture(scope="module")
def corpus() -> tuple[list[SpanKey], list[SpanKey]]:
    return _corpus()


@pytest.mark.parametrize("mode", ["exact", "overlap"])
def test_span_f1_million_pairs(
    corpus: tuple[list[SpanKey], list[SpanKey]], mode: str, bench: Record
) -> None:
    a, b = corpus
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        scores = span_f1(a, b, mode)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - started)
    print(
        f"\nspan_f1 {mode}: {len(a):,} x {len(b):,} spans, 10,000 documents: {best:.3f} s "
        f"({best / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:.0f} s target); "
        f"F1 {scores.micro.f1:.4f}"
    )
    bench(f"agreement.span_f1_{mode}", best, "s", f"< {TARGET_SECONDS:.0f} s")
    assert scores.micro.n_a == len(set(a))
    assert best < TARGET_SECONDS
