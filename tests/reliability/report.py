"""Print the reliability table from the JSON lines written by the suite's tally.

Usage: ``python tests/reliability/report.py results.jsonl``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COLUMNS = ("tried", "clean_error", "accepted", "traceback", "project_changed", "data_lost")


def table(path: Path) -> str:
    rows: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        row = rows.setdefault(d["case"], dict.fromkeys(COLUMNS, 0))
        for c in COLUMNS:
            row[c] += int(d.get(c, 0))
    head = "| case | " + " | ".join(c.replace("_", " ") for c in COLUMNS) + " |"
    out = [head, "|---" * (len(COLUMNS) + 1) + "|"]
    for case in sorted(rows):
        out.append(f"| {case} | " + " | ".join(str(rows[case][c]) for c in COLUMNS) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    print(table(Path(sys.argv[1])))
