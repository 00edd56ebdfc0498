"""The model panel: what the suggestion model learnt from (layer, documents, mentions, date,
version), its held-out scores per label beside the memorisation baseline, the learning curve
(held-out micro F1 against training documents, drawn with QPainter from the manifest's
``scores.curve``), a Train button running ``TrainWorker`` as a ``QuietJob`` (no dialog: the
analyst keeps annotating while the model trains; a Cancel button and a progress bar beside
it, the phase and percentage on the status line), retraining by itself once the analyst has
written a set number of new spans into the trained layer since the model's date
(``annotator.learn.retrain``; the number is a setting of the panel, remembered in QSettings,
0 = only on request), and "Next document" in active-learning order (least confident first)
as an option.

Everything shown comes from the stored model's manifest (JSON checked by
``annotator.learn.crf`` when the model is loaded); values of the wrong type are shown as
missing, never trusted, and every text is plain text. The stored model's bytes are read as a
suggestion reads them (``ModelCheck``, in a child process: the window's process loads no
learning module) once for each model: a model whose bytes were altered, its row's checksum
recomputed, is shown as one that cannot be read, with Train on.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from PySide6.QtCore import QPointF, QRect, QRectF, QSettings, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.formats.common import IsCancelled, Progress
from annotator.learn.retrain import DEFAULT_RETRAIN_AFTER, is_new, trained_ms
from annotator.model import Span
from annotator.scorecheck import trigger_scores_sound
from ui.i18n import core_lines, core_text, isolate
from ui.jobs import JobWorker, QuietJob
from ui.session import Changes, Session
from ui.suggestions.controller import label_name
from ui.suggestions.source import MODEL_KIND, ModelStore
from ui.suggestions.training import (
    PROGRESS_STEPS,
    Order,
    OrderWorker,
    PreloadWorker,
    Suggestions,
    SuggestWorker,
    TrainOutcome,
    TrainRequest,
    TrainWorker,
    unlabelled,
)

SETTINGS_RETRAIN_AFTER = "suggestions/retrain_after"
TABLE_ROWS = 5
"""the score table's rows at least (it takes the panel's spare height)"""
LAYER_CHARS = 8
"""the layer box's width at least, in characters (it takes the row's spare width)"""


def _num(value: object) -> float | None:
    """A JSON number as a float; None for anything else, and for an infinite or NaN one (the
    JSON reader takes ``1e999`` and ``NaN``, which ``int()`` refuses)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


MANIFEST_TEXTS = ("name", "version", "layer", "source", "trained", "crf_sha256")
"""the stored model's summary fields that training writes as text (``Model.summary``)"""
MANIFEST_COUNTS = ("documents", "mentions")


def manifest_damaged(manifest: dict[str, Any]) -> bool:
    """Whether a stored model's summary (the models row's manifest, which its bytes' checksum
    does not cover) has a field of another kind than training writes: text, counts, scores
    an object. A hand-edited ``"trained": ["a"]`` or a list as ``crf_sha256`` made the panel
    raise (an unhashable model key) and say "No model yet"; such a model is now shown as
    damaged, as ``latest_model`` shows damaged bytes: train it again. The trigger output's
    scores (``scores["triggers"]``) are checked whole (``scorecheck``): a tampered figure
    there is damage too."""
    for key in MANIFEST_TEXTS:
        if key in manifest and not isinstance(manifest[key], str):
            return True
    for key in MANIFEST_COUNTS:
        if key in manifest and _num(manifest[key]) is None:
            return True
    labels = manifest.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        return True
    scores = manifest.get("scores", {})
    return not isinstance(scores, dict) or not trigger_scores_sound(scores)


def named_apart(project: object, keys: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """Each of ``keys`` (the labels, or the event types, of the score table's rows) -> its
    name as the document view's tags show it (``label_name``) and whether another of
    ``keys`` is shown by that very name: two event types (or labels) given one Arabic name
    made two rows nobody could tell apart (QA 18), which then show their ids too."""
    names = {key: label_name(project, key) for key in keys}
    counted = Counter(names.values())
    return {key: (name, counted[name] > 1) for key, name in names.items()}


def stored_version(manifest: object) -> str | None:
    """The version of a stored model (the eight hex digits its suggestions' source ends
    with) from its models row: ``version`` (``Model.version``: the whole model's, QA 18),
    else the first eight of ``crf_sha256`` (a row the window stored whole before
    ``save_trained``, of a model named by its crfsuite part then); None when neither is text."""
    m = manifest if isinstance(manifest, dict) else {}
    for key in ("version", "crf_sha256"):
        value = m.get(key)
        if isinstance(value, str) and value:
            return value[:8]
    return None


def _dict(value: object) -> dict[str, Any]:
    return cast(dict[str, Any], value) if isinstance(value, dict) else {}


def curve_points(manifest: dict[str, Any]) -> list[tuple[int, float]]:
    """The learning curve of a manifest: (training documents, held-out micro F1) pairs."""
    scores = manifest.get("scores")
    raw = scores.get("curve") if isinstance(scores, dict) else None
    points = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, list) and len(item) == 2:
            n, f1 = _num(item[0]), _num(item[1])
            if n is not None and f1 is not None:
                points.append((int(n), max(0.0, min(1.0, f1))))
    return points


