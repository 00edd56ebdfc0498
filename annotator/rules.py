"""The rules of a valid record: the ONE place that decides what may be written.

Every path that writes or judges annotations asks here: the Python API (``Project``), every
importer (``annotator.importing``), the merge of bundles and project files
(``annotator.exchange``), ``annotator check`` (``annotator.validation``) and what the GUI
offers (role and relation menus call ``roles_for`` / ``relation_types_for``). A rule added or
changed here changes all of them at once; a test generates records and asserts they agree.

What is decided here:

- names: labels, roles, attribute names (``label_name_problem``); annotators
  (``annotator_problem``); record ids (``uuid_problem``); free text such as notes and
  attribute values (``text_problem``): no control characters, no bidi overrides or
  isolates (Trojan Source), no lone surrogates, bounded length;
- clock stamps (``stamp_problem``): the shape ``<13-digit ms>.<6-digit counter>`` and at most
  ``MAX_DRIFT_MS`` ahead of this machine's wall clock, so a stamp from a colleague whose
  clock (or file) is wrong cannot become the project's clock;
- spans (``span_problem``): offsets inside the text as code points, fragments inside the
  span, covered text equal to the text, the label in the schema, attributes defined for the
  label and of the right kind;
- an edit of a stored record (``edit_of``) is judged by what it changes: an attribute value
  the record held already, left as it was under the same label or type, is not the edit's
  doing (one the schema dropped later, one an import brought); every value it adds or
  changes is judged as above (``attributes_problem``'s ``held``);
- events, arguments and relations (``event_problem``, ``argument_problem``,
  ``relation_problem``): types and roles in the schema, argument and relation argument types
  accepted by the schema (alternatives, symmetric relations, ``<ENTITY>``/``<EVENT>``/
  ``<ANY>``, label parents), and references to LIVE records of the same document and layer;
- triggers (``trigger_label_problem``, part of ``event_problem``): an event's trigger span is
  labelled with the event's type; a span labelled with an event type triggers a live event
  (``eventless_triggers``: listed by ``check``, left out of the exports' entities, never a
  condition of writing since a trigger span is written before its event); a span triggering
  events is relabelled as something other than an event type only with its events removed
  (``relabel_trigger_problem``);
- arguments of one event (``repeated_argument_problem``): at most one argument with the same
  role and the same filler;
- spans of one layer (``repeated_span_problem``): at most one live span at the same place
  with the same label (``same_span``: offsets, fragments and label). White space at a span's
  edges is no rule's business: a span of another tool may start or end with it.

Each function returns ``None`` or a ``Violation`` (a kind and a message); callers turn it into
an exception (``Violation.error()``), an import error naming file and line, a quarantine
reason or a problem listed by ``check``. Tombstones (deleted versions) only need the
structural rules (names, ids, clock, offsets): what they pointed at may be gone.
"""

from __future__ import annotations

import contextlib
import dataclasses
import operator
import re
import time
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from annotator.clock import MAX_DRIFT_MS, STAMP
from annotator.errors import AnnotatorError, Message, SchemaError, ValidationError
from annotator.model import (
    Argument,
    Event,
    Record,
    Relation,
    Span,
    all_equal,
    fields_of,
    getter,
)

if TYPE_CHECKING:  # the schema module itself asks this one about names
    from annotator.schema import AttributeDef, RelationType, Role, Schema

MAX_NAME = 200
"""longest annotator name, label, role or attribute name (characters)"""
MAX_UUID = 100
MAX_TEXT = 1_000_000
"""longest note or text attribute value (characters)"""

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_CATEGORIES = frozenset(("Cc", "Cs", "Zl", "Zp", "Cn"))

SCHEMA_KINDS = frozenset(
    ("unknown-label", "unknown-type", "unknown-role", "wrong-type", "attribute")
)
"""kinds of violation that depend on the schema (raised as ``SchemaError`` by the API)"""


@dataclass(frozen=True)
class Violation:
    """Why a record may not be written: ``kind`` (stable, for tests and ``check``) and a
    message for the user (a ``Message`` where the interface translates it)."""

    kind: str
    message: str

    def error(self) -> AnnotatorError:
        """The exception the API raises for this violation."""
        if self.kind in SCHEMA_KINDS:
            return SchemaError(self.message)
        return ValidationError(self.message)

    def __str__(self) -> str:
        return self.message


REFERENCE_PREFIX = "ref:"

ADVISORY = frozenset({"missing-role", "too-many", "no-event"})
"""The kinds of problem ``check`` lists for an analyst that never block writing: a role
filled too few or too many times (cardinality is checked, never enforced on save) and a span
of an event type that triggers no event (written before its event; left when an event is
deleted or held back). Every other kind is a record the rules refuse."""


def is_reference(attribute: str) -> bool:
    """Attributes named ``ref:<DB>`` hold normalisation ids (brat N lines, e.g. ref:Wikidata
    → Q1530). They are free text on any label and need no schema entry."""
    return attribute.startswith(REFERENCE_PREFIX) and len(attribute) > len(REFERENCE_PREFIX)


# -- names and text -------------------------------------------------------------------------
def _bad_char(value: str, allow_newlines: bool = False) -> Message | None:
    # the common case, decided in C: a printable string holds no Cc, Cs, Zl, Zp or Cn
    # character and no bidi control (all of category Cf), from the same Unicode database
    if value.isprintable():
        return None
    for ch in value:
        if allow_newlines and ch in "\n\t":
            continue
        if ch in _BIDI_CONTROLS:
            return Message("{code} (a bidi control)", code=f"U+{ord(ch):04X}")
        cat = unicodedata.category(ch)
        if cat in _BAD_CATEGORIES:
            if cat == "Cs":
                return Message("{code} (lone surrogate)", code=f"U+{ord(ch):04X}")
            return Message("{code} (control or unassigned character)", code=f"U+{ord(ch):04X}")
    return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def name_problem(value: object, what: str, limit: int = MAX_NAME) -> Violation | None:
    """A name shown in lists and menus: non-blank text of at most ``limit`` characters with no
    control characters, bidi overrides, line breaks or lone surrogates. ``what`` names it in
    the message (a ``Message`` of its own where the interface should translate it)."""
    if not isinstance(value, str):
        return Violation(
            "name", Message("{what} must be text, not {value}", what=what, value=_shown(value))
        )
    if not value.strip():
        return Violation("name", Message("{what} must not be empty", what=what))
    if len(value) > limit:
        return Violation(
            "name", Message("{what} is longer than {limit} characters", what=what, limit=limit)
        )
    bad = _bad_char(value)
    if bad:
        return Violation(
            "name",
            Message("{what} {value} contains {bad}", what=what, value=_shown(value), bad=bad),
        )
    if value != value.strip():
        return Violation(
            "name",
            Message(
                "{what} {value} starts or ends with white space", what=what, value=_shown(value)
            ),
        )
    return None


def annotator_problem(name: object) -> Violation | None:
    """An annotator (layer) name."""
    if type(name) is str and name == next(iter(_last_annotator), None):
        return None
    v = name_problem(name, Message("annotator name"))
    if v is None and type(name) is str:
        _last_annotator[:] = [name]
    return v


def document_name_problem(name: object) -> Violation | None:
    """A document's name (shown in the document list, used by ``--document``)."""
    return name_problem(name, Message("document name"), limit=1000)


def label_name_problem(name: object, what: str = "") -> Violation | None:
    """A label, event type, relation type, role or attribute name: a name as above with no
    white space and not starting with ``<`` or ``!`` (brat's reserved forms), so it survives
    every export format (brat .ann lines, CoNLL tags, annotation.conf). ``what`` defaults to
    "label name"."""
    what = what or Message("label name")
    v = name_problem(name, what, limit=100)
    if v is not None:
        return v
    assert isinstance(name, str)
    if _has_space(name) or name[0] in "<!":
        return Violation(
            "name",
            Message(
                "{what} {value} contains white space or starts with < !",
                what=what,
                value=_shown(name),
            ),
        )
    if not name.isascii() and any(unicodedata.category(c) == "Cf" for c in name):
        # a zero-width space or joiner: PER and PER+U+200B look the same and are two labels
        return Violation(
            "name",
            Message(
                "{what} {value} contains an invisible character", what=what, value=_shown(name)
            ),
        )
    return None


