"""Reading untrusted input files: what every reader opens goes through here.

- ``read_file`` opens one file without following a symbolic link (``O_NOFOLLOW``) and without
  blocking on a FIFO (``O_NONBLOCK``), refuses anything but a regular file and reads at most a
  size cap; a file named by the user may itself be a link (it is resolved first), a file found
  inside a folder never is.
- ``walk`` lists a folder's files without following links; links and special files (FIFO,
  device, socket) come back with the reason they are refused.
- ``lines`` yields the lines of a line-based file, each decoded on its own and capped in
  length, so a 200 MB line is refused after reading at most the cap.
- ``decode_text`` turns a file's bytes into text: invalid UTF-8 and binary content (a NUL byte,
  or mostly control characters) are refused with their line.
- A file that starts with a UTF-16 or UTF-32 byte-order mark (Windows Notepad's "Unicode") is
  refused as such by all three (``refuse_wide``), with the remedy: save it as UTF-8.
- ``shown`` makes a path printable and storable (a file name that is not UTF-8 comes back
  from the OS with lone surrogates).

``read_file``, ``shown`` and ``special_file`` live in ``annotator.files`` (below the search
package, whose gazetteer reads its file through them) and are imported here for the readers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.errors import ImportFormatError, Message, os_reason
from annotator.files import MAX_FILE_BYTES as MAX_FILE_BYTES  # the readers' imports
from annotator.files import open_regular
from annotator.files import read_file as read_file
from annotator.files import shown as shown
from annotator.files import special_file as special_file
from annotator.safejson import MAX_LINE_BYTES

# C0 controls other than tab and line ends, DEL and C1 controls: rare in text, common in binary
_CONTROL = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 64 * 1024
_CHUNK = 1024 * 1024
STREAM_BYTES = 8 * 1024 * 1024
"""files larger than this are read line by line as they are used, not whole"""


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),  # before UTF-16's, which it starts with
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
"""the byte-order marks of the wide Unicode encodings (never the start of UTF-8 text)"""


_ZLIB = b"\x78"
"""the first byte of a zlib stream (deflate, 32 KiB window): what ``DocBin.to_bytes`` writes"""


def refuse_wide(path: Path, head: bytes) -> None:
    """Raise ImportFormatError when ``head`` (a file's first bytes) is a UTF-16 or UTF-32
    byte-order mark: the file is text in another encoding, which the readers would otherwise
    call binary (its NUL bytes) or invalid UTF-8, without saying what to do. A spaCy DocBin
    (a ``.spacy`` file, zlib-compressed) is refused as such, naming the formats that import."""
    if path.suffix.lower() == ".spacy" and head[:1] == _ZLIB:
        from annotator.formats.registry import IMPORT_FORMATS

        raise ImportFormatError(
            shown(path),
            None,
            Message(
                "a spaCy DocBin (.spacy) cannot be imported; the formats that can: {formats}",
                formats=", ".join(f for f in IMPORT_FORMATS if f != "auto"),
            ),
        )
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            raise ImportFormatError(
                shown(path),
                None,
                Message("saved as {encoding}: save it as UTF-8", encoding=encoding),
            )


def _line_problem(raw: bytes) -> str:
    """Why one line's bytes are not text (they failed to decode as UTF-8)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            f"not UTF-8 text (invalid UTF-8 byte 0x{raw[exc.start]:02x} "
            f"at byte {exc.start + 1} of the line)"
        )
    return "not UTF-8 text"


class ByteCount:
    """Bytes of a file read so far, and the file's size (for a progress report).

    ``on_read``, when set, is called after each read of the file (about once a megabyte),
    so a progress report can move while no record is complete yet."""

    def __init__(self) -> None:
        self.done = 0
        self.size = 0
        self.on_read: Callable[[], None] | None = None


class _Counted:
    """A binary file whose reads are added to a ``ByteCount``."""

    def __init__(self, fh: BinaryIO, count: ByteCount) -> None:
        self._fh = fh
        self._count = count

    def read(self, n: int) -> bytes:
        data = self._fh.read(n)
        self._count.done += len(data)
        if self._count.on_read is not None:
            self._count.on_read()
        return data


