"""Fixtures shared by the core tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.project import Project
from tests.core.test_learn import add_synthetic_gold


@pytest.fixture(scope="session")
def _synthetic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``synthetic`` project built once per test process and closed: each test gets a
    copy. Building it (a document and a span at a time, each a committed write) took 0.3 s
    of CPU and over a second of wall time on a loaded machine; copying and opening the file,
    0.02 s."""
    path = tmp_path_factory.mktemp("synthetic") / "test.annotator"
    with Project.create(path) as project:
        add_synthetic_gold(project)
    return path


@pytest.fixture
def synthetic(_synthetic_file: Path, tmp_path: Path) -> Iterator[Project]:
    """Ten labelled documents of invented people and cities in the gold layer (the learning
    tests' corpus, ``test_learn.synthetic_document``): a copy of the file built once, open
    for writing, the test's own."""
    path = tmp_path / "test.annotator"
    shutil.copyfile(_synthetic_file, path)
    p = Project.open(path)
    yield p
    p.close()