def _has_space(value: str) -> bool:
    """Whether ``value`` holds a white space character (``str.isspace``)."""
    if value.isprintable():  # the one printable white space character is U+0020
        return " " in value
    return any(c.isspace() for c in value)


_RECORD_ID = Message("record id")
_NOTE = Message("note")


def uuid_problem(value: object, what: str = _RECORD_ID) -> Violation | None:
    """A record id: non-empty text without white space or control characters."""
    if not isinstance(value, str) or not value or len(value) > MAX_UUID:
        return _bad_id(value, what)
    if value.isprintable():  # the common case: no control character, space is U+0020 only
        return _bad_id(value, what) if " " in value else None
    if any(c.isspace() for c in value) or _bad_char(value):
        return _bad_id(value, what)
    return None


def _bad_id(value: object, what: str) -> Violation:
    return Violation("name", Message("bad {what} {value}", what=what, value=_shown(value)))


def text_problem(value: object, what: str) -> Violation | None:
    """Free text (a note, a text attribute value): anything Unicode can encode in UTF-8, so
    no lone surrogates, and bounded length. Control and bidi characters are allowed (an
    analyst may paste them); the GUI shows them visibly."""
    if not isinstance(value, str):
        return Violation(
            "name", Message("{what} must be text, not {value}", what=what, value=_shown(value))
        )
    if len(value) > MAX_TEXT:
        return Violation(
            "name", Message("{what} is longer than {limit} characters", what=what, limit=MAX_TEXT)
        )
    if _SURROGATE.search(value):
        return Violation(
            "name", Message("{what} contains a lone surrogate (not encodable text)", what=what)
        )
    return None


# -- clock ----------------------------------------------------------------------------------
def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp_problem(stamp: object, now_ms: int | None = None) -> Violation | None:
    """A clock stamp: the fixed shape, compared numerically, at most ``MAX_DRIFT_MS`` ahead."""
    if not isinstance(stamp, str) or not STAMP.match(stamp):
        return Violation("clock", Message("bad clock stamp {stamp}", stamp=_shown(stamp)))
    ms = int(stamp.split(".", 1)[0])
    now = wall_ms() if now_ms is None else now_ms
    if ms > now + MAX_DRIFT_MS:
        days = (ms - now) / 86_400_000
        return Violation(
            "clock",
            Message(
                "clock stamp {stamp} is {days} days ahead of this machine"
                " (at most {allowed} days allowed)",
                stamp=stamp,
                days=f"{days:,.0f}",
                allowed=MAX_DRIFT_MS // 86_400_000,
            ),
        )
    return None


# -- schema lookups -------------------------------------------------------------------------
@dataclass(frozen=True)
class _Names:
    """What ``Schema.label``, ``Schema.event`` and ``Schema.attribute`` answer, as a set and a
    dict for one schema (schemas are immutable: the answers never change), and the answers
    of the record rules that depend on nothing but the schema and a few names, remembered
    when they found nothing wrong (``LayerRules``)."""

    schema: Schema
    labels: frozenset[str]
    events: frozenset[str]
    attributes: dict[str, AttributeDef]
    good_attributes: dict[tuple[Any, ...], bool] = field(default_factory=dict)
    """(record kind, label, (name, type, value) ...) of attributes ``attributes_problem``
    accepted"""
    good_roles: dict[tuple[str, str, str], bool] = field(default_factory=dict)
    """(event type, role, target label) that ``argument_problem``'s schema rules accepted"""
    good_relations: dict[tuple[str, str, str], bool] = field(default_factory=dict)
    """(relation type, source label, target label) ``relation_problem``'s schema rules
    accepted"""


_last_names: list[_Names] = []


def _names(schema: Schema) -> _Names:
    """The lookups of ``schema``, built once for the schema last asked about."""
    cached = next(iter(_last_names), None)  # read once: another thread may replace it
    if cached is not None and cached.schema is schema:
        return cached
    attributes: dict[str, AttributeDef] = {}
    for a in schema.attributes:
        attributes.setdefault(a.name, a)  # Schema.attribute answers the first one
    events = frozenset(e.name for e in schema.events)
    names = _Names(schema, frozenset(e.name for e in schema.entities) | events, events, attributes)
    _last_names[:] = [names]
    return names


_last_annotator: list[str] = []
"""the annotator name ``annotator_problem`` last found good (records come in runs of one)"""


# -- attributes -----------------------------------------------------------------------------
def attributes_problem(
    schema: Schema,
    label: str,
    attributes: Mapping[str, Any],
    record: str = "",
    held: Mapping[str, Any] | None = None,
) -> Violation | None:
    """Attributes of a record labelled ``label``: each defined for it and of its kind;
    ``ref:<DB>`` normalisation references take text on any label. ``record``: the record's
    kind (``"span"``, ``"event"``, ``"relation"``; ``""`` any), as ``Schema.attributes_for``
    takes it: a trigger span holding an attribute of its event type holds it on the wrong
    record (``misplaced_attribute``).

    ``held``: the attributes the stored version of the record held under the same label,
    when ``attributes`` are an edit of it (``edit_of``). A value held there as it is (same
    name, same value of the same type) is not judged: the edit left it alone, and a value
    the schema no longer allows (changed after it was set, or brought by an import) must not
    make every edit of the record's other attributes, or its removal, impossible. A value
    the edit adds or changes is judged as ever; ``check`` still lists the ones held."""
    if not isinstance(attributes, Mapping):
        return Violation(
            "attribute",
            Message("attributes must be an object, not {value}", value=_shown(attributes)),
        )
    if not attributes:
        return None
    defined = _names(schema).attributes
    for name, value in attributes.items():
        if held and isinstance(name, str) and _held_as_is(held, name, value):
            continue
        if not isinstance(name, str) or not name:
            return Violation("attribute", Message("bad attribute name {name}", name=_shown(name)))
        if is_reference(name):
            if not isinstance(value, str):
                return Violation(
                    "attribute",
                    Message(
                        "reference {name} takes text, not {value}",
                        name=repr(name),
                        value=repr(value),
                    ),
                )
            v = text_problem(value, Message("reference {name}", name=repr(name))) or name_problem(
                name, Message("reference name")
            )
            if v is not None:
                return Violation("attribute", v.message)
            continue
        attr = defined.get(name)
        if attr is not None and record == "span" and label in _names(schema).events:
            return misplaced_attribute(name, label)
        if attr is None or not attr.applies_to(label):
            return Violation(
                "attribute",
                Message(
                    "attribute {attribute} is not defined for {label}",
                    attribute=repr(name),
                    label=repr(label),
                ),
            )
        problem = attr.check(value)
        if problem:
            return Violation("attribute", problem)
        if isinstance(value, str):
            v = text_problem(value, Message("attribute {attribute}", attribute=repr(name)))
            if v is not None:
                return Violation("attribute", v.message)
    return None


def _held_as_is(held: Mapping[str, Any], name: str, value: object) -> bool:
    """Whether ``held`` holds ``name`` with ``value``, of the same type (True is not 1)."""
    if name not in held:
        return False
    was = held[name]
    return type(was) is type(value) and bool(was == value)


_EDITED: ContextVar[Record | None] = ContextVar("_EDITED", default=None)
"""the stored version of the record whose edit is being judged (``edit_of``), or None"""


@contextlib.contextmanager
def edit_of(stored: Record) -> Iterator[None]:
    """Judge a new version of ``stored`` (the record's version the file holds) written inside
    the block as an edit of it, by what the edit changes: ``span_problem``,
    ``event_problem`` and ``relation_problem`` of the record with ``stored``'s uuid and
    kind pass ``attributes_problem`` the attributes ``stored`` holds as ``held`` when the
    label or type is the same (a relabelled record's attributes are all judged under its new
    label). What the edit commands (``commands.edits.UpdateSpan``, ``UpdateEvent``) run
    their write in; every other path (importers, merges, ``check``, a new record) judges
    every value. Other records judged inside the block are judged in full."""
    token = _EDITED.set(stored)
    try:
        yield
    finally:
        _EDITED.reset(token)


