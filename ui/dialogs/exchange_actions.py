"""File-menu actions for exchanging work with colleagues: bundle export and merge.

"Export my layer as bundle…" writes the current annotator's layer with
``annotator.exchange.write_bundle``; "Merge bundle or project…" merges a bundle
(``read_bundle`` checks it as untrusted input first) or another ``.annotator`` file
(``merge_project_file``: a read-only copy, quick_check first). Both run on a pool thread that
opens its own ``Project``; a merge is one transaction, so Cancel leaves the project as it was.
The merge report (counts, quarantined annotations, schema differences) is shown as plain text,
then the window reloads.

Before a merge chosen from the menu, the worker reads the source and, when it holds labels
the project's schema lacks and some of them would be quarantined (``Per`` beside our ``PER``),
returns a ``LabelQuestion`` instead of merging: ``LabelMapDialog`` lists every such label with
a choice (the project's label, pre-filled by ``label_offers``, or the merge's own way: keep
apart, or add as a new label) and the merge then runs with that label map. Nothing is mapped
without the user's choice.

Roles are asked about in the same step: an argument's role is judged by name against its
event type's roles, so a role of theirs that the project's event type lacks (their
``Location`` where our ``Contact.Meet`` has ``Place``; the event type read through the label
map as chosen) would have its arguments quarantined. The dialog lists each such event type
and role with a choice among our event type's roles (pre-filled by ``role_offers``: a role
that differs only in case or folding) or keep apart, and the merge runs with that role map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from annotator.project import Project, is_project_file
from ui.dialogs.paths import files_filter, remember_folder, start_path
from ui.dialogs.prompts import show_message
from ui.i18n import QT_TRANSLATE_NOOP, core_text, interface_rtl, isolate, path_text
from ui.jobs import BackgroundJob
from ui.modal import freed
from ui.session import Session
from ui.widgets import lines_in_their_direction

if TYPE_CHECKING:  # annotator.exchange is imported by the actions: not needed to start
    from annotator.exchange import Bundle, MergeReport
    from annotator.exchange.bundle_read import BundleManifest
    from annotator.exchange.label_map import LabelOffer
    from annotator.formats.common import IsCancelled, Progress
    from annotator.schema import Schema

BUNDLE_FILTER = QT_TRANSLATE_NOOP("Files", "Annotator bundles (*.annbundle *.zip);;All files (*)")
MERGE_FILTER = QT_TRANSLATE_NOOP(
    "Files", "Bundles and projects (*.annbundle *.zip *.annotator);;All files (*)"
)
MAX_LISTED = 500
"""Quarantined annotations listed one by one in the report (the rest are counted)."""


class NoteEditor(Protocol):
    """The details panel as far as a writer from another connection needs it."""

    def flush_note(self) -> None: ...


class ExchangeHost(Protocol):
    """What bundle export and merge need of the main window (its top-level widget is the
    parent of their dialogs)."""

    @property
    def session(self) -> Session: ...
    @property
    def details(self) -> NoteEditor: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...
    def on_error(self, message: str) -> None: ...


def add_exchange_actions(w: ExchangeHost, menu: QMenu, actions: dict[str, QAction]) -> None:
    """Add the two actions to ``menu`` (the File menu) and to ``actions`` by name."""
    for name, text, slot in (
        ("export_bundle", w.tr("Export my layer as &bundle…"), lambda: export_bundle_dialog(w)),
        ("merge", w.tr("&Merge bundle or project…"), lambda: merge_dialog(w)),
    ):
        action = QAction(text, menu)
        action.setObjectName(name)
        action.triggered.connect(lambda _c=False, slot=slot: slot())
        menu.addAction(action)
        actions[name] = action


# -- bundle export -----------------------------------------------------------------------------
def export_bundle_dialog(w: ExchangeHost) -> BackgroundJob | None:
    if w.session.path is None or not w.session.annotator:
        show_message(w.window(), w.tr("Bundle"), w.tr("Open a project and choose your name first."))
        return None
    default = start_path(f"{w.session.annotator}.annbundle")
    name, _ = QFileDialog.getSaveFileName(
        w.window(), w.tr("Export my layer"), default, files_filter(BUNDLE_FILTER)
    )
    remember_folder(name)
    return start_bundle(w, Path(name)) if name else None


def start_bundle(w: ExchangeHost, out: Path) -> BackgroundJob | None:
    """Write the current annotator's layer to ``out`` in the background."""
    path, me = w.session.path, w.session.annotator
    if path is None:
        return None

    from annotator.exchange.bundle_read import BundleManifest
    from annotator.exchange.bundle_write import write_bundle

    def work(progress: Progress, cancelled: IsCancelled) -> BundleManifest:
        with Project.open(path, read_only=True) as project:
            return write_bundle(project, me, out, progress=progress, cancelled=cancelled)

    job = BackgroundJob(w.window(), w.tr("Bundle"), w.tr("Writing the bundle…"), work)

    def done(outcome: str, payload: object) -> None:
        if outcome == "finished" and isinstance(payload, BundleManifest):
            w.statusBar().showMessage(bundle_written_text(out, payload.counts))
        elif outcome == "failed":
            w.on_error(w.tr("The bundle was not written: {0}").format(payload))
        else:
            w.statusBar().showMessage(w.tr("Bundle cancelled; nothing was written."), 10000)
        job.deleteLater()

    job.done.connect(done)
    job.start()
    return job


