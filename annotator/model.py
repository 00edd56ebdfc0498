"""Frozen records of the annotation model.

Every offset is a Python ``str`` index (a Unicode code point) into ``Document.text``, end
exclusive. The store takes and returns these records; nothing outside the store sees a row.

Annotation records (spans, events, arguments, relations, document statuses) share the fields
that merging needs: a ``uuid``, the author ``annotator`` (the layer), a hybrid-logical-clock
stamp ``clock`` and a ``deleted`` tombstone. Records are never hard-deleted.
"""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    pass

GOLD = "gold"
"""Name of the adjudicated layer; an annotator like any other."""

JSON = dict[str, Any]


class Status(StrEnum):
    """Progress of one annotator on one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


_SCALARS = frozenset((str, int, float, bool, type(None)))
"""value types a JSON round trip gives back as they are"""


def freeze(mapping: Mapping[str, Any] | None) -> dict[str, Any]:
    """Copy a JSON-like mapping so records never share mutable state with callers."""
    if not mapping:
        return {}
    if type(mapping) is dict and all(
        type(k) is str and type(v) in _SCALARS for k, v in mapping.items()
    ):  # flat (the common case): the JSON round trip would give the same, keys sorted
        return dict(sorted(mapping.items()))
    return dict(json.loads(json.dumps(mapping, ensure_ascii=False, sort_keys=True)))


@dataclass(frozen=True)
class Document:
    """A text fixed at import; its identity across projects is ``sha256``."""

    id: int
    name: str
    text: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    raw_sha256: str = ""
    created: str = ""


@dataclass(frozen=True)
class Span:
    """A labelled stretch ``text[start:end]`` of one document in one annotator's layer.

    ``fragments`` holds the pieces of a discontinuous span (brat ``;``), else it is empty;
    ``start``/``end`` then cover the first to the last fragment.
    """

    uuid: str
    doc_id: int
    annotator: str
    start: int
    end: int
    label: str
    text: str
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)
    note: str = ""
    fragments: tuple[tuple[int, int], ...] = ()
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Event:
    """An event mention: a typed trigger span (``trigger`` is a span uuid)."""

    uuid: str
    doc_id: int
    annotator: str
    type: str
    trigger: str
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)
    note: str = ""
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Argument:
    """A role filled in an event: ``target`` is a span uuid or another event's uuid."""

    uuid: str
    event: str
    doc_id: int
    annotator: str
    role: str
    target: str
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Relation:
    """A typed, directed link between two spans (``source`` is Arg1, ``target`` is Arg2)."""

    uuid: str
    doc_id: int
    annotator: str
    type: str
    source: str
    target: str
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)
    note: str = ""
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class DocStatus:
    """Status of ``doc_id`` for ``annotator``."""

    doc_id: int
    annotator: str
    status: Status
    clock: str = ""


@dataclass(frozen=True)
class Annotator:
    """A person (or ``gold``) writing one layer."""

    name: str
    display_name: str = ""


@dataclass(frozen=True)
class ChangeEntry:
    """One line of the change log: who did what to which record, with both versions."""

    id: int
    when: str
    annotator: str
    action: str
    kind: str
    uuid: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


Record = Span | Event | Argument | Relation

_JSON_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls)) for cls in (Span, Event, Argument, Relation)
}
"""each record type's fields, in order (``record_to_json``)"""


def record_kind(record: Record) -> str:
    """The table name of an annotation record."""
    if isinstance(record, Span):
        return "spans"
    if isinstance(record, Event):
        return "events"
    if isinstance(record, Argument):
        return "arguments"
    return "relations"


