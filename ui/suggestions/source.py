"""Where the workbench's suggestions come from and how accepting one becomes one undo step.

``SuggestionSource`` is the part of ``annotator.project.Project`` the suggestion controller uses
(the storage contract of issues 13 and 14: ``suggestions``, ``reject_suggestions``,
``accept_suggestions``, ``latest_model``); tests give the controller an in-memory fake.
``accept_command`` makes the undoable command that accepts suggestions: the project's own when
``annotator.commands`` has one, else ``AcceptSuggestions`` here (accepted spans are written by
``Project.accept_suggestions`` in one transaction; undoing deletes them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from annotator.commands import Command
from annotator.search.suggestions import Suggestion

if TYPE_CHECKING:
    from annotator.commands.edits import Version
    from annotator.model import Span
    from annotator.project import Project

MODEL_KIND = "crf"
"""the kind the model panel saves and reads (``Project.save_model(kind, ...)``)"""


class SuggestionSource(Protocol):
    """What the controller reads and writes (the names of the Project contract)."""

    def suggestions(
        self, doc_id: int, min_score: float = 0.0, source: str | None = None
    ) -> list[Suggestion]: ...

    def reject_suggestions(self, uuids: Sequence[str]) -> object: ...


class ModelStore(Protocol):
    """The model half of the contract (``Project.save_model``/``latest_model``)."""

    def save_model(self, kind: str, data: bytes, manifest: dict[str, Any]) -> object: ...

    def latest_model(self, kind: str) -> tuple[bytes, dict[str, Any]] | None: ...

    def add_suggestions(self, items: Sequence[Suggestion]) -> int: ...


class _Accepting(Protocol):
    def accept_suggestions(self, uuids: Sequence[str], annotator: str) -> list[Span]: ...


class AcceptSuggestions(Command):
    """Accept suggestions into ``annotator``'s layer: ``Project.accept_suggestions`` writes
    their spans (provenance kept) in the command's transaction; undo deletes the spans."""

    def __init__(self, uuids: Sequence[str], annotator: str) -> None:
        super().__init__()
        self.uuids = list(uuids)
        self.annotator = annotator
        self.text = "accept suggestions"

    def _first(self, project: Project) -> list[Version]:
        spans = cast(_Accepting, project).accept_suggestions(self.uuids, self.annotator)
        return [(None, span) for span in spans]


def accept_command(uuids: Sequence[str], annotator: str) -> Command:
    """The undoable command accepting ``uuids``: the core's own once it exists."""
    import annotator.commands as commands

    for name in ("AcceptSuggestions", "AcceptSuggestion"):
        found = getattr(commands, name, None)
        if isinstance(found, type) and issubclass(found, Command):
            made: Command = cast(Any, found)(list(uuids), annotator)
            return made
    return AcceptSuggestions(uuids, annotator)
