"""Inter-annotator agreement: measures over annotator layers and the report built on them.

This package owns everything the CLI's ``agreement`` command and the GUI's agreement window
compute and show:

- ``measures`` — ``agreement`` over the layers of several annotators (pairwise and all
  together), its result types, the text tables and ``project_layers``;
- ``spans`` — span matching and F1 (exact and overlap);
- ``coefficients`` — token kappa and alpha, alpha-U;
- ``events`` — ACE-style event scores;
- ``confusion`` — the label confusion matrix;
- ``report`` — the HTML report (matplotlib charts), imported on its own since it is heavy.

- ``bulk`` — a chunk of documents as NumPy arrays, and every measure counted over it.

The measures work on plain tuples and ``DocumentAnnotations``; they need no store and no Qt.
Every measure adds up per document, so a project's layers are read a chunk of documents at a
time (``project_layers`` through ``Project.packed_outline_blocks``, spans a document a row) and
each chunk is counted in array operations over all its documents (docs/design/formats.md
C.5): memory stays within a chunk and the largest document, whatever the size of the corpus.
"""

from annotator.agreement.coefficients import (
    OUTSIDE,
    UnitizingResult,
    cohen_kappa,
    krippendorff_alpha_nominal,
    krippendorff_alpha_unitizing,
    token_labels,
    tokenize,
)
from annotator.agreement.confusion import NO_LABEL, ConfusionMatrix, confusion_matrix
from annotator.agreement.events import EventKey, event_scores
from annotator.agreement.measures import (
    AgreementResult,
    DocumentRow,
    PairResult,
    ProjectLayers,
    agreement,
    format_result,
    format_table,
    project_layers,
)
from annotator.agreement.spans import PRF, Scores, SpanKey, match_overlapping, span_f1

__all__ = [
    "NO_LABEL",
    "OUTSIDE",
    "PRF",
    "AgreementResult",
    "ConfusionMatrix",
    "DocumentRow",
    "EventKey",
    "PairResult",
    "ProjectLayers",
    "Scores",
    "SpanKey",
    "UnitizingResult",
    "agreement",
    "cohen_kappa",
    "confusion_matrix",
    "event_scores",
    "format_result",
    "format_table",
    "krippendorff_alpha_nominal",
    "krippendorff_alpha_unitizing",
    "match_overlapping",
    "project_layers",
    "span_f1",
    "token_labels",
    "tokenize",
]
