"""The label schema: what may be annotated, and how a schema is edited.

This package owns the type system every layer is annotated in:

- ``model`` — the frozen schema value: entity labels, event types with roles, relation types,
  attributes, overlap rules and hotkeys; JSON in and out, and the bundled ``default_schema``;
- ``edit`` — pure functions that return an edited schema (the schema editor's operations).

brat's ``annotation.conf`` is a format concern: ``annotator.formats.brat_conf``. Whether a
record fits the schema is decided by ``annotator.rules``.
"""

from annotator.schema.model import (
    CARDINALITY,
    OVERLAP_KINDS,
    PLACEHOLDERS,
    AttributeDef,
    EventType,
    Label,
    OverlapRule,
    RelationType,
    Role,
    Schema,
    default_schema,
    hotkey_strokes,
)

__all__ = [
    "CARDINALITY",
    "OVERLAP_KINDS",
    "PLACEHOLDERS",
    "AttributeDef",
    "EventType",
    "Label",
    "OverlapRule",
    "RelationType",
    "Role",
    "Schema",
    "default_schema",
    "hotkey_strokes",
]
