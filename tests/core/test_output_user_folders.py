"""A folder the user adds inside a previous folder export is never deleted by the next export.

``annotator.output`` refused an added file but replaced the export, and with it the user's added
empty sub-folders, without a word. Rule: never destroy what we did not create — an added folder,
even empty, is refused like an added file; the export's own sub-folders (even empty ones, and
those of an export written before the marker listed folders) are replaced as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.output import MARKER, OutputRefused, writing


def write_folder(out: Path, files: dict[str, str], folders: tuple[str, ...] = ()) -> None:
    with writing(out, "hf", directory=True) as tmp:
        for name in folders:
            (tmp / name).mkdir(parents=True)
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(text, encoding="utf-8")


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("added", ["mine", "train/mine", "mine/deeper"])
def test_an_empty_folder_the_user_added_is_refused_and_kept(tmp_path: Path, added: str) -> None:
    out = tmp_path / "dataset"
    write_folder(out, {"train/data.arrow": "x", "labels.json": "[]"})
    (out / added).mkdir(parents=True)
    before = listing(out)
    top = "mine" if added.startswith("mine") else added
    with pytest.raises(
        OutputRefused, match=rf"it holds the folder {top}, which the export did not write"
    ):
        write_folder(out, {"train/data.arrow": "y"})
    assert listing(out) == before and (out / added).is_dir()


def test_the_exports_own_folders_are_replaced_even_empty_ones(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_folder(out, {"a/b/c.txt": "x"}, folders=("empty", "a/also-empty"))
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["folders"] == ["a", "a/also-empty", "a/b", "empty"]
    write_folder(out, {"d.txt": "y"})
    assert listing(out) == [MARKER, "d.txt"]


def test_an_export_whose_marker_lists_no_folders_is_still_replaced(tmp_path: Path) -> None:
    """A marker written before folders were recorded: a folder holding a listed file is ours."""
    out = tmp_path / "dataset"
    write_folder(out, {"a/b/c.txt": "x"})
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    del marker["folders"]
    (out / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    write_folder(out, {"d.txt": "y"})
    assert listing(out) == [MARKER, "d.txt"]
