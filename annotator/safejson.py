"""Strict JSON for untrusted files: no NaN/Infinity, no duplicate keys, bounded size and depth,
and no string no text layer can carry.

One rule for every decoded value, keys included: no lone surrogate (``"\\ud800"`` is valid
JSON syntax but not Unicode: SQLite, files and Qt cannot encode it) and no NUL (``"\\u0000"``:
C strings, SQLite's C API and terminals cut the text there). Numbers must be finite
(``1e999`` would decode to infinity). JSONL readers, the Label Studio reader and the bundle
reader all decode through ``loads`` or ``loads_items``, so each path gets the same rules.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable
from itertools import repeat
from typing import Any

from annotator.errors import Message, system_text

MAX_LINE_CHARS = 64 * 1024 * 1024
MAX_LINE_BYTES = MAX_LINE_CHARS
"""cap on one JSON line as read from a file: a line within it cannot exceed MAX_LINE_CHARS"""
MAX_DEPTH = 64


class UnsafeJSON(ValueError):
    """The JSON text is valid syntax but not acceptable input (or not valid at all).

    ``line`` is the line of the text the problem is on, when the parser knows it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise UnsafeJSON(Message("duplicate key {key}", key=repr(dup)))
    return out


def _no_constants(name: str) -> Any:
    raise UnsafeJSON(Message("{name} is not allowed", name=name))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnsafeJSON(Message("number {number} is out of range", number=text[:40]))
    return value


# built once: json.loads with hooks would construct a new decoder on every call
_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_no_constants, parse_float=_finite
)
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
"""the decoder's scanner: ``_DECODER.decode`` of a text that is one value with no white space
around it is this at 0 (the same hooks), without decode's and raw_decode's Python frames"""
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_FAST_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(
    parse_constant=_no_constants, parse_float=_finite
).scan_once  # type: ignore[attr-defined]
"""``_SCAN`` without the duplicate-key hook: objects are built in C, a Python call fewer per
object (``loads_lines`` tells duplicates by counting colons instead)"""


