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


def merge_any(
    project_path: Path,
    source: Path,
    progress: Progress,
    cancelled: IsCancelled,
    label_map: dict[str, str] | None = None,
    ask: bool = False,
    bundle: Bundle | None = None,
) -> MergeReport | LabelQuestion:
    """The worker's job: open the project in this thread and merge ``source`` into it with
    ``label_map``. With ``ask``, a ``LabelQuestion`` instead when a label of the source our
    schema lacks would be quarantined. ``bundle``: ``source`` already read."""
    from annotator.exchange import merge_bundle, merge_project_file, read_bundle
    from annotator.exchange.label_map import kinds_of_records, label_kinds, label_offers
    from annotator.exchange.merge import project_file_labels

    with Project.open(project_path) as project:
        mine = project.schema
        ours = [lab.name for lab in mine.all_labels()]
        if is_project_file(source):
            if ask:  # the labels its records carry too (its schema may no longer define one)
                theirs, held, _ = project_file_labels(source)
                offers = label_offers(mine, theirs, held)
                if any(not o.added for o in offers):
                    kinds = label_kinds(theirs, held) | label_kinds(mine)
                    return LabelQuestion(source, offers, ours, kinds=kinds)
            return merge_project_file(project, source, progress, cancelled, label_map=label_map)
        if bundle is None:
            bundle = read_bundle(source)
        if ask:
            held = kinds_of_records(bundle.records)
            offers = label_offers(mine, bundle.schema, held)
            if any(not o.added for o in offers):
                kinds = label_kinds(bundle.schema, held) | label_kinds(mine)
                return LabelQuestion(source, offers, ours, bundle, kinds)
        return merge_bundle(project, bundle, source.name, progress, cancelled, label_map=label_map)


def start_merge(
    w: ExchangeHost,
    source: Path,
    label_map: dict[str, str] | None = None,
    *,
    ask: bool = False,
    bundle: Bundle | None = None,
) -> BackgroundJob | None:
    """Merge ``source`` into the open project in the background with ``label_map``, then
    show the report. With ``ask``, labels of the source our schema lacks are put to the user
    first (``LabelMapDialog``) when some would be quarantined; the merge then runs as a
    second job with the chosen map."""
    from annotator.exchange import MergeReport  # (loaded here, before the worker thread)

    path = w.session.path
    if path is None:
        return None
    w.details.flush_note()  # a pending note is saved before the other connection writes
    job = BackgroundJob(
        w.window(), w.tr("Merge"), w.tr("Merging {0}…").format(source.name),
        lambda progress, cancelled: merge_any(
            path, source, progress, cancelled, label_map, ask, bundle
        ),
    )  # fmt: skip

    def done(outcome: str, payload: object) -> None:
        if outcome == "finished" and isinstance(payload, LabelQuestion):
            job.deleteLater()
            chosen = ask_label_map(w.window(), payload)
            if chosen is None:
                w.statusBar().showMessage(w.tr("Merge cancelled; nothing was merged."), 10000)
            else:
                start_merge(w, source, chosen, bundle=payload.bundle)
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
    (kept apart in the quarantine, or added as a new label). Names from the file are plain
    text."""

    def __init__(self, question: LabelQuestion, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Labels to map"))
        caption = QLabel(
            self.tr(
                "{0} holds labels this project's schema lacks. Choose for each the project's "
                "label to merge its annotations as. A proposed label differs only in case or "
                "spelling; check it."
            ).format(path_text(question.source)),
            self,
        )
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setWordWrap(True)
        rows = QWidget()
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
        grid.setRowStretch(len(question.offers) + 1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def label_map(self) -> dict[str, str]:
        """The chosen map: their label: the project's, for each row set to one of ours."""
        return {
            theirs: str(combo.currentData())
            for theirs, combo in self.choices.items()
            if combo.currentData()
        }


def ask_label_map(w: QWidget, question: LabelQuestion) -> dict[str, str] | None:
    """The label map the user chooses in ``LabelMapDialog``, or None when they cancel."""
    with freed(LabelMapDialog(question, w)) as dialog:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.label_map()


def show_report(w: QWidget, report: MergeReport) -> None:
    with freed(ReportDialog(w.tr("Merge"), report_text(report), w)) as dialog:
        dialog.exec()


__all__: Sequence[str] = [
    "LabelMapDialog",
    "LabelQuestion",
    "ReportDialog",
    "add_exchange_actions",
    "ask_label_map",
    "export_bundle_dialog",
    "merge_any",
    "merge_dialog",
    "report_text",
    "start_bundle",
    "start_merge",
]
