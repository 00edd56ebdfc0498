"""``Project`` is the only way in: no module under ui/ reaches the project's store or a private
member of another object (``window._dock``, ``view._to_cp``, ``project._tick``), and no module
of the core but ``annotator/project.py`` (and ``annotator/store.py`` itself) reaches the store:
no ``project._store``, no ``Store`` instance (docs/adr/0006-project-is-the-only-way-in.md).

The sources are read with ``ast``, so comments and strings never count and every offender is
listed with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
CORE = ROOT / "annotator"
STORE_OWNERS = {"annotator/project.py", "annotator/store.py"}
"""the modules that may hold the store: the store itself, and ``Project``, which keeps it
private and hands out narrow objects (``MergeSession``, ``UntrustedProject``)"""
PENDING: dict[str, str] = {}
"""modules that still take a Store from ``Project`` (not yet moved; each a known offender,
listed so that no other module starts to)"""
STORE_CLASSES = {"Store", "RecordTable", "ArgumentTable"}


def _own(node: ast.expr) -> bool:
    """Whether ``node`` is the object whose class is being written: self, cls or super()."""
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


NAMED_TUPLE_API = {"_replace", "_asdict", "_fields", "_make", "_field_defaults"}
"""public methods of every named tuple, underscored only to keep clear of field names"""


def _private(name: str) -> bool:
    if name in NAMED_TUPLE_API:
        return False
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


def store_offenders(source: str, where: str) -> list[str]:
    """``where:line: code`` for each reach into a store in ``source``: ``x.store`` or
    ``x._store`` of another object, and the store's classes imported or named."""
    out: list[tuple[int, int, str]] = []
    for node in ast.walk(ast.parse(source)):
        at = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        if isinstance(node, ast.Attribute):
            module = ast.unparse(node.value) == "annotator"  # the module annotator.store
            if node.attr in ("store", "_store") and not _own(node.value) and not module:
                out.append((*at, f"{ast.unparse(node)} (the project's store)"))
            elif node.attr in STORE_CLASSES and ast.unparse(node.value) == "annotator.store":
                out.append((*at, ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom) and node.module == "annotator.store":
            out += [
                (*at, f"from annotator.store import {alias.name}")
                for alias in node.names
                if alias.name in STORE_CLASSES
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


def test_the_store_scan_finds_what_it_must() -> None:
    source = """
from annotator.store import Store, SQLITE_HEADER
import annotator.store
def f(project, session):
    project._store.put(x)
    project.store.write()
    session._store
    annotator.store.Store.open(path)
    self._store = store
    cls._store
    # project._store in a comment
    print("project._store in a string")
"""
    found = store_offenders(source, "x.py")
    assert [f.split(": ", 1)[1] for f in found] == [
        "from annotator.store import Store",
        "project._store (the project's store)",
        "project.store (the project's store)",
        "session._store (the project's store)",
        "annotator.store.Store",
    ], found


def test_only_the_project_reaches_the_store() -> None:
    found = []
    for path in sorted([*CORE.rglob("*.py"), *UI.rglob("*.py")]):
        where = path.relative_to(ROOT).as_posix()
        if where not in STORE_OWNERS and where not in PENDING:
            found += store_offenders(path.read_text(encoding="utf-8"), where)
    assert not found, "the store reached outside annotator/project.py:\n" + "\n".join(found)
