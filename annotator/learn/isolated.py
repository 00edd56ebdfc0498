"""Training in a child process, for a window that must stay responsive.

crfsuite holds the GIL for a whole L-BFGS iteration (measured: a thread sleeping 5 ms woke
after 70 ms on a small corpus, longer on a real one), so training on a thread of the GUI
process would freeze the window. ``fit_isolated`` runs ``Model.fit`` in a fresh ``spawn``
process (no fork of a Qt process) and returns the model: its bytes come back through a pipe
and are read with ``Model.from_bytes``, the same checked path as a model from a file. Progress
comes back through the same pipe; a False from ``progress`` ends the child (Cancelled).

``train_isolated`` runs all of ``training.train_examples`` (the held-out fits, their scores,
the learning curve and the final fit) in one such child: the window's worker thread only reads
the layer and waits (importing the scorer, seqeval with sklearn, held the GIL 100 ms at a time).
The child runs below the parent's priority (``NICE``). Messages on the pipe are those of this
program's own child; the model in them is read only through ``Model.from_bytes``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Collection, Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from annotator.errors import Cancelled
from annotator.learn.corpus import Example
from annotator.learn.crf import Model, ModelError, StepCallback, no_progress

if TYPE_CHECKING:
    from annotator.learn.training import TrainingResult

POLL_S = 0.05
NICE = 10
"""the training process's niceness increment (lower priority than the window)"""


def _lower_priority() -> None:
    # below the window's process: on a busy machine the GUI keeps the CPU it needs for its
    # frames (a 10 ms timer waited up to 130 ms at equal priority on 2 loaded cores)
    with contextlib.suppress(AttributeError, OSError):
        os.nice(NICE)


def _train_child(conn: Connection, examples: Sequence[Example], settings: dict[str, Any]) -> None:
    from annotator.learn.training import train_examples

    _lower_priority()

    def report(phase: str, done: int, total: int) -> None:
        conn.send(("progress", phase, done, total))

    try:
        result = train_examples(examples, progress=report, **settings)
        model, result.model = result.model, None  # type: ignore[assignment]
        conn.send(("done", (model.to_bytes(), result)))
    except Exception as exc:  # the parent shows it; the child has no one else to tell
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def train_isolated(
    examples: Sequence[Example], settings: dict[str, Any], progress: StepCallback = no_progress
) -> TrainingResult:
    """``training.train_examples(examples, **settings)`` in a child process."""
    data, result = _run(_train_child, (list(examples), settings), progress)
    result.model = Model.from_bytes(data)
    return result  # type: ignore[no-any-return]


def _child(
    conn: Connection,
    examples: Sequence[Example],
    layer: str,
    gazetteer: Collection[str],
    params: dict[str, Any] | None,
) -> None:
    _lower_priority()

    def report(phase: str, done: int, total: int) -> None:
        conn.send(("progress", phase, done, total))

    try:
        model = Model.fit(
            examples, layer=layer, gazetteer=gazetteer, params=params, progress=report
        )
        conn.send(("done", model.to_bytes()))
    except Exception as exc:  # the parent shows it; the child has no one else to tell
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def fit_isolated(
    examples: Sequence[Example],
    *,
    layer: str = "gold",
    gazetteer: Collection[str] = frozenset(),
    params: dict[str, Any] | None = None,
    progress: StepCallback = no_progress,
) -> Model:
    """``Model.fit`` in a child process; ``progress`` runs in this process (the caller's
    thread), at least every ``POLL_S`` seconds with the latest step."""
    data = _run(_child, (list(examples), layer, frozenset(gazetteer), params), progress)
    return Model.from_bytes(data)


def _run(target: Any, args: tuple[Any, ...], progress: StepCallback) -> Any:
    """Start ``target(conn, *args)`` in a spawned child and wait for its ``done`` payload,
    passing its progress on; a False from ``progress`` ends the child (Cancelled)."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(child, *args), daemon=True)
    proc.start()
    child.close()
    last: tuple[str, int, int] = ("starting", 0, 1)
    try:
        while True:
            if parent.poll(POLL_S):
                try:
                    msg = parent.recv()
                except EOFError:
                    raise ModelError("training process ended without a model") from None
                if msg[0] == "progress":
                    last = (msg[1], msg[2], msg[3])
                elif msg[0] == "done":
                    return msg[1]
                else:
                    raise ModelError(f"training failed: {msg[1]}")
            elif not proc.is_alive() and not parent.poll():
                raise ModelError(f"training process ended (exit code {proc.exitcode})")
            if progress(*last) is False:
                raise Cancelled("training cancelled; no model was made")
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        parent.close()