def _held_before(record: Span | Event | Relation, label: object) -> Mapping[str, Any] | None:
    """The attributes ``edit_of`` says the stored version of ``record`` held under ``label``
    (None: not an edit of it, or its label or type changed)."""
    stored = _EDITED.get()
    if stored is None or type(stored) is not type(record) or stored.uuid != record.uuid:
        return None
    if isinstance(stored, Span):
        was: object = stored.label
    elif isinstance(stored, (Event, Relation)):
        was = stored.type
    else:
        return None
    if was != label or stored.deleted or not isinstance(stored.attributes, Mapping):
        return None
    return stored.attributes


def misplaced_attribute(name: str, event_type: str) -> Violation:
    """An attribute stored on a trigger span: a trigger carries none (``Schema.attributes_for``),
    the attributes of its event type belong on the event it triggers. Older versions let both
    hold one (shown twice, able to disagree, both exported); ``check`` reports it."""
    return Violation(
        "attribute",
        Message(
            "attribute {attribute} belongs on the event of {label}, not on its trigger span",
            attribute=repr(name),
            label=repr(event_type),
        ),
    )


@dataclass(frozen=True)
class Lifted:
    """What ``lift_event_attributes`` decided for one trigger span and its event."""

    span: dict[str, Any]
    """the attributes the trigger span keeps"""
    event: dict[str, Any]
    """the event's attributes, those moved from its trigger added"""
    moved: tuple[str, ...] = ()
    """names taken off the trigger span (moved, or dropped as the event's value won)"""
    conflicts: tuple[tuple[str, Any, Any], ...] = ()
    """(name, the trigger's value, the event's value kept) where both held one, differing"""


def event_attributes_on_trigger(
    schema: Schema, label: str, attributes: Mapping[str, Any]
) -> dict[str, Any]:
    """The attributes of a span labelled ``label`` that belong on its event (an older version
    stored them on the trigger span: ``misplaced_attribute``): defined attributes of the event
    type ``label``. Empty for an entity span, and for ``ref:`` references (any record's)."""
    if not attributes or not isinstance(attributes, Mapping):
        return {}
    names = _names(schema)
    if label not in names.events:
        return {}
    out: dict[str, Any] = {}
    for name, value in attributes.items():
        attr = names.attributes.get(name) if isinstance(name, str) else None
        if attr is not None and attr.applies_to(label):
            out[name] = value
    return out


@overload
def without_event_attributes(schema: Schema, record: Span) -> Span: ...
@overload
def without_event_attributes(schema: Schema, record: Record) -> Record: ...
def without_event_attributes(schema: Schema, record: Record) -> Record:
    """``record`` as the rules judge existing data (a merged record, an imported one): a
    trigger span without the attributes an older version stored on it for its event
    (``event_attributes_on_trigger``; they are moved onto the event, never refused). Any
    other record is returned as it is (the same object)."""
    if not isinstance(record, Span) or not record.attributes or record.deleted:
        return record
    on_trigger = event_attributes_on_trigger(schema, record.label, record.attributes)
    if not on_trigger:
        return record
    kept = {k: v for k, v in record.attributes.items() if k not in on_trigger}
    return dataclasses.replace(record, attributes=kept)


def lift_event_attributes(
    schema: Schema,
    label: str,
    span_attributes: Mapping[str, Any],
    event_type: str,
    event_attributes: Mapping[str, Any],
) -> Lifted:
    """Move the attributes of the event type ``label`` that a trigger span holds (what
    versions before event attributes lived on the event only wrote: ``misplaced_attribute``)
    onto its event of type ``event_type``: the ONE decision every reader of existing data
    takes (the importer, the merge of bundles, project files and hub rows, and an edit of a
    stored span), so such data is never refused nor lost. The event's own value wins when
    both hold one and they differ (listed in ``conflicts``); an attribute the event type does
    not take stays on the span."""
    on_trigger = event_attributes_on_trigger(schema, label, span_attributes)
    defined = _names(schema).attributes
    moved: list[str] = []
    conflicts: list[tuple[str, Any, Any]] = []
    event = dict(event_attributes)
    for name, value in on_trigger.items():
        attr = defined[name]
        if not attr.applies_to(event_type):
            continue
        moved.append(name)
        if name not in event:
            event[name] = value
        elif event[name] != value:
            conflicts.append((name, value, event[name]))
    span = {k: v for k, v in span_attributes.items() if k not in moved}
    return Lifted(span, event, tuple(moved), tuple(conflicts))


# -- records --------------------------------------------------------------------------------
def _int(value: object) -> bool:
    return type(value) is int


def _common(rec: Span | Event | Argument | Relation) -> Violation | None:
    # clock stamps are judged where records come from elsewhere (merge), with stamp_problem:
    # the API and importers stamp what they write themselves
    return uuid_problem(rec.uuid) or annotator_problem(rec.annotator)


def offsets_problem(
    text: str, start: object, end: object, fragments: object = (), name: str = ""
) -> Violation | None:
    """Code point offsets ``0 <= start < end <= len(text)``; fragments inside the span, in
    order and not overlapping."""
    if not (_int(start) and _int(end)):
        return Violation(
            "offsets",
            Message(
                "offsets must be integers, not {start}-{end}", start=_shown(start), end=_shown(end)
            ),
        )
    assert isinstance(start, int) and isinstance(end, int)
    if not (0 <= start < end <= len(text)):
        # (the span's two ends one parameter: an RTL sentence keeps "12-15" as it is)
        if name:
            return Violation(
                "offsets",
                Message(
                    "span {span} is outside the text of document {name}"
                    " (0 <= start < end <= {length} required)",
                    span=f"{start}-{end}",
                    name=repr(name),
                    length=len(text),
                ),
            )
        return Violation(
            "offsets",
            Message(
                "span {span} is outside the text (0 <= start < end <= {length} required)",
                span=f"{start}-{end}",
                length=len(text),
            ),
        )
    if type(fragments) in (tuple, list) and not fragments:
        return None  # a continuous span (the common case)
    if not isinstance(fragments, tuple | list):
        return Violation("offsets", Message("fragments must be a list of [start, end] pairs"))
    previous = start
    for frag in fragments:
        if not (isinstance(frag, tuple | list) and len(frag) == 2 and all(_int(x) for x in frag)):
            return Violation("offsets", Message("fragments must be [start, end] pairs of integers"))
        a, b = frag
        if not (start <= a < b <= end) or a < previous:
            return Violation(
                "offsets",
                Message(
                    "fragment {fragment} is outside its span {span} or overlaps the one before",
                    fragment=f"{a}-{b}",
                    span=f"{start}-{end}",
                ),
            )
        previous = b
    if fragments and (fragments[0][0] != start or fragments[-1][1] != end):
        return Violation(
            "offsets",
            Message(
                "fragments must start at {start} and end at {end} (the span's ends)",
                start=start,
                end=end,
            ),
        )
    return None


def span_problem(schema: Schema, text: str, span: Span, doc_name: str = "") -> Violation | None:
    """Whether ``span`` may be stored on a document whose text is ``text``. ``span.text``
    must equal the covered text (callers that build a span fill it from the document)."""
    v = _common(span) or offsets_problem(text, span.start, span.end, span.fragments, doc_name)
    if v is not None:
        return v
    covered = text[span.start : span.end]
    if span.text != covered:
        return Violation(
            "covered-text",
            Message(
                "stored text {stored} != document text {covered}",
                stored=_shown(span.text),
                covered=_shown(covered),
            ),
        )
    if span.deleted:
        return None
    if not isinstance(span.label, str) or span.label not in _names(schema).labels:
        return Violation(
            "unknown-label", Message("label {label} is not in the schema", label=_shown(span.label))
        )
    held = _held_before(span, span.label)
    return attributes_problem(schema, span.label, span.attributes, "span", held) or text_problem(
        span.note, _NOTE
    )


_VISIBLE_ASCII = bytes(range(0x21, 0x7F))
"""the printable ASCII characters but the space"""


