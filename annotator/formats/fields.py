"""Typed access to the fields of decoded JSON for the readers: the wrong type is a one-line
``ValueError`` naming the field, never a TypeError, KeyError or AttributeError later on.

Booleans are not integers here (JSON ``true`` is not an offset), floats are not integers
(``1.0`` is not an offset either), and ids are strings or integers.
"""

from __future__ import annotations

from typing import Any

from annotator.errors import Message
from annotator.formats.common import quoted


def need_dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(
            Message("{what} must be an object, not {kind}", what=what, kind=_kind(value))
        )
    return value


def need_list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(Message("{what} must be a list, not {kind}", what=what, kind=_kind(value)))
    return value


def need_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            Message("{what} must be an integer, not {value}", what=what, value=quoted(value))
        )
    return value


def need_str(value: Any, what: str, *, empty: bool = False) -> str:
    if not isinstance(value, str):
        raise ValueError(
            Message("{what} must be a string, not {value}", what=what, value=quoted(value))
        )
    if not empty and not value:
        raise ValueError(Message("{what} must not be empty", what=what))
    return value


def dicts(obj: dict[str, Any], key: str, what: str = "") -> list[dict[str, Any]]:
    """``obj[key]`` as a list of objects (missing or null: empty)."""
    value = obj.get(key)
    if value is None:
        return []
    items = need_list(value, what or f'"{key}"')
    for k, item in enumerate(items):
        need_dict(item, Message("{what} item {k}", what=what or key, k=k))
    return items


def optional_str(obj: dict[str, Any], key: str, what: str = "") -> str:
    """``obj[key]`` as a string ("" when missing or null)."""
    value = obj.get(key)
    return "" if value is None else need_str(value, what or f'"{key}"', empty=True)


def ident(value: Any, what: str) -> str:
    """An id: a non-empty string or an integer, as a string."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return need_str(value, what)


def printable(text: str) -> str:
    """``text`` for a one-line message: as is when printable, else its escaped ``repr`` (an
    id holding a line break, a control or a bidi character must not break or hide the line)."""
    return text if text.isprintable() else repr(text)


def _kind(value: Any) -> Message:
    return {
        dict: Message("an object"),
        list: Message("a list"),
        str: Message("a string"),
        bool: Message("a boolean"),
        int: Message("a number"),
        float: Message("a number"),
    }.get(type(value), Message("null"))


class Ids:
    """Ids seen so far in one file: an id used twice is refused (records would collide)."""

    def __init__(self) -> None:
        self.seen: dict[str, int | None] = {}

    def claim(self, ids: list[str], line: int | None) -> None:
        """Refuse an id repeated within ``ids`` or used on an earlier line; else remember them.
        Call it once the rest of the line is known to be good, so a skipped line claims none."""
        here: set[str] = set()
        for x in ids:
            if x in here:
                raise ValueError(Message("id {id} is used twice", id=quoted(x)))
            if x in self.seen:
                where = self.seen[x]
                if where is not None:
                    raise ValueError(
                        Message("id {id} is already used on line {line}", id=quoted(x), line=where)
                    )
                raise ValueError(Message("id {id} is already used", id=quoted(x)))
            here.add(x)
        for x in ids:
            self.seen[x] = line
