"""A warning before work that no sync sends: the layer the window writes is one the project's
team hub role does not push.

A project is joined to a hub when File › Sync (or Team progress) remembered a hub for it
(``ui.dialogs.sync_dialog.project_url``) and a sync recorded the role it connected as in the
project's sync cursors (``annotator.hub.sync.joined_members``; the command line's syncs record
it too). Whether that role pushes a layer is the sync's own rule (``Member.pushes``): the
edits of a layer it does not push stay in this project, and each sync only counts them
afterwards (``SyncReport.local_only``).

So, while the layer being written (``Session.annotator``: the analyst's layer, or gold in the
review window) is one the role does not push, the status bar says so (``indicator``: the
layer's name, "not pushed to the hub"), and the first edit in it, once per project and layer
in a window's life, brings a message box: which layer, which role, that the edits stay on this
machine until someone whose role pushes the layer takes them (a bundle), and how to change
that. Its check box keeps it quiet for that layer of that project from then on (the window's
settings). Projects never synced, and layers the role pushes, show nothing.

``annotator.hub`` (and psycopg) is imported only for a project that has a hub remembered.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMessageBox, QStatusBar, QWidget

from ui.dialogs.sync_dialog import project_url
from ui.i18n import isolate, plain_tooltip, set_plain_text
from ui.session import Changes, Session

if TYPE_CHECKING:
    from annotator.hub.sync import Member

SETTINGS_QUIET = "hub/not-pushed-quiet"
"""(a group) the layers of projects whose warning the analyst asked not to see again"""

EDITS = ("edit", "undo", "redo")
"""the ``Changes`` reasons that write a version in the current layer"""


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


def not_pushing(project: Path, layer: str) -> Member | None:
    """The role the project is joined to a hub as, when it does not push ``layer`` (None: no
    hub remembered for the project, no role recorded by a sync, or every such role pushes
    ``layer``). Reads the settings and the sync's sidecar file, never the hub."""
    if not layer or not project_url(project):
        return None
    from annotator.hub.sync import joined_members

    return next((m for m in joined_members(project) if not m.pushes(layer)), None)


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
        if path is None or not layer or session.read_only:
            self.member, self.where = None, None
        else:
            self.where = (path.resolve(), layer)
            self.member = not_pushing(path, layer)
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
        if changes.reason not in EDITS:
            self.update()  # a project opened, synced or re-read; another layer
            return
        where = self.where
        if self.member is None or where is None or where in self.warned:
            return
        self.warned.add(where)
        if self.host.settings.value(quiet_key(*where), False) in (True, "true"):
            return
        # after the edit's own signal has reached every view: no dialog inside an emit
        QTimer.singleShot(0, self, lambda: self.warn(where))

    def warn(self, where: tuple[Path, str]) -> QMessageBox | None:
        """The message box about ``where`` (project, layer), when it is still the layer being
        written and its role does not push it. Returns the box after it closed."""
        member = self.member
        if member is None or where != self.where:
            return None
        layer = where[1]
        kinds = {
            "analyst": self.tr("analyst"),
            "adjudicator": self.tr("adjudicator"),
            "coordinator": self.tr("coordinator"),
        }
        writes = ", ".join(isolate(w) for w in member.writes) or self.tr("no layer")
        lines = [
            self.tr("You are editing the layer {0}.").format(isolate(layer)),
            self.tr(
                "Your role on the team hub, {0} ({1}), does not push this layer: it pushes {2}."
            ).format(isolate(member.role), kinds.get(member.kind, member.kind), writes),
            "",
            self.tr(
                "These edits stay in this project, on this machine: no sync sends them to the "
                "team. They reach the hub only when someone whose role pushes {0} takes them: "
                "File › Export my layer as bundle…, and they merge the bundle and sync."
            ).format(isolate(layer)),
        ]
        lines.append("")
        if member.layer and member.layer != layer:
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
        set_plain_text(box, "\n".join(lines))
        box.setCheckBox(
            QCheckBox(self.tr("Don't show this again for this layer in this project"), box)
        )
        box.exec()
        check = box.checkBox()
        if check is not None and check.isChecked():
            self.host.settings.setValue(quiet_key(*where), True)
            self.host.settings.sync()
        return box