def lines(
    path: Path,
    *,
    follow: bool = True,
    max_line: int = MAX_LINE_BYTES,
    count: ByteCount | None = None,
) -> Iterator[tuple[int, str, str]]:
    """(line number, text, problem) for each line of ``path`` (split at ``\\n`` only).

    ``problem`` is empty for a good line; otherwise ``text`` is empty and ``problem`` says why
    (invalid UTF-8, a NUL byte, longer than ``max_line`` bytes). A leading BOM is dropped. A
    file no longer than ``STREAM_BYTES`` (and ``max_line``) is read and decoded at once; a
    longer one is streamed, so no more than ``max_line`` bytes of one line (and one chunk) are
    ever held. ``count`` follows the bytes read."""
    fd, info = open_regular(path, follow)
    try:
        refuse_wide(path, os.pread(fd, 4, 0))
    except BaseException:
        os.close(fd)
        raise
    count = count or ByteCount()
    count.size = info.st_size
    with os.fdopen(fd, "rb") as fh:
        if info.st_size <= min(max_line, STREAM_BYTES):
            data = fh.read(max_line + 1)
            count.done += len(data)
            if count.on_read is not None:
                count.on_read()
            if len(data) <= max_line:
                yield from _split(data)
                return
            fh.seek(0)
        yield from _stream(_Counted(fh, count), max_line)  # type: ignore[arg-type]


def _split(data: bytes) -> Iterator[tuple[int, str, str]]:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        for number, raw in enumerate(data.split(b"\n"), start=1):
            yield _line(number, raw)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if "\x00" in line:
            yield number, "", "NUL byte: binary data, not text"
        else:
            yield number, line, ""


def _line(number: int, raw: bytes) -> tuple[int, str, str]:
    if number == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in raw:
        return number, "", "NUL byte: binary data, not text"
    try:
        return number, raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        return number, "", _line_problem(raw)


def _stream(fh: BinaryIO, max_line: int) -> Iterator[tuple[int, str, str]]:
    """Lines of a file longer than ``max_line``, read in chunks: at most ``max_line`` bytes
    of one line (plus one chunk) are held; the rest of an overlong line is skipped."""
    number = 0
    pending = bytearray()
    overlong = False
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            break
        start = 0
        while (cut := chunk.find(b"\n", start)) >= 0:
            number += 1
            if overlong or len(pending) + cut - start > max_line:
                yield number, "", f"line longer than {max_line} bytes"
            else:
                pending += chunk[start:cut]
                yield _line(number, bytes(pending))
            pending.clear()
            overlong = False
            start = cut + 1
        if not overlong:
            if len(pending) + len(chunk) - start > max_line:
                overlong = True
                pending.clear()
            else:
                pending += chunk[start:]
    if pending or overlong:
        number += 1
        if overlong:
            yield number, "", f"line longer than {max_line} bytes"
        else:
            yield _line(number, bytes(pending))


