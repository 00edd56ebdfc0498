"""Hugging Face ``datasets`` token classification export (one row per sentence).

``out`` is a directory laid out so that each of datasets' loaders finds only its own files
(docs/design/formats.md B.2):

- ``dataset_dict.json`` and one ``<split>/`` folder per split: the ``DatasetDict.save_to_disk``
  layout (``datasets.load_from_disk(out)``), with ``ner_tags`` as ``Sequence(ClassLabel(names))``
  so the tag names travel with the data; a split that got no document is kept there, empty;
- ``data/<split>-00000-of-00001.parquet``, the Hub's own layout, whose schema metadata carries
  the features: ``load_dataset(out)`` and ``load_dataset("parquet", data_dir=out)`` find these
  files only (never the ``.arrow`` ones) and restore the ClassLabel names;
- ``jsonl/data/<split>-00000-of-00001.jsonl`` rows ``{"id", "tokens", "ner_tags"}`` (integer
  tags) and ``labels.json`` (the names), for tools that read plain JSON
  (``load_dataset("json", data_dir=out/"jsonl", features=...)``).

Both loaders keep the splits' own names (``dev`` stays ``dev``: datasets renames a ``dev.jsonl``
to ``validation``, but not a file named in the Hub's layout).

A split of no rows gets no Parquet or JSONL file: ``load_dataset`` refuses a split without data.
Tags are word-level (sub-word alignment is the trainer's job); overlaps follow the CoNLL rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.errors import Cancelled
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    IsCancelled,
    Progress,
    never_cancelled,
    no_progress,
    split_of,
)
from annotator.formats.conll import (
    TokenReport,
    check_options,
    tag_names,
    tagged_sentences,
    total_of,
)
from annotator.model import DocumentAnnotations
from annotator.output import writing
from annotator.schema import Schema

DEFAULT_OPTIONS = ExportOptions()


def _features_metadata(names: list[str]) -> bytes:
    """Features in the ``Sequence`` spelling: datasets 2.x cannot read the newer ``List`` one,
    and current versions read both."""
    seq = {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"}
    features = {
        "id": {"dtype": "string", "_type": "Value"},
        "tokens": seq,
        "ner_tags": {"feature": {"names": names, "_type": "ClassLabel"}, "_type": "Sequence"},
    }
    return json.dumps({"info": {"features": features}}, ensure_ascii=False).encode("utf-8")


def write_hf(
    docs: Iterable[DocumentAnnotations],
    out: Path,
    schema: Schema,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
    total: int | None = None,
) -> ExportReport:
    """Write the dataset directory ``out`` with one split per ``options.splits`` (else train)."""
    check_options(options)
    names = tag_names(schema, options)
    index = {name: i for i, name in enumerate(names)}
    report = TokenReport(where="Hugging Face datasets")
    n_total = total_of(docs, total)
    split_names = [n for n, _ in options.splits] or ["train"]
    rows: dict[str, list[dict[str, Any]]] = {n: [] for n in split_names}
    for done, doc in enumerate(docs, 1):
        if cancelled():
            raise Cancelled("export cancelled; nothing was written")
        layer, tag_sents = tagged_sentences(doc, schema, options, report)
        words = layer.words()
        key = doc.document.name or str(doc.document.id)
        split = rows[split_of(doc, options.splits, options.seed)]
        for k, (sent, tags) in enumerate(zip(layer.sentences, tag_sents, strict=True)):
            split.append(
                {
                    "id": f"{key}-{k}",
                    "tokens": [words[i] for i in sent],
                    "ner_tags": [index[t] for t in tags],
                }
            )
        progress(done, n_total)
    if cancelled():
        raise Cancelled("export cancelled; nothing was written")
    with writing(out, "hf", directory=True) as tmp:
        _save(tmp, rows, names)
    report.files = [str(out)]
    report.empty_splits = [name for name, split in rows.items() if not split]
    return report


def data_files(out: Path, split: str) -> tuple[Path, Path]:
    """Where a split's rows go besides the ``save_to_disk`` copy: its JSONL and Parquet files.

    Both take the Hub's name (``data/<split>-00000-of-00001.<ext>``), the first pattern datasets
    tries, so ``load_dataset(out)`` reads the Parquet files alone, under the splits' own names;
    the JSONL files have a folder of their own (``jsonl/``) so the JSON loader sees no other."""
    name = f"{split}-00000-of-00001"
    return out / "jsonl" / "data" / f"{name}.jsonl", out / "data" / f"{name}.parquet"


def _save(tmp: Path, rows: dict[str, list[dict[str, Any]]], names: list[str]) -> None:
    import datasets
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    features = datasets.Features(
        {
            "id": datasets.Value("string"),
            "tokens": datasets.Sequence(datasets.Value("string")),
            "ner_tags": datasets.Sequence(datasets.ClassLabel(names=names)),
        }
    )
    columns = ("id", "tokens", "ner_tags")
    splits = {
        name: datasets.Dataset.from_dict({c: [r[c] for r in split] for c in columns}, features)
        for name, split in rows.items()
    }
    # progress bars would go to the stderr of the GUI or CLI; restore the caller's setting
    bars_were_on = not datasets.are_progress_bars_disabled()
    datasets.disable_progress_bars()
    try:
        # an empty split saved with the default shard count gets no data file, and
        # load_from_disk then fails on it (datasets 5.2): give it its one (empty) shard
        shards = {name: 1 if not len(ds) else None for name, ds in splits.items()}
        datasets.DatasetDict(splits).save_to_disk(str(tmp), num_shards=shards)
    finally:
        if bars_were_on:
            datasets.enable_progress_bars()
    meta = _features_metadata(names)
    for name, ds in splits.items():
        if not len(ds):
            # no file: datasets' load_dataset refuses a split of no rows ("corresponds to no
            # data"), so an empty file would only break a loader listing the folder's files
            continue
        jsonl, parquet = data_files(tmp, name)
        jsonl.parent.mkdir(parents=True, exist_ok=True)
        with jsonl.open("w", encoding="utf-8", newline="\n") as fh:
            for row in rows[name]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        parquet.parent.mkdir(exist_ok=True)
        table = ds.data.table.replace_schema_metadata({b"huggingface": meta})
        pq.write_table(table, parquet)
    (tmp / "labels.json").write_text(
        json.dumps(names, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
