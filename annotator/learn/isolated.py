"""Training in a child process, for a window that must stay responsive.

crfsuite holds the GIL for a whole L-BFGS iteration (measured: a thread sleeping 5 ms woke
after 70 ms on a small corpus, longer on a real one), so training on a thread of the GUI
process would freeze the window. ``fit_isolated`` runs ``Model.fit`` in a fresh ``spawn``
process (no fork of a Qt process) and returns the model: its bytes come back through a pipe
and are read with ``Model.from_bytes``, the same checked path as a model from a file. Progress
comes back through the same pipe; a False from ``progress`` ends the child (Cancelled).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Collection, Sequence
from multiprocessing.connection import Connection
from typing import Any

from annotator.errors import Cancelled
from annotator.learn.corpus import Example
from annotator.learn.crf import Model, ModelError, StepCallback, no_progress

POLL_S = 0.05


def _child(
    conn: Connection,
    examples: Sequence[Example],
    layer: str,
    gazetteer: Collection[str],
    params: dict[str, Any] | None,
) -> None:
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
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(child, list(examples), layer, frozenset(gazetteer), params),
        daemon=True,
    )
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
                    return Model.from_bytes(msg[1])
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
