"""Shared machinery of the reliability suite: sizes for CI and soak runs, and the tally.

Every hostile-input test feeds its outcomes into ``tally``: per case, how many inputs were
tried, how many ended in a clean one-line error, how many were accepted, how many raised a
traceback (an exception that is not an ``AnnotatorError``), how many changed the project
although refused, and how many lost data that had been acknowledged. With
``RELIABILITY_REPORT=path`` set, each test process appends its counts to that JSON-lines file;
``python tests/reliability/report.py path`` prints the table (``make soak`` does both).

Sizes: ``size(ci, soak)`` is ``ci`` in the normal test run and ``soak`` when ``SOAK=1``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

from annotator.exchange import canonical_dump
from annotator.project import Project

SOAK = os.environ.get("SOAK", "") not in ("", "0")


def merge_snapshot(p: Project) -> tuple[Any, ...]:
    """Everything a refused merge must leave as it was: records, quarantine, schema, clock,
    change log, documents and annotators."""
    store = p._store  # white-box: the stored schema, clock setting and layer rows as they are
    return (
        canonical_dump(p),
        [(q["uuid"], q["reason"]) for q in p.quarantined()],
        store.schema_json(),
        store.setting("hlc"),
        len(p.changes(limit=10**6)),
        [(d.name, d.meta) for d in p.documents()],
        store.annotators(),
    )


def size(ci: int, soak: int) -> int:
    """How many cases to run: ``ci`` normally, ``soak`` under ``make soak``."""
    return soak if SOAK else ci


@dataclass
class Outcome:
    """Counts for one hostile case (one row of the closing table)."""

    case: str
    tried: int = 0
    clean_error: int = 0
    accepted: int = 0
    traceback: int = 0
    project_changed: int = 0
    data_lost: int = 0


class Tally:
    """Outcomes by case, written out at the end of the test process."""

    def __init__(self) -> None:
        self.rows: dict[str, Outcome] = {}

    def __call__(self, case: str) -> Outcome:
        return self.rows.setdefault(case, Outcome(case))


_TALLY = Tally()


@pytest.fixture
def tally() -> Tally:
    return _TALLY


@pytest.fixture(scope="session", autouse=True)
def _write_tally() -> Iterator[None]:
    yield
    target = os.environ.get("RELIABILITY_REPORT")
    if target and _TALLY.rows:
        with Path(target).open("a", encoding="utf-8") as fh:
            for row in _TALLY.rows.values():
                fh.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
