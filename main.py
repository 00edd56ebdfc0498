"""Start the annotation workbench: ``python main.py [PROJECT]``."""

import sys

from ui.app import run

raise SystemExit(run(sys.argv))
