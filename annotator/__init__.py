"""annotator: an offline workbench for labelling Arabic news text.

The core package is Qt-free. ``from annotator import Project`` is the scripting entry point.
"""

from annotator.errors import (
    AnnotatorError,
    ImportFormatError,
    ProjectFileError,
    SchemaError,
    ValidationError,
)
from annotator.model import (
    GOLD,
    Argument,
    Document,
    DocumentAnnotations,
    Event,
    Relation,
    Span,
    Status,
)

__all__ = [
    "GOLD",
    "AnnotatorError",
    "Argument",
    "Document",
    "DocumentAnnotations",
    "Event",
    "ImportFormatError",
    "Project",
    "ProjectFileError",
    "Relation",
    "SchemaError",
    "Span",
    "Status",
    "ValidationError",
]


def __getattr__(name: str) -> object:
    # Project pulls in the store (sqlite-utils); import it lazily so that format modules and
    # tests of pure code stay light.
    if name == "Project":
        from annotator.project import Project

        return Project
    raise AttributeError(name)
