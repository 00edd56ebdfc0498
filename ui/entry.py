"""The `annotator` console script: the core command line plus the Qt ``gui`` subcommand."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path


def run_gui(args: argparse.Namespace) -> int:
    """``annotator gui [PROJECT] [--lang ar|en] [--document NAME --screenshot FILE --size WxH]``."""
    from annotator.errors import AnnotatorError
    from ui.app import render_screenshot, run

    if args.screenshot:
        if not args.project:
            raise AnnotatorError("--screenshot needs a PROJECT")
        w, _, h = args.size.partition("x")
        if not (w.isdigit() and h.isdigit()):
            raise AnnotatorError(f"--size takes WIDTHxHEIGHT, not {args.size!r}")
        asked = (int(w), int(h))
        written = render_screenshot(
            Path(args.project),
            args.document or "",
            Path(args.screenshot),
            asked,
            args.annotator,
            args.lang,
        )
        if written == asked:
            print(f"screenshot written to {args.screenshot}")
        else:
            # the window cannot take every size: the picture's own is said, not --size's
            if all(a <= b for a, b in zip(asked, written, strict=True)):
                why = "the window's smallest size"
            elif all(a >= b for a, b in zip(asked, written, strict=True)):
                why = "the window's largest size"
            else:
                why = "the size the window can take"
            print(
                f"screenshot written to {args.screenshot} ({written[0]}x{written[1]}: {why}; "
                f"asked {args.size})"
            )
        return 0
    return run(["annotator"] + ([args.project] if args.project else []), args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``annotator ARGS`` (``argv``; None: the process's arguments).

    ``annotator gui`` runs with the cyclic garbage collector off until its first paint
    (issue 12): what start-up makes (modules, classes, widgets) is all kept, so the scans
    found nothing and cost ~12 ms of the cold start; ``ui.app.run`` turns it on again right
    after the first paint, once that is frozen (``ui.workbench.collector.settle``), and it is
    on again whatever way the command ends. Other commands run with it as Python sets it."""
    args = list(sys.argv[1:] if argv is None else argv)
    gui = args[:1] == ["gui"]
    if gui:
        gc.disable()
    try:
        from annotator.cli import main as core_main  # (here: with the collector off)

        return core_main(args, gui=run_gui)
    except KeyboardInterrupt:  # Ctrl+C while the command line is imported: as core_main ends
        print(INTERRUPTED, file=sys.stderr)
        return 130
    finally:
        if gui:
            gc.enable()


INTERRUPTED = "annotator: interrupted; nothing was written"
"""annotator.cli.INTERRUPTED, which an interrupt may come before importing"""


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