def _ids_good(ids: Collection[object]) -> bool:
    """Whether ``uuid_problem`` accepts every id of ``ids`` (a collection, read twice) in its
    common case: text of 1 to ``MAX_UUID`` printable characters, none a space. Tested on all
    of them at once (False: ask it id by id)."""
    try:
        joined = "".join(ids)  # type: ignore[arg-type]  # (anything but text fails the join)
    except TypeError:
        return False
    if joined.isascii():  # (known in C at once) the common id: its ASCII tested as bytes
        printable = not joined.encode("ascii").translate(None, _VISIBLE_ASCII)
    else:
        printable = joined.isprintable() and " " not in joined
    lengths = set(map(len, ids))  # type: ignore[arg-type]
    return printable and (not lengths or (min(lengths) > 0 and max(lengths) <= MAX_UUID))


def spans_to_judge(
    spans: Sequence[Span], text: str, schema: Schema, by_uuid: Mapping[str, Span] | None
) -> list[int] | None:
    """The places of the spans ``span_problem`` must judge on a document whose text is
    ``text``, in order: every other span is known from its fields to meet each condition of
    that rule (its id, its annotator's name, integer offsets inside the text, no fragments,
    the covered text stored, a label of the schema, no attributes, no note). Whole columns
    are tested at once; only a test that fails is repeated span by span. None: a span is
    deleted or two share an id (then every span is judged). ``by_uuid``: these spans by
    uuid (fewer keys than spans: two share an id).

    This is ``span_problem``'s column form, kept beside it: a condition added to that rule
    must be added here too (tests/core/test_check_layer_fields.py holds the two to the same
    answers by hypothesis)."""
    n = len(spans)
    if not all_equal(spans, "deleted", False):
        return None
    ids: Collection[Any]  # the spans' ids, in any order
    if by_uuid is None:
        ids = fields_of(spans, "uuid")
        try:
            if len(set(ids)) != n:
                return None
        except TypeError:  # an unhashable id: judged by the rule
            return list(range(n))
    elif len(by_uuid) != n:
        return None
    else:
        # (as many keys as spans: their ids; no list of them made. Iterated as the mapping,
        # not its keys(): a LazyIndex gives its dict's keys in C, a KeysView one by one)
        ids = by_uuid
    suspect: set[int] = set()
    # ids: 1 to MAX_UUID printable characters, no space (uuid_problem's common case)
    if not _ids_good(ids):
        uuids = fields_of(spans, "uuid")
        suspect.update(k for k, u in enumerate(uuids) if uuid_problem(u) is not None)
    # the annotator's name, once per name
    annotators = fields_of(spans, "annotator")
    try:
        names = set(annotators)
    except TypeError:
        names = None
    if names is None:
        suspect.update(k for k, a in enumerate(annotators) if annotator_problem(a) is not None)
    else:
        bad = {a for a in names if annotator_problem(a) is not None}
        if bad:
            suspect.update(k for k, a in enumerate(annotators) if a in bad)
    # offsets: integers, 0 <= start < end <= len(text); no fragments
    starts, ends, length = fields_of(spans, "start"), fields_of(spans, "end"), len(text)
    offsets_ok = (
        set(map(type, starts)) <= {int}
        and set(map(type, ends)) <= {int}
        and (n == 0 or (min(starts) >= 0 and max(ends) <= length))
        and all(map(operator.lt, starts, ends))
    )
    if not offsets_ok:
        suspect.update(
            k
            for k, (a, b) in enumerate(zip(starts, ends, strict=True))
            if not (type(a) is int and type(b) is int and 0 <= a < b <= length)
        )
    if not all_equal(spans, "fragments", ()):
        suspect.update(
            k
            for k, f in enumerate(fields_of(spans, "fragments"))
            if not (type(f) is tuple and not f)
        )
    # the covered text as stored (of the spans whose offsets are good)
    texts = fields_of(spans, "text")
    if offsets_ok:
        covered = map(text.__getitem__, map(slice, starts, ends))
        if any(map(operator.ne, texts, covered)):
            suspect.update(
                k
                for k, (a, b, t) in enumerate(zip(starts, ends, texts, strict=True))
                if t != text[a:b]
            )
    else:
        suspect.update(
            k
            for k, (a, b, t) in enumerate(zip(starts, ends, texts, strict=True))
            if k not in suspect and t != text[a:b]
        )
    # a label of the schema (an entity label or an event type), once per label
    known = {label.name for label in schema.span_labels()}
    labels = fields_of(spans, "label")
    try:
        bad_labels = {x for x in set(labels) if not (isinstance(x, str) and x in known)}
    except TypeError:
        bad_labels = None
    if bad_labels is None:
        suspect.update(k for k, x in enumerate(labels) if not (isinstance(x, str) and x in known))
    elif bad_labels:
        suspect.update(k for k, x in enumerate(labels) if x in bad_labels)
    # no attributes, no note (anything else: judged by the rule)
    if not all_equal(spans, "attributes", {}):
        suspect.update(
            k
            for k, x in enumerate(fields_of(spans, "attributes"))
            if not (type(x) is dict and not x)
        )
    if not all_equal(spans, "note", ""):
        suspect.update(
            k for k, x in enumerate(fields_of(spans, "note")) if not (type(x) is str and not x)
        )
    return sorted(suspect)


def links_not_to_judge(
    judge: LayerRules,
    spans: Sequence[Span],
    by_uuid: Mapping[str, Span],
    events: Mapping[str, Event],
    arguments_by_event: Mapping[str, Sequence[Argument]],
    relations: Sequence[Relation],
) -> tuple[set[str], set[int]]:
    """The live events (uuids) for which ``event_problem``, ``argument_problem`` of each of
    their live arguments, ``repeated_argument_problem`` and role cardinality find nothing,
    and the places among ``relations`` of the live relations ``relation_problem`` finds
    nothing wrong with, known from their fields and the spans' labels: no span record is
    made (of a lazily read layer, a target's label is read from its column, ``getter``).
    Whatever is not in them is judged by those rules. ``judge``: the layer's ``LayerRules``,
    whose schema's remembered answers (attributes, roles, relation types found good) are
    used and added to.

    ``spans``: the layer's spans, every one of them live with its own id (``spans_to_judge``
    did not answer None); ``by_uuid``: exactly those spans by uuid; ``events``: the live
    events by uuid; ``arguments_by_event``: the live arguments by the uuid of their event
    (``DocumentAnnotations.arguments_by_event``).

    The column form of those rules, kept beside them: a condition added to one must be added
    here too (tests/core/test_check_layer_fields.py holds the two to the same answers). Each
    record passes when it is of the layer every span is of (the same document id and
    annotator: ``_same_layer`` then holds for any span it points at), its ids, type and the
    schema's answer for its roles or labels are good, and it carries no attributes and no
    note."""
    quiet_events: set[str] = set()
    quiet_relations: set[int] = set()
    first = next(iter(events.values()), None) or next(iter(relations), None)
    if first is None:
        return quiet_events, quiet_relations
    doc_id, annotator = first.doc_id, first.annotator
    if (
        type(doc_id) is not int
        or type(annotator) is not str
        or annotator_problem(annotator) is not None
        or not all_equal(spans, "deleted", False)
        or not all_equal(spans, "doc_id", doc_id)
        or not all_equal(spans, "annotator", annotator)
    ):
        return quiet_events, quiet_relations
    label_of = getter(by_uuid, ("label",))
    if events:
        quiet_events = _quiet_events(
            judge, doc_id, annotator, by_uuid, label_of, events, arguments_by_event
        )
    if relations:
        quiet_relations = _quiet_relations(judge, doc_id, annotator, label_of, relations)
    return quiet_events, quiet_relations