def record_to_json(record: Record) -> dict[str, Any]:
    """A JSON-ready dict of a record (tuples become lists): ``dataclasses.asdict``, made
    directly when every field is a scalar or a flat dict of scalars (nearly every record:
    ``asdict`` walks and copies each value, a third of a bulk relabel's time for the
    change-log lines of 50,000 spans), through ``asdict`` otherwise."""
    names = _JSON_FIELDS.get(type(record))
    data: dict[str, Any] | None = {} if names is not None else None
    if data is not None and names is not None:
        for name in names:
            value = getattr(record, name)
            kind = type(value)
            if kind in _ATOMIC:
                data[name] = value
            elif kind is dict and all(
                type(k) in _ATOMIC and type(v) in _ATOMIC for k, v in value.items()
            ):
                data[name] = dict(value)  # (what asdict makes of it: a copy)
            elif name != "fragments":
                data = None
                break
            else:
                data[name] = None  # (set below)
    if data is None:
        data = asdict(record)
    if isinstance(record, Span):
        data["fragments"] = [list(f) for f in record.fragments]
    return data


_ATOMIC = frozenset((str, int, float, bool, type(None)))
"""values ``asdict`` keeps as they are (``copy.deepcopy`` of them is themselves)"""


T = TypeVar("T")


Plain = Mapping[str, tuple[int, Callable[[Any], Any] | None]]
"""per field of a record: the column holding it and, when the cell holds it in another form
(a JSON text), the function giving the field from the cell"""


