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
