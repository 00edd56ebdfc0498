"""Record identifiers: random UUIDs, so colleagues' records never collide on merge."""

from __future__ import annotations


def new_uuid() -> str:
    # imported at the first new record, not at start-up: ``uuid`` loads ``platform`` and asks
    # the system its name (about 3 ms before the window's first paint, which makes none)
    import uuid

    return str(uuid.uuid4())
