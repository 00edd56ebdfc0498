"""Canonical JSON text of a value: keys sorted, non-ASCII kept, NaN refused, so equal values
give equal text (bundle members, quarantine keys, stored JSON cells)."""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
