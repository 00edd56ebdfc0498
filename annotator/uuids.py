"""Record identifiers: random UUIDs, so colleagues' records never collide on merge."""

from __future__ import annotations

import uuid


def new_uuid() -> str:
    return str(uuid.uuid4())
