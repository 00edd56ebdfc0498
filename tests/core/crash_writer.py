"""Child process for the crash test: adds spans, printing each uuid after its COMMIT."""

from __future__ import annotations

import sys

from annotator import Project


def main() -> None:
    project = Project.open(sys.argv[1])
    n = 0
    while True:
        span = project.add_span(1, n % 50, n % 50 + 3, "PER", "amal", note=f"edit {n}")
        # acknowledged only after add_span returned, i.e. after COMMIT
        sys.stdout.write(span.uuid + "\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main()
