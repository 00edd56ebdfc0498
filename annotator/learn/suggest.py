"""Suggestions for documents from a model, and the active-learning order of documents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.model import Document
from annotator.search.suggestions import Suggestion

if TYPE_CHECKING:
    from annotator.learn.crf import Model


@dataclass(frozen=True)
class Suggested:
    """The suggestions of some documents and each document's confidence (0..1)."""

    suggestions: list[Suggestion]
    confidence: dict[int, float]


def suggest(model: Model, documents: Iterable[Document], min_score: float = 0.0) -> Suggested:
    """Every suggestion of ``model`` scoring at least ``min_score`` in ``documents``."""
    out: list[Suggestion] = []
    confidence: dict[int, float] = {}
    for doc in documents:
        found, conf = model.predict(doc.id, doc.text, doc.meta)
        out.extend(s for s in found if s.score >= min_score)
        confidence[doc.id] = conf
    return Suggested(out, confidence)


def active_order(confidence: Mapping[int, float]) -> list[int]:
    """Document ids, least confident first (ties by id)."""
    return sorted(confidence, key=lambda d: (confidence[d], d))
