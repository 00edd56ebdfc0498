"""Where the workbench's suggestions come from and how accepting one becomes one undo step.

``SuggestionSource`` is the part of ``annotator.project.Project`` the suggestion controller uses
(the storage contract of issues 13 and 14: ``suggestions``, ``reject_suggestions``,
``accept_suggestions``, ``latest_model``); tests give the controller an in-memory fake.
``accept_command`` and ``reject_command`` make the undoable commands that accept or reject
suggestions: the core's own (``annotator.commands.suggestions``: undo puts the suggestions back
pending); without them, ``AcceptSuggestions`` here (undo deletes the spans) and a reject that
is not undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from annotator.commands import Command
from annotator.errors import Message
from annotator.search.suggestions import Suggestion

if TYPE_CHECKING:
    from annotator.commands.edits import Version
    from annotator.model import Span
    from annotator.project import Project

MODEL_KIND = "ner"
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
        n = len(self.uuids)  # (the core's own texts, translated in ui.core_messages.CORE_MESSAGES)
        self.text = (
            Message("accept suggestion") if n == 1 else Message("accept {n} suggestions", n=n)
        )

    def _first(self, project: Project) -> list[Version]:
        spans = cast(_Accepting, project).accept_suggestions(self.uuids, self.annotator)
        return [(None, span) for span in spans]


def _core_command(name: str) -> type[Command] | None:
    """The core's suggestion command ``name`` (``annotator.commands.suggestions``), if any."""
    import importlib

    try:
        module = importlib.import_module("annotator.commands.suggestions")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if isinstance(found, type) and issubclass(found, Command) else None


def accept_command(uuids: Sequence[str], annotator: str) -> Command:
    """The undoable command accepting ``uuids`` (undo puts the suggestions back pending):
    the core's own, else ``AcceptSuggestions`` here."""
    core = _core_command("AcceptSuggestions")
    if core is None:
        return AcceptSuggestions(uuids, annotator)
    made: Command = cast(Any, core)(list(uuids), annotator)
    return made


def reject_command(uuids: Sequence[str]) -> Command | None:
    """The core's undoable command rejecting ``uuids`` (None: reject without undo)."""
    core = _core_command("RejectSuggestions")
    if core is None:
        return None
    made: Command = cast(Any, core)(list(uuids))
    return made
