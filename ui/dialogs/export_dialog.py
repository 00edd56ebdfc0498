"""The Export dialog: every option of ``annotator.exporting.export``, run in the background.

The export itself runs in the background (``ui.jobs``) and can be cancelled, leaving no
output. The report (spans exported, tokens split, spans dropped and why) is shown as plain
text when the job ends. Before it starts, the output path is checked as the writer will check
it (``annotator.output``): an earlier export of the same format is replaced only when the user
confirms; anything else there is refused, and the dialog offers to choose another path. It never
overwrites silently.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.exporting import check_output
from annotator.formats.common import (
    OVERLAP_POLICIES,
    TAG_SCHEMES,
    ExportOptions,
    ExportReport,
    parse_splits,
)
from annotator.formats.registry import EXPORT_FORMATS as FORMATS
from annotator.model import GOLD, Status
from annotator.output import PREVIOUS
from annotator.project import Project
from ui.dialogs.paths import remember_folder, start_folder
from ui.i18n import (
    QT_TRANSLATE_NOOP,
    core_lines,
    core_text,
    label_tag,
    path_text,
    plain_tooltip,
    set_plain_text,
    status_text,
)
from ui.jobs import ExportJob, ExportRequest, ExportWorker
from ui.modal import freed
from ui.screen import fit_to_screen
from ui.session import Session
from ui.widgets import lines_in_their_direction

SUFFIX = {name: info.suffix for name, info in FORMATS.items() if info.suffix}
"""file suffix of each single-file format (folder formats have none)"""
# Which options each writer reads (the format registry says); the others are greyed out so the
# dialog never suggests an option has an effect when it has none.
APPLIES = {
    option: {name for name, info in FORMATS.items() if option in info.options}
    for option in (
        "splits", "tokenizer", "overlap", "scheme", "docstart", "spans_key", "labels",
        "events_style",
    )
}  # fmt: skip
EVENTS_STYLES = FORMATS["events"].styles
"""the events writer's styles, the default (the CLI's ``--events-style`` default) first"""
ALL_LAYERS = ""
LABEL_ROLE = Qt.ItemDataRole.UserRole
"""a Labels item's label name (its text is the name shown)"""


def missing_packages(fmt: str) -> tuple[str, ...]:
    """The packages format ``fmt`` needs that are not installed (looked up, never imported:
    start-up stays fast)."""
    return tuple(p for p in FORMATS[fmt].needs if importlib.util.find_spec(p) is None)


def install_command(packages: Sequence[str]) -> str:
    """The command that installs ``packages`` into the environment the app runs in."""
    return f"{sys.executable} -m pip install {' '.join(packages)}"


def check_splits(spec: str) -> tuple[tuple[tuple[str, float], ...], str]:
    """Parse a split spec for the live check: (splits, "") or ((), what is wrong, in the
    interface's language: the core's own reason, ``parse_splits``)."""
    try:
        return parse_splits(spec), ""
    except ValueError as exc:
        return (), core_text(exc)


def output_is_dir(fmt: str, splits: bool) -> bool:
    """Whether ``fmt`` writes a folder (always, or because splits were asked for)."""
    return FORMATS[fmt].writes_folder(splits)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question shown as plain text (paths may hold anything)."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    with freed(QMessageBox(QMessageBox.Icon.Question, title, "", yes | no, parent)) as box:
        set_plain_text(box, text)
        box.setDefaultButton(no)
        return box.exec() == yes