# -- merge -------------------------------------------------------------------------------------
def merge_dialog(w: ExchangeHost) -> BackgroundJob | None:
    if w.session.path is None:
        show_message(w.window(), w.tr("Merge"), w.tr("Open a project first."))
        return None
    name, _ = QFileDialog.getOpenFileName(
        w.window(), w.tr("Merge"), start_path(), files_filter(MERGE_FILTER)
    )
    remember_folder(name)
    return start_merge(w, Path(name), ask=True) if name else None


@dataclass(frozen=True)
class LabelQuestion:
    """What the worker returns instead of merging when the source holds labels the project's
    schema lacks and some would be quarantined: the user maps them first."""

    source: Path
    offers: list[LabelOffer]
    """every label of the source the project's schema lacks (``label_offers``)"""
    ours: list[str]
    """the project's labels (entity labels, event types, relation types), to choose from"""
    bundle: Bundle | None = None
    """the bundle as read and checked (not read again for the merge); None for a project
    file"""
    kinds: dict[str, str] = field(default_factory=dict)
    """the kind of each of ``ours`` and of each offered label (``label_map.label_kinds``):
    a label is offered only the project's labels of its kind"""
    role_pairs: list[tuple[str, str]] = field(default_factory=list)
    """the (event type, role) pairs of the source (``label_map.event_roles_of_records``, for
    a project file ``event_roles_of_schema``): the roles to ask about, through the label map
    the user chooses (``label_map.role_offers``)"""
    mine: Schema | None = None
    """the project's schema (its event types' roles, for ``role_offers``)"""


