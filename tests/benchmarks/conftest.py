"""Benchmarks print their figures; run with `make bench` (pytest -s tests/benchmarks)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
