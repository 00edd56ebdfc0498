"""Search over documents and annotations: folding for matching, clitic-aware queries, the
concordance, the entity list, annotate-all, gazetteers and the suggestions they make.

Pure Python (no Qt, no SQL): documents come in as ``(doc_id, text)`` pairs and annotations as
model records, so a test passes lists and the application passes ``Project`` streams. See
docs/design/search.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.search.annotations import (
        ANY_VALUE,
        Coverage,
        EntityGroup,
        Mention,
        SpanFilter,
        entity_groups,
        filter_spans,
        outside,
        uncovered,
    )
    from annotator.search.folding import FoldedText, FoldOptions, fold_text
    from annotator.search.gazetteer import (
        Gazetteer,
        GazetteerMatcher,
        gazetteer_suggestions,
        read_gazetteer,
    )
    from annotator.search.kwic import KwicLine, SortBy, concordance, layout, sort_lines
    from annotator.search.matching import FoldedCorpus, Hit, Mode, Query, QueryError, find
    from annotator.search.suggestions import ANNOTATE_ALL, Suggestion, annotate_all

__all__ = [
    "ANNOTATE_ALL",
    "ANY_VALUE",
    "Coverage",
    "EntityGroup",
    "FoldOptions",
    "FoldedCorpus",
    "FoldedText",
    "Gazetteer",
    "GazetteerMatcher",
    "Hit",
    "KwicLine",
    "Mention",
    "Mode",
    "Query",
    "QueryError",
    "SortBy",
    "SpanFilter",
    "Suggestion",
    "annotate_all",
    "concordance",
    "entity_groups",
    "filter_spans",
    "find",
    "fold_text",
    "gazetteer_suggestions",
    "layout",
    "outside",
    "read_gazetteer",
    "sort_lines",
    "uncovered",
]

_HOME = {
    **dict.fromkeys(
        (
            "ANY_VALUE",
            "Coverage",
            "EntityGroup",
            "Mention",
            "SpanFilter",
            "entity_groups",
            "filter_spans",
            "outside",
            "uncovered",
        ),
        "annotations",
    ),
    **dict.fromkeys(("FoldedText", "FoldOptions", "fold_text"), "folding"),
    **dict.fromkeys(
        ("Gazetteer", "GazetteerMatcher", "gazetteer_suggestions", "read_gazetteer"), "gazetteer"
    ),
    **dict.fromkeys(("KwicLine", "SortBy", "concordance", "layout", "sort_lines"), "kwic"),
    **dict.fromkeys(("FoldedCorpus", "Hit", "Mode", "Query", "QueryError", "find"), "matching"),
    **dict.fromkeys(("ANNOTATE_ALL", "Suggestion", "annotate_all"), "suggestions"),
}
"""Where each exported name lives. The package imports a submodule when one of its names is
first asked for (PEP 562), so that importing one submodule (``annotator.search.folding``, as
opening a project does) does not load the gazetteer, the concordance and the rest (issue 12)."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
