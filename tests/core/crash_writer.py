"""Child process for the crash test: adds spans, printing each uuid after its COMMIT.

``crash_writer.py PATH``: one writer. ``crash_writer.py --fork``: the interpreter starts and
imports annotator once; then for each project path read from stdin it forks one writer (a
process of its own, which opens the project itself and is killed by the test) and relays
what the writer prints: ``PID n`` first, then the writer's lines, then ``END`` on a line of
its own once the writer is gone and every line it printed has been passed on."""

from __future__ import annotations

import os
import sys

from annotator import Project


def write_spans(path: str) -> None:
    project = Project.open(path)
    layer = f"w{os.urandom(4).hex()}"  # each writer its own layer, each span its own place
    n = 0
    while True:
        start = n % 50
        span = project.add_span(1, start, start + 3 + n // 50, "PER", layer, note=f"edit {n}")
        # acknowledged only after add_span returned, i.e. after COMMIT
        sys.stdout.write(span.uuid + "\n")
        sys.stdout.flush()
        n += 1


def fork_writers() -> None:
    out = sys.stdout.buffer
    for line in sys.stdin:
        read, write = os.pipe()
        out.flush()
        pid = os.fork()
        if pid == 0:  # the writer: its output is the pipe
            try:
                os.close(read)
                os.dup2(write, 1)
                os.close(write)
                write_spans(line.strip())
            finally:
                os._exit(1)  # never back into this loop
        os.close(write)
        out.write(b"PID %d\n" % pid)
        out.flush()
        while chunk := os.read(read, 65536):  # until the writer is gone: all it printed
            out.write(chunk)
            out.flush()
        os.close(read)
        os.waitpid(pid, 0)
        out.write(b"\nEND\n")  # (after a line the kill cut short)
        out.flush()


def main() -> None:
    if sys.argv[1] == "--fork":
        fork_writers()
    else:
        write_spans(sys.argv[1])


if __name__ == "__main__":
    main()
