"""Child process for the crash test: adds spans, printing each uuid after its COMMIT."""

from __future__ import annotations

import os
import sys

from annotator import Project


def main() -> None:
    project = Project.open(sys.argv[1])
    layer = f"w{os.urandom(4).hex()}"  # each writer its own layer, each span its own place
    n = 0
    while True:
        start = n % 50
        span = project.add_span(1, start, start + 3 + n // 50, "PER", layer, note=f"edit {n}")
        # acknowledged only after add_span returned, i.e. after COMMIT
        sys.stdout.write(span.uuid + "\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main()
