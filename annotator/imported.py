"""What importers read: documents with their annotations, before the project checks them.

Importers are pure functions from files to these records; the project validates them and
writes them in one transaction (``annotator.importing``). Kept apart from ``annotator.model``,
which every start loads: making these dataclasses cost about 3 ms of the window's start
(``tests/benchmarks/bench_startup.py``), and only reading a file needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.errors import Message, bounded

if TYPE_CHECKING:
    from annotator.schema import Schema


# Importers are pure functions from files to these; the project validates and writes them in
# one transaction. ``key`` is the record's id inside the source file (brat T1, E1, a JSON id),
# used to resolve references; ``line`` is where it was read, for error messages.


@dataclass
class ImportedSpan:
    start: int
    end: int
    label: str
    key: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    fragments: tuple[tuple[int, int], ...] = ()
    line: int | None = None
    uuid: str = ""


@dataclass
class ImportedEvent:
    type: str
    trigger: str
    """key of the trigger span"""
    arguments: list[tuple[str, str]] = field(default_factory=list)
    """(role, key of a span or of another event)"""
    argument_uuids: list[str] = field(default_factory=list)
    """uuids to keep for the arguments, parallel to ``arguments`` (may be empty)"""
    key: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    line: int | None = None
    uuid: str = ""


@dataclass
class ImportedRelation:
    type: str
    source: str
    target: str
    key: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    line: int | None = None
    uuid: str = ""


@dataclass
class ImportedDocument:
    """One document read from a file, with the annotations that came with it."""

    text: str
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[ImportedSpan] = field(default_factory=list)
    events: list[ImportedEvent] = field(default_factory=list)
    relations: list[ImportedRelation] = field(default_factory=list)
    annotator: str = ""
    source: str = ""
    """file the document came from"""
    line: int | None = None
    """line (JSONL/CSV) or None for whole-file formats"""
    raw_sha256: str = ""
    status: str = ""
    schema: Schema | None = None
    """the label definitions the source file carries (jsonl's ``schema``, brat's
    annotation.conf): the importer adds those the project lacks"""


@dataclass
class Problem:
    """A malformed line skipped by a lenient import, or a span dropped by an export policy."""

    source: str
    line: int | None
    message: str

    def text(self) -> Message:
        """``file:line: message`` (``file: message`` without a line), its message kept as
        the reader wrote it (a ``Message``: translated in the interface), each of its text
        parameters cut to ``MAX_PARAM`` characters (``bounded``: a problem quoting a 20 MB
        line must not make a 20 MB report line, whoever built it)."""
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return Message("{where}: {problem}", where=where, problem=bounded(self.message))

    def __str__(self) -> str:
        return str(self.text())
