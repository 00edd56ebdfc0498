"""Training the suggestion model in the background (``ui.jobs.JobWorker``: progress, cancel), and
working out the active-learning order with the stored model.

The workers open their own ``Project`` (SQLite connections belong to the thread that opened
them). ``TrainWorker`` runs ``annotator.learn.isolated.train_and_suggest`` (when ``isolated``, a
child process reads the layer, trains and suggests: crfsuite holds the GIL, and the window must
keep its frames; this process loads no learning module), stores the model with
``Project.save_model`` and its suggestions with
``annotator.commands.suggestions.store_suggested`` (every model's pending suggestions in those
documents replaced by the new model's; rejections remembered), and reads the spans written into
the layer since the new model's date (``TrainOutcome.new_spans``), so that the window's thread
has no pass over the layer's spans to make when the model arrives. Its progress moves forward
over the whole run (``overall``: the phases of ``train`` placed one after another) and it names
the phase (``TrainSignals.phase``). With the active-learning order asked for, it suggests for
every document and returns the ones not yet labelled least confident first (``unlabelled``,
``annotator.learn.active_order``); ``OrderWorker`` works that order out from the stored model
when no training ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Signal

from annotator.errors import Cancelled, Message
from annotator.formats.common import IsCancelled, Progress
from ui.jobs import JobWorker
from ui.suggestions.model_cache import kept_model, preload, using_stored_model
from ui.suggestions.source import MODEL_KIND, ModelStore

if TYPE_CHECKING:
    from annotator.commands.suggestions import StoredSuggested
    from annotator.learn.crf import Model
    from annotator.project import Project

PROGRESS_STEPS = 1000
"""the progress a training reports runs from 0 to this"""

PHASES: tuple[tuple[str, float, float], ...] = (
    ("starting", 0.0, 0.0),
    ("settings", 0.0, 0.45),
    ("held-out", 0.45, 0.8),
    ("scoring", 0.8, 0.8),
    ("final", 0.8, 1.0),
)
"""each phase of ``annotator.learn.train`` (its key) and the part of the run it covers"""

_OF = re.compile(r"(\d+)/(\d+)")


def phase_of(phase: str) -> str:
    """The key (``PHASES``) of a phase ``annotator.learn.train`` reports ("settings: choosing
    settings 3/9: training", "held-out model 2/5 documents: features", "scoring", "final
    model: training"); anything else ("starting": the child process starting) is
    "starting"."""
    for key in ("settings", "held-out", "final", "scoring"):
        if phase.startswith(key):
            return key
    return "starting"


def overall(phase: str, done: int, total: int) -> float:
    """Where a training run is (0..1) when ``train`` reports ``phase`` at ``done`` of
    ``total``: the phases one after another (``PHASES``), each model's fit within its phase
    by its step ("3/9") and within the fit by its features (a fifth) then its iterations."""
    key = phase_of(phase)
    start, end = next((a, b) for k, a, b in PHASES if k == key)
    part = min(1.0, max(0.0, done / total)) if total > 0 else 0.0
    within = 0.2 * part if phase.endswith("features") else 0.2 + 0.8 * part
    if key in ("scoring", "starting"):
        within = 1.0
    step = _OF.search(phase)
    if step is not None and int(step.group(2)) > 0:
        n, of = int(step.group(1)), int(step.group(2))
        within = (min(n, of) - 1 + within) / of
    return start + (end - start) * within


def unlabelled(project: Project, layer: str, ids: Iterable[int] | None = None) -> set[int]:
    """The documents (of ``ids``; default every one) not yet labelled in ``layer``: no span
    in it and not marked done there (``Project.unfinished``)."""
    spans = project.span_counts(layer)
    return {i for i in project.unfinished(layer, ids) if not spans.get(i)}


def store_suggestions(project: Project, model: Model, doc_ids: list[int]) -> StoredSuggested:
    """Suggest with ``model`` in ``doc_ids`` and store them as the pending ones there
    (``store_model_suggestions``: every model's pending suggestions there replaced)."""
    from annotator.commands.suggestions import store_model_suggestions

    return store_model_suggestions(project, model, [project.document(i) for i in doc_ids])


@dataclass(frozen=True)
class TrainRequest:
    layer: str = "gold"
    doc_id: int | None = None
    """the open document: its suggestions are stored once the model is made"""
    active: bool = False
    """suggest for every document and return the active-learning order"""
    isolated: bool = True


@dataclass
class TrainOutcome:
    manifest: dict[str, Any]
    suggested: int
    order: list[int] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    stored: list[Message] = field(default_factory=list)
    """what storing the suggestions left out and why (``StoredSuggested.lines``: predictions
    of a label the schema no longer has), core messages the panel shows translated"""
    new_spans: frozenset[str] | None = None
    """the uuids of the live spans of the model's layer written since its date, read by the
    worker once the model is stored (``retrain.new_span_uuids``: every span of the layer, too
    long for the window's thread on a big project); None: not read, the panel reads them"""


class TrainSignals(QObject):
    phase = Signal(str)
    """the key (``PHASES``) of the phase the training has reached"""


class TrainWorker(JobWorker):
    """Trains, saves and suggests on a pool thread with its own project connection."""

    def __init__(self, project_path: Path, request: TrainRequest) -> None:
        super().__init__()
        self.project_path = project_path
        self.request = request
        self.train_signals = TrainSignals()

    def work(self, progress: Progress, cancelled: IsCancelled) -> TrainOutcome:
        # isolated: the child reads the layer, trains and suggests; this thread starts it,
        # waits and stores plain data, loading no learning module (their first import, with
        # the layer's reading, held the GIL while the window drew the progress dialog)
        from annotator.learn.isolated import train_and_suggest
        from annotator.project import Project

        r = self.request
        reached = {"": 0}  # the phase reached and the progress reported

        def step(phase: str, done: int, total: int) -> bool:
            key = phase_of(phase)
            if key not in reached:
                reached[key] = 0
                self.train_signals.phase.emit(key)
            at = max(reached[""], round(overall(phase, done, total) * PROGRESS_STEPS))
            if at != reached[""]:
                reached[""] = at
                progress(at, PROGRESS_STEPS)
            return not cancelled()

        with Project.open(self.project_path) as project:
            if r.active:
                ids = [d.id for d in project.documents()]
            else:
                ids = [r.doc_id] if r.doc_id is not None else []
            made = train_and_suggest(project, r.layer, ids, step, isolated=r.isolated)
            if cancelled():
                raise Cancelled("training cancelled; no model was saved")
            from annotator.commands.suggestions import store_suggested
            from annotator.learn.retrain import new_span_uuids
            from annotator.learn.suggest import active_order

            cast(ModelStore, project).save_model(MODEL_KIND, made.data, made.manifest)
            found = store_suggested(project, made.source, ids, made.suggested)
            order: list[int] = []
            if r.active:
                todo = unlabelled(project, r.layer, found.confidence)
                order = active_order({i: c for i, c in found.confidence.items() if i in todo})
            return TrainOutcome(
                dict(made.manifest), len(found.suggestions), order, made.lines, found.lines(),
                frozenset(new_span_uuids(project, made.manifest)),
            )  # fmt: skip


@dataclass
class Order:
    """The documents not yet labelled in the stored model's layer, least confident first."""

    layer: str
    ids: list[int]


class OrderWorker(JobWorker):
    """Predicts, with the stored model, every document not yet labelled in its layer and
    returns them least confident first (nothing is stored)."""

    def __init__(self, project_path: Path) -> None:
        super().__init__()
        self.project_path = project_path

    def work(self, progress: Progress, cancelled: IsCancelled) -> Order:
        from annotator.learn import active_order
        from annotator.project import Project

        with Project.open(self.project_path, read_only=True) as project:
            kept = kept_model(project)  # loaded once (or kept from a document opened before)
            found = cast(ModelStore, project).latest_model(MODEL_KIND)
            layer = found[1].get("layer") if found is not None else None
            layer = layer if isinstance(layer, str) else "gold"
            todo = sorted(unlabelled(project, layer))
            confidence: dict[int, float] = {}
            for n, doc_id in enumerate(todo):
                if cancelled():
                    raise Cancelled("cancelled")
                doc = project.document(doc_id)
                # lent a document at a time: a document opened meanwhile gets its suggestions
                with kept.use() as model:
                    confidence[doc_id] = model.predict(doc.id, doc.text, doc.meta)[1]
                progress(n + 1, len(todo))
            return Order(layer, active_order(confidence))


@dataclass
class Suggestions:
    """What ``SuggestWorker`` stored: the document and how many suggestions."""

    doc_id: int
    count: int
    stored: list[Message] = field(default_factory=list)
    """what storing them left out and why (``StoredSuggested.lines``)"""


class SuggestWorker(JobWorker):
    """Suggests for one document with the stored model and stores them
    (``store_model_suggestions``): a document added after the model, or one the model never
    suggested for, gets its suggestions when it is opened."""

    def __init__(self, project_path: Path, doc_id: int) -> None:
        super().__init__()
        self.project_path = project_path
        self.doc_id = doc_id

    def work(self, progress: Progress, cancelled: IsCancelled) -> Suggestions:
        from annotator.commands.suggestions import store_suggested
        from annotator.learn.suggest import suggest
        from annotator.project import Project

        with Project.open(self.project_path) as project:
            doc = project.document(self.doc_id)
            # the model kept from the last document while it is still the stored one
            with using_stored_model(project) as model:
                if cancelled():
                    raise Cancelled("cancelled")
                made = suggest(model, [doc])
                source = model.source
            found = store_suggested(project, source, [doc.id], made)
            return Suggestions(self.doc_id, len(found.suggestions), found.lines())


class PreloadWorker(JobWorker):
    """Loads the stored model into the window's cache before a document asks for it
    (``model_cache.preload``: loaded, its names' index built, its weights read), so that the
    first document opened does not pay the load. Only when some document shows no pending
    suggestion of the stored model (``version``, the eight hex digits its sources end with;
    None: of any source, ``Project.suggestion_counts``): opening that document asks the model
    for suggestions (``ModelPanel.suggest_for``, by the same test), which loads the learning
    modules and the model in this process anyway (when every document shows the model's,
    nothing is loaded before it is asked for). After a retraining every document still shows
    the older model's suggestions, yet each asks the new one when opened: the model is
    preloaded then (QA 18). Silent when no model is stored or it is refused. Returns whether
    the model is kept ready."""

    def __init__(self, project_path: Path, version: str | None = None) -> None:
        super().__init__()
        self.project_path = project_path
        self.version = version

    def work(self, progress: Progress, cancelled: IsCancelled) -> bool:
        from annotator.project import Project

        with Project.open(self.project_path, read_only=True) as project:
            if self.version is None:
                shown = len(project.suggestion_counts())
            else:
                mark = f"@{self.version}"
                shown = len(
                    {s.doc_id for s in project.suggestions(None) if s.source.endswith(mark)}
                )
            if shown >= project.document_count() or cancelled():
                return False  # every document shows the model's: none may load it
            import annotator.learn.suggest  # noqa: F401 (what SuggestWorker imports, too)

            return preload(project, cancelled)
