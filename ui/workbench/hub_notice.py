"""A warning before work that no sync sends: the layer the window writes is one the project's
team hub role does not push.

A project is joined to a hub when a sync, File › Sync's or the command line's (``annotator
sync``), recorded the role it connected as in the project's sync cursors
(``annotator.hubstate.joined_hubs``, by hub id, in the project's sync sidecar). The role that
counts is the one of the hub File › Sync uses now: the window keeps the id of the hub it synced
with beside its URL (``project_hub_id``). Without that id (synced only from the command line,
the last window sync predates it, or another URL was remembered since), every role the
sidecar records is asked, and a layer counts as not pushed only when none pushes it.
Whether a role pushes a layer is the sync's own rule (``Member.pushes``): the edits of a layer
it does not push stay in this project, and each sync only counts them afterwards
(``SyncReport.local_only``).

So, while the layer the window writes (``Session.annotator``) is one the role does not push,
the status bar says so (``indicator``: the layer's name, "not pushed to the hub"), and the
first write into any layer the role does not push, once per project and layer in a window's
life, brings a message box: what wrote into which layer, which role, that it stays on this
machine until someone whose role pushes the layer takes it (a bundle), and how to change that.
A write is an edit, undo or redo in any window (the layers of the versions it wrote: gold from
the review window too), or a bulk write the session is refreshed after (an import, a merge):
the layers its caller names (``Changes.written``; a sync names none, it writes the team's
versions), or else those whose record and status counts changed. The box's first line names
the kind of write (``WRITES``): an edit of the window's layer, a review's write into gold
while the window writes another layer, an import or a merge (``Changes.cause``, which the
import and merge actions give their refresh). Its check box keeps it quiet for that layer of
that project from then on (the window's settings). Projects never synced, and layers the
role pushes, show nothing.

The sidecar is read through ``annotator.hubstate``, which needs no database driver: opening a
project loads neither ``annotator.hub`` nor psycopg.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMessageBox, QStatusBar, QWidget

from annotator.hubstate import ROLE_KINDS, Member, joined_hubs
from annotator.model import GOLD
from ui.dialogs.sync_dialog import project_hub_id
from ui.i18n import core_text, isolate, plain_tooltip, set_plain_text
from ui.modal import freed
from ui.session import Changes, Session

if TYPE_CHECKING:
    from annotator.project import Project

SETTINGS_QUIET = "hub/not-pushed-quiet"
"""(a group) the layers of projects whose warning the analyst asked not to see again"""

EDITS = ("edit", "undo", "redo")
"""the ``Changes`` reasons that write a version in the current layer"""

WRITES = ("edit", "review", "import", "merge", "bulk")
"""the kinds of write the box tells apart (``write_kind``; ``bulk``: a refresh whose caller
did not say what wrote)"""

BULK_CAUSES = ("import", "merge")
"""the ``Changes.cause`` of a bulk write the box names as such"""


class NoticeHost(Protocol):
    """What the warning needs of the main window."""

    @property
    def session(self) -> Session: ...
    @property
    def settings(self) -> QSettings: ...
    def statusBar(self) -> QStatusBar: ...
    def window(self) -> QWidget: ...


def quiet_key(project: Path, layer: str) -> str:
    """The settings key that keeps the warning of ``layer`` in ``project`` quiet."""
    raw = json.dumps([str(Path(project).resolve()), layer])
    return f"{SETTINGS_QUIET}/{hashlib.sha256(raw.encode()).hexdigest()[:16]}"


def deciding_roles(project: Path) -> list[Member]:
    """The roles whose push rule decides for ``project``: the role of the hub File › Sync uses
    now, when the window knows its id; else every role the sidecar records (empty: never
    synced, or no role recorded). Reads the settings and the sidecar, never the hub."""
    hubs = joined_hubs(project)
    hub_id = project_hub_id(project)
    if hub_id:
        member = hubs.get(hub_id)
        return [] if member is None else [member]
    return list(hubs.values())


def unpushed(roles: list[Member], layer: str) -> Member | None:
    """The role to name for ``layer`` when none of ``roles`` pushes it (None: one does, or
    there is no role)."""
    if not layer or not roles or any(m.pushes(layer) for m in roles):
        return None
    return roles[0]


def not_pushing(project: Path, layer: str) -> Member | None:
    """The role the project is joined to a hub as, when it does not push ``layer`` (None: no
    hub remembered for the project, no role recorded by a sync, or the role pushes
    ``layer``; see ``deciding_roles``). Reads the settings and the sidecar, never the hub."""
    return unpushed(deciding_roles(project), layer) if layer else None


def write_kind(reason: str, layer: str, current: str) -> str:
    """Which of ``WRITES`` a write of ``reason`` into ``layer`` is, while the window writes
    ``current``: an edit, undo or redo of gold in another layer's window is the review's;
    any other edit, undo or redo is an edit; a ``project`` refresh, a bulk write."""
    if reason not in EDITS:
        return "bulk"
    return "review" if layer == GOLD and current != GOLD else "edit"


def layer_marks(project: Project, roles: list[Member]) -> dict[str, tuple[object, ...]]:
    """Per layer of ``project`` that ``roles`` do not push: its live record counts and its
    statuses (count, newest stamp), to tell after a bulk write which such layers it wrote."""
    from annotator.project import RECORD_KINDS

    marks: dict[str, tuple[object, ...]] = {}
    for layer in project.annotators():
        if unpushed(roles, layer) is None:
            continue
        counts = [project.record_count(kind, None, layer) for kind in RECORD_KINDS]
        statuses = project.doc_statuses(layer)
        newest = max((s.clock for s in statuses), default="")
        marks[layer] = (*counts, len(statuses), newest)
    return marks


class HubLayerNotice(QObject):
    """The indicator in ``host``'s status bar and the first-edit warning (one per window)."""

    def __init__(self, host: NoticeHost) -> None:
        super().__init__(host.window())
        self.setObjectName("hub_layer_notice")
        self.host = host
        self.indicator = QLabel(host.window())
        self.indicator.setObjectName("status_not_pushed")
        self.indicator.setTextFormat(Qt.TextFormat.PlainText)  # layer and role names
        self.indicator.setStyleSheet("QLabel { color: #a33b00; font-weight: bold; }")
        self.indicator.hide()
        # beside "Annotator: …", the window's first permanent widget: the layer it names
        host.statusBar().insertPermanentWidget(1, self.indicator)
        self.member: Member | None = None
        """the joined role, when it does not push the layer being written"""
        self.where: tuple[Path, str] | None = None
        """(project, layer) that ``member`` was read for"""
        self.roles: list[Member] = []
        """the roles deciding for the open project (``deciding_roles``)"""
        self.marks: dict[str, tuple[object, ...]] = {}
        """the counts of the layers the roles do not push (``layer_marks``), as last read"""
        self.project: Path | None = None
        """the project ``roles`` and ``marks`` were read for"""
        self.warned: set[tuple[Path, str]] = set()
        """the (project, layer) pairs warned about in this window's life"""
        host.session.changed.connect(self._changed)
        host.session.checked.connect(lambda _error: self.update())  # read-only no more
        self.update()

    def update(self) -> None:
        """Read again whether the layer being written is pushed (the project, the layer, or
        the cursors a sync just saved may have changed), and show the indicator so."""
        session = self.host.session
        path, layer = session.path, session.annotator
        self.project = None if path is None else path.resolve()
        if path is None or session.read_only:
            self.roles, self.marks = [], {}
        else:
            self.roles = deciding_roles(path)
            project = session.project
            self.marks = layer_marks(project, self.roles) if project and self.roles else {}
        if path is None or not layer or session.read_only:
            self.member, self.where = None, None
        else:
            self.where = (path.resolve(), layer)
            self.member = unpushed(self.roles, layer)
        member = self.member
        if member is None:
            self.indicator.hide()
            return
        self.indicator.setText(self.tr("{0}: not pushed to the hub").format(isolate(layer)))
        self.indicator.setToolTip(
            plain_tooltip(
                self.tr(
                    "Edits in the layer {0} stay on this machine: your role on the team hub, "
                    "{1}, does not push it."
                ).format(isolate(layer), isolate(member.role))
            )
        )
        self.indicator.show()

    def _changed(self, changes: Changes) -> None:
        session = self.host.session
        path = session.path.resolve() if session.path is not None else None
        if changes.reason in EDITS:
            # the layers of the versions written: gold from the review window too
            layers = changes.layers or {session.annotator}
            kinds = {lay: write_kind(changes.reason, lay, session.annotator) for lay in layers}
            self._wrote(path, kinds)
            return
        before, marks = self.project, self.marks
        self.update()  # a project opened, synced or re-read; another layer
        if changes.reason != "project" or path is None or before != path:
            return  # not a write (or another project: nothing written in it yet)
        if changes.written is not None:
            written = set(changes.written)
        else:  # not told: the layers whose counts changed
            written = {layer for layer in self.marks.keys() | marks.keys()
                       if self.marks.get(layer) != marks.get(layer)}  # fmt: skip
        kind = changes.cause if changes.cause in BULK_CAUSES else "bulk"
        self._wrote(path, dict.fromkeys(written, kind))

    def _wrote(self, path: Path | None, layers: Mapping[str, str]) -> None:
        """Warn (once per project and layer) about the first of ``layers`` (each with its
        kind of write, ``WRITES``) written in ``path`` that the roles do not push."""
        if path is None or self.host.session.read_only:
            return
        for layer in sorted(layers):
            member = unpushed(self.roles, layer)
            where = (path, layer)
            if member is None or where in self.warned:
                continue
            self.warned.add(where)
            if self.host.settings.value(quiet_key(*where), False) in (True, "true"):
                continue
            # after the write's own signal has reached every view: no dialog inside an emit
            kind = layers[layer]
            QTimer.singleShot(0, self, lambda w=where, m=member, k=kind: self.warn(w, m, k))
            return  # one box at a time; the others at their next write

    def wrote_line(self, kind: str, layer: str) -> str:
        """The box's first line: what wrote into ``layer``, by kind (``WRITES``)."""
        if kind == "review":
            text = self.tr("Your review wrote into the layer {0}.")
        elif kind == "import":
            text = self.tr("An import wrote into the layer {0}.")
        elif kind == "merge":
            text = self.tr("A merge wrote into the layer {0}.")
        elif kind == "bulk":
            text = self.tr("An import or a merge wrote into the layer {0}.")
        else:
            text = self.tr("You are editing the layer {0}.")
        return text.format(isolate(layer))

    def warn(self, where: tuple[Path, str], member: Member, write: str = "edit") -> bool:
        """The message box about ``where`` (project, layer), which ``member``'s role does not
        push, written by a write of kind ``write`` (``WRITES``), when that project is still open.
        Whether it was shown (the box itself is freed: ``ui.modal``)."""
        path = self.host.session.path
        if path is None or path.resolve() != where[0]:
            return False
        layer = where[1]

        kind = ROLE_KINDS.get(member.kind)
        kind_text = core_text(kind) if kind else isolate(member.kind)
        writes = ", ".join(isolate(w) for w in member.writes) or self.tr("no layer")
        current = self.host.session.annotator
        if write == "edit":
            stays = self.tr(
                "These edits stay in this project, on this machine: no sync sends them to the "
                "team. They reach the hub only when someone whose role pushes {0} takes them: "
                "File › Export my layer as bundle…, and they merge the bundle and sync."
            )
        else:
            stays = self.tr(
                "What was written there stays in this project, on this machine: no sync sends "
                "it to the team. It reaches the hub only when someone whose role pushes {0} "
                "takes it: File › Export my layer as bundle…, and they merge the bundle and "
                "sync."
            )
        lines = [
            self.wrote_line(write, layer),
            self.tr(
                "Your role on the team hub, {0} ({1}), does not push this layer: it pushes {2}."
            ).format(isolate(member.role), kind_text, writes),
            "",
            stays.format(isolate(layer)),
        ]
        if layer != current:  # the export writes the window's layer, not this one
            lines.append(
                self.tr(
                    "To export the layer {0}, first make it the window's layer "
                    "(click “Annotator: …” in the status bar)."
                ).format(isolate(layer))
            )
        lines.append("")
        if member.layer and member.layer != layer and member.layer != current:
            lines.append(
                self.tr(
                    "To work where the team sees it, switch to your layer {0} "
                    "(click “Annotator: …” in the status bar)."
                ).format(isolate(member.layer))
            )
        lines.append(self.tr("The hub's owner can change the layers your role pushes."))
        parent = QApplication.activeWindow() or self.host.window()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Not sent to the team hub"),
            "",
            QMessageBox.StandardButton.Ok,
            parent,
        )
        with freed(box):
            set_plain_text(box, "\n".join(lines))
            box.setCheckBox(
                QCheckBox(self.tr("Don't show this again for this layer in this project"), box)
            )
            box.exec()
            check = box.checkBox()
            quiet = check is not None and check.isChecked()
        if quiet:
            self.host.settings.setValue(quiet_key(*where), True)
            self.host.settings.sync()
        return True
