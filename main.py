"""Start the annotation workbench: ``python main.py [PROJECT]``."""

import gc
import sys

if __name__ == "__main__":
    # as ``annotator gui`` (ui.entry.main): no cyclic collection while the workbench is
    # imported and starts; ``ui.app.run`` turns it on again after the first paint
    gc.disable()
    from ui.app import run

    raise SystemExit(run(sys.argv))
