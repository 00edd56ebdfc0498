"""Search in the GUI: the in-document find bar (``FindBar``), the corpus search dock with its
right-to-left concordance (``SearchDock``, ``ConcordanceModel``) and the entity list
(``EntityList``), each built with what it needs (a view, a document source, spans) and
talking through signals; ``ui.search.tools`` wires the entity list, annotate-all and
gazetteers into the window (docs/design/search.md, "GUI").
"""

from ui.search.concordance import ConcordanceModel, ConcordanceView
from ui.search.dock import (
    CandidateSource,
    DocumentSource,
    SearchDock,
    SearchWorker,
    project_candidates,
)
from ui.search.entities import EntityList, EntityModel
from ui.search.find_bar import FindBar, FindTarget, hit_selections

__all__ = [
    "CandidateSource",
    "ConcordanceModel",
    "ConcordanceView",
    "DocumentSource",
    "EntityList",
    "EntityModel",
    "FindBar",
    "FindTarget",
    "SearchDock",
    "SearchWorker",
    "hit_selections",
    "project_candidates",
]