def _skip(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not JSON white space."""
    found = _WHITESPACE.match(text, pos)
    return found.end() if found else pos


# a decoded string can hold a surrogate or NUL only through an escape (the UTF-8 decoder and
# the strict JSON scanner refuse them raw), so only texts with such an escape are walked
_SUSPECT_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F]|0000)")
_BAD_CHAR = re.compile("[\ud800-\udfff\x00]")


def _depth(value: Any, limit: int) -> int:
    # iterative, so a hostile nesting cannot exhaust the Python stack
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def bad_string(value: Any) -> str | None:
    """Why ``value`` (a decoded JSON value) holds a string no text layer can carry, or None.

    Walks every string, dictionary keys included, without recursion."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            found = _BAD_CHAR.search(item)
            if found is not None:
                char = found.group()
                what = (
                    "a NUL character" if char == "\x00" else f"a lone surrogate \\u{ord(char):04x}"
                )
                return f"{what} in {where or 'a string'} (not valid text)"
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.append((k, f"the key {k[:40]!r}" if isinstance(k, str) else "a key"))
                stack.append((v, repr(k[:40]) if isinstance(k, str) else where))
        elif isinstance(item, list):
            stack.extend((v, where) for v in item)
    return None


def _check(value: Any, text: str, start: int, end: int, max_depth: int) -> None:
    """The rules the decoder itself cannot apply, on ``value`` decoded from ``text[start:end]``."""
    # a text with fewer brackets than the limit cannot nest deeper (cheap C-level count)
    if text.count("[", start, end) + text.count("{", start, end) > max_depth and (
        _depth(value, max_depth) > max_depth
    ):
        raise UnsafeJSON(Message("nested deeper than {limit} levels", limit=max_depth))
    if _SUSPECT_ESCAPE.search(text, start, end):
        problem = bad_string(value)
        if problem:
            raise UnsafeJSON(problem)


def _decode(text: str, pos: int | None, max_depth: int) -> tuple[Any, int]:
    """The value at ``pos`` and where it ends, or (``pos`` None) the whole text as one value."""
    try:
        if pos is None:
            return _DECODER.decode(text), len(text)
        return _DECODER.raw_decode(text, pos)
    except UnsafeJSON:
        raise
    except RecursionError as exc:  # the C parser guards its own recursion
        raise UnsafeJSON(Message("nested deeper than {limit} levels", limit=max_depth)) from exc
    except json.JSONDecodeError as exc:
        raise UnsafeJSON(
            Message(
                "invalid JSON: {problem} at column {column}",
                # ("Unterminated string starting at": the column is where it starts)
                problem=system_text(exc.msg.removesuffix(" at")),
                column=exc.colno,
            ),
            exc.lineno,
        ) from exc
    except ValueError as exc:  # an integer of more than 4300 digits (int_max_str_digits)
        raise UnsafeJSON(Message("invalid JSON: number too large")) from exc


def loads(text: str, max_chars: int = MAX_LINE_CHARS, max_depth: int = MAX_DEPTH) -> Any:
    """Parse one JSON value; raises UnsafeJSON with a short reason on any problem."""
    if len(text) > max_chars:
        raise UnsafeJSON(Message("longer than {limit} characters", limit=max_chars))
    try:  # the usual line: one value from its first character to its last, no white space
        value, end = _SCAN(text, 0)
    except Exception:  # anything amiss: _decode says what, as it always did
        end = -1
    if end != len(text):
        value, _ = _decode(text, None, max_depth)
    _check(value, text, 0, len(text), max_depth)
    return value


def _keys(value: Any) -> int:
    """How many keys the objects in ``value`` hold, nested ones included."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def loads_lines(lines: list[str], max_depth: int = MAX_DEPTH) -> list[Any] | None:
    """``[loads(line) for line in lines]`` when no line would make ``loads`` raise, else None
    (the caller then asks ``loads`` line by line, for the error and its line).

    Each line is decoded in C without the duplicate-key hook, its frame and its list of
    pairs per object (a third of the time of reading a large JSONL file). Duplicates are told
    by a count instead: every key of an object in the text is followed by one colon, so a
    line's colons are at least as many as its keys in the text, which are at least as many
    as the decoded objects hold, fewer by one per duplicate. Colons as many as decoded keys:
    no duplicate. A line with more colons (a colon in a string) is checked again by
    ``loads``. The other rules of ``loads`` are applied as it applies them."""
    try:
        decoded = list(map(_FAST_SCAN, lines, repeat(0)))
    except Exception:  # anything amiss: loads says what
        return None
    # (a line the scanner refuses outright ends the map early: StopIteration)
    if len(decoded) != len(lines) or list(map(_END, decoded)) != list(map(len, lines)):
        return None  # white space around a value, or more than one value: as loads does
    values = list(map(_VALUE, decoded))
    del decoded
    if max(map(len, lines), default=0) > MAX_LINE_CHARS:
        return None
    colons = list(map(str.count, lines, repeat(":")))
    if set(map(type, values)) == {dict}:
        tops = list(map(len, values))
        doubtful = [] if colons == tops else [
            i for i, (c, t) in enumerate(zip(colons, tops, strict=True)) if c != t
        ]  # fmt: skip
    else:
        doubtful = list(range(len(values)))
    for i in doubtful:
        if _keys(values[i]) != colons[i]:
            try:
                values[i] = loads(lines[i], max_depth=max_depth)
            except UnsafeJSON:
                return None
    brackets = map(
        operator.add, map(str.count, lines, repeat("[")), map(str.count, lines, repeat("{"))
    )
    if max(brackets, default=0) > max_depth or any(map(_SUSPECT_ESCAPE.search, lines)):
        for line, value in zip(lines, values, strict=True):
            try:
                _check(value, line, 0, len(line), max_depth)
            except UnsafeJSON:
                return None
    return values


_VALUE: Callable[[tuple[Any, int]], Any] = operator.itemgetter(0)
_END: Callable[[tuple[Any, int]], int] = operator.itemgetter(1)


def loads_items(
    text: str, max_chars: int = MAX_LINE_CHARS, max_depth: int = MAX_DEPTH
) -> list[tuple[int, Any]]:
    """A JSON array as (line of the item's first character, item) pairs; any other JSON value
    as one pair. Each item is held to the rules of ``loads`` (depth counted from the item), so
    an error can name the line of the item at fault."""
    if len(text) > max_chars:
        raise UnsafeJSON(Message("longer than {limit} characters", limit=max_chars))
    pos = _skip(text, 0)
    if not text.startswith("[", pos):
        return [(text.count("\n", 0, pos) + 1, loads(text, max_chars, max_depth))]
    line, counted = 1, 0

    def line_at(i: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, i)
        counted = i
        return line

    items: list[tuple[int, Any]] = []
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            try:
                value, end = _decode(text, pos, max_depth - 1)
                _check(value, text, pos, end, max_depth - 1)
            except UnsafeJSON as exc:
                exc.line = exc.line or line_at(pos)
                raise
            items.append((line_at(pos), value))
            pos = _skip(text, end)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
                continue
            if text.startswith("]", pos):
                pos += 1
                break
            raise UnsafeJSON(
                Message("invalid JSON: expected ',' or ']' after an item"), line_at(pos)
            )
    if _skip(text, pos) != len(text):
        raise UnsafeJSON(Message("invalid JSON: extra data after the array"), line_at(pos))
    return items