CURVE_HEIGHT = 120
"""the learning curve's height at least (it had 140)"""


def fm_rows(widget: QWidget, rows: int) -> int:
    """A height showing a header and ``rows`` rows of ``widget``'s font."""
    return (rows + 1) * (widget.fontMetrics().height() + 8) + 4


CAPTION_MARGIN = 4
"""the caption's margin at each side of the curve's widget, in pixels"""
CAPTION_LINES = 2
"""the caption's lines at most (wrapped); a caption needing more is elided"""
CAPTION_FLAGS = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


class CurveView(QWidget):
    """A small line plot of held-out F1 (0..1, y) against training documents (x)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[int, float]] = []
        self.setMinimumHeight(CURVE_HEIGHT)

    def set_points(self, points: list[tuple[int, float]]) -> None:
        self.points = points
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(280, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fm = painter.fontMetrics()
        caption, room = self.caption_layout() if self.points else ("", QRectF())
        left, bottom = fm.horizontalAdvance("0.00") + 8, fm.height() + 8
        top = max(fm.height(), int(room.height())) + 6
        plot = QRectF(left, top, self.width() - left - 14, self.height() - bottom - top - 6)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(plot)
        text = self.palette().text().color()
        painter.setPen(text)
        for f in (0.0, 0.5, 1.0):
            y = plot.bottom() - f * plot.height()
            painter.drawText(QPointF(2, y + fm.ascent() / 2), f"{f:.2f}")
        if not self.points:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("No learning curve"))
            return
        most = max(n for n, _ in self.points)
        least = min(min(n for n, _ in self.points), most - 1) if most > 1 else 0

        def at(n: int, f1: float) -> QPointF:
            x = plot.left() + (n - least) / max(1, most - least) * plot.width()
            return QPointF(x, plot.bottom() - f1 * plot.height())

        shown = [at(n, f1) for n, f1 in self.points]
        painter.setPen(QPen(QColor("#1565c0"), 2))
        painter.drawPolyline(QPolygonF(shown))
        painter.setBrush(QColor("#1565c0"))
        for p in shown:
            painter.drawEllipse(p, 3, 3)
        painter.setPen(text)
        for (n, _), p in zip(self.points, shown, strict=True):
            painter.drawText(QPointF(p.x() - 4, self.height() - fm.descent() - 2), str(n))
        painter.drawText(room, CAPTION_FLAGS, caption)

    def caption_layout(self) -> tuple[str, QRectF]:
        """The caption as drawn and its room above the plot: the widget's width (not only the
        plot's), wrapped onto ``CAPTION_LINES`` lines at most when it is wider (the Arabic
        caption, ~294 px, was drawn centred in a 251 px plot, cut at both ends: QA 15), else
        elided, the whole caption then in the tooltip."""
        fm = self.fontMetrics()
        caption = self.tr("held-out F1 by training documents")
        width = max(1, self.width() - 2 * CAPTION_MARGIN)
        wrapped = fm.boundingRect(QRect(0, 0, width, 10_000), CAPTION_FLAGS, caption)
        if wrapped.width() <= width and wrapped.height() <= CAPTION_LINES * fm.lineSpacing():
            self.setToolTip("")
            return caption, QRectF(CAPTION_MARGIN, 2, width, wrapped.height())
        self.setToolTip(caption)
        shown = fm.elidedText(caption, Qt.TextElideMode.ElideRight, width)
        return shown, QRectF(CAPTION_MARGIN, 2, width, fm.height())


@dataclass(frozen=True)
class Checked:
    """What ``ModelCheck`` found: why the stored model cannot be used (None: it can)."""

    problem: str | None


class ModelCheck(JobWorker):
    """Reads the stored model's bytes as a suggestion would (``commands.suggestions.
    check_stored_model``: parsed and checked, not only its row's checksum) away from the
    window's thread: in a child process when ``isolated`` (the window's process loads no
    learning module; parsing takes a tenth of a second and more), else on the pool thread."""

    def __init__(self, project_path: Path, isolated: bool) -> None:
        super().__init__()
        self.project_path = project_path
        self.isolated = isolated

    def work(self, progress: Progress, cancelled: IsCancelled) -> Checked:
        from annotator.commands.suggestions import check_stored_model

        problem = check_stored_model(self.project_path, self.isolated)
        return Checked(None if problem is None else core_text(problem))


Worker = TypeVar("Worker", bound=JobWorker)


def kept(worker: Worker, ended: Callable[[Any], object], failed: Callable[..., object]) -> Worker:
    """``worker`` kept by the panel until its outcome is read (the pool does not delete it):
    ``ended`` hears its result, ``failed`` its failure or its cancel. The caller starts it."""
    worker.setAutoDelete(False)
    worker.signals.finished.connect(ended)
    worker.signals.failed.connect(failed)
    worker.signals.cancelled.connect(failed)
    return worker


def layer_choices(layers: Sequence[str]) -> list[str]:
    """The layers a model may learn from: the project's own (``gold`` first when it has one),
    or ``gold`` alone when it has none yet (training then says it holds too little)."""
    names = [n for n in layers if n != "gold"]
    return ["gold", *names] if "gold" in layers or not names else names


def default_layer(
    names: Sequence[str], current: str, learnt: object, annotator: str,
    holds: Callable[[str], bool] = lambda name: True,
) -> str:  # fmt: skip
    """The layer the panel offers first: the one chosen before (while the project has it),
    else the shown model's while it ``holds`` spans (a layer emptied since cannot train),
    else ``gold``, else the analyst's own, else the first."""
    if current in names:
        return current
    if isinstance(learnt, str) and learnt in names and holds(learnt):
        return learnt
    for choice in ("gold", annotator):
        if choice in names:
            return choice
    return names[0] if names else ""


