"""Opening a project and reading a document stays light (issue 12): it loads neither
sqlite-utils (only a migration does), nor the search package's matching machinery, nor the
suggestion model (``annotator.learn``). Measured in a fresh process, as the window's first
paint pays it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from annotator.project import Project

OPEN_AND_READ = """
import sys
from pathlib import Path

from annotator.project import Project

path, read_only = Path(sys.argv[1]), sys.argv[2] == "ro"
with Project.open(path, read_only=read_only) as project:
    (doc,) = project.documents()
    text = project.document(doc.id).text
    layer = project.layer(doc.id)
    print("READ:" + text + "|" + ",".join(s.label for s in layer.spans))
heavy = ("sqlite_utils", "annotator.search", "annotator.learn")
found = [m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy)]
print("LOADED:" + ",".join(sorted(found)))
"""

TEXT = "اعتقل محمد علي ببغداد."


def open_and_read(path: Path, read_only: bool) -> tuple[str, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", OPEN_AND_READ, str(path), "ro" if read_only else "rw"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    return lines["READ"], [m for m in lines["LOADED"].split(",") if m]


def sample(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as project:
        doc = project.add_document(TEXT, name="example")
        project.add_span(doc.id, 6, 10, "PER", annotator="amal")
    return path


def test_opening_read_only_and_reading_loads_no_sqlite_utils_search_or_learn(
    tmp_path: Path,
) -> None:
    read, modules = open_and_read(sample(tmp_path), read_only=True)
    assert read == TEXT + "|PER"
    assert modules == []


def test_opening_for_writing_a_current_file_loads_none_of_them_either(tmp_path: Path) -> None:
    # the window opens its project for writing before its first paint
    read, modules = open_and_read(sample(tmp_path), read_only=False)
    assert read == TEXT + "|PER"
    assert modules == []


def test_migrating_an_old_file_is_what_loads_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "old.annotator"
    shutil.copy(Path(__file__).with_name("fixtures") / "project_v1.annotator", path)
    with Project.open(path, read_only=True) as project:
        (doc,) = project.documents()
        old = project.document(doc.id).text, [s.label for s in project.layer(doc.id).spans]
    read, modules = open_and_read(path, read_only=False)
    assert read == old[0] + "|" + ",".join(old[1])
    assert "sqlite_utils" in modules
    assert not [m for m in modules if m.startswith(("annotator.search", "annotator.learn"))]