def ask_other_path(parent: QWidget, title: str, refusal: str) -> bool:
    """The writer refuses the output path: say why (plain text) and ask whether to choose
    another one."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    with freed(QMessageBox(QMessageBox.Icon.Warning, title, "", yes | no, parent)) as box:
        set_plain_text(box, refusal + "\n\n" + parent.tr("Choose another path?"))
        box.setDefaultButton(yes)
        return box.exec() == yes


FORMAT_DESCRIPTIONS: dict[str, str] = {
    "jsonl": QT_TRANSLATE_NOOP(
        "ExportFormats", "lossless project JSONL (spans, events, relations, attributes, notes)"
    ),
    "spacy": QT_TRANSLATE_NOOP("ExportFormats", "spaCy v3 DocBin (.spacy): doc.ents + doc.spans"),
    "spacy-jsonl": QT_TRANSLATE_NOOP("ExportFormats", "spaCy/Prodigy JSONL"),
    "hf": QT_TRANSLATE_NOOP(
        "ExportFormats", "Hugging Face datasets token classification (DatasetDict)"
    ),
    "conll": QT_TRANSLATE_NOOP("ExportFormats", "CoNLL-2003 style BIO/IOB2/BIOES"),
    "brat": QT_TRANSLATE_NOOP("ExportFormats", "brat standoff .txt/.ann + annotation.conf"),
    "events": QT_TRANSLATE_NOOP(
        "ExportFormats", "event extraction JSON lines (ACE05-E / OneIE style)"
    ),
    "doccano": QT_TRANSLATE_NOOP("ExportFormats", "doccano JSONL"),
    "label-studio": QT_TRANSLATE_NOOP("ExportFormats", "Label Studio JSON tasks"),
}
"""the registry's format descriptions (``annotator.formats.registry``), marked for translation
(context "ExportFormats"); a format missing here shows its registry description untranslated"""
READ_ONLY_DESCRIPTIONS: dict[str, str] = {
    "text": QT_TRANSLATE_NOOP(
        "ExportFormats", "plain text: one document per .txt file, or a folder of them"
    ),
    "csv": QT_TRANSLATE_NOOP(
        "ExportFormats", "CSV with a text column (the other columns go to meta)"
    ),
}
"""the same for the formats that are only imported (the Import dialog's list)"""


def format_description(name: str, fallback: str) -> str:
    """A format's description in the interface language."""
    source = FORMAT_DESCRIPTIONS.get(name) or READ_ONLY_DESCRIPTIONS.get(name)
    return QCoreApplication.translate("ExportFormats", source) if source else fallback


class ExportDialog(QDialog):
    """Choose format, output, layer, documents and options; run; read the report."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.project_path = project.path
        self.job: ExportJob | None = None
        self._auto_out = True
        """the output path is our suggestion, so it follows the format"""

        self.format = QComboBox(self)
        for name, info in FORMATS.items():
            missing = missing_packages(name)
            needs = self.tr(" (needs {0})").format(", ".join(missing)) if missing else ""
            self.format.addItem(
                f"{name} — {format_description(name, info.description)}{needs}", name
            )
        self.layer = QComboBox(self)
        self.layer.addItem(self.tr("All layers (each record names its annotator)"), ALL_LAYERS)
        self.layer.addItem(self.tr("gold (adjudicated)"), GOLD)
        for name in project.annotators():
            if name != GOLD:
                self.layer.addItem(name, name)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), "")
        for st in Status:
            self.status.addItem(status_text(st), st.value)
        self.labels = QListWidget(self)
        self.labels.setMaximumHeight(110)
        for label in project.schema.span_labels():
            # the name the text's tags and the agreement window show; the label's own name is
            # the item's data (the filter) and its tooltip
            item = QListWidgetItem(label_tag(label), self.labels)
            item.setData(LABEL_ROLE, label.name)
            item.setToolTip(plain_tooltip(label.name))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)

        self.output = QLineEdit(self)
        self.output.textEdited.connect(self._output_edited)
        self.choose = QPushButton(self.tr("Choose…"), self)
        self.choose.clicked.connect(self.choose_output)
        self.output_hint = self._plain_label()
        self.install_hint = QLabel(self)
        self.install_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.install_hint.setWordWrap(True)
        self.install_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.install_hint.setObjectName("install_hint")

        self.splits = QLineEdit(self)
        self.splits.setPlaceholderText("train=0.8,validation=0.1,test=0.1")
        self.split_check = self._plain_label()
        self.seed = QLineEdit("0", self)
        self.tokenizer = QComboBox(self)
        self.tokenizer.addItem(self.tr("default (Unicode words and punctuation)"), "default")
        self.tokenizer.addItem(self.tr("spaCy Arabic"), "spacy")
        if importlib.util.find_spec("spacy") is None:
            self.tokenizer.model().item(1).setEnabled(False)  # type: ignore[attr-defined]
        self.overlap = QComboBox(self)
        # shown in the interface language; the data is the name the core takes
        shown = {
            "outermost": self.tr("outermost"),
            "innermost": self.tr("innermost"),
            "longest": self.tr("longest"),
        }
        for policy in OVERLAP_POLICIES:
            self.overlap.addItem(shown.get(policy, policy), policy)
        self.scheme = QComboBox(self)
        self.scheme.addItems(list(TAG_SCHEMES))
        self.docstart = QCheckBox(self.tr("-DOCSTART- line between documents"), self)
        self.spans_key = QLineEdit("sc", self)
        self.events_style = QComboBox(self)
        for style in EVENTS_STYLES:  # the CLI's names; the first is its default
            self.events_style.addItem(style, style)

        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one problem a line
        lines_in_their_direction(self.report)
        self.report.setPlaceholderText(self.tr("The export report appears here."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.run_button = buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.run_button.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)
        self._lay_out(buttons)

        self.output.textChanged.connect(self.update_state)
        self.spans_key.textChanged.connect(self.update_state)
        self.labels.itemChanged.connect(self.update_state)
        self.splits.textChanged.connect(self._follow_format)
        self.format.currentIndexChanged.connect(self._follow_format)
        self._follow_format()

    def _plain_label(self) -> QLabel:
        label = QLabel(self)
        # not word-wrapped: QFormLayout would give a wrapped label several lines' height
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        what = QFormLayout()
        what.addRow(self.tr("Format"), self.format)
        what.addRow("", self.install_hint)
        what.addRow(self.tr("Layer"), self.layer)
        what.addRow(self.tr("Documents"), self.status)
        what.addRow(self.tr("Labels"), self.labels)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(self.choose)
        what.addRow(self.tr("Output"), where)
        what.addRow("", self.output_hint)
        opts = QFormLayout()
        opts.addRow(self.tr("Splits"), self.splits)
        opts.addRow("", self.split_check)
        opts.addRow(self.tr("Split seed"), self.seed)
        opts.addRow(self.tr("Tokenizer"), self.tokenizer)
        opts.addRow(self.tr("Overlapping spans keep"), self.overlap)
        opts.addRow(self.tr("Tag scheme"), self.scheme)
        opts.addRow("", self.docstart)
        opts.addRow(self.tr("spaCy spans key"), self.spans_key)
        opts.addRow(self.tr("Events style"), self.events_style)
        box = QGroupBox(self.tr("Training data options"), self)
        box.setLayout(opts)
        # spare height goes to the report, not into gaps between the option rows
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.addLayout(what)
        layout.addWidget(box)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(640, 720))

    # -- state ---------------------------------------------------------------------------
    def fmt(self) -> str:
        return str(self.format.currentData())

    def out_is_dir(self) -> bool:
        return output_is_dir(self.fmt(), bool(check_splits(self.splits.text())[0]))

    def problem(self) -> str:
        """Why Export cannot run now ("" when it can)."""
        missing = missing_packages(self.fmt())
        if missing:
            return self.tr(
                "The {0} format needs {1}, which is not installed. Add it with:\n{2}"
            ).format(self.fmt(), ", ".join(missing), install_command(missing))
        error = check_splits(self.splits.text())[1]
        if error and self.fmt() in APPLIES["splits"]:
            return self.tr("Splits: {0}").format(error)
        if not self.output.text().strip():
            return self.tr("Choose where to write the export.")
        if self.fmt() in APPLIES["spans_key"] and not self.spans_key.text().strip():
            return self.tr("The spaCy spans key cannot be empty.")
        if self.fmt() in APPLIES["labels"] and self.labels.count() and not self._checked():
            return self.tr("Choose at least one label.")
        return ""

    def update_state(self) -> None:
        fmt = self.fmt()
        for key, widgets in (
            ("splits", (self.splits, self.seed)), ("tokenizer", (self.tokenizer,)),
            ("overlap", (self.overlap,)), ("scheme", (self.scheme,)),
            ("docstart", (self.docstart,)), ("spans_key", (self.spans_key,)),
            ("labels", (self.labels,)), ("events_style", (self.events_style,)),
        ):  # fmt: skip
            for w in widgets:
                w.setEnabled(fmt in APPLIES[key])
        splits, error = check_splits(self.splits.text())
        if fmt not in APPLIES["splits"]:
            self.split_check.setText(self.tr("{0} has no splits.").format(fmt))
        elif error:
            self.split_check.setText("✗ " + error)
        elif not splits:
            self.split_check.setText(self.tr("One split (train). Example: train=0.8,test=0.2"))
        else:
            total = sum(r for _, r in splits)
            parts = ", ".join(f"{n} {100 * r / total:.0f}%" for n, r in splits)
            self.split_check.setText(
                "✓ " + parts + self.tr(" — by document; adding documents never moves others")
            )
        folder = self.tr("A folder (only an earlier export of this format is replaced).")
        file = self.tr("A file (only an earlier export of this format is replaced).")
        self.output_hint.setText(folder if self.out_is_dir() else file)
        problem = self.problem()
        self.install_hint.setText(problem if missing_packages(fmt) else "")
        self.install_hint.setVisible(bool(missing_packages(fmt)))
        self.run_button.setEnabled(not problem and self.job is None)
        self.run_button.setToolTip(plain_tooltip(problem) if problem else "")

    def _output_edited(self) -> None:
        self._auto_out = False

    def _follow_format(self) -> None:
        """Keep a suggested output name in step with the format and split choice."""
        if self._auto_out:
            stem = start_folder() / f"{self.project_path.stem}-{self.fmt()}"
            suffix = "" if self.out_is_dir() else SUFFIX.get(self.fmt(), "")
            self.output.setText(str(stem) + suffix)
        self.update_state()

    def _checked(self) -> tuple[str, ...]:
        items = (self.labels.item(i) for i in range(self.labels.count()))
        return tuple(
            str(it.data(LABEL_ROLE)) for it in items if it.checkState() == Qt.CheckState.Checked
        )

    def chosen_labels(self) -> tuple[str, ...]:
        """The label filter: () when every label is checked (no filter)."""
        checked = self._checked()
        return () if len(checked) == self.labels.count() else checked

    def choose_output(self) -> bool:
        """Ask for the output path; whether one was chosen."""
        # a folder export gets the name of a NEW folder (an existing one is replaced only when
        # it is an earlier export), so both kinds use the save dialog; run() checks the path
        # and asks before replacing anything
        suffix = "" if self.out_is_dir() else SUFFIX.get(self.fmt(), "")
        filters = f"{self.fmt()} (*{suffix});;All files (*)" if suffix else ""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.output.text(), filters,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )  # fmt: skip
        if name:
            remember_folder(name)
            self._auto_out = False
            self.output.setText(name)
        return bool(name)

    def request(self) -> ExportRequest:
        """The export the dialog describes now."""
        fmt = self.fmt()
        options = ExportOptions(
            overlap_policy=str(self.overlap.currentData()),
            scheme=self.scheme.currentText(),
            docstart=self.docstart.isChecked(),
            spans_key=self.spans_key.text().strip() or "sc",
            splits=check_splits(self.splits.text())[0] if fmt in APPLIES["splits"] else (),
            seed=self.seed.text(),
            tokenizer=str(self.tokenizer.currentData()),
            labels=self.chosen_labels() if fmt in APPLIES["labels"] else (),
        )
        layer = str(self.layer.currentData())
        status = str(self.status.currentData())
        # absolute: a relative "-" must name a file, never standard output
        out = Path(self.output.text().strip()).expanduser().absolute()
        style = str(self.events_style.currentData()) if fmt in APPLIES["events_style"] else None
        return ExportRequest(fmt, out, layer or None, status or None, options, style)

    # -- running -------------------------------------------------------------------------
    def run(self) -> ExportJob | None:
        """Start the export in the background; returns the job. A path the writer refuses
        offers to choose another one; an earlier export there is replaced only if confirmed."""
        if self.problem() or self.job is not None:
            return None
        req = self.request()
        try:
            state = check_output(req.fmt, req.out, req.options)
        except AnnotatorError as exc:
            if ask_other_path(self, self.tr("Export"), core_text(exc)) and self.choose_output():
                return self.run()
            return None
        if state == PREVIOUS:
            kind = self.tr("folder") if self.out_is_dir() else self.tr("file")
            if not confirm(self, self.tr("Export"), self.tr(
                "The {0} {1} holds an earlier {2} export. Replace it?"
            ).format(kind, path_text(req.out), req.fmt)):  # fmt: skip
                return None
        remember_folder(req.out.parent)
        self.report.setPlainText(self.tr("Exporting…"))
        self.job = ExportJob(self, ExportWorker(self.project_path, req))
        self.job.done.connect(self._done)
        self.update_state()
        self.job.start()
        return self.job

    def _done(self, outcome: str, payload: object) -> None:
        if outcome == "finished" and isinstance(payload, ExportReport):
            self.report.setPlainText(core_lines(payload.lines()))
        elif outcome == "cancelled":
            self.report.setPlainText(self.tr("Export cancelled; nothing was written."))
        else:
            self.report.setPlainText(self.tr("Export failed, nothing was written:\n{0}").format(
                payload))  # fmt: skip
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self.update_state()

    def reject(self) -> None:
        if self.job is not None:
            self.job.worker.cancel()  # closing the dialog must not leave an export running
        super().reject()


class ExportHost(Protocol):
    """What the Export dialog needs of the main window (its top-level widget is the parent)."""

    @property
    def session(self) -> Session: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...
    def warn(self, message: str) -> None: ...


def open_export_dialog(w: ExportHost) -> ExportDialog | None:
    """File › Export…: the dialog for the window's project (None when none is open)."""
    project = w.session.project
    if project is None:
        w.warn(w.tr("Open a project first."))
        return None
    dialog = ExportDialog(project, w.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
