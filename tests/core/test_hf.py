"""Hugging Face export, checked with datasets itself: load_from_disk, JSON + features, Parquet."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # the packaged builders need no network

import datasets
import pytest

from annotator.errors import Cancelled
from annotator.formats.common import ExportOptions, parse_splits
from annotator.formats.conll import TokenReport
from annotator.formats.hf import data_files, write_hf
from annotator.model import Document, DocumentAnnotations, Span
from annotator.schema import Label, Schema
from annotator.text import sha256_text

SCHEMA = Schema(entities=(Label("PER"), Label("GPE"), Label("ORG")))
NAMES = ["O", "B-PER", "I-PER", "B-GPE", "I-GPE", "B-ORG", "I-ORG"]
SPLITS = parse_splits("train=0.6,validation=0.2,test=0.2")


def make_doc(k: int) -> DocumentAnnotations:
    text = f"اعتقل محمد علي ببغداد. وزار وفد {k} وهولندا."
    spans = [
        (6, 14, "PER"),
        (16, 21, "GPE"),
        (text.index("هولندا"), text.index("هولندا") + 6, "GPE"),
    ]
    recs = tuple(
        Span(f"s{k}-{i}", k, "gold", s, e, lab, text[s:e]) for i, (s, e, lab) in enumerate(spans)
    )
    return DocumentAnnotations(Document(k, f"doc{k}", text, sha256_text(text)), spans=recs)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DocumentAnnotations]]:
    out = tmp_path_factory.mktemp("hf") / "dataset"
    docs = [make_doc(k) for k in range(1, 13)]
    report = write_hf(docs, out, SCHEMA, ExportOptions(splits=SPLITS))
    assert report.documents == 12 and report.spans_exported == 36 and report.tokens_split == 24
    return out, docs


def test_load_from_disk_gives_classlabel_names_and_the_splits(
    exported: tuple[Path, list[DocumentAnnotations]],
) -> None:
    out, _ = exported
    dd = datasets.load_from_disk(str(out))
    assert sorted(dd) == ["test", "train", "validation"]
    assert dd["train"].features["ner_tags"].feature.names == NAMES
    assert sum(len(dd[s]) for s in dd) == 24  # two sentences per document
    row = next(r for r in dd["train"] if r["id"].endswith("-0"))
    assert row["tokens"] == ["اعتقل", "محمد", "علي", "ب", "بغداد", "."]
    tags = dd["train"].features["ner_tags"].feature.int2str(row["ner_tags"])
    assert tags == ["O", "B-PER", "I-PER", "O", "B-GPE", "O"]


def test_jsonl_with_features_and_labels_json(
    exported: tuple[Path, list[DocumentAnnotations]], tmp_path: Path
) -> None:
    out, _ = exported
    names = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert names == NAMES
    features = datasets.Features(
        {
            "id": datasets.Value("string"),
            "tokens": datasets.Sequence(datasets.Value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
        }
    )
    files = {s: str(data_files(out, s)[0]) for s in ("train", "validation", "test")}
    dd = datasets.load_dataset("json", data_files=files, features=features, cache_dir=str(tmp_path))
    disk = datasets.load_from_disk(str(out))
    for split in files:
        assert dd[split]["ner_tags"] == disk[split]["ner_tags"]
        assert dd[split].features["ner_tags"].feature.names == NAMES
    second = next(r for r in dd["train"] if r["id"].endswith("-1"))
    assert second["tokens"][-3:] == ["و", "هولندا", "."]
    assert names[second["ner_tags"][-2]] == "B-GPE"


def test_parquet_restores_classlabel_names(
    exported: tuple[Path, list[DocumentAnnotations]], tmp_path: Path
) -> None:
    out, _ = exported
    files = {s: str(data_files(out, s)[1]) for s in ("train", "validation", "test")}
    dd = datasets.load_dataset("parquet", data_files=files, cache_dir=str(tmp_path))
    disk = datasets.load_from_disk(str(out))
    for split in files:
        assert dd[split].features["ner_tags"].feature.names == NAMES
        assert dd[split]["tokens"] == disk[split]["tokens"]


def test_cancelled_export_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(Cancelled):
        write_hf([make_doc(1), make_doc(2)], tmp_path / "ds", SCHEMA, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_overwrites_an_existing_directory_and_honours_bioes(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    write_hf([make_doc(1)], out, SCHEMA)
    write_hf([make_doc(2)], out, SCHEMA, ExportOptions(scheme="BIOES", labels=("PER",)))
    dd = datasets.load_from_disk(str(out))
    assert list(dd) == ["train"]
    names = dd["train"].features["ner_tags"].feature.names
    assert names == ["O", "B-PER", "I-PER", "E-PER", "S-PER"]
    assert [names[t] for t in dd["train"][0]["ner_tags"]][1:3] == ["B-PER", "E-PER"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_a_split_that_gets_no_document_still_loads(tmp_path: Path) -> None:
    """One document and three splits: two are empty. datasets loads all three from disk (with
    the default shard count an empty split got no data file and load_from_disk failed); the
    empty splits get no Parquet or JSONL file (load_dataset refuses a split of no rows, so the
    folder's files load as they are), and the report names the empty splits."""
    out = tmp_path / "ds"
    report = write_hf([make_doc(1)], out, SCHEMA, ExportOptions(splits=SPLITS))
    assert isinstance(report, TokenReport) and report.spans_exported == 3
    dd = datasets.load_from_disk(str(out))
    assert sorted(dd) == ["test", "train", "validation"]
    sizes = {s: len(dd[s]) for s in dd}
    assert sorted(sizes.values()) == [0, 0, 2]
    assert all(dd[s].features["ner_tags"].feature.names == NAMES for s in dd)
    empty = sorted(s for s, n in sizes.items() if not n)
    assert sorted(report.empty_splits) == empty
    assert [ln for ln in report.lines() if ln.startswith("split ")] == [
        f"split {s}: no document went to it" for s in report.empty_splits
    ]
    (full,) = [s for s, n in sizes.items() if n]
    for split in empty:
        assert not any(p.exists() for p in data_files(out, split))
    for k, kind in enumerate(("json", "parquet")):
        files = {
            s: str(data_files(out, s)[k])
            for s in ("train", "validation", "test")
            if data_files(out, s)[k].exists()
        }
        loaded = datasets.load_dataset(kind, data_files=files)
        assert list(loaded) == [full] and len(loaded[full]) == 2
