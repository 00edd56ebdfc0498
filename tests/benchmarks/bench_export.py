"""Export 10,000 documents / 1,000,000 spans: jsonl against a bare SELECT + json.dumps loop;
conll and spacy figures reported."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from annotator import Project
from annotator.exporting import export
from annotator.model import Span

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
DOCS, PER_DOC = 10_000, 100


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "big.annotator"
    base = SEED.read_text(encoding="utf-8")[:1100]
    with Project.create(path) as p, p.store.write():
        p.store.ensure_annotator("bench")
        docs = [base + f" ({i})" for i in range(DOCS)]
        from annotator.model import Document
        from annotator.text import sha256_text

        ids = p.store.insert_documents(
            [Document(0, f"d{i}", t, sha256_text(t)) for i, t in enumerate(docs)]
        )
        for doc_id, text in zip(ids, docs, strict=True):
            rows = []
            for k in range(PER_DOC):
                s = (k * 11) % (len(text) - 8)
                rows.append(
                    Span(
                        f"{doc_id:08d}-0000-0000-0000-{k:012d}",
                        doc_id,
                        "bench",
                        s,
                        s + 6,
                        "PER" if k % 2 else "GPE",
                        text[s : s + 6],
                        clock="0000000000001.000000",
                    )
                )
            p.store.put_many(rows)
    return path


def bare(path: Path, out: Path) -> float:
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for doc_id, name, text in conn.execute("SELECT id, name, text FROM documents ORDER BY id"):
            spans = [
                {"id": u, "start": s, "end": e, "label": lab, "text": t}
                for u, s, e, lab, t in conn.execute(
                    'SELECT uuid, start, "end", label, text FROM spans '
                    'WHERE doc_id = ? AND deleted = 0 ORDER BY start, "end"',
                    [doc_id],
                )
            ]
            fh.write(
                json.dumps({"name": name, "text": text, "spans": spans}, ensure_ascii=False) + "\n"
            )
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def test_export_jsonl_conll_spacy(big_project: Path, tmp_path: Path) -> None:
    floor = bare(big_project, tmp_path / "bare.jsonl")
    with Project.open(big_project, read_only=True) as p:
        t0 = time.perf_counter()
        report = export(p, "jsonl", tmp_path / "o.jsonl", annotator="bench")
        ours = time.perf_counter() - t0
        assert report.spans_exported == DOCS * PER_DOC
        figures = {}
        for fmt, out in (("conll", tmp_path / "o.conll"), ("spacy", tmp_path / "o.spacy")):
            t0 = time.perf_counter()
            export(p, fmt, out, annotator="bench")
            figures[fmt] = time.perf_counter() - t0
    ratio = floor / ours
    print(
        f"\nexport {DOCS} docs / {DOCS * PER_DOC} spans: jsonl {ours:.2f} s, "
        f"bare SELECT+json.dumps {floor:.2f} s, throughput ratio {ratio:.2f}x (target >= 0.5x); "
        f"conll {figures['conll']:.2f} s; spacy {figures['spacy']:.2f} s"
    )
    assert ratio >= 0.5
