"""``annotator merge P SOURCE...``: with several sources every one is read and checked before
the first is merged (an unreadable one is an error with the project left as it was, with or
without ``--map``), and a source is told a project file or a bundle by its content (a file
that is neither is said to be neither)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange import canonical_dump, write_bundle
from annotator.project import Project

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"
NEITHER = "not an annotator project or bundle (neither an SQLite file nor a zip file)"


@pytest.fixture
def good(tmp_path: Path) -> dict[str, Path]:
    """The project merged into, a good bundle and a good project file of colleagues."""
    with Project.create(tmp_path / "amal.annotator") as s:
        s.add_span(s.add_document(TEXT).id, 4, 8, "PER", "amal")
        write_bundle(s, "amal", tmp_path / "amal.bundle")
    with Project.create(tmp_path / "badr.annotator") as s:
        s.add_span(s.add_document("نص آخر للزميل").id, 0, 2, "PER", "badr")
    Project.create(tmp_path / "t.annotator").close()
    return {
        "project": tmp_path / "t.annotator",
        "bundle": tmp_path / "amal.bundle",
        "file": tmp_path / "badr.annotator",
    }


def _broken(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A source that cannot be merged and the error it gives (after its path)."""
    if kind == "zip":
        path = tmp_path / "broken.bundle"
        path.write_bytes(b"PK\x03\x04garbage")
        return path, "not a readable bundle (bad zip: File is not a zip file)"
    if kind == "sqlite":
        path = tmp_path / "foreign.annotator"
        con = sqlite3.connect(path)
        con.execute("create table x(y)")
        con.commit()
        con.close()
        return path, "not an annotator project (SQLite file of another application)"
    path = tmp_path / "notsqlite.annotator"
    path.write_bytes(b"hello world" * 100)
    return path, NEITHER


def _state(project: Path) -> tuple[str, list[str], str]:
    """The project's content, its documents and its whole database (the merge log too)."""
    with Project.open(project, read_only=True) as p:
        dump, docs = canonical_dump(p), [d.name for d in p.documents()]
    con = sqlite3.connect(project)
    try:
        raw = "\n".join(con.iterdump())
    finally:
        con.close()
    return dump, docs, raw


@pytest.mark.parametrize("kind", ["zip", "sqlite", "neither"])
@pytest.mark.parametrize("first", ["bundle", "file"])
@pytest.mark.parametrize("mapped", [False, True])
def test_an_unreadable_later_source_is_refused_before_any_merge(
    good: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    first: str,
    mapped: bool,
) -> None:
    project = good["project"]
    broken, said = _broken(tmp_path, kind)
    before = _state(project)
    argv = ["merge", str(project), str(good[first]), str(broken)]
    assert main([*argv, *(["--map", "PER=PER"] if mapped else [])]) == 1
    out, err = capsys.readouterr()
    assert err.strip() == f"annotator: error: {broken}: {said}"
    assert out == ""  # no source merged, none reported
    assert _state(project) == before


def test_the_first_unreadable_source_in_order_is_the_one_told(
    good: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = good["project"]
    zip_, zip_said = _broken(tmp_path, "zip")
    sqlite, sqlite_said = _broken(tmp_path, "sqlite")
    before = _state(project)
    cases = [
        ([good["bundle"], sqlite, zip_], f"{sqlite}: {sqlite_said}"),
        ([zip_, good["bundle"], sqlite], f"{zip_}: {zip_said}"),
        ([sqlite, zip_], f"{sqlite}: {sqlite_said}"),
        ([good["file"], good["bundle"], zip_], f"{zip_}: {zip_said}"),
    ]
    for sources, said in cases:
        assert main(["merge", str(project), *map(str, sources)]) == 1
        assert capsys.readouterr().err.strip() == f"annotator: error: {said}"
        assert _state(project) == before


@pytest.mark.parametrize("mapped", [False, True])
def test_good_sources_are_all_merged_in_order(
    good: dict[str, Path], capsys: pytest.CaptureFixture[str], mapped: bool
) -> None:
    project = good["project"]
    sources = [good["bundle"], good["file"]]
    argv = ["merge", str(project), *map(str, sources), *(["--map", "PER=PER"] if mapped else [])]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.index(f"== {good['bundle']}") < out.index(f"== {good['file']}")
    assert "amal.bundle: 1 added, 0 updated, 0 unchanged" in out
    assert f"{good['file']}: 1 added, 0 updated, 0 unchanged" in out
    with Project.open(project, read_only=True) as p:
        assert sorted(s.annotator for s in p.spans()) == ["amal", "badr"]


def test_a_file_neither_sqlite_nor_zip_is_said_to_be_neither(
    good: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = good["project"]
    before = _state(project)
    empty = tmp_path / "empty.bundle"
    empty.write_bytes(b"")
    for path in (_broken(tmp_path, "neither")[0], empty):
        assert main(["merge", str(project), str(path)]) == 1
        assert capsys.readouterr().err.strip() == f"annotator: error: {path}: {NEITHER}"
    assert _state(project) == before


def test_content_not_the_name_tells_a_bundle_from_a_project_file(
    good: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = good["project"]
    # a bundle named as a project file is merged as a bundle, and the other way round
    as_file = tmp_path / "bundle.annotator"
    as_file.write_bytes(good["bundle"].read_bytes())
    as_bundle = tmp_path / "project.bundle"
    as_bundle.write_bytes(good["file"].read_bytes())
    assert main(["merge", str(project), str(as_file), str(as_bundle)]) == 0
    out = capsys.readouterr().out
    assert "bundle.annotator: 1 added" in out and f"{as_bundle}: 1 added" in out
    # a damaged zip is still a damaged bundle, whatever its name
    trunc = tmp_path / "trunc.annotator"
    trunc.write_bytes(good["bundle"].read_bytes()[:100])
    assert main(["merge", str(project), str(trunc)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"annotator: error: {trunc}: not a readable bundle (bad zip: File is not a zip file)"
    )


def test_help_says_every_source_is_checked_first(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["merge", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "every source is read and checked before any is merged" in text


def test_one_bundle_is_held_at_a_time_and_the_first_is_read_once(
    good: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weakref

    import annotator.exchange

    others = []
    for name in ("b", "c"):
        with Project.create(tmp_path / f"{name}.annotator") as s:
            s.add_span(s.add_document(f"نص {name} للزميل").id, 0, 2, "PER", name)
            write_bundle(s, name, tmp_path / f"{name}.bundle")
        others.append(tmp_path / f"{name}.bundle")
    read = annotator.exchange.read_bundle
    reads: list[str] = []
    live: set[int] = set()
    most = 0

    def counted(path: Path) -> object:
        nonlocal most
        bundle = read(path)
        reads.append(Path(path).name)
        live.add(id(bundle))
        most = max(most, len(live))
        weakref.finalize(bundle, live.discard, id(bundle))
        return bundle

    monkeypatch.setattr(annotator.exchange, "read_bundle", counted)
    sources = [good["bundle"], *others]
    assert main(["merge", str(good["project"]), *map(str, sources)]) == 0
    # the later ones read to be checked, then the first (kept for its merge), then the later
    assert reads == ["b.bundle", "c.bundle", "amal.bundle", "b.bundle", "c.bundle"]
    assert most == 1