def merge_any(
    project_path: Path,
    source: Path,
    progress: Progress,
    cancelled: IsCancelled,
    label_map: dict[str, str] | None = None,
    ask: bool = False,
    bundle: Bundle | None = None,
    role_map: dict[str, str] | None = None,
) -> MergeReport | LabelQuestion:
    """The worker's job: open the project in this thread and merge ``source`` into it with
    ``label_map`` and ``role_map``. With ``ask``, a ``LabelQuestion`` instead when a label of
    the source our schema lacks would be quarantined, or the arguments of a role our event
    type lacks (with no label map, or with the one offered). ``bundle``: ``source`` already
    read."""
    from annotator.exchange import merge_bundle, merge_project_file, read_bundle
    from annotator.exchange.label_map import (
        event_roles_of_records,
        event_roles_of_schema,
        kinds_of_records,
        label_kinds,
        label_offers,
        role_offers,
    )
    from annotator.exchange.merge import project_file_labels

    with Project.open(project_path) as project:
        mine = project.schema
        ours = [lab.name for lab in mine.all_labels()]

        def question(
            theirs: Schema, held: dict[str, str], pairs: set[tuple[str, str]]
        ) -> LabelQuestion | None:
            offers = label_offers(mine, theirs, held)
            offered = {o.name: o.proposed for o in offers if o.proposed}
            if any(not o.added for o in offers) or any(
                role_offers(mine, pairs, m) for m in ({}, offered)
            ):
                kinds = label_kinds(theirs, held) | label_kinds(mine)
                return LabelQuestion(
                    source, offers, ours, bundle, kinds, sorted(pairs), mine
                )  # fmt: skip
            return None

        if is_project_file(source):
            if ask:  # the labels its records carry too (its schema may no longer define one)
                theirs, held, held_roles = project_file_labels(source)
                asked = question(theirs, held, event_roles_of_schema(theirs, held_roles))
                if asked is not None:
                    return asked
            return merge_project_file(
                project, source, progress, cancelled, label_map=label_map, role_map=role_map
            )
        if bundle is None:
            bundle = read_bundle(source)
        if ask:
            held = kinds_of_records(bundle.records)
            asked = question(bundle.schema, held, event_roles_of_records(bundle.records))
            if asked is not None:
                return asked
        return merge_bundle(
            project, bundle, source.name, progress, cancelled, label_map=label_map,
            role_map=role_map,
        )  # fmt: skip


def start_merge(
    w: ExchangeHost,
    source: Path,
    label_map: dict[str, str] | None = None,
    *,
    ask: bool = False,
    bundle: Bundle | None = None,
    role_map: dict[str, str] | None = None,
) -> BackgroundJob | None:
    """Merge ``source`` into the open project in the background with ``label_map`` (and
    ``role_map``), then show the report. With ``ask``, labels of the source our schema
    lacks (and roles our event types lack) are put to the user first (``LabelMapDialog``)
    when some would be quarantined; the merge then runs as a second job with the chosen
    maps."""
    from annotator.exchange import MergeReport  # (loaded here, before the worker thread)

    path = w.session.path
    if path is None:
        return None
    w.details.flush_note()  # a pending note is saved before the other connection writes
    job = BackgroundJob(
        w.window(), w.tr("Merge"), w.tr("Merging {0}…").format(source.name),
        lambda progress, cancelled: merge_any(
            path, source, progress, cancelled, label_map, ask, bundle, role_map
        ),
    )  # fmt: skip

    def done(outcome: str, payload: object) -> None:
        if outcome == "finished" and isinstance(payload, LabelQuestion):
            job.deleteLater()
            chosen = ask_maps(w.window(), payload)
            if chosen is None:
                w.statusBar().showMessage(w.tr("Merge cancelled; nothing was merged."), 10000)
            else:
                start_merge(w, source, chosen[0], bundle=payload.bundle, role_map=chosen[1])
            return
        project = w.session.project
        if project is not None and outcome == "finished":
            # the merge ran on another connection: our clock must not issue stamps below
            # the merged ones (or our next edit of a merged record would lose the next merge),
            # and labels it added to the schema must not be written away by a schema edit
            project.refresh()
        w.session.refresh(cause="merge")
        if outcome == "finished" and isinstance(payload, MergeReport):
            show_report(w.window(), payload)
        elif outcome == "failed":
            w.on_error(w.tr("Nothing was merged: {0}").format(payload))
        else:
            w.statusBar().showMessage(w.tr("Merge cancelled; nothing was merged."), 10000)
        job.deleteLater()

    job.done.connect(done)
    job.start()
    return job


QUARANTINED_KINDS = {
    "documents": QT_TRANSLATE_NOOP("ExchangeActions", "documents"),
    "spans": QT_TRANSLATE_NOOP("ExchangeActions", "spans"),
    "events": QT_TRANSLATE_NOOP("ExchangeActions", "events"),
    "arguments": QT_TRANSLATE_NOOP("ExchangeActions", "arguments"),
    "relations": QT_TRANSLATE_NOOP("ExchangeActions", "relations"),
    "statuses": QT_TRANSLATE_NOOP("ExchangeActions", "statuses"),
}
"""the kinds of what a merge sets aside (``Quarantined.kind``: a table's name), and of what
a bundle counts (``BundleManifest.counts``, documents too)"""


