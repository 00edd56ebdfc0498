"""Training in a child process, for a window that must stay responsive.

crfsuite holds the GIL for a whole training iteration (measured: a thread sleeping 5 ms woke
after 70 ms on a small corpus, longer on a real one), so training on a thread of the GUI
process would freeze the window. ``fit_isolated`` runs ``Model.fit`` in a fresh ``spawn``
process (no fork of a Qt process) and returns the model: its bytes come back through a pipe
and are read with ``Model.from_bytes``, the same checked path as a model from a file. Progress
comes back through the same pipe; a False from ``progress`` ends the child (Cancelled).

``train_isolated`` runs all of ``training.train_examples`` (the held-out fits, their scores,
the learning curve and the final fit) in one such child: the window's worker thread only reads
the layer and waits (importing the scorer, seqeval with sklearn, held the GIL 100 ms at a time).
``train_and_suggest`` (the model panel's) goes further: the child also suggests for the
documents asked for and sends back plain data (the model's bytes, its manifest, its source,
the result's lines, the suggestions), so the window's process never loads crfsuite, numpy or
the learning modules for a training run (their first import held the GIL up to 60 ms at a
time and stalled the window's frames). This module imports none of them at its top.
The child runs below the parent's priority (``NICE``). Messages on the pipe are those of this
program's own child; a model in them is read only through ``Model.from_bytes``.

A child answers only its parent: when the parent is gone (the window closed, or crashed,
before the answer) the child ends at once and quietly. A thread of the child waits on the
parent's sentinel (``watch_parent``), so a training whose window is gone stops instead of
running to its end; and a message that finds the pipe's reading end closed (``answer``) ends
the child there, where it printed a BrokenPipeError traceback on the standard error it
shares with the window (QA 18).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, NoReturn

from annotator.errors import Cancelled
from annotator.learn.corpus import Example, NotEnoughData, read_layer
from annotator.learn.suggest import Suggested
from annotator.search.suggestions import Suggestion

if TYPE_CHECKING:
    from annotator.learn.crf import Model, StepCallback
    from annotator.learn.training import TrainingResult
    from annotator.project import Project


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


POLL_S = 0.05
NICE = 10
"""the training process's niceness increment (lower priority than the window)"""


READER_GONE = 0
"""a child's exit code when it ends because no one reads its answer (nothing went wrong for
it: its parent is gone); no one reads the code either"""

KILL_AFTER_S = 5.0
"""how long the parent waits for a child it terminated before it kills it"""


def _reader_gone() -> NoReturn:
    # at once: no unwinding through the child's handlers (each would try to tell the parent
    # its failure) and no traceback; the child holds nothing to save (its project is open
    # read-only, its scratch folders are removed by the next process that makes one)
    os._exit(READER_GONE)


def answer(conn: Connection, message: tuple[Any, ...]) -> None:
    """In a child: send ``message`` to the parent. When the pipe's reading end is closed
    (the parent closed it, or the parent is gone) the child ends here, quietly."""
    try:
        conn.send(message)
    except (BrokenPipeError, ConnectionResetError):
        _reader_gone()


def watch_parent() -> None:
    """In a child: end it, quietly, as soon as its parent process is gone (a thread waits on
    the parent's sentinel, which reads as ready once the parent has exited or crashed); out
    of a child, nothing."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def wait() -> None:
        multiprocessing.connection.wait([sentinel])
        _reader_gone()

    threading.Thread(target=wait, name="parent watch", daemon=True).start()


def _run_child(target: Any, conn: Connection, *args: Any) -> None:
    """The child's entry (``run_isolated``): ``target(conn, *args)``, its parent watched."""
    watch_parent()
    target(conn, *args)


def _lower_priority() -> None:
    # below the window's process: on a busy machine the GUI keeps the CPU it needs for its
    # frames (a 10 ms timer waited up to 130 ms at equal priority on 2 loaded cores)
    with contextlib.suppress(AttributeError, OSError):
        os.nice(NICE)


