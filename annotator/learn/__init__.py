"""The offline suggestion model (issue 14): a CRF trained on the project's own labels.

``train`` (training.py) is what the CLI and GUI call; ``Model`` (crf.py) saves to bytes and
loads from them without pickle; ``suggest`` (suggest.py) gives scored suggestions and the
active-learning order; ``read_suggestions`` and ``SpacyPipeline`` (external.py) bring outside
predictions in as another source. Tokens: ``segment.py``; features: ``features.py``; when the
GUI retrains: ``retrain.py``.

The names below load with their module on first use (PEP 562): importing
``annotator.learn.retrain`` (the window does, for its model panel) does not load crfsuite and
numpy, which cost the window's start 150 ms.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.learn.corpus import Example, NotEnoughData, layer_examples, suggestion_json
    from annotator.learn.crf import Model, ModelError
    from annotator.learn.evaluate import Memorise, Scores, score
    from annotator.learn.external import SpacyPipeline, SpacyUnavailable, read_suggestions
    from annotator.learn.training import TrainingResult, train

# the function ``suggest`` shares its name with its module: imported here, so that importing
# the module ``annotator.learn.suggest`` elsewhere first cannot leave the module in its place
from annotator.learn.suggest import Suggested, active_order, suggest

_WHERE = {
    "Example": "corpus",
    "NotEnoughData": "corpus",
    "layer_examples": "corpus",
    "suggestion_json": "corpus",
    "Model": "crf",
    "ModelError": "crf",
    "Memorise": "evaluate",
    "Scores": "evaluate",
    "score": "evaluate",
    "SpacyPipeline": "external",
    "SpacyUnavailable": "external",
    "read_suggestions": "external",
    "Suggested": "suggest",
    "active_order": "suggest",
    "suggest": "suggest",
    "TrainingResult": "training",
    "train": "training",
}

__all__ = [
    "Example",
    "Memorise",
    "Model",
    "ModelError",
    "NotEnoughData",
    "Scores",
    "SpacyPipeline",
    "SpacyUnavailable",
    "Suggested",
    "TrainingResult",
    "active_order",
    "layer_examples",
    "read_suggestions",
    "score",
    "suggest",
    "suggestion_json",
    "train",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
