"""Every offered export format works after `make run` (issue 15): the `export` extra holds what
the formats need, `make run` installs it, and neither `annotator --help` nor the GUI's start
(window, export dialog) imports those packages: they load when such an export runs."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from annotator.formats.registry import EXPORT_FORMATS

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("spacy", "datasets", "pyarrow", "thinc", "torch")

PROBE = """
import sys
{body}
found = sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}))
print('HEAVY:' + ','.join(found))
"""

GUI_START = """
import os
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from pathlib import Path
from PySide6.QtWidgets import QApplication
from annotator.project import Project
from ui.app import render_screenshot, sample_project_path
from ui.dialogs.export_dialog import ExportDialog
folder = Path(sys.argv[1])
project = sample_project_path(folder)
with Project.open(project, read_only=True) as p:
    name = p.documents()[0].name
render_screenshot(project, name, folder / 'shot.png', (800, 500), lang='ar')
with Project.open(project, read_only=True) as p:
    dialog = ExportDialog(p)  # lists every format, with what a missing one needs
    for i in range(dialog.format.count()):
        dialog.format.setCurrentIndex(i)
        QApplication.processEvents()
    dialog.close()
"""


def heavy_after(body: str, *argv: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body, heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert "HEAVY:" in out.stdout, out.stderr[-2000:]
    return [m for m in out.stdout.rpartition("HEAVY:")[2].strip().split(",") if m]


def test_the_export_extra_holds_what_every_offered_format_needs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = project["optional-dependencies"]["export"]
    names = {re.split(r"[<>=\[ ]", req, maxsplit=1)[0].lower() for req in extra}
    assert names == {"spacy", "datasets"}
    needs = {p for info in EXPORT_FORMATS.values() for p in info.needs}
    assert {"spacy", "datasets"} <= needs
    for package in needs - names:  # e.g. pyarrow comes with datasets
        brought = importlib.metadata.requires("datasets") or []
        assert any(r.lower().startswith(package) for r in brought), package


def test_make_run_installs_the_export_extra() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = re.search(r"^run: (.+)$", makefile, re.M)
    assert run is not None
    target = run.group(1).strip()
    rule = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert rule is not None and "-e '.[export]'" in rule.group(1)


def test_help_and_gui_start_import_neither_spacy_nor_datasets(tmp_path: Path) -> None:
    cli = (
        "from annotator.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass"
    )
    assert heavy_after(cli, "--help") == []
    assert heavy_after("from ui.entry import main\ntry:\n    main(['gui', '--help'])\n"
                       "except SystemExit:\n    pass") == []  # fmt: skip
    assert heavy_after(GUI_START, str(tmp_path)) == []
    assert (tmp_path / "shot.png").stat().st_size > 0
