"""A trained model's result as JSON-able data, for comparing one made in another process
(``test_learn_isolated.py``); it imports nothing of the learning modules itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.learn.isolated import TrainedModel

HEAVY = ("pycrfsuite", "numpy", "annotator.learn.crf", "annotator.learn.training", "seqeval")
"""what a window's process should not load for a training run in a child"""


def plain(made: TrainedModel) -> dict[str, object]:
    return {
        # when the layer was read differs from run to run: the rest is the same model
        "manifest": {k: v for k, v in made.manifest.items() if k != "trained"},
        "source": made.source,
        "lines": made.lines,
        "suggestions": sorted(
            (s.doc_id, s.start, s.end, s.label, round(s.score, 9), s.source)
            for s in made.suggested.suggestions
        ),
        "confidence": {str(k): round(v, 9) for k, v in made.suggested.confidence.items()},
    }
