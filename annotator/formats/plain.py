"""Plain-text files (one document each, or a folder of them) and CSV with a text column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from annotator.errors import ImportFormatError, Message, message_of
from annotator.formats.common import ImportResult, quoted
from annotator.formats.fields import printable
from annotator.formats.source import MAX_FILE_BYTES, decode_text, read_file, shown, walk
from annotator.imported import ImportedDocument, Problem
from annotator.text import normalise

__all__ = ["MAX_FILE_BYTES", "decode", "read_csv", "read_text", "row_name"]


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 text of a file; NUL bytes and invalid bytes raise ImportFormatError naming line
    (and column)."""
    return decode_text(path, raw, binary_check=False)


def read_text(path: Path, *, strict: bool = True) -> ImportResult:
    """A .txt file, or every .txt file of a folder (sorted, recursive): one document each.

    Inside a folder, links and special files (FIFO, device) are never opened: strict, they
    stop the import; lenient, they are skipped and reported."""
    path = Path(path)
    folder = path.is_dir()
    files = walk(path, (".txt",)) if folder else [path]
    result = ImportResult()
    for f in files:
        try:
            raw = read_file(f, follow=not folder)
            text = normalise(decode_text(f, raw)).text
            if not text.strip():
                raise ImportFormatError(shown(f), None, Message("empty document"))
        except ImportFormatError as exc:
            if strict:
                raise
            result.problems.append(Problem(exc.path, exc.line, exc.message))
            continue
        name = f.relative_to(path).as_posix() if folder else f.name
        result.documents.append(
            ImportedDocument(
                text=text,
                name=shown(name.removesuffix(".txt")),
                source=shown(f),
                raw_sha256=normalise(raw).raw_sha256,
            )
        )
    return result


def read_csv(
    path: Path, *, text_column: str = "text", name_column: str = "", strict: bool = True
) -> ImportResult:
    """A CSV file with a header row; ``text_column`` holds the documents, other columns go to
    ``meta``. Line numbers in errors are the physical line of the record. Column names must
    be distinct and non-empty, and every row must have as many cells as the header.

    A document is named by its ``name_column`` cell; without that column (or with an empty
    cell) it is ``FILE:LINE``, the file's name without suffix and the physical line where its
    record starts, as doccano and Label Studio rows are named (``row_name``): every row gets
    its own name, the same on every import of the file."""
    path = Path(path)
    source = shown(path)
    text = decode_text(path, read_file(path)).removeprefix("\ufeff")
    result = ImportResult()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        fields = next(reader, [])
    except csv.Error as exc:
        raise ImportFormatError(source, 1, f"bad CSV header: {exc}") from exc
    problem = _header_problem(fields, text_column, name_column)
    if problem:
        raise ImportFormatError(source, 1, problem)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if strict:
                raise ImportFormatError(source, reader.line_num, f"bad CSV: {exc}") from exc
            result.problems.append(Problem(source, reader.line_num, f"bad CSV: {exc}"))
            continue
        if not cells:
            continue  # a blank line
        try:
            if len(cells) != len(fields):
                raise ValueError(
                    Message(
                        "{cells} cells, but the header has {columns} columns",
                        cells=len(cells),
                        columns=len(fields),
                    )
                )
            row = dict(zip(fields, cells, strict=True))
            body = row[text_column]
            if not body.strip():
                raise ValueError(Message("empty {column} cell", column=repr(text_column)))
        except ValueError as exc:
            if strict:
                raise ImportFormatError(source, line, message_of(exc)) from exc
            result.problems.append(Problem(source, line, message_of(exc)))
            continue
        meta = {k: v for k, v in row.items() if k not in (text_column, name_column)}
        result.documents.append(
            ImportedDocument(
                text=normalise(body).text,
                name=(row[name_column].strip() if name_column else "") or row_name(source, line),
                meta=meta,
                source=source,
                line=line,
            )
        )
    return result


def row_name(source: str, line: int) -> str:
    """The name of a record of a multi-document file that names none: ``FILE:LINE`` (the
    file's name without suffix, the line where the record starts)."""
    return f"{Path(source).stem}:{line}"


def _header_problem(fields: list[str], text_column: str, name_column: str) -> Message | None:
    if not fields:
        return Message("no header row")
    if any(not f.strip() for f in fields):
        return Message(
            "empty column name in the header (column {column})",
            column=[f.strip() for f in fields].index("") + 1,
        )
    seen: set[str] = set()
    for f in fields:
        if f in seen:
            return Message("column {column} appears twice in the header", column=quoted(f))
        seen.add(f)
    if text_column not in fields:
        return Message(
            "no column {column} (columns: {columns})",
            column=repr(text_column),
            columns=", ".join(map(printable, fields)),
        )
    if name_column and name_column not in fields:
        return Message(
            "no column {column} (columns: {columns})",
            column=repr(name_column),
            columns=", ".join(map(printable, fields)),
        )
    return None
