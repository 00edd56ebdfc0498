"""When to retrain: the spans written into the trained layer since the model was made.

The model panel retrains by itself once ``new_annotations`` reaches the number the analyst set
(accepted suggestions and spans drawn by hand alike: both are live spans of the layer whose
clock stamp is later than the manifest's ``trained`` date). Core code: no Qt; the project is
read through its public API only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from annotator import clock
from annotator.model import Span

if TYPE_CHECKING:
    from annotator.project import Project

DEFAULT_RETRAIN_AFTER = 50
"""new annotations in the trained layer before the panel retrains (0: never by itself)"""


def trained_ms(manifest: Mapping[str, Any]) -> int | None:
    """The manifest's ``trained`` date in unix milliseconds, or None when it has none."""
    value = manifest.get("trained")
    if not isinstance(value, str):
        return None
    try:
        return int(datetime.fromisoformat(value).timestamp() * 1000)
    except ValueError:
        return None


def is_new(record: object, layer: str, since_ms: int) -> bool:
    """Whether ``record`` is a live span of ``layer`` written after ``since_ms``."""
    if not isinstance(record, Span) or record.annotator != layer or record.deleted:
        return False
    try:
        ms, _ = clock.parse(record.clock)
    except ValueError:
        return False
    # the manifest's date is to the second: a span written in that second counts as new
    return ms >= since_ms


def count_new(records: Iterable[object], layer: str, since_ms: int) -> int:
    return sum(1 for r in records if is_new(r, layer, since_ms))


def new_span_uuids(project: Project, manifest: Mapping[str, Any]) -> set[str]:
    """The uuids of the live spans of the manifest's layer written since its ``trained``
    date (empty when the manifest names no layer or a date it cannot place). Reading them
    goes over every span of the layer: the model panel's training worker does it on its pool
    thread, so the window's thread does not when a model arrives."""
    layer = manifest.get("layer")
    try:
        since = trained_ms(manifest)
    except (OverflowError, OSError):  # a date out of range ("0001-01-01T00:00+14:00")
        since = None
    if not isinstance(layer, str) or since is None:
        return set()
    return {
        r.uuid
        for r in project.iter_records("spans", layer)
        if is_new(r, layer, since) and isinstance(getattr(r, "uuid", None), str)
    }


def new_annotations(project: Project, manifest: Mapping[str, Any]) -> int:
    """Live spans of the manifest's layer written since its ``trained`` date (0 when the
    manifest names no layer or date)."""
    layer, since = manifest.get("layer"), trained_ms(manifest)
    if not isinstance(layer, str) or since is None:
        return 0
    return count_new(project.iter_records("spans", layer), layer, since)
