"""User-facing errors: each says what is wrong and where (file, line), never a traceback.

Programming bugs stay ordinary exceptions; everything here is shown to the user as is.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """A user message in English that keeps its ``template`` and ``params``, so an interface
    can show it in another language (the GUI's ``ui.i18n.core_text``) while the CLI and logs
    print it as it is.

    ``Message(template, **params)`` equals ``template.format(**params)``. The template has
    plain ``{name}`` fields only; each parameter is text shown as it is (a name already quoted
    with ``repr``, a number) or a nested ``Message`` (translated in its turn)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (a job's error) with its parts
        return (_message, (self.template, self.params))


def _message(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


class AnnotatorError(Exception):
    """Base of every error a user can cause and read. Raised with a ``Message``, it keeps
    that message's template and parameters in ``args[0]`` for a translated interface."""


class ProjectFileError(AnnotatorError):
    """The project file cannot be used: missing, not SQLite, foreign, corrupt, newer, held by
    another writer, read-only, or its disk is full (annotator.store, annotator.locking)."""


class SchemaError(AnnotatorError):
    """A schema file or a label/role/attribute not allowed by the schema."""


class ValidationError(AnnotatorError):
    """An edit that would break an invariant (offsets outside the text, unknown record...)."""


class ImportFormatError(AnnotatorError):
    """Bad input in a file being imported; the message names the file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        # a Message: the interface translates ``message`` (a Message too, when the reader
        # gave one) and keeps ``where`` (a path) reading left to right
        super().__init__(Message("{where}: {message}", where=where, message=message))


def message_of(error: BaseException) -> str:
    """An exception's text, its ``Message`` (template and parameters) kept when it was raised
    with one: ``str(error)`` is the English alone."""
    if len(error.args) >= 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


class Cancelled(AnnotatorError):
    """A long job was cancelled by the user; nothing was written."""