def _quiet_events(
    judge: LayerRules,
    doc_id: int,
    annotator: str,
    by_uuid: Mapping[str, Span],
    label_of: Callable[[str], tuple[Any, ...] | None],
    events: Mapping[str, Event],
    arguments_by_event: Mapping[str, Sequence[Argument]],
) -> set[str]:
    """``links_not_to_judge``'s events (spans of ``doc_id`` and ``annotator``, all live)."""
    evs = list(events.values())
    args = [a for e in evs for a in arguments_by_event.get(e.uuid, ())]
    if not _ids_good(
        [*map(_UUID, evs), *map(_TRIGGER, evs), *map(_UUID, args), *map(_EVENT, args),
         *map(_TARGET, args)]
    ):  # fmt: skip
        return set()  # (a bad id: every record is judged by its rule)
    schema = judge.schema
    good_roles, kinds = judge._names.good_roles, judge._names.events
    cardinality: dict[tuple[str, tuple[str, ...]], bool] = {}
    quiet: set[str] = set()
    for e in evs:
        kind = e.type
        if not (
            type(e.doc_id) is int
            and e.doc_id == doc_id
            and type(e.annotator) is str
            and e.annotator == annotator
            and e.trigger in by_uuid  # a live span of the layer
            and (found := label_of(e.trigger)) is not None
            and found[0] == kind  # trigger_label_problem
            and type(kind) is str
            and kind in kinds
            and judge._attributes_ok(kind, e.attributes)
            and type(e.note) is str
            and (not e.note or text_problem(e.note, _NOTE) is None)
        ):
            continue
        roles: list[str] = []
        filled: set[tuple[str, str]] = set()  # (role, filler): repeated_argument_problem
        for a in arguments_by_event.get(e.uuid, ()):
            role, target = a.role, a.target
            if not (
                type(a.doc_id) is int
                and a.doc_id == doc_id
                and type(a.annotator) is str
                and a.annotator == annotator
                and type(role) is str
                and (role, target) not in filled
            ):
                break
            filled.add((role, target))
            found = label_of(target)
            if found is not None:  # a live span of the layer
                label = found[0]
            else:
                other = events.get(target)
                if not (
                    other is not None
                    and type(other.doc_id) is int
                    and other.doc_id == doc_id
                    and type(other.annotator) is str
                    and other.annotator == annotator
                ):
                    break
                label = other.type
            if type(label) is not str:
                break
            key = (kind, role, label)
            if key not in good_roles:
                # argument_problem's schema rules: the event type has the role and the role
                # accepts the label (``accepts`` holds only then)
                if not schema.accepts(kind, role, label):
                    break
                if len(good_roles) < _REMEMBERED:
                    good_roles[key] = True
            roles.append(role)
        else:
            counted = (kind, tuple(roles))
            ok = cardinality.get(counted)
            if ok is None:
                ok = cardinality[counted] = _roles_counted_ok(schema, kind, roles)
            if ok:
                quiet.add(e.uuid)
    return quiet


def _roles_counted_ok(schema: Schema, kind: str, roles: Sequence[str]) -> bool:
    """Whether an event of type ``kind`` whose arguments fill ``roles`` has each role of its
    type filled as many times as the role's cardinality allows (``check_layer``'s
    missing-role and too-many problems)."""
    et = schema.event(kind)
    if et is None:
        return False
    per_role: dict[str, int] = {}
    for role in roles:
        per_role[role] = per_role.get(role, 0) + 1
    for r in et.roles:
        lo, hi = r.bounds()
        n = per_role.get(r.name, 0)
        if n < lo or (hi is not None and n > hi):
            return False
    return True


def _quiet_relations(
    judge: LayerRules,
    doc_id: int,
    annotator: str,
    label_of: Callable[[str], tuple[Any, ...] | None],
    relations: Sequence[Relation],
) -> set[int]:
    """``links_not_to_judge``'s relations (spans of ``doc_id`` and ``annotator``, all live)."""
    if not _ids_good([*map(_UUID, relations), *map(_SOURCE, relations),
                      *map(_TARGET, relations)]):  # fmt: skip
        return set()
    schema, good = judge.schema, judge._names.good_relations
    quiet: set[int] = set()
    for k, r in enumerate(relations):
        kind = r.type
        if not (
            not r.deleted
            and type(r.doc_id) is int
            and r.doc_id == doc_id
            and type(r.annotator) is str
            and r.annotator == annotator
            and type(kind) is str
            and judge._attributes_ok(kind, r.attributes)
            and type(r.note) is str
            and (not r.note or text_problem(r.note, _NOTE) is None)
        ):
            continue
        source, target = label_of(r.source), label_of(r.target)
        if source is None or target is None:  # not a live span of the layer
            continue
        key = (kind, source[0], target[0])
        if key not in good:
            if not _names_of(key) or not schema.relation_accepts(*key):
                continue  # (relation_accepts holds only for a type of the schema)
            if len(good) < _REMEMBERED:
                good[key] = True
        quiet.add(k)
    return quiet


_UUID = operator.attrgetter("uuid")
_TRIGGER = operator.attrgetter("trigger")
_EVENT = operator.attrgetter("event")
_TARGET = operator.attrgetter("target")
_SOURCE = operator.attrgetter("source")


def _same_layer(rec: Event | Argument | Relation, other: Span | Event) -> bool:
    return other.doc_id == rec.doc_id and other.annotator == rec.annotator


def event_problem(schema: Schema, event: Event, trigger: Span | None) -> Violation | None:
    """An event on ``trigger`` (its live trigger span, or None when missing or deleted)."""
    v = _common(event) or uuid_problem(event.trigger, _TRIGGER_ID)
    if v is not None or event.deleted:
        return v
    if trigger is None or trigger.deleted:
        return Violation(
            "dangling",
            Message("{event}: its trigger span is missing or deleted", event=str(event.type)),
        )
    if not _same_layer(event, trigger):
        return Violation(
            "layer", Message("an event's trigger must be a span of the same document and layer")
        )
    if not isinstance(event.type, str) or event.type not in _names(schema).events:
        return Violation(
            "unknown-type",
            Message("event type {type} is not in the schema", type=_shown(event.type)),
        )
    return (
        trigger_label_problem(event, trigger)
        or attributes_problem(
            schema, event.type, event.attributes, held=_held_before(event, event.type)
        )
        or text_problem(event.note, _NOTE)
    )


def trigger_label_problem(event: Event, trigger: Span) -> Violation | None:
    """An event's trigger span carries the event's type as its label (a trigger is a span
    labelled with an event type: a span relabelled as an entity triggers nothing, and a
    trigger relabelled with another event type takes its events along)."""
    if trigger.label == event.type:
        return None
    return Violation(
        "trigger-label",
        Message(
            "{event}: its trigger span is labelled {label}, not with the event's type",
            event=str(event.type),
            label=_shown(trigger.label),
        ),
    )


def eventless_triggers(schema: Schema, spans: Sequence[Span], events: Iterable[Event]) -> list[int]:
    """The places among ``spans`` (a layer's) of the live spans labelled with an event type
    that trigger no live event of ``events`` (the layer's): ``eventless_trigger_problem``.
    Read from the fields (of a lazily read layer, its columns): no span record is made."""
    kinds = _names(schema).events
    triggered = {e.trigger for e in events if not e.deleted}
    return [
        k
        for k, (label, uuid, deleted) in enumerate(
            zip(
                fields_of(spans, "label"),
                fields_of(spans, "uuid"),
                fields_of(spans, "deleted"),
                strict=True,
            )
        )
        if type(label) is str and label in kinds and not deleted and uuid not in triggered
    ]


def eventless_trigger_problem(span: Span) -> Violation:
    """A span labelled with an event type triggers an event. Not a condition of writing (a
    trigger span is written before its event), but listed by ``check`` and kept out of the
    exports' entities; found by ``eventless_triggers``."""
    return Violation(
        "no-event", Message("{label}: a trigger without an event", label=str(span.label))
    )


def relabel_trigger_problem(
    schema: Schema, triggered: Iterable[Event], label: str
) -> Violation | None:
    """Relabelling a span that triggers the events ``triggered`` as ``label``: allowed when
    ``label`` is an event type (the events' type follows it), else refused while the span
    triggers a live event (the edit that relabels must remove them: ``trigger_label_problem``
    would find each left on it)."""
    kinds = sorted({e.type for e in triggered if not e.deleted})
    if not kinds or label in _names(schema).events:
        return None
    return Violation(
        "trigger-label",
        Message(
            "this span triggers {events}; relabelled {label}, not an event type, it can "
            "trigger none: delete its events first",
            events=", ".join(map(str, kinds)),
            label=_shown(label),
        ),
    )


