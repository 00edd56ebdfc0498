"""The core is usable without Qt: every annotator module imports with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import importlib, pkgutil, sys
sys.modules['PySide6'] = None      # any import of Qt now raises ImportError
sys.modules['shiboken6'] = None
import annotator
names = [m.name for m in pkgutil.walk_packages(annotator.__path__, 'annotator.')]
for name in names:
    importlib.import_module(name)
from annotator import Project
assert not any(k.startswith('PySide6.') for k in sys.modules)
print(len(names))
"""


def test_core_imports_without_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 20


def test_gui_command_without_the_qt_entry_point_is_a_clear_error() -> None:
    from annotator.cli import main

    assert main(["gui"]) == 1
