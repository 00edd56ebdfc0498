"""The team hub (issue 16) at 10,000 spans: a push then a pull into a fresh project, and a sync
with nothing new, each beside a floor (ADR 5: the same rows moved the plainest fast way).

- push + pull: ``sync`` of an analyst's project holding 10,000 spans on 100 documents, then
  ``sync`` of a fresh, empty project pulling them (documents included). Floor: the same record
  lines (as the hub stores them, ``jsonb``) copied into a plain table with ``COPY``, read back
  with one ``SELECT``, and the same spans written into a fresh project with ``Project.batch``
  (what a bundle merge's store write is). Budget of the issue: 100,000 in < 30 s, so 10,000
  must take well under that.
- nothing new: a second ``sync`` of the analyst's project. Floor: connect and ask the one
  question a sync with nothing to do must ask (the highest number on the hub). Budget: < 200 ms.

Needs the PostgreSQL server binaries (skipped without them, like tests/hub).
"""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from annotator.hub import add_project_documents, sync
from annotator.model import Span
from annotator.project import Project
from annotator.schema import default_schema
from tests.benchmarks.history import Record
from tests.hub.conftest import Hub, new_hub
from tests.hub.pgserver import Server

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
DOCS = 100
PER_DOC = 100


def _fill(p: Project, texts: list[str]) -> list[Span]:
    docs = [p.add_document(t, name=f"d{i}") for i, t in enumerate(texts)]
    rows = []
    for doc, text in zip(docs, texts, strict=True):
        for i in range(PER_DOC):
            start = (i * 7) % (len(text) - 10)
            rows.append(Span(f"amal-{doc.id:05d}-{i:06d}", doc.id, "amal", start, start + 5,
                             "PER", text[start : start + 5], clock=p.clock.tick()))  # fmt: skip
    with p.batch() as bulk:
        bulk.add_annotators(["amal"])
        bulk.put(rows)
    return rows


def _floor_push_pull(hub: Hub, texts: list[str], rows: list[Span], tmp: Path) -> float:
    """COPY the hub's record lines into a plain table, SELECT them back, write the spans into
    a fresh project: the same rows, the plainest way."""
    with psycopg.connect(hub.owner) as conn:
        lines = [str(b) for (b,) in conn.execute(
            "SELECT body::text FROM annotator_hub.records ORDER BY seq")]  # fmt: skip
        conn.execute("CREATE TABLE floor_records (seq bigserial PRIMARY KEY, body jsonb)")
        conn.commit()
        t0 = time.perf_counter()
        with conn.cursor().copy("COPY floor_records (body) FROM STDIN") as copy:
            for line in lines:
                copy.write_row((line,))
        conn.commit()
        back = conn.execute("SELECT seq, body::text FROM floor_records ORDER BY seq").fetchall()
        t1 = time.perf_counter()
    assert len(back) == len(lines) == len(rows)
    with Project.create(tmp / "floor.annotator", default_schema()) as fresh:
        t2 = time.perf_counter()
        docs = [fresh.add_document(t, name=f"d{i}") for i, t in enumerate(texts)]
        ids = {old: new.id for old, new in zip(sorted({r.doc_id for r in rows}), docs,
                                                 strict=True)}  # fmt: skip
        with fresh.batch() as bulk:
            bulk.add_annotators(["amal"])
            bulk.put([Span(r.uuid, ids[r.doc_id], r.annotator, r.start, r.end, r.label,
                           r.text, clock=r.clock) for r in rows])  # fmt: skip
        t3 = time.perf_counter()
    return (t1 - t0) + (t3 - t2)


def _floor_nothing_new(hub: Hub, url: str) -> float:
    t0 = time.perf_counter()
    with psycopg.connect(url) as conn:
        conn.execute("SELECT max(seq) FROM annotator_hub.records").fetchone()
    return time.perf_counter() - t0


def test_push_pull_and_nothing_new_at_10k_spans(
    pg_server: Server,
    tmp_path: Path,
    bench: Record,
) -> None:
    hub = new_hub(pg_server)
    coord = hub.member("coord", "coordinator")
    amal_url = hub.member("amal", "analyst", "amal")
    badr_url = hub.member("badr", "analyst", "badr")
    base = SEED.read_text(encoding="utf-8")
    texts = [f"{base}\n{i}" for i in range(DOCS)]
    with Project.create(tmp_path / "amal.annotator", default_schema()) as amal:
        rows = _fill(amal, texts)
        add_project_documents(coord, amal)
        t0 = time.perf_counter()
        pushed = sync(amal, amal_url)
        t1 = time.perf_counter()
        assert pushed.pushed == DOCS * PER_DOC
        with Project.create(tmp_path / "badr.annotator", default_schema()) as badr:
            t2 = time.perf_counter()
            pulled = sync(badr, badr_url)
            t3 = time.perf_counter()
            assert pulled.pulled == DOCS * PER_DOC and pulled.documents_pulled == DOCS
            assert badr.record_count("spans") == DOCS * PER_DOC
        quiet = []
        for _ in range(5):
            a = time.perf_counter()
            again = sync(amal, amal_url)
            quiet.append(time.perf_counter() - a)
            assert (again.pushed, again.already_on_hub, again.pulled) == (0, 0, 0)
    push, pull = t1 - t0, t3 - t2
    floor = _floor_push_pull(hub, texts, rows, tmp_path)
    nothing = sorted(quiet)[len(quiet) // 2]
    floor_nothing = sorted(_floor_nothing_new(hub, amal_url) for _ in range(5))[2]
    print(
        f"\nhub, {DOCS * PER_DOC:,} spans on {DOCS} documents: push {push:.2f} s, pull into a "
        f"fresh project {pull:.2f} s, together {push + pull:.2f} s; floor (COPY + SELECT of "
        f"the same lines, the same spans written by Project.batch) {floor:.2f} s, "
        f"{(push + pull) / floor:.1f}x\n"
        f"sync with nothing new: median {nothing * 1000:.0f} ms; floor (connect, one SELECT) "
        f"{floor_nothing * 1000:.0f} ms, {nothing / floor_nothing:.1f}x"
    )
    bench("hub.push_10k", push, "s")
    bench("hub.pull_10k", pull, "s")
    bench("hub.push_pull_10k_ratio", (push + pull) / floor, "x")
    bench("hub.nothing_new", nothing * 1000, "ms", "< 200 ms")
    bench("hub.nothing_new_ratio", nothing / floor_nothing, "x")
    assert push + pull < 30  # the budget is for 100,000
    if nothing >= 0.2:
        pytest.fail(f"a sync with nothing new took {nothing * 1000:.0f} ms (budget 200 ms)")