class TextLines:
    """The lines of a text file, split at ``\n`` only, read and decoded as they are used:
    what ``decode_text(path, read_file(path)).split("\n")`` gives (BOM kept, as there), with
    its errors (a NUL byte, invalid UTF-8, mostly control characters) raised as the line that
    holds them is reached; memory holds one chunk and one line whatever the file's size.
    ``done`` counts the bytes read so far and ``size`` those of the file (for progress);
    ``on_read``, when set, is called after each chunk read."""

    def __init__(self, path: Path, *, follow: bool = True, max_line: int = MAX_LINE_BYTES):
        self.path = Path(path)
        self.follow = follow
        self.max_line = max_line
        self.done = 0
        self.on_read: Callable[[], None] | None = None
        try:
            self.size = os.stat(self.path).st_size
        except OSError:
            self.size = 0

    def __iter__(self) -> Iterator[tuple[int, str]]:
        fd, info = open_regular(self.path, self.follow)
        self.size = info.st_size
        with os.fdopen(fd, "rb") as fh:
            number = 0
            pending = b""
            first = True
            while True:
                try:
                    chunk = fh.read(_CHUNK)
                except OSError as exc:
                    raise ImportFormatError(
                        shown(self.path), None, Message("cannot read: {why}", why=os_reason(exc))
                    ) from exc
                if not chunk:
                    break
                self.done += len(chunk)
                if self.on_read is not None:
                    self.on_read()
                if first:
                    first = False
                    refuse_wide(self.path, chunk[:4])
                    self._binary_check(chunk[:_SAMPLE])
                block = pending + chunk
                cut = block.rfind(b"\n")
                body, pending = (b"", block) if cut < 0 else (block[:cut], block[cut + 1 :])
                if len(pending) > self.max_line:
                    raise ImportFormatError(
                        shown(self.path),
                        number + 1,
                        Message("line longer than {limit} bytes", limit=self.max_line),
                    )
                if cut < 0:
                    continue
                # the complete lines decoded at once: UTF-8 never holds byte 0x0A inside a
                # character, so this is each line decoded on its own when all of them decode;
                # else line by line, for the error and its line
                text = None if b"\x00" in body else _utf8(body)
                if text is None:
                    for raw in body.split(b"\n"):
                        number += 1
                        yield number, self._decode(raw, number)
                    continue
                for line in text.split("\n"):
                    number += 1
                    yield number, line
            yield number + 1, self._decode(pending, number + 1)

    def _binary_check(self, sample: bytes) -> None:
        text = sample.decode("utf-8", "replace")
        controls = len(_CONTROL.findall(text))
        if controls >= 4 and controls * 100 > len(text):
            raise ImportFormatError(
                shown(self.path),
                None,
                Message("binary file, not text ({count} control characters)", count=controls),
            )

    def _decode(self, raw: bytes, number: int) -> str:
        if b"\x00" in raw:
            raise ImportFormatError(
                shown(self.path), number, Message("binary file, not text (NUL byte)")
            )
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            col = len(raw[: exc.start].decode("utf-8", "replace")) + 1
            raise ImportFormatError(
                shown(self.path),
                number,
                Message(
                    "not UTF-8 text (invalid UTF-8 byte {byte} at column {column})",
                    byte=f"0x{raw[exc.start]:02x}",
                    column=col,
                ),
            ) from exc


def _utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8, or None when it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_text(path: Path, raw: bytes, *, binary_check: bool = True) -> str:
    """The UTF-8 text of a file's bytes (BOM kept). NUL bytes, invalid UTF-8 and (with
    ``binary_check``) mostly-control content raise ImportFormatError with the line; so does a
    UTF-16 or UTF-32 byte-order mark (``refuse_wide``)."""
    refuse_wide(path, raw[:4])
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ImportFormatError(
            shown(path), raw.count(b"\n", 0, nul) + 1, Message("binary file, not text (NUL byte)")
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", "replace")
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise ImportFormatError(
            shown(path),
            good.count("\n") + 1,
            Message(
                "not UTF-8 text (invalid UTF-8 byte {byte} at column {column})",
                byte=f"0x{raw[exc.start]:02x}",
                column=col,
            ),
        ) from exc
    if binary_check:
        sample = text[:_SAMPLE]
        controls = len(_CONTROL.findall(sample))
        if controls >= 4 and controls * 100 > len(sample):
            raise ImportFormatError(
                shown(path),
                None,
                Message("binary file, not text ({count} control characters)", count=controls),
            )
    return text


def walk(folder: Path, suffixes: tuple[str, ...], *, skip_hidden: bool = False) -> list[Path]:
    """Every path under ``folder`` whose name ends with one of ``suffixes``, sorted, found
    without following links. Links (to files or folders) and special files are listed too:
    opening them with ``read_file(follow=False)`` refuses them with the reason."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as exc:
            raise ImportFormatError(
                shown(current), None, Message("cannot list: {why}", why=os_reason(exc))
            ) from exc
        for entry in entries:
            if skip_hidden and entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                if entry.name.endswith(suffixes) or os.path.isdir(path):
                    found.append(path)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.name.endswith(suffixes):
                found.append(path)
    return sorted(found)
