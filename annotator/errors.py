"""User-facing errors: each says what is wrong and where (file, line), never a traceback.

Programming bugs stay ordinary exceptions; everything here is shown to the user as is.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error a user can cause and read."""


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
        super().__init__(f"{where}: {message}")


class Cancelled(AnnotatorError):
    """A long job was cancelled by the user; nothing was written."""
