"""What a project keeps of the team hubs it syncs with, readable without the hub.

The sidecar ``<project>.hub-sync.json`` beside a project holds, per hub, the sync's cursors
and the role the last sync connected as (``Member``). The sync (``annotator.hub.sync``)
reads and writes it; the workbench reads it to warn before edits no sync sends
(``ui.workbench.hub_notice``). Kept out of ``annotator.hub``, which imports psycopg: opening
a project in the window must not load a database driver to find out it was never synced.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.errors import Message
from annotator.model import GOLD
from annotator.safejson import UnsafeJSON, loads


@dataclass(frozen=True)
class Member:
    """The connected role as the hub knows it."""

    role: str
    kind: str
    """analyst, adjudicator or coordinator"""
    layer: str | None

    @property
    def writes(self) -> tuple[str, ...]:
        """The layers this role pushes."""
        if self.layer is None:
            return ()
        return (self.layer, GOLD) if self.kind == "adjudicator" else (self.layer,)

    def pushes(self, layer: str) -> bool:
        """Whether a sync pushes this role's versions of ``layer`` (the one rule: the sync's
        push and its ``local_only`` count, and the workbench's warning before an edit in a
        layer that stays local, all ask it)."""
        return layer in self.writes


ROLE_KINDS = {
    "analyst": Message("analyst"),
    "adjudicator": Message("adjudicator"),
    "coordinator": Message("coordinator"),
}
"""a member's kind as a report names it (translated in the interface)"""


# -- the cursors ---------------------------------------------------------------------------
@dataclass
class Cursor:
    """Where this project stands with one hub."""

    origin: str
    """this replica's id: a pull skips what it pushed itself"""
    pushed_mark: str = ""
    """every own version stamped at or below this was pushed (unless ``pending``)"""
    clock_after: str = ""
    """the project's clock when the last sync ended: unchanged means nothing written since"""
    pending: bool = False
    """versions were left unpushed (document not on the hub): push everything next time"""
    pulled_seq: int = 0
    assigned: str = ""
    """digest of the documents assigned to the layer, all in the project at the last sync"""
    state: str = ""
    """the project as the last sync left it (``project_state``): a project behind it (restored
    from a backup in place, same file) cannot hold what the cursors say it pulled"""
    local: bool = False
    """the last sync found local versions of layers the role does not push (``local_only``)"""
    local_since: str = ""
    """then: the mark they were found after; the next sync looks again from there"""
    member: Member | None = None
    """the role the last sync connected as (``joined_members``: which layers it pushes)"""


def sidecar_path(project_path: Path) -> Path:
    """``<project>.hub-sync.json``: the cursors of every hub this project syncs with."""
    return Path(str(project_path) + ".hub-sync.json")


def load_cursor(project_path: Path, hub_id: str) -> Cursor | None:
    data = _read_sidecar(sidecar_path(project_path))
    hubs = data.get("hubs")
    entry = hubs.get(hub_id) if isinstance(hubs, dict) else None
    if not isinstance(entry, dict) or entry.get("file") != _file_id(project_path):
        return None  # none yet, or the project was copied with its sidecar: start afresh
    try:
        return Cursor(
            origin=str(entry["origin"]),
            pushed_mark=str(entry.get("pushed_mark", "")),
            clock_after=str(entry.get("clock_after", "")),
            pending=bool(entry.get("pending", False)),
            pulled_seq=int(entry.get("pulled_seq", 0)),
            assigned=str(entry.get("assigned", "")),
            state=str(entry.get("state", "")),
            local=bool(entry.get("local", False)),
            local_since=str(entry.get("local_since", "")),
            member=_member_of(entry.get("member")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _member_of(value: object) -> Member | None:
    """The member a sidecar entry recorded (None: none, or written before it was kept)."""
    if not isinstance(value, dict):
        return None
    role, kind, layer = value.get("role"), value.get("kind"), value.get("layer")
    if not isinstance(role, str) or not isinstance(kind, str):
        return None
    return Member(role, kind, layer if isinstance(layer, str) else None)


def joined_hubs(project_path: Path) -> dict[str, Member]:
    """The role this project synced as with each hub (by hub id, ``SyncReport.hub_id``) whose
    cursors belong to this file (a copy that kept the sidecar has none); empty for a project
    never synced, or synced only before the sidecar kept the role. Reads the sidecar, never
    the hub (which keeps no URL: the caller ties a hub id to the hub it uses)."""
    hubs = _read_sidecar(sidecar_path(project_path)).get("hubs")
    if not isinstance(hubs, dict):
        return {}
    file_id = _file_id(project_path)
    out: dict[str, Member] = {}
    for hub_id, entry in sorted(hubs.items()):
        if isinstance(entry, dict) and entry.get("file") == file_id:
            member = _member_of(entry.get("member"))
            if member is not None:
                out[str(hub_id)] = member
    return out


def joined_members(project_path: Path) -> list[Member]:
    """The roles this project synced as, one per hub (``joined_hubs``, without the ids)."""
    return list(joined_hubs(project_path).values())


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, UnsafeJSON):
        return {}  # unreadable cursors: the next sync is a full one (idempotent)
    return data if isinstance(data, dict) else {}


def _file_id(project_path: Path) -> str:
    """Which file the cursors belong to: a copy of the project (another inode) that kept the
    sidecar must not share the origin id, or each would skip the other's pushes."""
    try:
        st = os.stat(project_path)
    except OSError:
        return ""
    return f"{st.st_dev}:{st.st_ino}"


def save_cursor(project_path: Path, hub_id: str, cursor: Cursor) -> None:
    """Write the cursors atomically (temporary file, fsync, rename)."""
    path = sidecar_path(project_path)
    data = _read_sidecar(path)
    hubs = data.get("hubs") if isinstance(data.get("hubs"), dict) else {}
    assert isinstance(hubs, dict)
    m = cursor.member
    hubs[hub_id] = {
        "origin": cursor.origin,
        "pushed_mark": cursor.pushed_mark,
        "clock_after": cursor.clock_after,
        "pending": cursor.pending,
        "pulled_seq": cursor.pulled_seq,
        "assigned": cursor.assigned,
        "state": cursor.state,
        "local": cursor.local,
        "local_since": cursor.local_since,
        "file": _file_id(project_path),
        "member": None if m is None else {"role": m.role, "kind": m.kind, "layer": m.layer},
    }
    text = json.dumps({"format": "annotator-hub-sync", "version": 1, "hubs": hubs}, indent=1)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
