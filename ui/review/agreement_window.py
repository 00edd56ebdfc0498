"""The Agreement window: pick annotators (gold included) and labels, measure in the background.

The measuring runs on a pool thread that opens its own read-only ``Project`` (SQLite
connections belong to their thread) and calls ``annotator.agreement.agreement`` on the layers
``annotator.agreement.project_layers`` gives, exactly as the CLI does, so the window and
``annotator agreement`` show the same figures. Results fill plain-text tables: pairs, per label,
events (ACE measures), per document, and the label confusion matrix of one pair; "Save HTML
report…" writes ``annotator.agreement.report`` in the background as well (matplotlib).

Figures read left to right in either interface: a cell's text is the figure as it is (what
a copy gives, "-0.055"), its value kept beside it (``VALUE_ROLE``) to compare by, and the
tables' delegate (``FigureDelegate``) lays a cell without a letter out left to right; the
summary line, a label, holds each figure as a left-to-right isolate (``shown``). In the Arabic
window "-0.055" read "0.055-": with no letter of its own, a figure takes the right-to-left
direction of its cell or line, which puts its minus sign on the right.

A table of more than ``FILL_ROWS`` rows (per document: documents × pairs, 15,000 rows for
5,000 documents of three annotators) shows its first rows at once and gets the others
``FILL_ROWS`` at a time on the following turns of the event loop: made all at once, its 90,000
cells held the window for a second after the measuring itself ran in the background.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.agreement import AgreementResult, PairResult, project_layers
from annotator.agreement.measures import figure
from annotator.agreement.report import ENGLISH, ReportLanguage, write_html_report
from annotator.formats.common import IsCancelled, Progress
from annotator.model import GOLD
from annotator.project import Project
from annotator.schema import Schema
from ui.dialogs.paths import files_filter, remember_folder, start_path
from ui.dialogs.prompts import show_message
from ui.i18n import (
    LRI,
    PDI,
    QT_TRANSLATE_NOOP,
    RLM,
    core_text,
    current_language,
    interface_rtl,
    is_rtl_text,
    isolate,
    label_tag,
    path_text,
    plain_tooltip,
)
from ui.jobs import BackgroundJob
from ui.screen import fit_to_screen
from ui.session import Session
from ui.widgets import lines_in_their_direction

REPORT_FILTER = QT_TRANSLATE_NOOP("Files", "HTML report (*.html);;All files (*)")


def fmt(value: object) -> str:
    """A cell as the tables show it: figures with three decimals, "—" where undefined."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return figure(value)  # the CLI's and the report's: never -0.000
    return str(value)


def shown(value: object) -> str:
    """A figure as a line of text shows it (``fmt`` as a left-to-right isolate, LRI … PDI): a
    negative one keeps its minus sign on the left in an Arabic line too."""
    return f"{LRI}{fmt(value)}{PDI}"


def measure(
    path: Path,
    annotators: Sequence[str],
    labels: Sequence[str] | None,
    progress: Progress,
    cancelled: IsCancelled,
) -> tuple[AgreementResult, Schema]:
    """The worker's job: open the project read-only in this thread and measure."""
    from annotator.agreement import agreement

    with Project.open(path, read_only=True) as project:
        layers = project_layers(project, annotators)
        result = agreement(layers, annotators, labels, progress, cancelled)
        return result, project.schema


def label_names(schema: Schema | None) -> dict[str, str]:
    """Label name → the name the window shows (``ui.i18n.label_tag``: the Arabic form in
    Arabic, as the review window's tags); a label the schema lacks shows its own name."""
    return {lab.name: label_tag(lab) for lab in schema.span_labels()} if schema else {}


@dataclass(frozen=True)
class Named:
    """A label in a table: ``shown`` in the cell, the label's own ``name`` in its tooltip."""

    name: str
    shown: str


def _named(names: Mapping[str, str], label: str) -> Named:
    return Named(label, names.get(label, label))


FILL_ROWS = 500
"""rows of a table made per turn of the event loop (about 30 ms of work)"""