class ModelPanel(QWidget):
    """The stored model of the open project, and training a new one."""

    trained = Signal(object)
    """a TrainOutcome once a training job has saved its model"""
    suggested = Signal(int)
    """the id of a document the stored model has just suggested for (``suggest_for``)"""

    def __init__(
        self,
        session: Session,
        current_doc: Callable[[], int | None],
        open_document: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.current_doc = current_doc
        self.open_document = open_document
        self.isolated = True
        """train in a child process (tests may train in the worker thread)"""
        self.job: QuietJob | None = None
        self.auto = False
        """the running job was started by the retrain rule, not by the Train button"""
        self.new_spans: set[str] = set()
        """uuids of live spans written into the trained layer since the model's date"""
        self._written_meanwhile: list[Span] = []
        """the spans written (or deleted, undone) while a training runs, in order"""
        self.order: list[int] = []
        """documents not yet labelled in the model's layer, least confident first (empty:
        not worked out for the shown model yet)"""
        self.order_job: OrderWorker | None = None
        self._open_when_ordered = False
        self._ordered_for: object = None
        self._order_path: object = None
        self._job_path: object = None
        """the project the running (or last) training was started for"""
        self.suggest_job: SuggestWorker | None = None
        self._suggest_next: int | None = None
        self._tried: set[tuple[int, str]] = set()
        """(document, model version) suggested for (or tried) in this session"""
        self._phase = ""
        self.manifest: dict[str, Any] | None = None
        self.check_job: ModelCheck | None = None
        """reading the stored model's bytes (``check_model``), or None"""
        self._checked: dict[tuple[object, object], str | None] = {}
        """(project, model key): why that stored model cannot be used (None: it can)"""
        self._check_for: tuple[object, object] | None = None
        self._check_next = False
        self.preload_job: PreloadWorker | None = None
        """loading the stored model into the window's cache before a document asks for it
        (``preload``), or None"""
        self._preloaded: set[tuple[object, object]] = set()
        """(project, model key): preloaded (or tried) in this session"""
        self.summary = QLabel(self)
        self.summary.setObjectName("model_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("model_scores")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Label"),
                self.tr("Precision"),
                self.tr("Recall"),
                self.tr("F1"),
                self.tr("Support"),
                self.tr("Baseline F1"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(fm_rows(self.table, TABLE_ROWS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.curve = CurveView(self)
        self.layer = QComboBox(self)
        self.layer.setObjectName("model_layer")
        self.layer.setToolTip(self.tr("The layer the model learns from"))
        self.train_button = QPushButton(self.tr("Train"), self)
        self.train_button.setObjectName("model_train")
        self.train_button.clicked.connect(self.train)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("model_cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("model_progress")
        # the percentage is on the status line; hidden between trainings, its room kept, so
        # that showing it moves nothing else in the panel (nor the docks beside it)
        self.progress.setTextVisible(False)
        self.progress.setRange(0, PROGRESS_STEPS)
        kept = self.progress.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(kept)
        self.progress.hide()
        self.retrain_after = QSpinBox(self)
        self.retrain_after.setObjectName("model_retrain_after")
        self.retrain_after.setRange(0, 100_000)
        self.retrain_after.setSpecialValueText(self.tr("only on request"))
        self.retrain_after.setToolTip(
            self.tr("Retrain by itself after this many new annotations in the trained layer")
        )
        remembered = QSettings().value(SETTINGS_RETRAIN_AFTER, DEFAULT_RETRAIN_AFTER)
        try:
            self.retrain_after.setValue(int(str(remembered)))
        except ValueError:
            self.retrain_after.setValue(DEFAULT_RETRAIN_AFTER)
        self.retrain_after.valueChanged.connect(self._retrain_after_changed)
        self.new_label = QLabel(self)
        self.new_label.setObjectName("model_new")
        self.new_label.setTextFormat(Qt.TextFormat.PlainText)
        self.active = QCheckBox(self.tr("Next document: least confident first"), self)
        self.active.setObjectName("model_active")
        self.active.toggled.connect(self._active_toggled)
        self.next_button = QPushButton(self.tr("Next document"), self)
        self.next_button.setObjectName("model_next")
        self.next_button.clicked.connect(lambda _checked=False: self.next_document())
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        # no wider than the Suggestions panel beside it in the tabs: the Train and Cancel
        # buttons below the layer, the retraining texts wrapped, the Next document button
        # below its option (in rows of three and more the panel was ~376 px wide, which the
        # column of docks took when the Model tab was open, ~60 px of the text's width)
        self.layer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.layer.setMinimumContentsLength(LAYER_CHARS)
        which = QHBoxLayout()
        which.addWidget(QLabel(self.tr("Layer"), self))
        which.addWidget(self.layer, 1)
        row = QHBoxLayout()
        row.addWidget(self.train_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        auto = QHBoxLayout()
        caption = QLabel(self.tr("Retrain after new annotations:"), self)
        caption.setWordWrap(True)
        self.new_label.setWordWrap(True)
        auto.addWidget(caption, 1)
        auto.addWidget(self.retrain_after)
        auto.addWidget(self.new_label, 1)
        nav = QHBoxLayout()
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.curve)
        layout.addLayout(which)
        layout.addLayout(row)
        layout.addLayout(auto)
        layout.addWidget(self.active)
        layout.addLayout(nav)
        layout.addWidget(self.status)
        session.changed.connect(self._project_changed)
        self.load()

    # -- showing -------------------------------------------------------------------------
    def _project_changed(self, changes: object) -> None:
        reason = getattr(changes, "reason", "")
        if reason in ("project", "annotator"):
            self.load()
        elif isinstance(changes, Changes) and reason in ("edit", "undo", "redo"):
            self._count(changes.records)

    # -- retraining by itself ------------------------------------------------------------
    def _trained(self) -> tuple[str, int] | None:
        """The layer and date (unix ms) of the shown model, or None."""
        m = self.manifest
        if not isinstance(m, dict) or not isinstance(m.get("layer"), str):
            return None
        try:
            since = trained_ms(m)
        except (OverflowError, ValueError):  # a date out of range ("0001-01-01T00:00+14:00")
            since = None
        return None if since is None else (str(m["layer"]), since)

    def _recount(self) -> None:
        """Count again, from the project, the spans written since the model's date."""
        self.new_spans = set()
        project, trained = self.session.project, self._trained()
        if project is not None and trained is not None and self.manifest is not None:
            layer, since = trained
            self.new_spans = {
                r.uuid for r in project.iter_records("spans", layer) if is_new(r, layer, since)
            }
        self._show_count()

    def _count(self, records: Sequence[object]) -> None:
        """Follow an edit, undo or redo: a span written into the trained layer counts, one
        deleted (or undone) no longer does; retrain once the count reaches the setting."""
        if self.job is not None:  # the model on its way counts them again (``_counted``)
            self._written_meanwhile.extend(r for r in records if isinstance(r, Span))
        trained = self._trained()
        if trained is None:
            return
        self._follow(records, *trained, self.new_spans)
        self._show_count()
        self.maybe_retrain()

    @staticmethod
    def _follow(records: Sequence[object], layer: str, since: int, new: set[str]) -> None:
        """Count ``records`` (written, deleted, undone) into ``new``: a live span of
        ``layer`` written after ``since`` is in it, any other state of a span is not."""
        for r in records:
            uuid = getattr(r, "uuid", None)
            if not isinstance(r, Span) or not isinstance(uuid, str):
                continue
            if is_new(r, layer, since):
                new.add(uuid)
            else:
                new.discard(uuid)

    def _counted(self, outcome: TrainOutcome) -> None:
        """The new model's count of new annotations: the spans its worker read after storing
        it (``TrainOutcome.new_spans``; reading every span of the layer here held the
        window's thread when the model arrived), then every span written meanwhile, in order
        (one written after the worker read, or undone since, is counted as it is now)."""
        trained = self._trained()
        if outcome.new_spans is None or trained is None:
            self._recount()
            return
        self.new_spans = set(outcome.new_spans)
        self._follow(self._written_meanwhile, *trained, self.new_spans)
        self._show_count()

    def _show_count(self) -> None:
        self.new_label.setText(
            self.tr("{0} new since the model").format(len(self.new_spans))
            if self._trained() is not None
            else ""
        )

    def _retrain_after_changed(self, value: int) -> None:
        QSettings().setValue(SETTINGS_RETRAIN_AFTER, value)
        self.maybe_retrain()

    def maybe_retrain(self) -> QuietJob | None:
        """Retrain (on the model's layer) when the count of new annotations has reached the
        setting, no training runs and the project may be written."""
        limit = self.retrain_after.value()
        trained = self._trained()
        if (
            limit <= 0
            or trained is None
            or len(self.new_spans) < limit
            or self.job is not None
            or self.session.read_only
        ):
            return None
        return self.train(layer=trained[0], auto=True)

    def load(self) -> None:
        """Show the project's latest model (or that there is none) and its layers."""
        project = self.session.project
        current = self.layer.currentText()
        found, damaged = None, ""
        if project is not None and hasattr(project, "latest_model"):
            try:
                found = cast(ModelStore, project).latest_model(MODEL_KIND)
            except AnnotatorError as exc:  # a damaged model never stops the panel or training
                damaged = core_text(exc)
        manifest = found[1] if found is not None else None
        if isinstance(manifest, dict) and manifest_damaged(manifest):
            damaged, manifest = self.tr("its description is damaged"), None
        key = (self.session.path, self._model_key(manifest))
        if manifest is not None and self._checked.get(key) is not None:
            damaged, manifest = str(self._checked[key]), None
        self.layer.clear()
        if project is not None:
            names = layer_choices(project.annotators())
            learnt = manifest.get("layer") if isinstance(manifest, dict) else None
            self.layer.addItems(names)
            chosen = default_layer(
                names, current, learnt, self.session.annotator, project.holds_spans
            )
            self.layer.setCurrentIndex(max(0, self.layer.findText(chosen)))
        if self.preload_job is not None and self.preload_job.project_path != self.session.path:
            self.preload_job.cancel()  # another project (or none): not worth finishing
        self.show_manifest(manifest)
        if damaged:
            self.show_damaged(damaged)
        elif manifest is not None and key not in self._checked:
            self.check_model()  # then preloaded once read sound (``_model_checked``)
        else:
            self.preload()
        self.order, self._ordered_for = [], None  # another project (or layer): work it out again
        self._recount()
        self.train_button.setEnabled(
            project is not None and not self.session.read_only and self.job is None
        )

    def show_damaged(self, problem: str) -> None:
        """Show that the stored model cannot be used (nothing of its manifest: its scores and
        curve are not a model's that works) and that training makes a new one."""
        self.show_manifest(None)
        self.status.setText("")  # nothing said of the model shown before holds
        self.summary.setText(
            self.tr("The stored model cannot be read ({0}). Train it again.").format(problem)
        )

    # -- reading the stored model's bytes --------------------------------------------------
    def check_model(self) -> ModelCheck | None:
        """Read the shown stored model's bytes as a suggestion would, in the background
        (``ModelCheck``): a model whose row checksum matches but whose bytes were altered
        is then shown as damaged. Once for each model of each project; returns the worker
        (tests wait on it), or None."""
        path = self.session.path
        if path is None or self.manifest is None:
            return None
        key = (path, self._model_key(self.manifest))
        if key in self._checked:
            return None
        if self.check_job is not None:
            self._check_next = key != self._check_for  # once the running one ends
            return None
        worker = kept(
            ModelCheck(path, self.isolated), self._model_checked, self._model_check_failed
        )
        self.check_job, self._check_for = worker, key
        QThreadPool.globalInstance().start(worker)
        return worker

    def _model_checked(self, result: object) -> None:
        key, self.check_job = self._check_for, None
        if isinstance(result, Checked) and key is not None:
            self._checked[key] = result.problem
            shown = (self.session.path, self._model_key(self.manifest))
            if result.problem is not None and self.manifest is not None and shown == key:
                self.show_damaged(result.problem)
                self.order, self._ordered_for = [], None
                self._recount()
            elif result.problem is None and shown == key:
                self.preload()
        self._check_queued()

    def _model_check_failed(self, message: object = None) -> None:
        # the check itself could not run (not the model's fault): the model stays shown,
        # and a suggestion with it says what is wrong if anything is
        self.check_job = None
        self._check_queued()

    def _check_queued(self) -> None:
        if self._check_next:
            self._check_next = False
            self.check_model()

    # -- the stored model loaded before a document asks for it ------------------------------
    def preload(self) -> PreloadWorker | None:
        """Load the shown stored model into the window's cache on a pool thread
        (``PreloadWorker``), so that the first document opened finds it loaded: once for each
        model of each project, only once its bytes have been read sound (``check_model``: a
        damaged or altered model is never loaded here, and the learning modules are not
        imported for it), never while a training runs (nothing of the learning is loaded in
        this process then: the frames; the model a training made is preloaded once it has
        arrived, ``_done``), nor in a read-only session (it suggests for no document opened).
        Returns the worker (tests wait on it), or None."""
        path = self.session.path
        if path is None or self.manifest is None or self.session.read_only or self.job is not None:
            return None
        key = (path, self._model_key(self.manifest))
        if key in self._preloaded or self._checked.get(key, "unread") is not None:
            return None
        if self.preload_job is not None:
            return None  # once the running one ends (``_preload_ended``)
        self._preloaded.add(key)
        worker = kept(
            PreloadWorker(path, self.model_version()), self._preload_ended, self._preload_ended
        )
        self.preload_job = worker
        QThreadPool.globalInstance().start(worker)
        return worker

    def _preload_ended(self, _result: object = None) -> None:
        # silent whatever came of it: a model refused is said when a suggestion asks for it
        self.preload_job = None
        self.preload()  # another project's model shown meanwhile

    def show_manifest(self, manifest: dict[str, Any] | None) -> None:
        self.manifest = manifest
        self.table.setRowCount(0)
        if not isinstance(manifest, dict):
            self.summary.setText(self.tr("No model yet: train one on a layer's annotations."))
            self.curve.set_points([])
            return
        layer = manifest.get("layer")
        docs, mentions = _num(manifest.get("documents")), _num(manifest.get("mentions"))
        trained = manifest.get("trained")
        version = stored_version(manifest)
        values = (
            layer if isinstance(layer, str) else "?",
            int(docs) if docs is not None else "?",
            int(mentions) if mentions is not None else "?",
            trained[:16].replace("T", " ") if isinstance(trained, str) else "?",
            version if version is not None else "?",
        )
        # each value isolated (LRI ... PDI): a date or a Latin name keeps its own order in an
        # Arabic sentence
        self.summary.setText(
            self.tr(
                "Learnt from layer {0}: {1} documents, {2} mentions; trained {3}; version {4}"
            ).format(*(f"\u2066{v}\u2069" for v in values))
        )
        scores = _dict(manifest.get("scores"))
        model, base = _dict(scores.get("model")), _dict(scores.get("baseline"))
        per, base_per = _dict(model.get("per_label")), _dict(base.get("per_label"))
        project = self.session.project
        named = named_apart(project, map(str, per))
        rows = []
        for k, v in sorted(per.items()):
            name, shared = named[str(k)]
            if shared:  # another label shown by the same name: its id tells them apart
                name = f"{isolate(name)} ({isolate(str(k))})"  # (nothing to translate)
            rows.append((name, v, base_per.get(k)))
        if isinstance(model.get("micro"), dict):
            # first: the one number that sums the model up, shown without scrolling
            rows.insert(0, (self.tr("all (micro)"), model["micro"], base.get("micro")))
        for label, row, b in rows:
            self._add_row(label, row, b)
        if rows and isinstance(scores.get("triggers"), dict):
            self._add_trigger_rows(scores["triggers"])
        if not rows:
            self.status.setText(self.tr("No held-out scores (too few documents to hold out)."))
        self.curve.set_points(curve_points(manifest))

    def _add_trigger_rows(self, section: dict[str, Any]) -> None:
        """The trigger output's held-out scores below the entity labels', each row marked as
        an event type (with its id when another is shown by the same name: ``named_apart``),
        then their own "all event types" row (the labels' "all (micro)" is
        not theirs); one row saying so, with the counts in its tooltip, when the layer's
        events were too few for a held-out score (no zeros)."""
        per = _dict(section.get("per_label"))
        if not per:
            counts = [_num(section.get(k)) for k in ("events", "held_out", "trained_on")]
            r = self._add_row(self.tr("Event triggers: too few to score"), {}, {})
            item = self.table.item(r, 0)
            if item is not None and all(n is not None for n in counts):
                item.setToolTip(
                    self.tr(
                        "Too few event triggers for a held-out score: {0} in the layer, {1} "
                        "in the held-out documents, {2} in the documents trained on."
                    ).format(*(int(n or 0) for n in counts))
                )
            return
        named = named_apart(self.session.project, map(str, per))
        for event_type, row in sorted(per.items()):
            # isolated: an Arabic type keeps "(event type)" after it in an English row
            shown, shared = named[str(event_type)]
            name = isolate(shown)
            if shared:  # another event type shown by the same name: its id tells them apart
                text = self.tr("{0} (event type {1})").format(name, isolate(str(event_type)))
            else:
                text = self.tr("{0} (event type)").format(name)
            self._add_row(text, row, None)
        if isinstance(section.get("micro"), dict):
            self._add_row(self.tr("all event types"), section["micro"], None)

    def _add_row(self, label: str, row: object, base: object) -> int:
        row = row if isinstance(row, dict) else {}
        base = base if isinstance(base, dict) else {}
        cells = [label]
        for key in ("precision", "recall", "f1"):
            value = _num(row.get(key))
            cells.append(f"{value:.3f}" if value is not None else "")
        support = _num(row.get("support"))
        cells.append(str(int(support)) if support is not None else "")
        value = _num(base.get("f1"))
        cells.append(f"{value:.3f}" if value is not None else "")
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)
        return r

    # -- training ------------------------------------------------------------------------
    def train(self, layer: str | None = None, auto: bool = False) -> QuietJob | None:
        """Train on the chosen layer (or ``layer``) in the background; returns the job (tests
        wait on it). ``auto``: started by the retrain rule. No progress dialog comes up over
        the document either way (the analyst keeps working while the model trains, and a
        dialog shown repainted the whole window: a frame of 30-90 ms on a busy machine):
        the progress bar, the phase and percentage and Cancel are in the panel."""
        path = self.session.path
        if path is None or self.job is not None:
            return None
        if self.preload_job is not None:
            self.preload_job.cancel()  # the model it loads is about to be replaced
        request = TrainRequest(
            layer or self.layer.currentText() or "gold",
            self.current_doc(),
            self.active.isChecked(),
            self.isolated,
        )
        job = QuietJob(self, TrainWorker(path, request))
        job.done.connect(self._done)
        job.worker.signals.progress.connect(self._progress)
        self._phase = ""
        worker = job.worker
        if isinstance(worker, TrainWorker):
            worker.train_signals.phase.connect(self._phase_reached)
        self.job = job
        self._job_path = path
        self._written_meanwhile = []
        self.auto = auto
        self.train_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(
            self.tr("Retraining after {0} new annotations…").format(len(self.new_spans))
            if auto
            else self.tr("Training…")
        )
        job.start()
        return job

    def phase_text(self, key: str) -> str:
        """The name shown for a phase of a training run (``training.PHASES``' keys)."""
        return {
            "starting": self.tr("starting"),
            "settings": self.tr("choosing the settings"),
            "held-out": self.tr("scoring on held-out documents"),
            "scoring": self.tr("scoring on held-out documents"),
            "final": self.tr("training the final model"),
        }.get(key, key)

    def _phase_reached(self, key: str) -> None:
        if self.job is not None:
            self._phase = self.phase_text(key)
            self._show_progress()

    def _progress(self, done: int, total: int) -> None:
        if self.job is not None and total > 0:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total))
            self._show_progress()

    def _show_progress(self) -> None:
        """The phase reached and the percentage done on the status line (the Cancel button
        keeps its width: a text changing at each percent laid the panel out again)."""
        if self._phase:
            bar = self.progress
            span = bar.maximum() - bar.minimum()
            percent = 100 * (bar.value() - bar.minimum()) // span if span > 0 else 0
            text = self.tr("Training: {0}% ({1})").format(percent, self._phase)
            self.status.setText(text)
            self.progress.setToolTip(text)  # the status line may be scrolled out of sight

    def cancel(self) -> None:
        """Stop the running training (nothing is saved)."""
        if self.job is not None:
            self.job.worker.cancel()

    def _done(self, outcome: str, payload: object) -> None:
        job, self.job = self.job, None
        self.train_button.setEnabled(not self.session.read_only)
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self.progress.setToolTip("")
        if self.session.path != self._job_path:
            # another project was opened meanwhile: the model went to the project it learnt
            # from, and nothing of it (manifest, order, counts) is this project's
            self._ended_elsewhere(outcome, payload)
        elif outcome == "finished" and isinstance(payload, TrainOutcome):
            # made and read back here (``Model.from_bytes``) before it was saved
            self._checked[(self.session.path, self._model_key(payload.manifest))] = None
            self.order = payload.order
            self._ordered_for = self._model_key(payload.manifest) if payload.order else None
            self.show_manifest(payload.manifest)
            self._counted(payload)
            made = self.tr("Model saved; {0} suggestions made.").format(payload.suggested)
            # and what storing them left out (a label the schema no longer has), translated
            self.status.setText("\n".join([made, *map(core_text, payload.stored)]))
            self.trained.emit(payload)
            # the new model loaded before the next document opened asks for it, as when a
            # project opens: on a pool thread, now that the training (which loads nothing of
            # the learning in this process) has ended
            self.preload()
        elif outcome == "failed":
            self.status.setText(self.tr("Training failed: {0}").format(payload))
        else:
            self.status.setText(self.tr("Training cancelled; no model was saved."))
        self._written_meanwhile = []
        if job is not None:
            job.deleteLater()

    def _ended_elsewhere(self, outcome: str, payload: object) -> None:
        name = isolate(Path(str(self._job_path)).name)
        if outcome == "finished":
            text = self.tr("The training of {0} ended; its model was saved there.").format(name)
        elif outcome == "failed":
            text = self.tr("The training of {0} failed: {1}").format(name, payload)
        else:
            text = self.tr("The training of {0} was cancelled; no model was saved.").format(name)
        self.status.setText(text)

    # -- suggesting for an opened document -------------------------------------------------
    def model_version(self) -> str | None:
        """The shown model's version (the eight hex digits its suggestions' source ends
        with), from whichever field the manifest has."""
        return stored_version(self.manifest)

    def suggest_for(self, doc_id: int | None) -> SuggestWorker | None:
        """When a model is stored and it has not suggested for ``doc_id`` (no pending
        suggestion of its version there, none made in this session), suggest for it with the
        stored model on a worker thread (``suggested`` follows). Returns the worker, or None."""
        version, project = self.model_version(), self.session.project
        if (
            doc_id is None
            or version is None
            or project is None
            or self.session.read_only
            or self.session.path is None
            or self.job is not None
            or (doc_id, version) in self._tried
            or not hasattr(project, "suggestions")
        ):
            return None
        if any(s.source.endswith(f"@{version}") for s in project.suggestions(doc_id)):
            self._tried.add((doc_id, version))
            return None
        if self.suggest_job is not None:
            self._suggest_next = doc_id  # once the running one ends
            return None
        self._tried.add((doc_id, version))
        worker = kept(
            SuggestWorker(self.session.path, doc_id), self._suggested, self._suggest_failed
        )
        self.suggest_job = worker
        QThreadPool.globalInstance().start(worker)
        return worker

    def _suggested(self, result: object) -> None:
        self.suggest_job = None
        if isinstance(result, Suggestions):
            if result.stored:  # predictions of a label the schema no longer has, left out
                self.status.setText(core_lines(result.stored))
            self.suggested.emit(result.doc_id)
        self._suggest_queued()

    def _suggest_failed(self, message: object = None) -> None:
        self.suggest_job = None
        if message:
            self.status.setText(self.tr("Could not suggest: {0}").format(message))
        self._suggest_queued()

    def _suggest_queued(self) -> None:
        queued, self._suggest_next = self._suggest_next, None
        if queued is not None and queued == self.current_doc():
            self.suggest_for(queued)

    # -- the next document -----------------------------------------------------------------
    @staticmethod
    def _model_key(manifest: object) -> object:
        """What tells one stored model from another (its date and version): text, whatever
        the manifest holds (a key of ``_checked``; a list there raised)."""
        m = manifest if isinstance(manifest, dict) else {}
        return tuple(
            value if isinstance(value, str) or value is None else repr(value)
            for value in (m.get("trained"), m.get("version") or m.get("crf_sha256"))
        )

    def _model_layer(self) -> str:
        layer = self.manifest.get("layer") if isinstance(self.manifest, dict) else None
        return layer if isinstance(layer, str) else "gold"

    def _order_known(self) -> bool:
        # worked out for the shown model, even when it came out empty (every document
        # labelled): asking again would only find it empty again, over and over
        return self._ordered_for is not None and self._ordered_for == self._model_key(self.manifest)

    def _active_toggled(self, on: bool) -> None:
        if on and self.manifest is not None and not self._order_known():
            self.work_out_order()

    def work_out_order(self) -> OrderWorker | None:
        """Work the least-confident order out with the stored model on a worker thread (the
        status line says so meanwhile); returns the worker (tests wait on it)."""
        path = self.session.path
        if path is None or self.manifest is None:
            return None
        if self.order_job is not None:
            return self.order_job
        worker = kept(OrderWorker(path), self._ordered, self._order_failed)
        self._order_path = path
        self.order_job = worker
        self.status.setText(self.tr("Finding the least confident documents…"))
        QThreadPool.globalInstance().start(worker)
        return worker

    def _ordered(self, result: object) -> None:
        self.order_job = None
        if not isinstance(result, Order) or self.session.path != self._order_path:
            self._open_when_ordered = False
            return  # worked out for a project no longer open
        self.order = result.ids
        self._ordered_for = self._model_key(self.manifest)
        self.status.setText(
            self.tr("{0} documents not yet labelled, least confident first.").format(
                len(result.ids)
            )
        )
        if self._open_when_ordered:
            self._open_when_ordered = False
            self.next_document()

    def _order_failed(self, message: object = None) -> None:
        self.order_job = None
        self._open_when_ordered = False
        self.status.setText(
            self.tr("Could not find the least confident documents: {0}").format(message or "")
        )

    def least_confident_first(self) -> bool:
        """Whether "next document" goes least confident first: the option is on and a model
        is stored."""
        return self.active.isChecked() and self.manifest is not None

    def _none_left(self, layer: str, analyst: str) -> str:
        """What the status line says when least confident first has no document left."""
        if analyst and analyst != layer:
            return self.tr(
                "No other document is left to label: each is labelled in layer {0} or "
                "marked done in layer {1}."
            ).format(f"\u2066{layer}\u2069", f"\u2066{analyst}\u2069")
        return self.tr("No other document is left to label in layer {0}.").format(
            f"\u2066{layer}\u2069"
        )

    def next_document(self, otherwise: Callable[[], None] | None = None) -> None:
        """Open the next document: the one rule of the Next document button and of every
        "next document" key of the window (``ui.suggestions.next_document``). With "least
        confident first" on and a model stored: the least confident document not yet labelled
        in the model's layer (no span there, not marked done) nor marked done in the window's
        layer (the analyst's: ``Project.unfinished``, as F8 counts it) other than the open one, the
        first such after the open one in the order (wrapping to the start), the
        order worked out first if it is not known; the status line says when none is left.
        Else ``otherwise`` (the key's own order: the next unfinished one for F8), or the next
        in the list."""
        current = self.current_doc()
        project = self.session.project
        if project is None:
            return
        if self.least_confident_first():
            if not self._order_known():
                self._open_when_ordered = True
                self.work_out_order()
                return
            layer, analyst = self._model_layer(), self.session.annotator
            todo = unlabelled(project, layer, self.order)
            # and not finished by the analyst (the window's layer), as the plain next
            # unfinished document counts it (``Project.unfinished``): the analyst marking documents
            # done with Ctrl+Return went round the queue again (QA 15)
            if analyst and analyst != layer:
                todo &= project.unfinished(analyst, todo)
            # the first one after the open document in the order (wrapping to the start):
            # skipping a document moves on through the queue, never back to the one before
            at = self.order.index(current) + 1 if current in self.order else 0
            ahead = self.order[at:] + self.order[:at]
            left = [d for d in ahead if d in todo and d != current]
            if not left:
                self.status.setText(self._none_left(layer, analyst))
                return
            self.open_document(left[0])
            return
        if otherwise is not None:
            otherwise()
            return
        order = [d.id for d in project.documents()]
        if not order:
            return
        i = order.index(current) + 1 if current in order else 0
        self.open_document(order[i % len(order)])