def bundle_written_text(out: Path, counts: dict[str, int]) -> str:
    """The status bar's text after a bundle is written: its path left to right, each count
    named in the interface language."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("ExchangeActions", text)

    shown = tr(", ").join(
        tr("{0}: {1}").format(tr(QUARANTINED_KINDS.get(kind, kind)), n)
        for kind, n in sorted(counts.items())
    )
    return tr("Bundle written to {0} ({1})").format(path_text(out), shown)


def report_text(report: MergeReport, limit: int = MAX_LISTED) -> str:
    """The report as plain text in the interface language: the summary lines, then each
    quarantined annotation (its reason as the project keeps it)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("ExchangeActions", text)

    iso = isolate if interface_rtl() else str  # ids and reasons keep their order in Arabic
    lines = [core_text(line) for line in report.lines()]
    if report.quarantined:
        lines += ["", tr("Quarantined (set aside, not attached to any text):")]
        lines += [
            "  "
            + tr("{0} {1} in document {2}: {3}").format(
                tr(QUARANTINED_KINDS.get(q.kind, q.kind)),
                iso(q.uuid),
                iso(q.doc_sha256[:12]),
                iso(core_text(q.reason)),
            )
            for q in report.quarantined[:limit]
        ]
        if len(report.quarantined) > limit:
            lines.append("  " + tr("… and {0} more").format(len(report.quarantined) - limit))
    return "\n".join(lines)