def arguments_without_role(
    schema: Schema, triggered: Iterable[Event], arguments: Iterable[Argument], label: str
) -> list[Argument]:
    """The live ``arguments`` of the live events ``triggered`` that retyping those events as
    the event type ``label`` (their trigger span relabelled) would leave in a role their event
    type has and ``label`` lacks (``argument_problem``'s "unknown-role", which ``check``
    lists), in the given order. Events of type ``label`` already are not retyped, and an
    argument in a role its event's type lacks already is broken before the relabel (``check``
    lists it): neither counts. Empty when ``label`` is no event type
    (``relabel_trigger_problem`` decides that relabel)."""
    new = schema.event(label)
    if new is None:
        return []
    types = {e.uuid: e.type for e in triggered if not e.deleted and e.type != label}
    if not types:
        return []
    out: list[Argument] = []
    for a in arguments:
        kind = types.get(a.event) if not a.deleted and type(a.event) is str else None
        old = schema.event(kind) if kind is not None else None
        if old is not None and old.role(a.role) is not None and new.role(a.role) is None:
            out.append(a)
    return out


def retype_roles_problem(
    schema: Schema, triggered: Iterable[Event], arguments: Iterable[Argument], label: str
) -> Violation | None:
    """Relabelling a span that triggers the events ``triggered`` (``arguments``: theirs, or a
    layer's) as the event type ``label`` retypes them: refused while live arguments of theirs
    fill roles ``label`` lacks (``arguments_without_role``), which the retyped events could
    not keep (the edit that relabels must remove them), naming the event types, the roles and
    how many arguments."""
    events = [e for e in triggered if not e.deleted]
    lost = arguments_without_role(schema, events, arguments, label)
    if not lost:
        return None
    kinds = ", ".join(sorted({str(e.type) for e in events if e.type != label}))
    roles = ", ".join(sorted({str(a.role) for a in lost}))
    if len(lost) == 1:
        message = Message(
            "this span triggers {events}; relabelled {label}, 1 argument would be left in a "
            "role {label} lacks ({roles}): delete it first",
            events=kinds,
            label=str(label),
            roles=roles,
        )
    else:
        message = Message(
            "this span triggers {events}; relabelled {label}, {count} arguments would be left "
            "in roles {label} lacks ({roles}): delete them first",
            events=kinds,
            label=str(label),
            count=len(lost),
            roles=roles,
        )
    return Violation("retype-roles", message)


_TRIGGER_ID = Message("trigger id")
_EVENT_ID = Message("event id")
_ARGUMENT_TARGET_ID = Message("argument target id")
_RELATION_SOURCE_ID = Message("relation source id")
_RELATION_TARGET_ID = Message("relation target id")


def argument_problem(
    schema: Schema, event: Event | None, argument: Argument, target: Span | Event | None
) -> Violation | None:
    """An argument of ``event`` filled by ``target`` (None when missing or deleted)."""
    v = (
        _common(argument)
        or uuid_problem(argument.event, _EVENT_ID)
        or uuid_problem(argument.target, _ARGUMENT_TARGET_ID)
    )
    if v is not None or argument.deleted:
        return v
    if event is None or event.deleted:
        return Violation(
            "dangling",
            Message("argument {role}: its event is missing or deleted", role=str(argument.role)),
        )
    if isinstance(target, Span) and target.deleted:
        return Violation(
            "dangling",
            Message(
                "{event}: argument {role} points at a deleted span",
                event=str(event.type),
                role=str(argument.role),
            ),
        )
    if target is None or target.deleted:
        # a deleted event, or a filler the caller could not find: a span or an event, not in
        # the project, deleted, or (in a merge) held back in quarantine with the filler
        return Violation(
            "dangling",
            Message(
                "{event}: argument {role} points at a deleted span or event, or at one not in "
                "the project (never added, or held back in quarantine)",
                event=str(event.type),
                role=str(argument.role),
            ),
        )
    if not _same_layer(argument, event) or not _same_layer(argument, target):
        return Violation(
            "layer",
            Message(
                "argument target {target} is not a live record of this layer",
                target=str(argument.target),
            ),
        )
    et = schema.event(event.type)
    if et is None or et.role(argument.role) is None:
        return Violation(
            "unknown-role",
            Message(
                "{event} has no role {role}", event=str(event.type), role=_shown(argument.role)
            ),
        )
    label = target.label if isinstance(target, Span) else target.type
    if not schema.accepts(event.type, argument.role, label):
        return Violation(
            "wrong-type",
            Message(
                "role {role} of {event} does not accept {label}",
                role=repr(argument.role),
                event=repr(event.type),
                label=repr(label),
            ),
        )
    return None


def repeated_argument_problem(
    event: Event, argument: Argument, siblings: Iterable[Argument]
) -> Violation | None:
    """An argument that repeats one of ``siblings`` (the other arguments of ``event``): an
    event has at most ONE argument with the same role and the same filler (the same span or
    event); a second one says nothing new and an export would write it twice. Deleted
    arguments and ``argument`` itself (the same uuid, an update) do not count."""
    if argument.deleted:
        return None
    role, target, uuid = argument.role, argument.target, argument.uuid
    for other in siblings:
        if (
            other.role == role
            and other.target == target
            and other.uuid != uuid
            and not other.deleted
        ):
            return Violation(
                "repeated-argument",
                Message(
                    "{event}: {target} already fills its role {role} (argument {other});"
                    " an event takes one argument per role and filler",
                    event=str(event.type),
                    target=str(target),
                    role=_shown(role),
                    other=str(other.uuid),
                ),
            )
    return None


def repeated_arguments(arguments: Iterable[Argument]) -> list[tuple[Argument, Argument]]:
    """The live arguments among ``arguments`` (those of one event) that repeat an earlier one
    (``repeated_argument_problem``), each with the first it repeats, in the given order: what
    ``check`` reports of data written before the rule (an old import or merge)."""
    first: dict[tuple[object, object], Argument] = {}
    out: list[tuple[Argument, Argument]] = []
    for a in arguments:
        if a.deleted:
            continue
        key = (a.role, a.target)
        try:
            held = first.setdefault(key, a)
        except TypeError:  # an unhashable role or target: argument_problem reports it
            continue
        if held is not a:
            out.append((a, held))
    return out


SAME_SPAN = ("start", "end", "fragments", "label")
"""What makes two spans of one layer the same span: the same offsets, the same fragments and
the same label (attributes, note and id aside). The one definition: the API refuses a second
one (``repeated_span_problem``), an import counts it as already present, ``check`` reports
those written before the rule (``repeated_spans``) and exports leave them out."""

same_span: Callable[[Span], tuple[Any, ...]] = operator.attrgetter(*SAME_SPAN)
"""the ``SAME_SPAN`` fields of a span, as a tuple (equal tuples: the same span)"""


def repeated_span_problem(span: Span, siblings: Iterable[Span]) -> Violation | None:
    """A span that repeats one of ``siblings`` (the other spans of its document layer): a
    layer holds at most ONE live span at the same place with the same label (``same_span``);
    a second one says nothing new, is counted twice and an export would write it twice.
    Deleted spans and ``span`` itself (the same uuid, an update) do not count."""
    if span.deleted:
        return None
    key, uuid = same_span(span), span.uuid
    for other in siblings:
        if other.uuid != uuid and not other.deleted and same_span(other) == key:
            return Violation(
                "repeated-span",
                Message(
                    "{text} is already labelled {label} at {span} (span {other}); a layer"
                    " takes one span per place and label",
                    text=_shown(span.text),
                    label=_shown(span.label),
                    span=f"{span.start}-{span.end}",
                    other=str(other.uuid),
                ),
            )
    return None


