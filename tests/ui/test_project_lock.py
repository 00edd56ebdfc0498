"""A second window on the same project is refused; read-only still works; locks are released."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import ProjectFileError
from annotator.project import Project
from ui.session import Session


def test_second_session_is_refused_then_read_only(qtbot: object, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    first, second = Session(), Session()
    first.open_project(path)
    with pytest.raises(ProjectFileError, match="already open for editing"):
        second.open_project(path)
    ro = second.open_project(path, read_only=True)
    assert ro.read_only
    first.open_project(path)  # reopening our own project keeps working
    first.close()
    second.close()
    third = Session()
    third.open_project(path)  # released on close
    third.close()
    assert not Path(str(path) + ".lock").exists()


def test_a_stale_lock_file_is_taken_over(qtbot: object, tmp_path: Path) -> None:
    """A lock file left behind by a process that died (here in the old QLockFile layout,
    naming a pid that does not exist) holds no lock: the window opens the project."""
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    Path(str(path) + ".lock").write_text("999999999\nannotator\nsomehost\n", encoding="utf-8")
    session = Session()
    session.open_project(path)
    other = Session()
    with pytest.raises(ProjectFileError, match="already open for editing"):
        other.open_project(path)
    session.close()
    assert not Path(str(path) + ".lock").exists()


def test_a_new_project_is_locked_and_the_window_workers_write_under_its_lock(
    qtbot: object, tmp_path: Path
) -> None:
    path = tmp_path / "new.annotator"
    session = Session()
    session.create_project(path)
    with pytest.raises(ProjectFileError, match="already open for editing"):
        Session().open_project(path)
    # the window's own jobs (import, merge) open write handles in the same process
    with Project.open(path) as worker:
        worker.add_document("نص", name="from a worker")
    assert session.project is not None
    assert [d.name for d in session.project.documents()] == ["from a worker"]
    session.close()
    assert not Path(str(path) + ".lock").exists()


def test_a_window_cannot_take_over_a_project_a_creation_failed_on(
    qtbot: object, tmp_path: Path
) -> None:
    path = tmp_path / "exists.annotator"
    Project.create(path).close()
    session = Session()
    with pytest.raises(ProjectFileError, match="already exists"):
        session.create_project(path)
    assert not Path(str(path) + ".lock").exists()  # the lock taken for it was released
    again = Session()
    again.open_project(path)
    again.close()
