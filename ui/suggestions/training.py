"""Training the suggestion model in the background (``ui.jobs.JobWorker``: progress, cancel).

The worker opens its own ``Project`` (SQLite connections belong to the thread that opened
them), runs ``annotator.learn.train`` (each model fitted in a child process when ``isolated``:
crfsuite holds the GIL, and the window must keep its frames), stores the model with
``Project.save_model`` and the open document's suggestions with ``add_suggestions``; with the
active-learning order asked for, it suggests for every document and returns them least
confident first (``annotator.learn.active_order``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from annotator.errors import Cancelled
from annotator.formats.common import IsCancelled, Progress
from ui.jobs import JobWorker
from ui.suggestions.source import MODEL_KIND, ModelStore


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


class TrainWorker(JobWorker):
    """Trains, saves and suggests on a pool thread with its own project connection."""

    def __init__(self, project_path: Path, request: TrainRequest) -> None:
        super().__init__()
        self.project_path = project_path
        self.request = request

    def work(self, progress: Progress, cancelled: IsCancelled) -> TrainOutcome:
        from annotator.learn import active_order, suggest, train
        from annotator.project import Project

        r = self.request

        def step(phase: str, done: int, total: int) -> bool:
            progress(done, total)
            return not cancelled()

        with Project.open(self.project_path) as project:
            result = train(project, annotator=r.layer, progress=step, isolated=r.isolated)
            if cancelled():
                raise Cancelled("training cancelled; no model was saved")
            model = result.model
            store = cast(ModelStore, project)
            store.save_model(MODEL_KIND, model.to_bytes(), model.manifest)
            if r.active:
                docs = project.iter_documents()
            elif r.doc_id is not None:
                docs = iter([project.document(r.doc_id)])
            else:
                docs = iter(())
            found = suggest(model, docs)
            count = store.add_suggestions(found.suggestions) if found.suggestions else 0
            order = active_order(found.confidence) if r.active else []
            return TrainOutcome(dict(model.manifest), count, order, result.lines())