def repeated_spans(spans: Sequence[Span]) -> list[tuple[int, int]]:
    """The places among ``spans`` (those of one document, of one layer or of several) of the
    live spans that repeat an earlier one of THEIR layer (``same_span``, the same annotator),
    each with the place of the first it repeats, in order: what ``check`` reports of data
    written before the rule and what exports leave out. Two layers holding the same span is
    agreement, not repetition. Read from the fields (of a lazily read layer, its columns): no
    record is made."""
    names = ("annotator", *SAME_SPAN)
    keys = list(zip(*(fields_of(spans, name) for name in names), strict=True))
    deleted = fields_of(spans, "deleted") if not all_equal(spans, "deleted", False) else None
    try:
        if deleted is None and len(set(keys)) == len(keys):
            return []  # the usual case, known in C
    except TypeError:  # an unhashable field (odd fragments): asked span by span below
        pass
    first: dict[tuple[Any, ...], int] = {}
    out: list[tuple[int, int]] = []
    for k, key in enumerate(keys):
        if deleted is not None and deleted[k]:
            continue
        try:
            held = first.setdefault(key, k)
        except TypeError:  # span_problem reports its fields
            continue
        if held != k:
            out.append((k, held))
    return out


def relation_problem(
    schema: Schema, relation: Relation, source: Span | None, target: Span | None
) -> Violation | None:
    """A relation from ``source`` (Arg1) to ``target`` (Arg2); None for a missing or deleted
    span."""
    v = (
        _common(relation)
        or uuid_problem(relation.source, _RELATION_SOURCE_ID)
        or uuid_problem(relation.target, _RELATION_TARGET_ID)
    )
    if v is not None or relation.deleted:
        return v
    if source is None or target is None or source.deleted or target.deleted:
        return Violation(
            "dangling",
            Message("relation {relation} points at a deleted span", relation=str(relation.type)),
        )
    if not _same_layer(relation, source) or not _same_layer(relation, target):
        return Violation(
            "layer", Message("a relation links two spans of the same document and layer")
        )
    if not isinstance(relation.type, str) or schema.relation(relation.type) is None:
        return Violation(
            "unknown-type",
            Message("relation type {type} is not in the schema", type=_shown(relation.type)),
        )
    if not schema.relation_accepts(relation.type, source.label, target.label):
        return Violation(
            "wrong-type",
            Message(
                "relation {relation} does not link {source} to {target}",
                relation=str(relation.type),
                source=repr(source.label),
                target=repr(target.label),
            ),
        )
    held = _held_before(relation, relation.type)
    return attributes_problem(
        schema, relation.type, relation.attributes, held=held
    ) or text_problem(relation.note, _NOTE)


def relabel_breaks(
    before: Schema,
    after: Schema,
    relabelled: Mapping[str, Span | Event | Relation],
    arguments: Iterable[Argument],
    relations: Iterable[Relation],
    record: Callable[[str], Span | Event | None],
) -> Iterator[tuple[Argument | Relation, Violation]]:
    """The links a relabel breaks: the one rule of every edit that relabels spans, retypes
    events or relations (``commands.relabel`` for one span, removing a label with
    ``relabel_to`` for all that carry it).

    ``relabelled`` maps the uuid of each span, event and relation the edit changes (at least
    of each one the given links touch) to its version after the edit; ``arguments`` and
    ``relations`` are the live ones the edit could touch (a layer's, or several layers';
    those the edit deletes left out); ``record`` gives the live span or event with a uuid as
    it is before the edit (None: none such). Each argument of or filled by a relabelled
    record and each relation relabelled or touching a relabelled span is judged by
    ``argument_problem`` / ``relation_problem`` under ``after`` (the schema after the edit;
    through ``LayerRules``, which remembers the schema's answers) with the records
    relabelled, and yielded with its violation when it has one and had none under ``before``
    (the schema before) as it was: a link broken already is not the relabel's doing
    (``check`` lists it). A retyped relation is the exception: the edit writes it anew, and
    every version written is judged whole (``Project.update_relation``), so one broken
    already (an end deleted, ends its type no longer accepts) and still broken under its new
    type is yielded too; one its new type mends is not. In the order given, arguments first;
    lazily, so the first is found without judging the rest.

    A retyped relation's own attributes are not judged here: they are the relation's, as a
    span's and an event's are theirs, judged by ``lost_attribute`` (which counts those
    invalid already: the retype writes the relation, and every version written is judged
    whole). Judged here with the link, one invalid already made the relation "broken
    already", left out, and the retype was refused only when it ran."""
    if not relabelled:
        return
    judges: dict[str, LayerRules] = {}

    def judge(annotator: str) -> LayerRules:
        # the same rules, what the schema answered once remembered (50,000 links to judge)
        found = judges.get(annotator)
        if found is None:
            found = judges[annotator] = LayerRules(after, "", annotator)
        return found

    def now(uuid: str) -> Span | Event | None:
        new = relabelled.get(uuid)
        return new if isinstance(new, Span | Event) else record(uuid)

    def end(uuid: str, after: bool) -> Span | None:
        found = now(uuid) if after else record(uuid)
        return found if isinstance(found, Span) else None

    for a in arguments:
        if a.deleted or (a.event not in relabelled and a.target not in relabelled):
            continue
        event = now(a.event)
        problem = judge(a.annotator).argument(
            event if isinstance(event, Event) else None, a, now(a.target)
        )
        if problem is None:
            continue
        event = record(a.event)
        if (
            argument_problem(
                before, event if isinstance(event, Event) else None, a, record(a.target)
            )
            is None
        ):
            yield a, problem
    for r in relations:
        if r.deleted or not (
            r.uuid in relabelled or r.source in relabelled or r.target in relabelled
        ):
            continue
        new = relabelled.get(r.uuid)
        was = r
        if isinstance(new, Relation) and r.attributes:  # its attributes: lost_attribute's
            new = dataclasses.replace(new, attributes={})
            was = dataclasses.replace(r, attributes={})
        problem = judge(r.annotator).relation(
            new if isinstance(new, Relation) else r, end(r.source, True), end(r.target, True)
        )
        if problem is not None and (
            isinstance(new, Relation)  # retyped: written anew, judged whole
            or relation_problem(before, was, end(r.source, False), end(r.target, False)) is None
        ):
            yield r, problem


def lost_attribute(
    before: Schema,
    after: Schema,
    old: str,
    label: str,
    attributes: Mapping[str, Any],
    record: str = "",
) -> str | None:
    """The attribute a record labelled (or typed) ``old`` carrying ``attributes`` would lose
    relabelled ``label``: the first of them ``after`` (the schema after the edit) does not
    take on ``label`` (``attributes_problem``; ``record`` the record's kind as it takes it).
    None when none. The one rule of every edit that relabels spans or retypes events or
    relations about their own attributes (``relabel_attribute_problem`` for one record,
    removing a label with ``relabel_to`` for each distinct set of attributes of the records
    carrying it), as
    ``relabel_breaks`` is about their links: an event type's attribute is defined per type,
    so an event retyped into a type without it would carry an attribute its type lacks.

    An attribute invalid already (under ``before`` on ``old``: narrowed to other labels since
    it was set) counts too: a relabel writes a new version of the record, and every version
    written is judged whole (``Project.update_span``, ``RelabelSpansInBulk``, ``UpdateEvent``:
    a note edit or a move of such a span is refused alike), so the write would refuse it.
    Links broken already are another matter: a relabel does not write them
    (``relabel_breaks``). An event type's attribute on a trigger span (what older versions
    stored there) that the new type takes does not count: a write of the span moves it onto
    its events (``Project.update_span``)."""
    del before, old  # (the answer is the record's as written: the schema after alone)
    if not attributes or attributes_problem(after, label, attributes, record) is None:
        return None
    for name, value in attributes.items():
        one = {name: value}
        if attributes_problem(after, label, one, record) is None:
            continue
        if record == "span" and event_attributes_on_trigger(after, label, one):
            continue  # an older version's event attribute: lifted onto the events
        return str(name)
    return None


def relabel_attribute_problem(
    before: Schema, after: Schema, rec: Span | Event | Relation, label: str
) -> Violation | None:
    """Relabelling (retyping) ``rec`` (as it is before the edit) ``label``: refused when it
    would carry an attribute ``label`` lacks (``lost_attribute``), naming the attribute, the
    record's label and ``label``."""
    old = rec.label if isinstance(rec, Span) else rec.type
    kind = "span" if isinstance(rec, Span) else ""
    name = lost_attribute(before, after, old, label, rec.attributes, kind)
    if name is None:
        return None
    return Violation(
        "attribute",
        Message(
            "relabelled {label}, this {old} would carry attribute {attribute}, which {label} "
            "does not take: remove the attribute first, or choose another label",
            label=_shown(label),
            old=_shown(old),
            attribute=repr(name),
        ),
    )