def _train_child(conn: Connection, examples: Sequence[Example], settings: dict[str, Any]) -> None:
    from annotator.learn.training import train_examples

    _lower_priority()

    def report(phase: str, done: int, total: int) -> None:
        answer(conn, ("progress", phase, done, total))

    try:
        result = train_examples(examples, progress=report, **settings)
        model, result.model = result.model, None  # type: ignore[assignment]
        answer(conn, ("done", (model.to_bytes(), result)))
    except Exception as exc:  # the parent shows it; the child has no one else to tell
        answer(conn, ("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def train_isolated(
    examples: Sequence[Example], settings: dict[str, Any], progress: StepCallback = _no_progress
) -> TrainingResult:
    """``training.train_examples(examples, **settings)`` in a child process."""
    from annotator.learn.crf import Model

    data, result = run_isolated(_train_child, (list(examples), settings), progress)
    result.model = Model.from_bytes(data)
    return result  # type: ignore[no-any-return]


@dataclass(frozen=True)
class TrainedModel:
    """A model trained on a layer and its suggestions for some documents, as plain data."""

    data: bytes
    """the model's bytes (``Model.to_bytes``), to store; read back only by ``from_bytes``"""
    manifest: dict[str, Any]
    """what the models table keeps beside the bytes (``Model.summary``)"""
    source: str
    """what its suggestions carry as their source (``Model.source``)"""
    lines: list[str]
    """the per-label table the CLI prints (``TrainingResult.lines``)"""
    suggested: Suggested


PART = 2000
"""suggestions per message from the child: each is read with the GIL held, so none is long"""


def _train_and_suggest(
    project: Project,
    annotator: str,
    doc_ids: Sequence[int] | None,
    progress: StepCallback,
    part: Callable[[list[Suggestion]], None] | None = None,
) -> TrainedModel:
    """Read the layer, train (``training.train``'s defaults), suggest for ``doc_ids`` (None:
    every document). With ``part`` the suggestions go to it ``PART`` at a time instead of
    into the result."""
    from annotator.learn.suggest import suggest
    from annotator.learn.training import train_examples

    read = read_layer(project, annotator)
    result = train_examples(
        read.examples, annotator, progress=progress, texts=read.texts, read_at=read.read_at
    )
    model = result.model
    docs = project.iter_documents() if doc_ids is None else map(project.document, doc_ids)
    found = suggest(model, docs)
    kept = found.suggestions
    if part is not None:
        for i in range(0, len(kept), PART):
            part(kept[i : i + PART])
        kept = []
    return TrainedModel(
        model.to_bytes(), model.summary(), model.source, result.lines(),
        Suggested(kept, found.confidence),
    )  # fmt: skip


def _train_suggest_child(
    conn: Connection, path: str, annotator: str, doc_ids: Sequence[int] | None
) -> None:
    _lower_priority()

    def report(phase: str, done: int, total: int) -> None:
        answer(conn, ("progress", phase, done, total))

    def part(suggestions: list[Suggestion]) -> None:
        answer(conn, ("part", suggestions))

    try:
        from annotator.project import Project

        with Project.open(path, read_only=True) as project:
            answer(conn, ("done", _train_and_suggest(project, annotator, doc_ids, report, part)))
    except NotEnoughData as exc:  # its Message, template and parts (it pickles with them)
        answer(conn, ("not enough", exc.args[0] if len(exc.args) == 1 else str(exc)))
    except Exception as exc:  # the parent shows it; the child has no one else to tell
        answer(conn, ("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def train_and_suggest(
    project: Project,
    annotator: str = "gold",
    doc_ids: Sequence[int] | None = (),
    progress: StepCallback = _no_progress,
    *,
    isolated: bool = True,
) -> TrainedModel:
    """``training.train(project, annotator)`` with its defaults, then the model's suggestions
    for ``doc_ids`` (None: every document); NotEnoughData when the layer holds too little.

    ``isolated``: all of it, reading the layer too, in a child process that opens the
    project file read-only (a window's exclusive lock lets readers in): the caller's thread
    only starts it, waits, and gathers the plain data it sends; this process loads no
    learning module and pickles no text. Otherwise here, on ``project``."""
    ids = None if doc_ids is None else list(doc_ids)
    if not isolated:
        return _train_and_suggest(project, annotator, ids, progress)
    parts: list[Suggestion] = []
    made: TrainedModel = run_isolated(
        _train_suggest_child, (str(project.path), annotator, ids), progress, parts.extend
    )
    found = made.suggested
    return replace(made, suggested=Suggested(parts, found.confidence))


def _child(
    conn: Connection,
    examples: Sequence[Example],
    layer: str,
    gazetteer: Collection[str],
    params: dict[str, Any] | None,
) -> None:
    _lower_priority()

    def report(phase: str, done: int, total: int) -> None:
        answer(conn, ("progress", phase, done, total))

    from annotator.learn.crf import Model

    try:
        model = Model.fit(
            examples, layer=layer, gazetteer=gazetteer, params=params, progress=report
        )
        answer(conn, ("done", model.to_bytes()))
    except Exception as exc:  # the parent shows it; the child has no one else to tell
        answer(conn, ("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def fit_isolated(
    examples: Sequence[Example],
    *,
    layer: str = "gold",
    gazetteer: Collection[str] = frozenset(),
    params: dict[str, Any] | None = None,
    progress: StepCallback = _no_progress,
) -> Model:
    """``Model.fit`` in a child process; ``progress`` runs in this process (the caller's
    thread), at least every ``POLL_S`` seconds with the latest step."""
    from annotator.learn.crf import Model

    data = run_isolated(_child, (list(examples), layer, frozenset(gazetteer), params), progress)
    return Model.from_bytes(data)


def _failed(message: str) -> Exception:
    """The ModelError to raise (crf.py is loaded only when a training fails)."""
    from annotator.learn.crf import ModelError

    return ModelError(message)


def run_isolated(
    target: Any,
    args: tuple[Any, ...],
    progress: StepCallback,
    part: Callable[[Any], object] | None = None,
    what: str = "training",
) -> Any:
    """Start ``target(conn, *args)`` in a spawned child and wait for its ``done`` payload,
    passing its progress on, and each ``part`` it sends before to ``part``; a False from
    ``progress`` ends the child (Cancelled). A child's NotEnoughData is raised as such.
    ``what`` the child does, as its failures name it. The child ends when this process is
    gone (``watch_parent``); this function leaves none running: ended, terminated, or
    killed ``KILL_AFTER_S`` after."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run_child, args=(target, child, *args), daemon=True)
    proc.start()
    child.close()
    last: tuple[str, int, int] = ("starting", 0, 1)
    try:
        while True:
            if parent.poll(POLL_S):
                try:
                    msg = parent.recv()
                except EOFError:
                    raise _failed(f"{what} process ended without a result") from None
                if msg[0] == "progress":
                    last = (msg[1], msg[2], msg[3])
                elif msg[0] == "part" and part is not None:
                    part(msg[1])
                elif msg[0] == "done":
                    return msg[1]
                elif msg[0] == "not enough":
                    raise NotEnoughData(msg[1])
                else:
                    raise _failed(f"{what} failed: {msg[1]}")
            elif not proc.is_alive() and not parent.poll():
                raise _failed(f"{what} process ended (exit code {proc.exitcode})")
            if progress(*last) is False:
                made = "; no model was made" if what == "training" else ""
                raise Cancelled(f"{what} cancelled{made}")
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(KILL_AFTER_S)
        if proc.is_alive():
            proc.kill()
            proc.join(KILL_AFTER_S)
        parent.close()
