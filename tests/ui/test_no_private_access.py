"""``Project`` is the only way in for the GUI: no module under ui/ reaches the project's store
or a private member of another object (``window._dock``, ``view._to_cp``, ``project._tick``).

The sources are read with ``ast``, so comments and strings never count and every offender is
listed with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"


def _own(node: ast.expr) -> bool:
    """Whether ``node`` is the object whose class is being written: self, cls or super()."""
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def offenders(source: str, where: str) -> list[str]:
    """``where:line: code`` for each store access, private attribute of another object, or
    private name imported from another module in ``source``."""
    out: list[tuple[int, int, str]] = []
    for node in ast.walk(ast.parse(source)):
        at = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        if isinstance(node, ast.Attribute):
            if node.attr == "store":
                out.append((*at, f"{ast.unparse(node)} (the project's store)"))
            elif _private(node.attr) and not _own(node.value):
                out.append((*at, ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom):
            out += [
                (*at, f"from {node.module} import {alias.name}")
                for alias in node.names
                if _private(alias.name)
            ]
    return [f"{where}:{line}: {what}" for line, _, what in sorted(out)]


def test_the_scan_finds_what_it_must() -> None:
    source = """
from ui.workbench.panels import _helper
from annotator.project import Project
def f(project, window, view):
    project.store.records("spans")
    window._dock("x")
    view._to_cp(3)
    project._tick()
    self._fine = 1
    super()._end()
    window.__class__
    # window._in_a_comment
    print("project.store and view._to_cp in a string")
"""
    found = offenders(source, "x.py")
    assert [f.split(": ", 1)[1] for f in found] == [
        "from ui.workbench.panels import _helper",
        "project.store (the project's store)",
        "window._dock",
        "view._to_cp",
        "project._tick",
    ], found


def test_ui_uses_public_members_only() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += offenders(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parent)))
    assert not found, "private access from ui/:\n" + "\n".join(found)
