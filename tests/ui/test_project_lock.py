"""A second window on the same project is refused; read-only still works; locks are released."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import Project
from annotator.errors import ProjectFileError
from ui.session import Session


def test_second_session_is_refused_then_read_only(qtbot: object, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    first, second = Session(), Session()
    first.open_project(path)
    with pytest.raises(ProjectFileError, match="already open for editing"):
        second.open_project(path)
    ro = second.open_project(path, read_only=True)
    assert ro.store.read_only
    first.open_project(path)  # reopening our own project keeps working
    first.close()
    second.close()
    third = Session()
    third.open_project(path)  # released on close
    third.close()
    assert not Path(str(path) + ".lock").exists()
