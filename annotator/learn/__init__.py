"""The offline suggestion model (issue 14): a CRF trained on the project's own labels.

``train`` (training.py) is what the CLI and GUI call; ``Model`` (crf.py) saves to bytes and
loads from them without pickle; ``suggest`` (suggest.py) gives scored suggestions and the
active-learning order; ``read_suggestions`` and ``SpacyPipeline`` (external.py) bring outside
predictions in as another source. Tokens: ``segment.py``; features: ``features.py``.
"""

from annotator.learn.corpus import Example, NotEnoughData, layer_examples, suggestion_json
from annotator.learn.crf import Model, ModelError
from annotator.learn.evaluate import Memorise, Scores, score
from annotator.learn.external import SpacyPipeline, SpacyUnavailable, read_suggestions
from annotator.learn.suggest import Suggested, active_order, suggest
from annotator.learn.training import TrainingResult, train

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
