"""The model panel: what the suggestion model learnt from (layer, documents, mentions, date,
version), its held-out scores per label beside the memorisation baseline, the learning curve
(held-out micro F1 against training documents, drawn with QPainter from the manifest's
``scores.curve``), a Train button running ``TrainWorker`` as a ``BackgroundJob``, and "Next
document" in active-learning order (least confident first) as an option.

Everything shown comes from the stored model's manifest (JSON checked by
``annotator.learn.crf`` when the model is loaded); values of the wrong type are shown as
missing, never trusted, and every text is plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.jobs import BackgroundJob
from ui.session import Session
from ui.suggestions.source import MODEL_KIND, ModelStore
from ui.suggestions.training import TrainOutcome, TrainRequest, TrainWorker


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


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


def fm_rows(widget: QWidget, rows: int) -> int:
    """A height showing a header and ``rows`` rows of ``widget``'s font."""
    return (rows + 1) * (widget.fontMetrics().height() + 8) + 4


class CurveView(QWidget):
    """A small line plot of held-out F1 (0..1, y) against training documents (x)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[int, float]] = []
        self.setMinimumHeight(140)

    def set_points(self, points: list[tuple[int, float]]) -> None:
        self.points = points
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(280, 160)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        fm = painter.fontMetrics()
        left, bottom, top = fm.horizontalAdvance("0.00") + 8, fm.height() + 8, fm.height() + 6
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
        caption = self.tr("held-out F1 by training documents")
        painter.drawText(QRectF(plot.left(), 2, plot.width(), fm.height()),
                         Qt.AlignmentFlag.AlignCenter, caption)  # fmt: skip


class ModelPanel(QWidget):
    """The stored model of the open project, and training a new one."""

    trained = Signal(object)
    """a TrainOutcome once a training job has saved its model"""

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
        self.job: BackgroundJob | None = None
        self.order: list[int] = []
        self.manifest: dict[str, Any] | None = None
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
        self.table.setMinimumHeight(fm_rows(self.table, 5))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.curve = CurveView(self)
        self.layer = QComboBox(self)
        self.layer.setObjectName("model_layer")
        self.layer.setToolTip(self.tr("The layer the model learns from"))
        self.train_button = QPushButton(self.tr("Train"), self)
        self.train_button.setObjectName("model_train")
        self.train_button.clicked.connect(self.train)
        self.active = QCheckBox(self.tr("Next document: least confident first"), self)
        self.active.setObjectName("model_active")
        self.next_button = QPushButton(self.tr("Next document"), self)
        self.next_button.setObjectName("model_next")
        self.next_button.clicked.connect(self.next_document)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Layer"), self))
        row.addWidget(self.layer, 1)
        row.addWidget(self.train_button)
        nav = QHBoxLayout()
        nav.addWidget(self.active, 1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.curve)
        layout.addLayout(row)
        layout.addLayout(nav)
        layout.addWidget(self.status)
        session.changed.connect(self._project_changed)
        self.load()

    # -- showing -------------------------------------------------------------------------
    def _project_changed(self, changes: object) -> None:
        if getattr(changes, "reason", "") in ("project", "annotator"):
            self.load()

    def load(self) -> None:
        """Show the project's latest model (or that there is none) and its layers."""
        project = self.session.project
        current = self.layer.currentText() or "gold"
        self.layer.clear()
        if project is not None:
            names = ["gold", *[n for n in project.annotators() if n != "gold"]]
            self.layer.addItems(names)
            self.layer.setCurrentIndex(max(0, self.layer.findText(current)))
        found = None
        if project is not None and hasattr(project, "latest_model"):
            found = cast(ModelStore, project).latest_model(MODEL_KIND)
        self.show_manifest(found[1] if found is not None else None)
        self.train_button.setEnabled(project is not None and not self.session.read_only)

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
        sha = manifest.get("crf_sha256")
        values = (
            layer if isinstance(layer, str) else "?",
            int(docs) if docs is not None else "?",
            int(mentions) if mentions is not None else "?",
            trained[:16].replace("T", " ") if isinstance(trained, str) else "?",
            sha[:8] if isinstance(sha, str) else "?",
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
        rows = [(str(k), v, base_per.get(k)) for k, v in sorted(per.items())]
        if isinstance(model.get("micro"), dict):
            rows.append((self.tr("all (micro)"), model["micro"], base.get("micro")))
        for label, row, b in rows:
            self._add_row(label, row, b)
        if not rows:
            self.status.setText(self.tr("No held-out scores (too few documents to hold out)."))
        self.curve.set_points(curve_points(manifest))

    def _add_row(self, label: str, row: object, base: object) -> None:
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

    # -- training ------------------------------------------------------------------------
    def train(self) -> BackgroundJob | None:
        """Train on the chosen layer in the background; returns the job (tests wait on it)."""
        path = self.session.path
        if path is None or self.job is not None:
            return None
        request = TrainRequest(
            self.layer.currentText() or "gold",
            self.current_doc(),
            self.active.isChecked(),
            self.isolated,
        )
        job = BackgroundJob(
            self.window(), self.tr("Train"), self.tr("Training the suggestion model…"),
            TrainWorker(path, request),
        )  # fmt: skip
        job.done.connect(self._done)
        self.job = job
        self.train_button.setEnabled(False)
        self.status.setText(self.tr("Training…"))
        job.start()
        return job

    def _done(self, outcome: str, payload: object) -> None:
        job, self.job = self.job, None
        self.train_button.setEnabled(True)
        if outcome == "finished" and isinstance(payload, TrainOutcome):
            self.order = payload.order
            self.show_manifest(payload.manifest)
            self.status.setText(
                self.tr("Model saved; {0} suggestions made.").format(payload.suggested)
            )
            self.trained.emit(payload)
        elif outcome == "failed":
            self.status.setText(self.tr("Training failed: {0}").format(payload))
        else:
            self.status.setText(self.tr("Training cancelled; no model was saved."))
        if job is not None:
            job.deleteLater()

    def next_document(self) -> None:
        """Open the next document: least confident first when the option is on and the last
        training worked the order out, else the next in the list."""
        current = self.current_doc()
        project = self.session.project
        if project is None:
            return
        order = self.order if self.active.isChecked() and self.order else []
        if not order:
            order = [d.id for d in project.documents()]
        if not order:
            return
        i = order.index(current) + 1 if current in order else 0
        self.open_document(order[i % len(order)])