# -- many records of one layer at once (importers) ------------------------------------------
_REMEMBERED = 4096
"""most answers remembered per schema and kind (a few labels, roles and attribute values
recur over and over in an import)"""
_ATTRIBUTE_VALUES = (str, int, bool)
"""attribute values whose answers are remembered: hashable, and keyed with their type (True
and 1 are equal as keys but not as attribute values)"""


def _good_id(value: object) -> bool:
    """``uuid_problem(value) is None`` for the common id (printable text), decided in C;
    False means: ask ``uuid_problem``."""
    return (
        type(value) is str
        and 0 < len(value) <= MAX_UUID
        and value.isprintable()
        and " " not in value
    )


def _no_note(note: object) -> bool:
    """An empty note (``text_problem`` accepts it)."""
    return type(note) is str and not note


def _names_of(key: tuple[object, ...]) -> bool:
    """Whether every part of ``key`` is plain text (hashable, and remembered by value)."""
    return all(type(x) is str for x in key)


class LayerRules:
    """``span_problem``, ``event_problem``, ``argument_problem`` and ``relation_problem`` for
    the records of one document layer (the text, the annotator and the schema are the same
    for each of them), as an importer checks thousands at a time.

    The same rules, with what is the same for every record decided once: the annotator's
    name (``annotator_problem``) when the checker is made, the schema's labels, event types
    and attribute definitions once per schema (``_names``), and the schema's answer for an
    attribute set, a role or a relation type remembered per schema once it found nothing
    wrong. Each method decides the common valid record with a few comparisons; anything
    else (a bad offset, an unknown label, a note, fragments ...) goes to the function named
    above, so a violation is found and worded exactly as that function words it.

    ``id_checked``: the caller has had the record's own id accepted by ``uuid_problem``
    already (an importer choosing between a file's id and a new one), so it is not checked
    a second time."""

    def __init__(self, schema: Schema, text: str, annotator: str, doc_name: str = "") -> None:
        self.schema = schema
        self.text = text
        self.doc_name = doc_name
        self._names = _names(schema)
        self._length = len(text)
        self._annotator = annotator if annotator_problem(annotator) is None else None

    def _attributes_ok(self, label: str, attributes: object, record: str = "") -> bool:
        """Whether ``attributes_problem(schema, label, attributes, record)`` is None, from what
        it answered before for the same record kind, names and values (False: not known, ask
        it)."""
        if type(attributes) is not dict:
            return False
        if not attributes:
            return True
        try:
            key = (record, label, *((k, type(v), v) for k, v in attributes.items()))
            if key in self._names.good_attributes:
                return True
        except TypeError:  # an unhashable value: not remembered
            return False
        if not all(type(k) is str and type(v) in _ATTRIBUTE_VALUES for k, _, v in key[2:]):
            return False
        if attributes_problem(self.schema, label, attributes, record) is not None:
            return False
        good = self._names.good_attributes
        if len(good) < _REMEMBERED:
            good[key] = True
        return True

    def _mine(self, rec: Span | Event | Argument | Relation, id_checked: bool) -> bool:
        """``_common(rec) is None`` decided the short way (False: not decided)."""
        return (
            (id_checked or _good_id(rec.uuid))
            and type(rec.annotator) is str
            and rec.annotator == self._annotator
        )

    def span(self, span: Span, id_checked: bool = False) -> Violation | None:
        """``span_problem(schema, text, span, doc_name)``."""
        # once per imported span: the helpers' conditions written out, no call per record
        start, end, label, uuid, annotator = (
            span.start, span.end, span.label, span.uuid, span.annotator
        )  # fmt: skip
        attributes, note, covered = span.attributes, span.note, span.text
        if (
            (
                id_checked
                or (
                    type(uuid) is str
                    and 0 < len(uuid) <= MAX_UUID
                    and uuid.isprintable()
                    and " " not in uuid
                )
            )
            and type(annotator) is str
            and annotator == self._annotator
            and type(start) is int
            and type(end) is int
            and 0 <= start < end <= self._length
            and type(span.fragments) is tuple
            and not span.fragments
            and type(covered) is str
            and covered == self.text[start:end]
            and (
                span.deleted
                or (
                    type(label) is str
                    and label in self._names.labels
                    and (
                        (type(attributes) is dict and not attributes)
                        or self._attributes_ok(label, attributes, "span")
                    )
                    and type(note) is str
                    and not note
                )
            )
        ):
            return None
        return span_problem(self.schema, self.text, span, self.doc_name)

    def event(
        self, event: Event, trigger: Span | None, id_checked: bool = False
    ) -> Violation | None:
        """``event_problem(schema, event, trigger)``."""
        kind = event.type
        if (
            self._mine(event, id_checked)
            and _good_id(event.trigger)
            and not event.deleted
            and trigger is not None
            and not trigger.deleted
            and _same_layer(event, trigger)
            and type(kind) is str
            and kind in self._names.events
            and trigger.label == kind  # trigger_label_problem
            and self._attributes_ok(kind, event.attributes)
            and _no_note(event.note)
        ):
            return None
        return event_problem(self.schema, event, trigger)

    def argument(
        self,
        event: Event | None,
        argument: Argument,
        target: Span | Event | None,
        id_checked: bool = False,
    ) -> Violation | None:
        """``argument_problem(schema, event, argument, target)``."""
        if (
            self._mine(argument, id_checked)
            and _good_id(argument.event)
            and _good_id(argument.target)
            and not argument.deleted
            and event is not None
            and not event.deleted
            and target is not None
            and not target.deleted
            and _same_layer(argument, event)
            and _same_layer(argument, target)
        ):
            label = target.label if isinstance(target, Span) else target.type
            key = (event.type, argument.role, label)
            if _names_of(key) and key in self._names.good_roles:
                return None
            found = argument_problem(self.schema, event, argument, target)
            good = self._names.good_roles
            if found is None and _names_of(key) and len(good) < _REMEMBERED:
                good[key] = True
            return found
        return argument_problem(self.schema, event, argument, target)

    def relation(
        self,
        relation: Relation,
        source: Span | None,
        target: Span | None,
        id_checked: bool = False,
    ) -> Violation | None:
        """``relation_problem(schema, relation, source, target)``."""
        if (
            self._mine(relation, id_checked)
            and _good_id(relation.source)
            and _good_id(relation.target)
            and not relation.deleted
            and source is not None
            and target is not None
            and not source.deleted
            and not target.deleted
            and _same_layer(relation, source)
            and _same_layer(relation, target)
            and type(relation.type) is str
            and self._attributes_ok(relation.type, relation.attributes)
            and _no_note(relation.note)
        ):
            key = (relation.type, source.label, target.label)
            if _names_of(key) and key in self._names.good_relations:
                return None
            found = relation_problem(self.schema, relation, source, target)
            good = self._names.good_relations
            if found is None and _names_of(key) and len(good) < _REMEMBERED:
                good[key] = True
            return found
        return relation_problem(self.schema, relation, source, target)


# -- what the GUI offers --------------------------------------------------------------------
def roles_for(
    schema: Schema, event_type: str, target_label: str, filled: Collection[str] = ()
) -> list[Role]:
    """The roles of ``event_type`` that ``argument_problem`` accepts for a target labelled
    ``target_label`` (the GUI's role menu), less ``filled``: the roles the target already
    fills in the event (``roles_filled``), which ``repeated_argument_problem`` refuses."""
    return [r for r in schema.roles_accepting(event_type, target_label) if r.name not in filled]


def roles_filled(arguments: Iterable[Argument], target: str) -> set[str]:
    """The roles ``target`` (a span or event uuid) fills among ``arguments`` (the live
    arguments of one event)."""
    return {a.role for a in arguments if a.target == target and not a.deleted}


def relation_types_for(schema: Schema, source_label: str, target_label: str) -> list[RelationType]:
    """The relation types ``relation_problem`` accepts from ``source_label`` to
    ``target_label`` (the GUI's relation menu)."""
    return schema.relations_accepting(source_label, target_label)
