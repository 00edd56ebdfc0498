"""The project both annotate-all undo benchmarks work on: 36 documents of 3,000 occurrences of
باريس each (half after the clitic ب), one span on the first, which annotate-all of it turns
into 108,000 suggestions, and another source's suggestion (and, for the core benchmark, a
remembered rejection) that undo and redo must leave as they are."""

from __future__ import annotations

from pathlib import Path

from annotator.project import Project
from annotator.search.suggestions import Suggestion

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "بباريس", "إلى", "لندن", "و"]
DOCUMENTS = 36
PER_DOCUMENT = 3_000  # occurrences of باريس (half after the clitic ب) in each document
SUGGESTIONS = DOCUMENTS * PER_DOCUMENT  # every occurrence but the span's own (one more in d00)
TARGET_S = 0.1


def text_of(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n * 5))


def build(path: Path, rejection: bool) -> None:
    """The project at ``path``; with ``rejection`` also a rejected suggestion of the other
    source."""
    with Project.create(path) as p:
        for d in range(DOCUMENTS):
            n = PER_DOCUMENT + (d == 0)
            p.add_document(text_of(n) + f" {d}.", name=f"d{d:02}")
        text = p.document(1).text
        at = text.index("باريس")
        p.add_span(1, at, at + 5, "GPE", "amal")
        at = text.index("لندن")  # another source's suggestion: shown before, after, between
        keep = Suggestion("keep-1", 1, at, at + 4, "GPE", "لندن", "gazetteer:cities")
        if not rejection:
            assert p.add_suggestions([keep]) == 1
            return
        at = text.index("لندن", at + 4)
        gone = Suggestion("gone-1", 1, at, at + 4, "GPE", "لندن", "gazetteer:cities")
        assert p.add_suggestions([keep, gone]) == 2
        p.reject_suggestions(["gone-1"])
