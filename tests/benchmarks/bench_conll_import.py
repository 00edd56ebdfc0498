"""Benchmark: CoNLL import of 100,000 tokens, next to ``python -m spacy convert`` of the file.

Run with ``pytest tests/benchmarks/bench_conll_import.py -s`` (figures are printed).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.formats.conll import read_conll
from tests.benchmarks.history import Record

pytestmark = pytest.mark.benchmark

WORDS = [
    "وزير",
    "الدفاع",
    "الفرنسي",
    "جان",
    "إيف",
    "لودريان",
    "في",
    "باريس",
    "،",
    "و",
    "هولندا",
    ".",
]
TAGS = ["O", "B-ORG", "I-ORG", "B-PER", "I-PER", "I-PER", "O", "B-GPE", "O", "O", "B-GPE", "O"]
N_TOKENS = 100_000


def make_corpus(path: Path) -> int:
    """A 100,000-token IOB2 file, sentences of 20 tokens; returns the number of entities."""
    lines: list[str] = []
    entities = 0
    for i in range(N_TOKENS):
        tag = TAGS[i % len(TAGS)]
        if i % 20 == 0 and tag.startswith("I-"):
            tag = "B-" + tag[2:]  # a sentence never starts inside an entity
        entities += tag.startswith("B-")
        lines.append(f"{WORDS[i % len(WORDS)]}\t{tag}")
        if i % 20 == 19:
            lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return entities


def test_conll_import_100k_tokens_against_spacy_convert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bench: Record
) -> None:
    src = tmp_path / "corpus.conll"
    entities = make_corpus(src)

    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = read_conll(src)
        times.append(time.perf_counter() - t0)
    (doc,) = result.documents
    assert len(doc.meta["tokens"]) == N_TOKENS and len(doc.spans) == entities

    out = tmp_path / "spacy"
    out.mkdir()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import spacy"], check=True)
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(src), str(out), "-c", "ner", "-n", "10"],
        capture_output=True,
        text=True,
        check=False,
    )
    convert = time.perf_counter() - t0
    assert proc.returncode == 0, proc.stderr
    assert (out / "corpus.spacy").stat().st_size > 0

    bench("conll_import.read_100k_tokens", min(times), "s")
    bench("conll_import.spacy_convert", convert, "s")
    with capsys.disabled():
        print(
            f"\nCoNLL import of {N_TOKENS:,} tokens ({entities:,} entities): "
            f"best {min(times):.3f} s of 3 (read_conll)\n"
            f"python -m spacy convert -c ner of the same file: {convert:.3f} s wall "
            f"(of which {startup:.3f} s is starting Python and importing spaCy)"
        )


# -- memory bounded whatever the input size (issue 12) -----------------------------------------
CHILD = """
import resource, sys, time
from annotator import Project
from annotator.importing import import_documents, stream_files
seen = []
with Project.create(sys.argv[2]) as p:
    t0 = time.perf_counter()
    report = import_documents(p, stream_files([sys.argv[1]]), annotator="bench",
                              progress=lambda d, t: seen.append(time.perf_counter() - t0))
    took = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(report.documents_added, report.spans, peak, took, seen[0])
"""


def test_conll_import_of_50_mb_holds_memory_bounded(tmp_path: Path, bench: Record) -> None:
    """A generated CoNLL file of >= 50 MB imported through ``stream_files`` in a child process:
    peak RSS < 500 MB (the issue's bound whatever the input size), progress from the start."""
    from tests.core.test_conll_scan import write_conll

    src = tmp_path / "big.conll"
    write_conll(src, 52)
    size = src.stat().st_size
    assert size >= 50 * (1 << 20)
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(tmp_path / "p.annotator")],
        capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    docs, spans, peak_kib, took, first = proc.stdout.split()
    peak_mb = int(peak_kib) / 1024
    print(
        f"\nCoNLL import of {size / (1 << 20):.0f} MB ({int(docs):,} documents, {int(spans):,} "
        f"spans) through stream_files: {float(took):.1f} s, first progress after "
        f"{float(first):.2f} s, peak RSS {peak_mb:.0f} MB (bound 500 MB)"
    )
    bench("conll_import.peak_rss_52mb", peak_mb, "MB", "< 500")
    bench("conll_import.import_52mb", float(took), "s")
    assert int(docs) > 1000 and peak_mb < 500
