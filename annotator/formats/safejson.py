"""Strict JSON for untrusted files: no NaN/Infinity, no duplicate keys, bounded size and depth."""

from __future__ import annotations

import json
from typing import Any

MAX_LINE_CHARS = 64 * 1024 * 1024
MAX_DEPTH = 64


class UnsafeJSON(ValueError):
    """The JSON text is valid syntax but not acceptable input (or not valid at all)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise UnsafeJSON(f"duplicate key {dup!r}")
    return out


def _no_constants(name: str) -> Any:
    raise UnsafeJSON(f"{name} is not allowed")


# built once: json.loads with hooks would construct a new decoder on every call
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


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


def loads(text: str, max_chars: int = MAX_LINE_CHARS, max_depth: int = MAX_DEPTH) -> Any:
    """Parse one JSON value; raises UnsafeJSON with a short reason on any problem."""
    if len(text) > max_chars:
        raise UnsafeJSON(f"longer than {max_chars} characters")
    try:
        value = _DECODER.decode(text)
    except UnsafeJSON:
        raise
    except RecursionError as exc:  # the C parser guards its own recursion
        raise UnsafeJSON(f"nested deeper than {max_depth} levels") from exc
    except json.JSONDecodeError as exc:
        raise UnsafeJSON(f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    # a text with fewer brackets than the limit cannot nest deeper (cheap C-level count)
    if text.count("[") + text.count("{") > max_depth and _depth(value, max_depth) > max_depth:
        raise UnsafeJSON(f"nested deeper than {max_depth} levels")
    return value
