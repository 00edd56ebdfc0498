"""Running the command line in-process and recording what happened, for the reliability tests."""

from __future__ import annotations

import contextlib
import io
import traceback
from dataclasses import dataclass

from annotator.cli import main


@dataclass
class Run:
    """What one command did: exit status, output, and the traceback if one escaped."""

    rc: int | None
    out: str
    err: str
    traceback: str = ""

    @property
    def one_line(self) -> bool:
        """Whether it failed with exactly one ``annotator: error:`` line."""
        lines = self.err.strip().splitlines()
        return len(lines) == 1 and lines[0].startswith("annotator: error: ")


def cli(*args: str) -> Run:
    """``annotator ARGS`` in this process; a traceback is caught and recorded, never raised."""
    out, err = io.StringIO(), io.StringIO()
    tb = ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc: int | None = main(list(args))
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else 1
        except Exception:
            rc, tb = None, traceback.format_exc()
    return Run(rc, out.getvalue(), err.getvalue(), tb)
