"""Search at 10,000 documents (~20 MB of Arabic, issue 13): corpus search p50 (target < 50 ms,
may need the FTS5 index of a later phase; the pure in-memory path is printed), a concordance
of 10,000 hits (< 300 ms), annotate-all over the corpus (< 2 s), a 10,000-name gazetteer over
the corpus (< 10 s).

The corpus is built once from the seed article, varied per document: a window of its words
starting at a different word, one word in 13 vocalised (harakat), one in 29 drawn with tatweel,
and every 40th word replaced by a person's name (three words) from the gazetteer's 10,000
(half of them behind a proclitic و or ب). Each document layer holds 20 spans on distinct
words (200,000 spans), which annotate-all and the gazetteer must not overlap.

Budgets are checked on the CPU time of this (single-threaded) process, with the wall time
printed beside it (ADR 5: the machine is shared; on 2026-11-29 a load average of 14 on 2 cores
doubled wall times between two runs of the same commit).

Floor (standard library only, the same folded string): ``str.count`` of the folded query over
the corpus. The gazetteer has no floor (an alternation of 10,000 names in one ``re`` pattern
is not a like-for-like alternative); it is judged by the issue's budget alone.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from annotator.model import Span
from annotator.search import (
    FoldedCorpus,
    Mode,
    Query,
    SortBy,
    annotate_all,
    concordance,
    gazetteer_suggestions,
    read_gazetteer,
    sort_lines,
)
from annotator.search.folding import fold_text
from tests.benchmarks.history import Record

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
DOCS = 10_000
WINDOW = 170
"""words per document (~2 KB of UTF-8)"""
FIRST = [
    "محمد",
    "أحمد",
    "علي",
    "حسن",
    "حسين",
    "خالد",
    "عمر",
    "يوسف",
    "إبراهيم",
    "مصطفى",
    "سعيد",
    "كريم",
    "طارق",
    "ناصر",
    "سمير",
    "وليد",
    "عادل",
    "فريد",
    "جمال",
    "رشيد",
]
LAST = [
    f"{a}{b}"
    for a in ("ال", "بن ", "أبو ")
    for b in [
        "خطيب",
        "نجار",
        "حداد",
        "شامي",
        "مصري",
        "عراقي",
        "سوري",
        "تونسي",
        "مغربي",
        "جزائري",
        "قاسم",
        "هاشم",
        "زين",
        "نور",
        "بدر",
        "فارس",
        "صالح",
        "راشد",
        "منصور",
        "سالم",
        "عطار",
        "خياط",
        "بناء",
        "كاتب",
        "شاعر",
        "قاضي",
        "عالم",
        "تاجر",
        "حكيم",
    ]
][:500]
NAMES = [f"{f} {m} {last}" for last in LAST for m in FIRST for f in FIRST if f != m][:10_000]
SPANS_PER_DOC = 20
PAGE = 200
QUERIES = [
    ("باريس", Mode.WORD),
    ("فرنسا", Mode.WORD),
    ("هولندا", Mode.WORD),
    ("الدفاع", Mode.WORD),
    ("دفاع", Mode.WORD),
    ("العسكرية", Mode.WORD),
    ("اعتداءات باريس", Mode.WORD),
    ("وزارة الدفاع", Mode.WORD),
    ("الجوية", Mode.WORD),
    ("جوي", Mode.PREFIX),
    ("داعش", Mode.WORD),
    ("سوريا", Mode.WORD),
    ("محمد أحمد الخطيب", Mode.WORD),
    ("يوسف علي الحداد", Mode.WORD),
    ("نشاط", Mode.PREFIX),
    ("2015", Mode.WORD),
    ("الجوية", Mode.SUBSTRING),
    ("لم تعد", Mode.WORD),
    (r"وزراء? \w+", Mode.REGEX),
    ("غير موجودة أبدا", Mode.WORD),
]


class Clock:
    """Wall and CPU time of a ``with`` block (this process, user + system)."""

    wall = cpu = 0.0

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu

    def __str__(self) -> str:
        return f"{self.cpu * 1000:.0f} ms CPU ({self.wall * 1000:.0f} ms wall)"


def make_documents() -> list[tuple[int, str]]:
    words = SEED.read_text(encoding="utf-8").split()
    n = len(words)
    docs = []
    for i in range(DOCS):
        out = []
        for k in range(WINDOW):
            w = words[(i * 37 + k) % n]
            if k % 40 == 39:
                name = NAMES[(i * 7 + k) % len(NAMES)]
                w = ("و" if k % 80 == 39 else "ب") + name if (i + k) % 2 else name
            elif (i + k) % 13 == 0 and w.isalpha():
                w = w[0] + "\u064e" + w[1:] + "\u064f"
            elif (i + k) % 29 == 0 and len(w) > 3 and w.isalpha():
                w = w[:2] + "\u0640\u0640" + w[2:]
            out.append(w)
        docs.append((i + 1, " ".join(out) + f" ({i})"))
    return docs


def existing_spans(docs: list[tuple[int, str]]) -> list[Span]:
    spans = []
    for doc_id, text in docs:
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
        step = len(starts) // SPANS_PER_DOC
        for k in range(SPANS_PER_DOC):
            a = starts[k * step + 3]
            b = text.index(" ", a)
            spans.append(Span(f"{doc_id}-{k}", doc_id, "ana", a, b, "GPE", text[a:b]))
    return spans


@pytest.fixture(scope="module")
def corpus_docs() -> list[tuple[int, str]]:
    return make_documents()


def test_search_at_10k_documents(
    corpus_docs: list[tuple[int, str]], bench: Record, tmp_path: Path
) -> None:
    size = sum(len(t.encode()) for _, t in corpus_docs)
    print(f"\n  corpus: {len(corpus_docs)} documents, {size / 1e6:.1f} MB UTF-8")
    assert size > 18e6

    t0 = time.perf_counter()
    corpus = FoldedCorpus(corpus_docs)
    build = time.perf_counter() - t0
    print(f"  fold the corpus (in-memory cache): {build * 1000:.0f} ms")
    bench("search.fold_corpus_10k", build, "s")

    times, cpus, firsts, floors, counts = [], [], [], [], []
    for text, mode in QUERIES:
        query = Query(text, mode)
        query.matcher()
        t0, c0 = time.perf_counter(), time.process_time()
        stream = corpus.search(query)
        first = [hit for hit, _ in zip(stream, range(PAGE), strict=False)]
        firsts.append(time.perf_counter() - t0)
        hits = first + list(stream)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        counts.append(len(hits))
        folded = fold_text(text)
        t0 = time.perf_counter()
        corpus.folded.count(folded)
        floors.append(time.perf_counter() - t0)
    p50 = statistics.median(times)
    floor = statistics.median(floors)
    print(f"  hits per query: {counts}")
    print(
        f"  corpus search p50 {p50 * 1000:.1f} ms (max {max(times) * 1000:.0f} ms), target "
        f"< 50 ms; floor str.count p50 {floor * 1000:.1f} ms, ratio {p50 / floor:.1f}"
    )
    bench("search.corpus_p50_10k", p50, "s", "< 50 ms (pure path)")
    cpu50 = statistics.median(cpus)
    print(f"  corpus search p50 CPU {cpu50 * 1000:.1f} ms")
    bench("search.corpus_p50_10k_cpu", cpu50, "s", "< 50 ms (pure path)")
    page = statistics.median(firsts)
    print(f"  first {PAGE} hits (the dock's first page) p50 {page * 1000:.1f} ms")
    bench("search.corpus_first_page_p50_10k", page, "s")
    assert counts[0] > 5_000 and counts[1] > 10_000 and counts[-1] == 0

    hits = list(corpus.search(Query("فرنسا")))[:10_000]
    assert len(hits) == 10_000
    with Clock() as kwic:
        lines = sort_lines(concordance(hits, corpus.text), SortBy.BEFORE)
    print(f"  concordance of 10,000 hits, sorted by the words before: {kwic}")
    bench("search.concordance_10k_hits", kwic.cpu, "s", "< 300 ms (CPU)")
    bench("search.concordance_10k_hits_wall", kwic.wall, "s")
    assert len(lines) == 10_000 and {fold_text(x.keyword) for x in lines} == {"فرنسا"}
    assert kwic.cpu < 0.3

    spans = existing_spans(corpus_docs)
    src_text = corpus_docs[0][1]
    a = src_text.index("فرنسا")
    src = Span("src", 1, "ana", a, a + 5, "GPE", "فرنسا")
    with Clock() as took:
        made = list(annotate_all(src, corpus, [*spans, src]))
    print(f"  annotate-all over the corpus: {len(made)} suggestions in {took}")
    bench("search.annotate_all_10k", took.cpu, "s", "< 2 s (CPU)")
    bench("search.annotate_all_10k_wall", took.wall, "s")
    assert len(made) > 5_000
    assert took.cpu < 2

    path = tmp_path / "names.csv"
    path.write_text("name,label\n" + "".join(f"{n},PER\n" for n in NAMES), encoding="utf-8")
    with Clock() as took:
        gaz = read_gazetteer(path)
        found = list(gazetteer_suggestions(gaz, corpus, spans))
    print(f"  gazetteer of {len(gaz.entries)} names: {len(found)} suggestions in {took}")
    bench("search.gazetteer_10k_names", took.cpu, "s", "< 10 s (CPU)")
    bench("search.gazetteer_10k_names_wall", took.wall, "s")
    # four names a document, half of them under one of the existing spans
    assert len(gaz.entries) == 10_000 and len(found) > 15_000
    assert took.cpu < 10
