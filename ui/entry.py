"""The `annotator` console script: the core command line plus the Qt ``gui`` subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from annotator.cli import main as core_main
from annotator.errors import AnnotatorError


def run_gui(args: argparse.Namespace) -> int:
    """``annotator gui [PROJECT] [--lang ar|en] [--document NAME --screenshot FILE --size WxH]``."""
    from ui.app import render_screenshot, run

    if args.screenshot:
        if not args.project:
            raise AnnotatorError("--screenshot needs a PROJECT")
        w, _, h = args.size.partition("x")
        if not (w.isdigit() and h.isdigit()):
            raise AnnotatorError(f"--size takes WIDTHxHEIGHT, not {args.size!r}")
        render_screenshot(
            Path(args.project),
            args.document or "",
            Path(args.screenshot),
            (int(w), int(h)),
            args.annotator,
            args.lang,
        )
        print(f"screenshot written to {args.screenshot}")
        return 0
    return run(["annotator"] + ([args.project] if args.project else []), args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    return core_main(argv, gui=run_gui)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
