"""The sample project is built whole beside its final name and linked in: it never deletes a
file of the user's (it used to unlink a fixed name, ``.<sample>.<pid>.tmp``, and its -wal and
-shm, before building there) and never replaces what is at the sample's name, a dangling
symbolic link included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.project import Project
from ui import app as ui_app


def test_the_sample_is_built_without_touching_other_files(tmp_path: Path) -> None:
    old = tmp_path / f".{ui_app.SAMPLE_NAME}.{os.getpid()}.tmp"
    mine = [old, Path(f"{old}-wal"), Path(f"{old}-shm")]
    for f in mine:
        f.write_text("the user's own file", encoding="utf-8")
    path = ui_app.sample_project_path(tmp_path)
    assert path == tmp_path / ui_app.SAMPLE_NAME
    for f in mine:
        assert f.read_text(encoding="utf-8") == "the user's own file"
    with Project.open(path, read_only=True) as p:
        assert [d.name for d in p.documents()] == [Path(ui_app.SEED).stem]
    # no scratch folder or file left behind
    left = {f.name for f in tmp_path.iterdir()} - {f.name for f in mine} - {"settings"}
    assert {n.removesuffix("-wal").removesuffix("-shm") for n in left} == {ui_app.SAMPLE_NAME}


def test_a_link_at_the_sample_name_is_left_alone(tmp_path: Path) -> None:
    link = tmp_path / ui_app.SAMPLE_NAME
    link.symlink_to(tmp_path / "elsewhere" / "missing.annotator")
    assert ui_app.sample_project_path(tmp_path) == link
    assert link.is_symlink() and not link.exists()
    assert {f.name for f in tmp_path.iterdir()} - {"settings"} == {ui_app.SAMPLE_NAME}


def test_an_existing_sample_is_kept(tmp_path: Path) -> None:
    path = ui_app.sample_project_path(tmp_path)
    with Project.open(path) as p:
        p.add_document("نص آخر", name="other")
    assert ui_app.sample_project_path(tmp_path) == path
    with Project.open(path, read_only=True) as p:
        assert len(p.documents()) == 2


class _NoRecent:
    def recent_projects(self) -> list[str]:
        return []


def test_a_sample_that_cannot_be_made_is_created_so_the_refusal_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A leftover sample.annotator-wal keeps the sample from being made (2a83086); the
    window then creates it, whose refusal names the leftover, instead of opening a file
    that is not there ("no such project file")."""
    import platformdirs

    from annotator.errors import AnnotatorError

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path))
    leftover = tmp_path / f"{ui_app.SAMPLE_NAME}-wal"
    leftover.write_bytes(b"someone else's log")
    target, create = ui_app.start_target(_NoRecent(), ["annotator"])  # type: ignore[arg-type]
    assert target == tmp_path / ui_app.SAMPLE_NAME and create
    with pytest.raises(AnnotatorError, match=r"a leftover .*-wal sits beside it"):
        Project.create(target)
    assert leftover.read_bytes() == b"someone else's log"


def test_a_data_folder_where_no_sample_can_be_made_still_opens_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only or full data folder: making the sample raised before the window existed,
    and ``annotator gui`` opened nothing (QA round 10). Now the sample is "created", so the
    window opens and the creation's error is shown there."""
    import platformdirs

    def cannot(data_dir: Path | None = None) -> Path:
        raise OSError(30, "Read-only file system", str(tmp_path / ".sample.annotator.x"))

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "ro"))
    monkeypatch.setattr(ui_app, "sample_project_path", cannot)
    target, create = ui_app.start_target(_NoRecent(), ["annotator"])  # type: ignore[arg-type]
    assert target == tmp_path / "ro" / ui_app.SAMPLE_NAME and create