_FIGURE = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # (made once: 0.3 s/90,000)
VALUE_ROLE = Qt.ItemDataRole.UserRole
"""a figure cell's value (a float or an int; None where undefined): its text is ``fmt`` of it,
for reading and copying, this is what to compare or sort by"""


def _has_letter(text: str) -> bool:
    """Whether ``text`` has a strong (left-to-right or right-to-left) character."""
    return is_rtl_text(text) or any(unicodedata.bidirectional(ch) == "L" for ch in text)


class FigureDelegate(QStyledItemDelegate):
    """Lays a cell without a letter (a figure, "—") out left to right, whatever the
    interface's direction, in the place the interface gives it: in the Arabic window a cell
    takes the right-to-left direction, and "-0.055" read "0.055-" there."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if option.text and not _has_letter(option.text):
            # where the cell's text sits stays the interface's (the end of a right-to-left
            # cell is its left side); only the order within the figure is left to right
            option.displayAlignment = (
                QStyle.visualAlignment(option.direction, option.displayAlignment)
                | Qt.AlignmentFlag.AlignAbsolute
            )
            option.direction = Qt.LayoutDirection.LeftToRight


def _item(value: object) -> QTableWidgetItem:
    if isinstance(value, Named):
        item = QTableWidgetItem(value.shown)
        if value.shown != value.name:
            item.setToolTip(plain_tooltip(value.name))
        return item
    item = QTableWidgetItem(fmt(value))  # plain text, whatever the names hold
    if not isinstance(value, str):
        item.setTextAlignment(_FIGURE)
        item.setData(VALUE_ROLE, value)
    return item


def _table(headers: Sequence[object], rows: Sequence[Sequence[object]], name: str) -> QTableWidget:
    """A read-only table of ``rows``: the first ``FILL_ROWS`` now, the rest on later turns of
    the event loop (``filling(table)`` says whether some are still to come)."""
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    for c, header in enumerate(headers):
        table.setHorizontalHeaderItem(c, _item(header))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setItemDelegate(FigureDelegate(table))
    _fill(table, rows, 0)
    table.resizeColumnsToContents()  # (measures the rows made: at most FILL_ROWS)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[object]], first: int) -> None:
    """Make rows ``first`` … ``first + FILL_ROWS`` of ``table``; the next ones on the next turn
    of the event loop (never once the table is deleted: it is the timer's context)."""
    end = min(len(rows), first + FILL_ROWS)
    for r in range(first, end):
        for c, value in enumerate(rows[r]):
            table.setItem(r, c, _item(value))
    table.setProperty("filling", end < len(rows))
    if end < len(rows):
        QTimer.singleShot(0, table, lambda: _fill(table, rows, end))


def filling(table: QTableWidget) -> bool:
    """Whether rows of ``table`` are still to be made."""
    return bool(table.property("filling"))


def _checklist(
    names: Sequence[str], checked: Sequence[str], name: str, shown: Mapping[str, str] | None = None
) -> QListWidget:
    """A list of ``names`` to tick, each shown as ``shown`` has it (its own name in a plain
    tooltip when that differs)."""
    widget = QListWidget()
    widget.setObjectName(name)
    for text in names:
        item = QListWidgetItem((shown or {}).get(text, text))
        item.setData(Qt.ItemDataRole.UserRole, text)
        if item.text() != text:
            item.setToolTip(plain_tooltip(text))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        on = text in checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    """The names (not the shown texts) of the ticked items."""
    items = (widget.item(i) for i in range(widget.count()))
    return [
        str(it.data(Qt.ItemDataRole.UserRole))
        for it in items
        if it.checkState() == Qt.CheckState.Checked
    ]


class AgreementWindow(QWidget):
    """Choose, run, read, save. One measuring job at a time."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("AgreementWindow")
        self.setWindowTitle(self.tr("Agreement"))
        self.session = session
        self.result: AgreementResult | None = None
        self.schema: Schema | None = None
        self.job: BackgroundJob | None = None
        project = session.project
        self.label_names = label_names(project.schema if project else None)
        names = project.annotators() if project else []
        labels = [lab.name for lab in project.schema.span_labels()] if project else []
        # gold is the adjudicated layer, not an analyst: unticked, so the headline measures
        # the analysts against each other (tick it to compare them with gold)
        analysts = [n for n in names if n != GOLD]
        self.annotators = _checklist(names, analysts, "agreement-annotators")
        self.labels = _checklist(labels, labels, "agreement-labels", self.label_names)
        self.run_button = QPushButton(self.tr("Measure"), self)
        self.run_button.clicked.connect(self.run)
        self.save_button = QPushButton(self.tr("Save HTML report…"), self)
        self.save_button.clicked.connect(self.save_report)
        self.save_button.setEnabled(False)
        self.summary = QLabel(self.tr("Choose annotators and labels, then Measure."), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.tabs = QTabWidget(self)
        self.pair_choice = QComboBox(self)
        self.pair_choice.currentIndexChanged.connect(lambda _i: self._show_confusion())
        self.tables: dict[str, QTableWidget] = {}

        side = QVBoxLayout()
        for title, widget in ((self.tr("Annotators"), self.annotators),
                              (self.tr("Labels (spans)"), self.labels)):  # fmt: skip
            caption = QLabel(title, self)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            side.addWidget(caption)
            side.addWidget(widget, 1)
        side.addWidget(self.run_button)
        side.addWidget(self.save_button)
        main = QVBoxLayout()
        main.addWidget(self.summary)
        main.addWidget(self.tabs, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(main, 4)
        fit_to_screen(self, QSize(1200, 750))

    # -- measuring -------------------------------------------------------------------------
    def run(self) -> BackgroundJob | None:
        """Measure the chosen annotators and labels in the background."""
        path = self.session.path
        names = _checked(self.annotators)
        if path is None or self.job is not None:
            return None
        if len(names) < 2:
            show_message(self, self.tr("Agreement"), self.tr("Choose at least two annotators."))
            return None
        chosen = _checked(self.labels)
        labels = None if len(chosen) == self.labels.count() else chosen
        job = BackgroundJob(
            self, self.tr("Agreement"), self.tr("Measuring agreement…"),
            lambda progress, cancelled: measure(path, names, labels, progress, cancelled),
        )  # fmt: skip
        job.done.connect(self._measured)
        self.job = job
        self.run_button.setEnabled(False)
        job.start()
        return job

    def _measured(self, outcome: str, payload: object) -> None:
        self.job = None
        self.run_button.setEnabled(True)
        if outcome == "finished" and isinstance(payload, tuple):
            result, schema = payload
            self.show_result(result, schema)
        elif outcome == "failed":
            show_message(self, self.tr("Agreement"), str(payload))

    # -- showing ---------------------------------------------------------------------------
    def show_result(self, result: AgreementResult, schema: Schema | None = None) -> None:
        """Fill every table from ``result``."""
        self.result, self.schema = result, schema
        if schema is not None:
            self.label_names = label_names(schema)
        self.save_button.setEnabled(True)
        self.summary.setText(
            self.tr("{0} annotators ({1}), {2} documents · alpha (nominal, tokens): {3} · "
                    "alpha-U (characters): {4}").format(
                len(result.annotators), ", ".join(result.annotators), result.documents,
                shown(result.alpha_nominal), shown(result.alpha_u.alpha),
            )
        )  # fmt: skip
        for name, old in self.tables.items():
            if name != "confusion":  # (a page: the confusion table sits in the page reused)
                old.deleteLater()  # a table still filling stops
        self.tabs.clear()
        self.tables = {}
        pairs = result.pairs
        self._tab("pairs", self.tr("Pairs"), _pair_headers(), [_pair_row(p) for p in pairs])
        label_rows = [
            [p.a, p.b, _named(self.label_names, label), *_label_cells(p, label)]
            for p in pairs
            for label in result.labels
        ]
        headers = [_A, _B, QT_TRANSLATE_NOOP("Agreement", "label"), _P_EXACT, _R_EXACT,
                   _F1_EXACT, _F1_OVERLAP, QT_TRANSLATE_NOOP("Agreement", "n A"),
                   QT_TRANSLATE_NOOP("Agreement", "n B"), _ALPHA_U]  # fmt: skip
        self._tab("labels", self.tr("Per label"), headers, label_rows)
        event_rows = [
            [p.a, p.b, _measure(name), s.micro.precision, s.micro.recall, s.micro.f1]
            for p in pairs
            for name, s in p.events.items()
        ]
        headers = [_A, _B, QT_TRANSLATE_NOOP("Agreement", "measure"),
                   QT_TRANSLATE_NOOP("Agreement", "P"), QT_TRANSLATE_NOOP("Agreement", "R"),
                   QT_TRANSLATE_NOOP("Agreement", "F1")]  # fmt: skip
        self._tab("events", self.tr("Events"), headers, event_rows)
        doc_rows = [
            [p.a, p.b, d.name, d.exact.f1, d.overlap.f1, d.kappa]
            for p in pairs
            for d in p.documents
        ]
        headers = [_A, _B, QT_TRANSLATE_NOOP("Agreement", "document"), _F1_EXACT, _F1_OVERLAP,
                   _KAPPA]  # fmt: skip
        self._tab("documents", self.tr("Per document"), headers, doc_rows)
        confusion = QWidget(self)
        box = QVBoxLayout(confusion)
        self.pair_choice.blockSignals(True)
        self.pair_choice.clear()
        for i, p in enumerate(pairs):
            self.pair_choice.addItem(f"{p.a} / {p.b}", i)
        self.pair_choice.blockSignals(False)
        box.addWidget(self.pair_choice)
        self.confusion_box = box
        self.tabs.addTab(confusion, self.tr("Confusion"))
        self._show_confusion()
        notes = QPlainTextEdit(self)
        notes.setReadOnly(True)
        lines_in_their_direction(notes)
        notes.setPlainText("\n\n".join(core_text(note) for note in result.notes))
        self.tabs.addTab(notes, self.tr("Notes"))

    def _tab(
        self, name: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]
    ) -> None:
        # an empty translation (an unfinished entry compiled into the .qm) shows the English
        shown = [QCoreApplication.translate("Agreement", h) or h for h in headers]
        table = _table(shown, rows, f"agreement-{name}")
        self.tables[name] = table
        self.tabs.addTab(table, title)

    def _show_confusion(self) -> None:
        if self.result is None or not self.result.pairs:
            return
        index = max(self.pair_choice.currentIndex(), 0)
        pair = self.result.pairs[index]
        labels = [_named(self.label_names, label) for label in pair.confusion.labels]
        rows = [
            [label, *counts] for label, counts in zip(labels, pair.confusion.rows(), strict=True)
        ]
        table = _table([_corner(pair.a, pair.b), *labels], rows, "agreement-confusion")
        old = self.tables.pop("confusion", None)
        if old is not None:
            self.confusion_box.removeWidget(old)
            old.deleteLater()
        self.tables["confusion"] = table
        self.confusion_box.addWidget(table, 1)

    # -- report ----------------------------------------------------------------------------
    def save_report(self) -> BackgroundJob | None:
        """Ask for a file name and write the HTML report there in the background."""
        result, schema = self.result, self.schema
        if result is None:
            return None
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save HTML report"),
            start_path("agreement.html"),
            files_filter(REPORT_FILTER),
        )
        if not name:
            return None
        remember_folder(name)
        path = Path(name)
        language = report_language()
        job = BackgroundJob(
            self, self.tr("Agreement"), self.tr("Writing the report…"),
            lambda _progress, _cancelled: write_html_report(result, path, schema, language),
        )  # fmt: skip
        job.done.connect(lambda outcome, payload: self._saved(outcome, payload, path))
        self.job = job
        job.start()
        return job

    def _saved(self, outcome: str, payload: object, path: Path) -> None:
        self.job = None
        if outcome == "failed":
            show_message(self, self.tr("Agreement"), str(payload))
        elif outcome == "finished":
            self.summary.setText(self.tr("Report written to {0}").format(path_text(path)))


def _corner(a: str, b: str) -> str:
    """The confusion matrix's corner: A's labels down, B's across, the arrow pointing the way
    the columns run (leftwards in a right-to-left interface), each name a bidi isolate there."""
    if interface_rtl():
        return f"{RLM}{isolate(a)} ↓ / {isolate(b)} ←"
    return f"{a} ↓ / {b} →"


_A = QT_TRANSLATE_NOOP("Agreement", "A")
_B = QT_TRANSLATE_NOOP("Agreement", "B")
_P_EXACT = QT_TRANSLATE_NOOP("Agreement", "P exact")
_R_EXACT = QT_TRANSLATE_NOOP("Agreement", "R exact")
_F1_EXACT = QT_TRANSLATE_NOOP("Agreement", "F1 exact")
_F1_OVERLAP = QT_TRANSLATE_NOOP("Agreement", "F1 overlap")
_KAPPA = QT_TRANSLATE_NOOP("Agreement", "kappa")
_ALPHA_U = QT_TRANSLATE_NOOP("Agreement", "alpha-U")


EVENT_MEASURES = (
    QT_TRANSLATE_NOOP("Agreement", "trigger_identification"),
    QT_TRANSLATE_NOOP("Agreement", "trigger_classification"),
    QT_TRANSLATE_NOOP("Agreement", "argument_identification"),
    QT_TRANSLATE_NOOP("Agreement", "argument_classification"),
    QT_TRANSLATE_NOOP("Agreement", "argument_identification_attached"),
    QT_TRANSLATE_NOOP("Agreement", "argument_classification_attached"),
    QT_TRANSLATE_NOOP("Agreement", "argument_identification_overlap"),
    QT_TRANSLATE_NOOP("Agreement", "argument_classification_overlap"),
)
"""the core's event measures (``annotator.agreement.bulk.EVENT_MEASURES``; a test keeps the
two lists equal), listed for translation: English shows the names the CLI prints"""


def _measure(name: str) -> Named:
    """An event measure's cell: its name in the interface language, the core's name in its
    tooltip (a measure not translated shows the core's name)."""
    return Named(name, QCoreApplication.translate("Agreement", name) or name)


def _report_measure(name: str) -> str:
    """An event measure as the report names it in the interface language (the core's name,
    spaced, when it has no translation)."""
    shown = QCoreApplication.translate("Agreement", name)
    return shown if shown and shown != name else name.replace("_", " ")


def report_language() -> ReportLanguage:
    """The language of the HTML report saved from the window: the interface's (its texts
    through ``core_text``, the event measures named as the Events tab names them); English,
    the CLI's report, in the English interface."""
    lang = current_language()
    if lang == "en":
        return ENGLISH
    return ReportLanguage(lang, core_text, _report_measure)


def _pair_headers() -> list[str]:
    """Column titles of the Pairs table (English; translated where shown)."""
    return [_A, _B, _P_EXACT, _R_EXACT, _F1_EXACT, _F1_OVERLAP,
            QT_TRANSLATE_NOOP("Agreement", "boundary F1"), _KAPPA, _ALPHA_U,
            QT_TRANSLATE_NOOP("Agreement", "doc-average F1")]  # fmt: skip


def _pair_row(p: PairResult) -> list[object]:
    boundary = p.exact.boundary.f1 if p.exact.boundary else None
    return [p.a, p.b, p.exact.micro.precision, p.exact.micro.recall, p.exact.micro.f1,
            p.overlap.micro.f1, boundary, p.kappa, p.alpha_u.alpha,
            p.document_average_f1]  # fmt: skip


def _label_cells(p: PairResult, label: str) -> list[object]:
    ex, ov = p.exact.per_label.get(label), p.overlap.per_label.get(label)
    per_cat = p.alpha_u.per_category.get(label)
    return [ex and ex.precision, ex and ex.recall, ex and ex.f1, ov and ov.f1,
            ex.n_a if ex else 0, ex.n_b if ex else 0, per_cat[2] if per_cat else None]  # fmt: skip


class AgreementHost(Protocol):
    """What opening the Agreement window needs of the main window."""

    @property
    def session(self) -> Session: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...


def open_agreement(w: AgreementHost) -> AgreementWindow | None:
    """Show a fresh Agreement window for the project of ``w``."""
    if w.session.project is None:
        show_message(w.window(), w.tr("Agreement"), w.tr("Open a project first."))
        return None
    window = AgreementWindow(w.session, w.window())
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
