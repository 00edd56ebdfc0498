"""Plain-text files (one document each, or a folder of them) and CSV with a text column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from annotator.errors import ImportFormatError
from annotator.formats.common import ImportResult
from annotator.model import ImportedDocument, Problem
from annotator.text import line_of, normalise

MAX_FILE_BYTES = 512 * 1024 * 1024


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(str(path), None, f"file too large ({size} bytes)")
        return path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(str(path), None, f"cannot read: {exc.strerror}") from exc


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text of a file; invalid bytes raise ImportFormatError naming line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        line = line_of(good, len(good))
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise ImportFormatError(
            str(path), line, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at column {col})"
        ) from exc


def read_text(path: Path, *, strict: bool = True) -> ImportResult:
    """A .txt file, or every .txt file of a folder (sorted, recursive): one document each."""
    files = sorted(p for p in path.rglob("*.txt") if p.is_file()) if path.is_dir() else [path]
    result = ImportResult()
    for f in files:
        try:
            raw = _read_bytes(f)
            text = normalise(decode(f, raw)).text
            if not text.strip():
                raise ImportFormatError(str(f), None, "empty document")
        except ImportFormatError as exc:
            if strict:
                raise
            result.problems.append(Problem(exc.path, exc.line, exc.message))
            continue
        name = str(f.relative_to(path)) if path.is_dir() else f.name
        result.documents.append(
            ImportedDocument(
                text=text,
                name=name.removesuffix(".txt"),
                source=str(f),
                raw_sha256=normalise(raw).raw_sha256,
            )
        )
    return result


def read_csv(
    path: Path, *, text_column: str = "text", name_column: str = "", strict: bool = True
) -> ImportResult:
    """A CSV file with a header row; ``text_column`` holds the documents, other columns go to
    ``meta``. Line numbers in errors are the physical line of the record."""
    text = decode(path, _read_bytes(path)).removeprefix("\ufeff")
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fields = reader.fieldnames or []
    except csv.Error as exc:
        raise ImportFormatError(str(path), 1, f"bad CSV header: {exc}") from exc
    if text_column not in fields:
        raise ImportFormatError(
            str(path), 1, f"no column {text_column!r} (columns: {', '.join(fields)})"
        )
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if strict:
                raise ImportFormatError(str(path), reader.line_num, f"bad CSV: {exc}") from exc
            result.problems.append(Problem(str(path), reader.line_num, f"bad CSV: {exc}"))
            continue
        body = row.get(text_column) or ""
        if not body.strip():
            if strict:
                raise ImportFormatError(str(path), line, f"empty {text_column!r} cell")
            result.problems.append(Problem(str(path), line, f"empty {text_column!r} cell"))
            continue
        meta = {k: v for k, v in row.items() if k not in (text_column, name_column) and k}
        result.documents.append(
            ImportedDocument(
                text=normalise(body).text,
                name=(row.get(name_column) or "") if name_column else "",
                meta=meta,
                source=str(path),
                line=line,
            )
        )
    return result
