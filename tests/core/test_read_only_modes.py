"""A project with no write bit for anyone is read-only, for root too.

``os.access`` answers yes to root whatever the mode, so a ``chmod 444`` project was written to
when the program ran as root (as CI does). These tests pass as root and as a normal user."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import Project
from annotator.errors import ProjectFileError
from annotator.locking import folder_writable, write_refusal


@pytest.fixture
def made(tmp_path: Path, seed_text: str) -> Iterator[Path]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(seed_text, name="one")
    yield path
    path.chmod(0o644)
    path.parent.chmod(0o755)


def test_a_file_without_write_bits_is_refused_for_writing(made: Path) -> None:
    made.chmod(0o444)
    before = made.read_bytes()
    refusal = write_refusal(made)
    assert refusal is not None and "the project file is read-only" in refusal
    with pytest.raises(ProjectFileError, match="the project file is read-only"):
        Project.open(made)
    with Project.open(made, read_only=True) as p:  # reading is still fine
        assert [d.name for d in p.documents()] == ["one"]
        with pytest.raises(ProjectFileError, match="read-only"):
            p.add_document("another text")
    assert made.read_bytes() == before


def test_a_folder_without_write_bits_is_read_only(made: Path) -> None:
    made.parent.chmod(0o555)
    refusal = write_refusal(made)
    assert refusal is not None and "is read-only" in refusal
    assert not folder_writable(made)


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o464, 0o446])
def test_a_file_with_a_write_bit_for_someone_follows_the_file_system(made: Path, mode: int) -> None:
    made.chmod(mode)
    writable = os.access(made, os.W_OK) and bool(os.stat(made).st_mode & 0o222)
    assert (write_refusal(made) is None) == writable
    if os.geteuid() == 0:  # root may write any file that some write bit allows
        assert write_refusal(made) is None
    assert stat.S_IMODE(os.stat(made).st_mode) == mode
