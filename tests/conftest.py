"""Shared fixtures: the seed article and fresh projects in tmp_path."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The store records cleanly closed project files in the user's state folder; the suite (and the
# processes it starts, which inherit the variable) keeps its records in a folder of its own.
if "ANNOTATOR_STATE_DIR" not in os.environ:
    _state = tempfile.mkdtemp(prefix="annotator-test-state-")
    os.environ["ANNOTATOR_STATE_DIR"] = _state
    atexit.register(shutil.rmtree, _state, True)

from annotator.project import Project

# No time limit on a property test's example: speed is the benchmarks' to measure, and
# hypothesis's 200 ms deadline failed a fresh-clone CI run on a loaded machine (an example of
# test_ranges_cover_every_id_once_and_shrink_towards_the_end took 299 ms, then 194 ms).
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

if TYPE_CHECKING:
    from tests.hub.conftest import Hub
    from tests.hub.pgserver import Server

SEED = Path(__file__).resolve().parent.parent / "resources" / "samples" / "000_3626081446f7037e.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = Project.create(tmp_path / "test.annotator")
    yield p
    p.close()


@pytest.fixture
def seed_project(project: Project, seed_text: str) -> Project:
    project.add_document(seed_text, name="seed")
    return project


def inword(text: str, word: str, skip: int) -> tuple[int, int]:
    """Offsets of ``word[skip:]`` at the first occurrence of ``word`` (e.g. هولندا in وهولندا)."""
    i = text.index(word)
    return i + skip, i + len(word)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """One real PostgreSQL server per test process (the hub's tests, the Sync action, the hub
    benchmark), started as a non-root user in a temporary folder and stopped at the end.
    Defined here only: two definitions meant two servers in one process, the second one's
    ``PGPASSFILE`` replacing the first's."""
    from tests.hub.pgserver import find_bin_dir, running_server

    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres): install Debian's "
            "postgresql package (.ci/run does) or set PG_BIN_DIR"
        )
    saved = {k: os.environ.get(k) for k in ("PGPASSFILE", "PGPASSWORD", "PGSERVICEFILE")}
    with running_server(bin_dir) as server:
        os.environ["PGPASSFILE"] = str(server.passfile)
        os.environ.pop("PGPASSWORD", None)
        try:
            yield server
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@pytest.fixture
def hub(pg_server: Server) -> Hub:
    """A fresh hub (database) on the session's server."""
    from tests.hub.conftest import new_hub

    return new_hub(pg_server)


@pytest.fixture
def team(hub: Hub) -> dict[str, str]:
    """A coordinator, two analysts, an adjudicator: role name -> URL."""
    return {
        "coord": hub.member("coord", "coordinator"),
        "amal": hub.member("amal", "analyst", "amal"),
        "badr": hub.member("badr", "analyst", "badr"),
        "judge": hub.member("judge", "adjudicator", "judge"),
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Delete the widgets a test leaves to ``deleteLater`` before the next test starts.

    pytest-qt closes the widgets a test registered and calls ``deleteLater`` on them, and
    only an event loop entered afterwards runs those deletions: until some later test waited
    in one, the windows of the tests before stayed alive (up to eight main windows, 3,000
    widgets, were seen), and every later test paid for them (installing the Arabic
    translator, which sends every widget a LanguageChange, took 3 s instead of 0.05 s). Qt
    is asked only when the test process has loaded it."""
    result = yield
    import sys

    core = sys.modules.get("PySide6.QtCore")
    if core is not None and core.QCoreApplication.instance() is not None:
        core.QCoreApplication.sendPostedEvents(None, core.QEvent.Type.DeferredDelete)
    return result
