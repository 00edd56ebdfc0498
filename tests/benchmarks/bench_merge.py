"""Merge a bundle of 500,000 annotations into a project holding 500,000 (target < 30 s).

Both projects share 1,000 documents. The figures printed: reading the bundle (zip, checksums,
strict JSON, field checks), the merge itself (one transaction), and a second merge of the
same bundle (every version already known: the idempotent path).
"""

from __future__ import annotations

import time
from pathlib import Path

from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.model import Span
from annotator.project import Project
from tests.benchmarks.history import Record

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
DOCS = 1_000
PER_DOC = 500


def _fill(p: Project, annotator: str, texts: list[str]) -> None:
    docs = [p.add_document(t, name=f"d{i}") for i, t in enumerate(texts)]
    rows = []
    for doc, text in zip(docs, texts, strict=True):
        for i in range(PER_DOC):
            start = (i * 7) % (len(text) - 10)
            rows.append(
                Span(
                    f"{annotator}-{doc.id:05d}-{i:06d}",
                    doc.id,
                    annotator,
                    start,
                    start + 5,
                    "PER",
                    text[start : start + 5],
                    clock=p.clock.tick(),
                )
            )
    with p.batch() as bulk:
        bulk.add_annotators([annotator])
        bulk.put(rows)


def test_merge_500k_into_500k(tmp_path: Path, bench: Record) -> None:
    base = SEED.read_text(encoding="utf-8")
    texts = [f"{base}\n{i}" for i in range(DOCS)]
    with Project.create(tmp_path / "colleague.annotator") as colleague:
        _fill(colleague, "badr", texts)
        write_bundle(colleague, "badr", tmp_path / "badr.bundle")
    with Project.create(tmp_path / "mine.annotator") as mine:
        _fill(mine, "amal", texts)
        t0 = time.perf_counter()
        bundle = read_bundle(tmp_path / "badr.bundle")
        t1 = time.perf_counter()
        report = merge_bundle(mine, bundle)
        t2 = time.perf_counter()
        again = merge_bundle(mine, bundle)
        t3 = time.perf_counter()
        assert report.added == DOCS * PER_DOC and report.quarantined == []
        assert again.kept == DOCS * PER_DOC and again.added == again.updated == 0
        assert mine.record_count("spans") == 2 * DOCS * PER_DOC
    total = t2 - t0
    print(
        f"\nmerge 500k into 500k: read bundle {t1 - t0:.1f} s, merge {t2 - t1:.1f} s, "
        f"total {total:.1f} s; merging the same bundle again {t3 - t2:.1f} s"
    )
    bench("merge.500k_total", total, "s", "< 30 s")
    bench("merge.500k_again", t3 - t2, "s")
    assert total < 30