class ReportDialog(QDialog):
    """A read-only, selectable plain-text report."""

    def __init__(self, title: str, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        caption = QLabel(self.tr("Merge report"), self)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        lines_in_their_direction(self.text)
        self.text.setPlainText(text)  # names and labels from the other file stay literal
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(700, 420)


class LabelMapDialog(QDialog):
    """The labels of a received file the project's schema lacks, each with a choice: one of
    the project's labels (its annotations merged as that label), or the merge's own way
    (kept apart in the quarantine, or added as a new label). Then the roles of the file our
    event types lack ("Roles to map": their event type, their role, a choice among the
    roles of our event type, as the label map chosen above reads it, or keep apart), kept
    up to date as a label choice changes. Names from the file are plain text."""

    def __init__(self, question: LabelQuestion, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.question = question
        self.setWindowTitle(
            self.tr("Labels to map") if question.offers else self.tr("Roles to map")
        )
        caption = QLabel(
            (
                self.tr(
                    "{0} holds labels this project's schema lacks. Choose for each the "
                    "project's label to merge its annotations as. A proposed label differs "
                    "only in case or spelling; check it."
                )
                if question.offers
                else self.tr(
                    "{0} holds roles this project's event types lack; their arguments would be "
                    "kept apart. Choose for each the role of our event type to merge them as. "
                    "A proposed role differs only in case or spelling; check it."
                )
            ).format(path_text(question.source)),
            self,
        )
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setWordWrap(True)
        page = QWidget()
        rows = QWidget(page)
        rows.setVisible(bool(question.offers))
        grid = QGridLayout(rows)
        heads = (self.tr("Their label"), self.tr("Merge as"))
        for column, head in enumerate(heads):
            title = QLabel(head, rows)
            title.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(title, 0, column)
        self.choices: dict[str, QComboBox] = {}
        for row, offer in enumerate(question.offers, 1):
            name = QLabel(offer.name, rows)
            name.setTextFormat(Qt.TextFormat.PlainText)  # the file's name for it, literally
            name.setObjectName("their_label")
            combo = QComboBox(rows)
            combo.setObjectName("merge_as")
            combo.addItem(
                self.tr("add as a new label")
                if offer.added
                else self.tr("keep apart (quarantine)"),
                "",
            )
            kind = question.kinds.get(offer.name, "")
            for ours in question.ours:  # only our labels of its kind
                if not kind or question.kinds.get(ours) == kind:
                    combo.addItem(ours, ours)
            if offer.proposed and combo.findData(offer.proposed) >= 0:
                combo.setCurrentIndex(combo.findData(offer.proposed))
            name.setBuddy(combo)
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            self.choices[offer.name] = combo
        # the roles, under the labels: rows made as the label map first needs them, shown
        # while it does
        self.roles_title = QLabel(self.tr("Roles to map"), page)
        self.roles_title.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.roles_title.font()
        bold.setBold(True)
        self.roles_title.setFont(bold)
        self.roles_caption = QLabel(  # (no path here: one long word would widen the rows)
            self.tr(
                "The file also holds roles this project's event types lack; their arguments "
                "would be kept apart. Choose for each the role of our event type to merge them "
                "as. A proposed role differs only in case or spelling; check it."
            ),
            page,
        )
        self.roles_caption.setTextFormat(Qt.TextFormat.PlainText)
        self.roles_caption.setWordWrap(True)
        self.roles_caption.setObjectName("roles_caption")
        self._rows = QWidget(page)
        self._grid = QGridLayout(self._rows)
        self._grid.setColumnStretch(2, 1)
        role_heads = (self.tr("Their event type"), self.tr("Their role"), self.tr("Merge as"))
        for column, head in enumerate(role_heads):
            title = QLabel(head, self._rows)
            title.setTextFormat(Qt.TextFormat.PlainText)
            self._grid.addWidget(title, 0, column)
        self._next_row = 1
        self.conflict = QLabel(self)
        self.conflict.setTextFormat(Qt.TextFormat.PlainText)
        self.conflict.setWordWrap(True)
        self.conflict.setObjectName("role_conflict")
        sections = QVBoxLayout(page)
        for widget in (rows, self.roles_title, self.roles_caption, self._rows):
            sections.addWidget(widget)
        sections.addStretch(1)
        self.role_rows: dict[tuple[str, str], tuple[QLabel, QLabel, QComboBox]] = {}
        """(their event type, their role): its row, made when first needed"""
        self._role_targets: dict[tuple[str, str], str] = {}
        """the project's event type each row's choices are the roles of"""
        self.role_choices: dict[tuple[str, str], QComboBox] = {}
        """the rows shown, as the label map chosen now needs them"""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.conflict)
        layout.addWidget(buttons)
        self.update_roles()
        for combo in self.choices.values():
            combo.currentIndexChanged.connect(lambda _i: self.update_roles())
        self.resize(760, 460)

    def label_map(self) -> dict[str, str]:
        """The chosen map: their label: the project's, for each row set to one of ours."""
        return {
            theirs: str(combo.currentData())
            for theirs, combo in self.choices.items()
            if combo.currentData()
        }

    def update_roles(self) -> None:
        """Show the role rows the label map chosen now needs (``role_offers``), each offering
        the roles of the project's event type it reads their event type as."""
        from annotator.exchange.label_map import role_offers

        mine = self.question.mine
        offers = (
            [] if mine is None else role_offers(mine, self.question.role_pairs, self.label_map())
        )
        self.role_choices = {}
        for event, role, combo in self.role_rows.values():
            for widget in (event, role, combo):
                widget.setVisible(False)
        for offer in offers:
            key = (offer.event, offer.role)
            if key not in self.role_rows:
                self.role_rows[key] = self._role_row(offer.event, offer.role)
            event, role, combo = self.role_rows[key]
            if self._role_targets.get(key) != offer.ours:  # (again) our event type's roles
                self._role_targets[key] = offer.ours
                combo.blockSignals(True)
                combo.clear()
                combo.addItem(self.tr("keep apart (quarantine)"), "")
                for ours in offer.roles:
                    combo.addItem(ours, ours)
                if offer.proposed:
                    combo.setCurrentIndex(combo.findData(offer.proposed))
                combo.blockSignals(False)
            for widget in (event, role, combo):
                widget.setVisible(True)
            self.role_choices[key] = combo
        for part in (self.roles_title, self.roles_caption, self._rows):
            part.setVisible(bool(offers))
        self.roles_caption.setVisible(bool(offers) and bool(self.question.offers))
        self.check_roles()

    def _role_row(self, event_name: str, role_name: str) -> tuple[QLabel, QLabel, QComboBox]:
        event = QLabel(event_name, self._rows)
        event.setTextFormat(Qt.TextFormat.PlainText)  # the file's names, literally
        event.setObjectName("their_event_type")
        role = QLabel(role_name, self._rows)
        role.setTextFormat(Qt.TextFormat.PlainText)
        role.setObjectName("their_role")
        combo = QComboBox(self._rows)
        combo.setObjectName("merge_role_as")
        combo.currentIndexChanged.connect(lambda _i: self.check_roles())
        role.setBuddy(combo)
        row = self._next_row
        self._next_row += 1
        self._grid.addWidget(event, row, 0)
        self._grid.addWidget(role, row, 1)
        self._grid.addWidget(combo, row, 2)
        return event, role, combo

    def role_map(self) -> dict[str, str]:
        """The chosen role map: their role: the project's, for each row shown set to one of
        ours (a merge's role map is one for every event type: ``role_conflict`` says when
        the rows disagree)."""
        return {
            role: str(combo.currentData())
            for (_event, role), combo in self.role_choices.items()
            if combo.currentData()
        }

    def role_conflict(self) -> str:
        """Their role the rows shown take otherwise for two event types (or map for one
        while another of our event types has it already), or ``""``: a merge's role map
        renames a role of theirs for every event type."""
        chosen: dict[str, set[str]] = {}
        for (_event, role), combo in self.role_choices.items():
            chosen.setdefault(role, set()).add(str(combo.currentData() or ""))
        mine = self.question.mine
        label_map = self.label_map()
        for event, role in self.question.role_pairs:
            if chosen.get(role, set()) - {""} and (event, role) not in self.role_choices:
                ours = None if mine is None else mine.event(label_map.get(event, event))
                if ours is not None and ours.role(role) is not None:
                    chosen[role].add("")  # valid there as it is: a map would rename it
        return next(
            (
                role
                for role, targets in sorted(chosen.items())
                if targets - {""} and len(targets) > 1
            ),
            "",
        )

    def check_roles(self) -> None:
        """Refuse (Merge disabled, the reason shown) a role map the rows cannot give."""
        role = self.role_conflict()
        self.conflict.setText(
            self.tr(
                "Their role {0} is renamed for every event type by one choice: choose the "
                "same for each of its rows."
            ).format(role)
            if role
            else ""
        )
        self.conflict.setVisible(bool(role))
        self.ok.setEnabled(not role)


def ask_label_map(w: QWidget, question: LabelQuestion) -> dict[str, str] | None:
    """The label map the user chooses in ``LabelMapDialog``, or None when they cancel."""
    chosen = ask_maps(w, question)
    return None if chosen is None else chosen[0]


def ask_maps(w: QWidget, question: LabelQuestion) -> tuple[dict[str, str], dict[str, str]] | None:
    """The label map and role map the user chooses in ``LabelMapDialog``, or None when they
    cancel."""
    with freed(LabelMapDialog(question, w)) as dialog:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.label_map(), dialog.role_map()


def show_report(w: QWidget, report: MergeReport) -> None:
    with freed(ReportDialog(w.tr("Merge"), report_text(report), w)) as dialog:
        dialog.exec()


__all__: Sequence[str] = [
    "LabelMapDialog",
    "LabelQuestion",
    "ReportDialog",
    "add_exchange_actions",
    "ask_label_map",
    "ask_maps",
    "export_bundle_dialog",
    "merge_any",
    "merge_dialog",
    "report_text",
    "start_bundle",
    "start_merge",
]
