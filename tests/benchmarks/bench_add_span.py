"""Add one span to a document that already holds 20,000: median time including COMMIT."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from annotator.model import Span
from annotator.project import Project
from tests.benchmarks.history import Record

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"


def test_add_span_at_20k(tmp_path: Path, bench: Record) -> None:
    text = SEED.read_text(encoding="utf-8") * 20
    with Project.create(tmp_path / "b.annotator") as p:
        doc = p.add_document(text)
        n = len(text) - 10
        rows = [
            Span(
                f"00000000-0000-0000-0000-{i:012d}",
                doc.id,
                "bench",
                i % n,
                i % n + 5,
                "PER",
                text[i % n : i % n + 5],
                clock=p.clock.tick(),
            )
            for i in range(20_000)
        ]
        with p.batch() as bulk:
            bulk.add_annotators(["bench"])
            bulk.put(rows)
        samples = []
        for i in range(300):
            t0 = time.perf_counter()
            p.add_span(doc.id, i, i + 7, "GPE", "bench")
            samples.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(samples)
    print(
        f"\nadd span at 20,000 spans: median {median:.2f} ms, p95 "
        f"{sorted(samples)[int(len(samples) * 0.95)]:.2f} ms (target median < 5 ms; "
        f"ratio to target {median / 5:.2f})"
    )
    bench("add_span_20k.median", median, "ms", "< 5 ms")
    assert median < 5