class LazyRecords(Sequence[T]):
    """Records held as the columns of the rows they were read from, each record made when it
    is first read (and kept).

    What ``Project.layer(..., lazy=True)`` gives as a layer's spans: the window reads 20,000
    of them in one query but shows most only through a few fields (offsets, label, uuid),
    which ``fields`` gives straight from the columns; a record is made only when it is read.
    Columns, not rows: one object per field instead of one per record, for the garbage
    collector to walk; ``decode(columns, k)`` makes the record of row ``k``. Immutable like
    the tuple it stands for, and equal to any sequence of the same records (a copy or a
    pickle of it is a tuple); ``spliced`` gives an edited copy sharing the columns and the
    records made.
    """

    __slots__ = (
        "_columns", "_constants", "_decode", "_items", "_made", "_plain", "_read_order", "_rows"
    )  # fmt: skip

    def __init__(
        self,
        columns: Sequence[Sequence[Any]],
        decode: Callable[[Sequence[Sequence[Any]], int], T],
        plain: Plain,
        made: dict[int, T] | None = None,
        items: list[Any] | None = None,
        constants: Mapping[str, Any] | None = None,
    ) -> None:
        self._columns = columns
        self._decode = decode
        self._plain = plain
        self._constants: Mapping[str, Any] = constants or {}
        """fields every row holds, whatever its cells (``with_constants``)"""
        self._made: dict[int, T] = {} if made is None else made  # row -> its record
        # each item: a row's number, or a record spliced in (``spliced``); ``items`` None:
        # every row, in the order read (the columns are then the fields as they are)
        self._read_order = items is None
        if items is None:
            items = list(range(len(columns[0]) if columns else 0))
        self._items: list[Any] = items
        self._rows: tuple[list[int], list[tuple[int, T]]] | None = None

    def _record(self, row: int) -> T:
        found = self._made.get(row)
        if found is None:
            found = self._made[row] = self._decode(self._columns, row)
        return found

    def __len__(self) -> int:
        return len(self._items)

    def _at(self, i: int) -> T:
        item = self._items[i]
        return self._record(item) if type(item) is int else item

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[T, ...]: ...
    def __getitem__(self, i: int | slice) -> T | tuple[T, ...]:
        if type(i) is int:  # (the view asks for rows one by one: no call more than needed)
            item = self._items[i]
            return self._record(item) if type(item) is int else item
        if isinstance(i, slice):
            return tuple(self._at(k) for k in range(*i.indices(len(self._items))))
        return self._at(i)

    def __iter__(self) -> Iterator[T]:
        return map(self._at, range(len(self._items)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"LazyRecords({len(self._items)} records, {len(self._made)} made)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))

    def with_constants(self, **values: Any) -> LazyRecords[T]:
        """The same records, with fields that every row holds (the query that read them
        fixed them: a layer's document, annotator, live) given by ``fields`` without making a
        record. The values must be immutable and what ``decode`` gives each row; a record
        spliced in keeps its own."""
        copy = LazyRecords(self._columns, self._decode, self._plain, self._made, self._items,
                           {**self._constants, **values})  # fmt: skip
        copy._read_order = self._read_order
        return copy

    def _split(self) -> tuple[list[int], list[tuple[int, T]]]:
        """Each item's row (0 for a record spliced in), and the records spliced in with
        their places (worked out once)."""
        if self._rows is None:
            items = self._items
            # the places of the records spliced in, found in C (a layer of 20,000 rows after
            # an edit: one record among them)
            places = list(
                itertools.compress(
                    range(len(items)),
                    map(operator.is_not, map(type, items), itertools.repeat(int)),
                )
            )
            records = [(i, items[i]) for i in places]
            rows = items
            if places:
                rows = items.copy()
                for i in places:
                    rows[i] = 0
            self._rows = (rows, records)
        return self._rows

    def all_equal(self, name: str, value: Any) -> bool:
        """Whether every record's ``name`` field is ``value`` (equal, of its type), from the
        columns when they tell (a column of empty cells: no value made per record)."""
        t = type(value)
        rows_equal: bool | None = None  # whether every row holds it (None: not told)
        if name in self._constants:
            found = self._constants[name]
            rows_equal = type(found) is t and found == value
        else:
            plain = self._plain.get(name)
            if plain is not None and plain[1] is not None and self._columns:
                column = self._columns[plain[0]]
                if column.count(None) == len(column):
                    empty = plain[1](None)
                    rows_equal = not column or (type(empty) is t and empty == value)
        if rows_equal:
            get = operator.attrgetter(name)
            spliced_in = self._split()[1] if not self._read_order else []
            return all(type(v) is t and v == value for v in (get(r) for _i, r in spliced_in))
        return all(type(v) is t and v == value for v in self.fields(name))

    def fields(self, name: str) -> Sequence[Any]:
        """Every record's ``name`` field in order, from the columns (no record is made for
        them); not to be changed (it may be the column itself)."""
        if name in self._constants:
            value = self._constants[name]
            if self._read_order:
                return [value] * len(self._items)
            get_it = operator.attrgetter(name)
            values = [value] * len(self._items)
            for i, record in self._split()[1]:
                values[i] = get_it(record)
            return values
        plain = self._plain.get(name)
        if plain is None:
            return list(map(operator.attrgetter(name), self))
        k, convert = plain
        column = self._columns[k] if self._columns else ()
        if self._read_order:
            if convert is None:
                return column
            if column.count(None) == len(column):  # (fragments: most layers have none)
                empty = convert(None)
                if isinstance(empty, tuple | str):  # immutable: one value for every record
                    return [empty] * len(column)
            return list(map(convert, column))
        get = operator.attrgetter(name)
        if not column:  # no row read: every item is a record spliced in
            return [get(x) for x in self._items]
        rows, records = self._split()
        out = list(map(column.__getitem__, rows))  # (a record's place patched below)
        if convert is not None:
            out = list(map(convert, out))
        for i, record in records:
            out[i] = get(record)
        return out

    def by(self, name: str) -> LazyIndex[T]:
        """The records by their ``name`` field (a unique key: the uuid), made when read."""
        return LazyIndex(
            dict(zip(self.fields(name), self._items, strict=True)),
            self._record,
            self._cell,
            self._plain_columns,
        )

    def _plain_columns(self, names: Sequence[str]) -> list[Sequence[Any]] | None:
        """The columns holding the fields ``names`` as they are, by row (None: one of them is
        a constant or not a column, or its cells are in another form)."""
        plain = self._plain
        if not self._columns or any(n not in plain or plain[n][1] is not None for n in names):
            return None
        if any(n in self._constants for n in names):
            return None
        return [self._columns[plain[n][0]] for n in names]

    def _cell(self, names: Sequence[str]) -> Callable[[int], tuple[Any, ...]] | None:
        """The fields ``names`` of row ``k`` from the columns (None: one of them is not a
        column or a constant)."""
        plain, constants = self._plain, self._constants
        if not self._columns or any(n not in plain and n not in constants for n in names):
            return None
        if any(n in constants for n in names):
            parts = [(constants[n],) if n in constants else None for n in names]
            inner = self._cell([n for n in names if n not in constants])
            assert inner is not None

            def mixed(k: int) -> tuple[Any, ...]:
                found = iter(inner(k))
                return tuple([p[0] if p is not None else next(found) for p in parts])

            return mixed
        cols = [(self._columns[plain[n][0]], plain[n][1]) for n in names]
        if all(convert is None for _c, convert in cols):
            picked = [c for c, _ in cols]
            return lambda k: tuple([c[k] for c in picked])
        return lambda k: tuple([c[k] if f is None else f(c[k]) for c, f in cols])

    def spliced(self, index: int, remove: int, insert: Sequence[T]) -> LazyRecords[T]:
        """A copy with ``remove`` records from ``index`` replaced by ``insert`` (an edit: the
        rows not touched stay rows)."""
        items = self._items.copy()
        items[index : index + remove] = insert
        return LazyRecords(
            self._columns, self._decode, self._plain, self._made, items, self._constants
        )


class LazyIndex(MutableMapping[str, T]):
    """Records by key, held as row numbers and made when first read (``LazyRecords.by``)."""

    __slots__ = ("_cells", "_columns", "_items", "_record")

    def __init__(
        self,
        items: dict[str, Any],
        record: Callable[[int], T],
        cells: Callable[[Sequence[str]], Callable[[int], tuple[Any, ...]] | None] | None = None,
        columns: Callable[[Sequence[str]], list[Sequence[Any]] | None] | None = None,
    ) -> None:
        self._items = items
        self._record = record
        self._cells = cells
        self._columns = columns

    def getter(self, names: Sequence[str]) -> Callable[[str], tuple[Any, ...] | None]:
        """A function giving the fields ``names`` of the record under a key (None: no such
        key), from the columns for a record not made (none is made for it)."""
        items = self._items
        cell = self._cells(names) if self._cells is not None else None
        attrs = _fields_getter(names)
        if cell is None:
            return lambda key: None if (r := self.get(key)) is None else attrs(r)

        def get(key: str) -> tuple[Any, ...] | None:
            item = items.get(key)
            if item is None:
                return None
            return cell(item) if type(item) is int else attrs(item)

        return get

    def fields_many(
        self, keys: Iterable[str], names: Sequence[str]
    ) -> tuple[list[str], list[list[Any]]] | None:
        """Those of ``keys`` held here, and the fields ``names`` of their records, a list per
        name, from the columns in a few passes (None: a name is not a column)."""
        cell = self._cells(names) if self._cells is not None else None
        if cell is None:
            return None
        held = self._items
        present = [k for k in keys if k in held]
        items = list(map(held.__getitem__, present))
        columns = self._columns(names) if self._columns is not None else None
        if columns is not None and set(map(type, items)) <= {int}:
            return present, [list(map(c.__getitem__, items)) for c in columns]
        attrs = _fields_getter(names)
        rows = [cell(x) if type(x) is int else attrs(x) for x in items]
        return present, [[r[k] for r in rows] for k in range(len(names))]

    def __getitem__(self, key: str) -> T:
        item = self._items[key]
        if type(item) is int:
            item = self._items[key] = self._record(item)
        return item  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:
        item = self._items.get(key, default)
        if type(item) is int:
            item = self._items[key] = self._record(item)
        return item

    def __setitem__(self, key: str, value: T) -> None:
        self._items[key] = value

    def __delitem__(self, key: str) -> None:
        del self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def _fields_getter(names: Sequence[str]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving a record's fields ``names`` as a tuple."""
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda r: (one(r),)
    return operator.attrgetter(*names)


def getter(
    index: Mapping[str, Any], names: Sequence[str]
) -> Callable[[str], tuple[Any, ...] | None]:
    """A function giving the fields ``names`` of the record under a key of ``index`` (None:
    not in it); of a ``LazyIndex``, from the columns without making the record."""
    if isinstance(index, LazyIndex):
        return index.getter(names)
    attrs = _fields_getter(names)
    return lambda key: None if (r := index.get(key)) is None else attrs(r)


def placed_getter(
    index: Mapping[str, Any], text: str
) -> Callable[[str], tuple[int, int, str] | None]:
    """A function giving the start, end and covered text (``text[start:end]``, the document's
    characters the span marks: what the view shows) of the span under a uuid of ``index``
    (None: not in it); of a ``LazyIndex``, from its offset columns, so neither a record nor
    the stored text column is read (the Problems check compares that with the covered text)."""
    offsets = getter(index, ("start", "end"))

    def placed(uuid: str) -> tuple[int, int, str] | None:
        found = offsets(uuid)
        if found is None:
            return None
        start, end = found
        return start, end, text[start:end]

    return placed


def placed_all(
    index: Mapping[str, Any], uuids: Iterable[str], text: str
) -> dict[str, tuple[int, int, str]]:
    """``placed_getter``'s answer for each of ``uuids`` in ``index`` (the others left out), in
    a few passes over them instead of a call per uuid (the window places the 3,000 triggers
    and arguments of a big layer at every refresh)."""
    found = index.fields_many(uuids, ("start", "end")) if isinstance(index, LazyIndex) else None
    if found is not None:
        keys, (starts, ends) = found
    else:
        keys = [u for u in uuids if u in index]
        get = operator.attrgetter("start", "end")
        pairs = [get(index[u]) for u in keys]
        starts, ends = [p[0] for p in pairs], [p[1] for p in pairs]
    covered = map(text.__getitem__, map(slice, starts, ends))
    return dict(zip(keys, zip(starts, ends, covered, strict=True), strict=True))


def fields_of(records: Sequence[Any], name: str) -> Sequence[Any]:
    """Every record's ``name`` field in order (from the columns of ``LazyRecords``; not to be
    changed)."""
    if isinstance(records, LazyRecords):
        return records.fields(name)
    return list(map(operator.attrgetter(name), records))


def all_equal(records: Sequence[Any], name: str, value: Any) -> bool:
    """Whether every record's ``name`` field is ``value`` (equal, and of its type); of
    ``LazyRecords``, from the columns when they tell."""
    if isinstance(records, LazyRecords):
        return records.all_equal(name, value)
    t = type(value)
    return all(type(v) is t and v == value for v in map(operator.attrgetter(name), records))


def index_of(records: Sequence[T], name: str) -> MutableMapping[str, T]:
    """The records by their ``name`` field, a unique key (decoded when read from
    ``LazyRecords``)."""
    if isinstance(records, LazyRecords):
        return records.by(name)
    return dict(zip(map(operator.attrgetter(name), records), records, strict=True))


def spliced(records: Sequence[T], index: int, remove: int, insert: Sequence[T]) -> Sequence[T]:
    """``records`` with ``remove`` of them from ``index`` replaced by ``insert`` (a copy)."""
    if isinstance(records, LazyRecords):
        return records.spliced(index, remove, insert)
    return (*records[:index], *insert, *records[index + remove :])


@dataclass(frozen=True)
class DocumentAnnotations:
    """Everything one layer (or several) holds on one document: the unit formats exchange.

    ``spans`` is a tuple, or ``LazyRecords`` when the layer was read lazily (the window)."""

    document: Document
    spans: Sequence[Span] = ()
    events: tuple[Event, ...] = ()
    arguments: tuple[Argument, ...] = ()
    relations: tuple[Relation, ...] = ()

    def arguments_of(self, event_uuid: str) -> list[Argument]:
        """The live arguments of one event, in stored order (the arguments are indexed by
        event at the first call: one pass, not a scan of every argument per event)."""
        return list(self.arguments_by_event().get(event_uuid, ()))

    @cached_property
    def _arguments_by_event(self) -> dict[str, list[Argument]]:
        found: dict[str, list[Argument]] = {}
        for a in self.arguments:
            if not a.deleted:
                found.setdefault(a.event, []).append(a)
        return found

    def arguments_by_event(self) -> Mapping[str, Sequence[Argument]]:
        """The live arguments by the uuid of their event, each event's in stored order (made
        at the first call; the layer is immutable)."""
        return self._arguments_by_event

    def span_by_uuid(self) -> Mapping[str, Span]:
        """Index of the spans by uuid (of lazily read spans: each made when read)."""
        return index_of(self.spans, "uuid")


# -- what importers produce -------------------------------------------------------------
