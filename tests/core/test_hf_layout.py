"""The hf export folder loads with each of datasets' loaders as it is, no glue, empty splits or not.

QA: a split that got no document left ``load_dataset(folder)`` failing ('Instruction "validation"
corresponds to no data!'), and ``load_dataset("parquet", data_dir=folder)`` failed on any export
because it picked up the ``save_to_disk`` copy's ``.arrow`` files ("Parquet magic bytes not
found"). Layout now (docs/design/formats.md B.2): the ``save_to_disk`` copy at the top, Parquet
in the Hub's ``data/<split>-00000-of-00001.parquet``, JSONL the same way under ``jsonl/``.
Checked with the real datasets library, offline.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # the packaged builders need no network

import datasets
import pytest

from annotator.formats.common import ExportOptions, parse_splits
from annotator.formats.hf import write_hf
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import Label, Schema
from annotator.text import sha256_text

SCHEMA = Schema(entities=(Label("PER"), Label("GPE")))
NAMES = ["O", "B-PER", "I-PER", "B-GPE", "I-GPE"]


def make_doc(k: int) -> DocumentAnnotations:
    text = f"اعتقل محمد علي ببغداد {k}."
    spans = ((6, 14, "PER"), (16, 21, "GPE"))
    recs = tuple(
        Span(f"s{k}-{i}", k, "gold", s, e, lab, text[s:e]) for i, (s, e, lab) in enumerate(spans)
    )
    return DocumentAnnotations(Document(k, f"doc{k}", text, sha256_text(text)), spans=recs)


def export(out: Path, n_docs: int, splits: str) -> dict[str, int]:
    """Export ``n_docs`` documents; the number of rows each split got (one per document)."""
    write_hf([make_doc(k) for k in range(1, n_docs + 1)], out, SCHEMA,
             ExportOptions(splits=parse_splits(splits), seed="0"))  # fmt: skip
    bars = datasets.are_progress_bars_disabled()
    datasets.disable_progress_bars()
    try:
        disk = datasets.load_from_disk(str(out))
    finally:
        if not bars:
            datasets.enable_progress_bars()
    return {name: len(ds) for name, ds in disk.items()}


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def check_loaded(dd: datasets.DatasetDict, sizes: dict[str, int], names: bool = True) -> None:
    assert {s: len(ds) for s, ds in dd.items()} == {s: n for s, n in sizes.items() if n}
    for ds in dd.values():
        assert sorted(ds.column_names) == ["id", "ner_tags", "tokens"]
        if names:
            assert ds.features["ner_tags"].feature.names == NAMES
        row = ds[0]
        assert row["tokens"][:3] == ["اعتقل", "محمد", "علي"]
        assert [NAMES[t] for t in row["ner_tags"]][:5] == ["O", "B-PER", "I-PER", "O", "B-GPE"]


@pytest.mark.parametrize(
    ("n_docs", "splits"),
    [
        (12, ""),  # train only
        (12, "train=0.5,validation=0.25,test=0.25"),  # every split gets documents
        (1, "train=1,validation=1,test=1"),  # two of the three are empty
        (30, "train=1,dev=0,test=1"),  # dev is asked for and can get nothing
        (30, "train=1,dev=1,test=1"),  # dev keeps its name
    ],
)
def test_every_loader_reads_the_folder_as_it_is(tmp_path: Path, n_docs: int, splits: str) -> None:
    out = tmp_path / "ds"
    sizes = export(out, n_docs, splits)
    asked = [name for name, _ in parse_splits(splits)] or ["train"]
    assert sorted(sizes) == sorted(asked)  # load_from_disk: every split asked for, empty or not
    assert sum(sizes.values()) == n_docs
    cache = str(tmp_path / "cache")
    # the folder itself: the Hub layout's data/ files, under the splits' own names
    check_loaded(datasets.load_dataset(str(out), cache_dir=cache), sizes)
    check_loaded(datasets.load_dataset("parquet", data_dir=str(out), cache_dir=cache), sizes)
    # JSON: its folder holds nothing else; the tag names come from labels.json
    names = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert names == NAMES
    features = datasets.Features(
        {
            "id": datasets.Value("string"),
            "tokens": datasets.Sequence(datasets.Value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
        }
    )
    dd = datasets.load_dataset(
        "json", data_dir=str(out / "jsonl"), features=features, cache_dir=cache
    )
    check_loaded(dd, sizes)
    plain = datasets.load_dataset("json", data_dir=str(out / "jsonl"), cache_dir=cache)
    check_loaded(plain, sizes, names=False)


def test_files_beside_the_save_to_disk_copy(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    export(out, 1, "train=1,validation=1,test=1")
    (full,) = [p.name.split("-")[0] for p in (out / "data").iterdir()]
    assert listing(out / "data") == [f"{full}-00000-of-00001.parquet"]
    assert listing(out / "jsonl") == ["data", f"data/{full}-00000-of-00001.jsonl"]
    # nothing of the save_to_disk copy's shape outside its split folders, and no data file at
    # the top where a loader's split patterns would meet the .arrow files
    top = sorted(p.name for p in out.iterdir())
    assert top == [".annotator-export.json", "data", "dataset_dict.json", "jsonl", "labels.json",
                   "test", "train", "validation"]  # fmt: skip
