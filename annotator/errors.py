"""User-facing errors: each says what is wrong and where (file, line), never a traceback.

Programming bugs stay ordinary exceptions; everything here is shown to the user as is.
"""

from __future__ import annotations

import errno
import json
import sys
from typing import Any


class Message(str):
    """A user message in English that keeps its ``template`` and ``params``, so an interface
    can show it in another language (the GUI's ``ui.i18n.core_text``) while the CLI and logs
    print it as it is.

    ``Message(template, **params)`` equals ``template.format(**params)``. The template has
    plain ``{name}`` fields only; each parameter is text shown as it is (a name already quoted
    with ``repr``, a number) or a nested ``Message`` (translated in its turn)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (a job's error) with its parts
        return (_message, (self.template, self.params))


def _message(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


MAX_PARAM = 300
"""the most characters a text parameter of a reader's message keeps (``bounded``): a file's
content quoted in an error (covered text, a line, a tag) is cut to this, so a hostile file
cannot make a message megabytes long. The readers quote at 60 (``formats.common.quoted``);
this is the bound behind them, for a quote a reader forgot to shorten."""


def shortened(text: str, limit: int) -> str:
    """``text`` as is when it has at most ``limit`` characters, else its first ``limit - 3``
    and "..." (the one rule for cutting a quote short)."""
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def bounded(message: str, limit: int = MAX_PARAM) -> str:
    """``message`` with every text parameter (nested ones too) cut to ``limit`` characters
    (``shortened``); a plain string is cut as a whole. A ``Message`` keeps its template, so an
    interface still translates it; one with no long parameter comes back as it is."""
    if not isinstance(message, Message):
        return shortened(message, limit)
    params = {k: bounded(v, limit) if isinstance(v, str) else v for k, v in message.params.items()}
    if all(params[k] is v for k, v in message.params.items()):
        return message
    return Message(message.template, **params)


class AnnotatorError(Exception):
    """Base of every error a user can cause and read. Raised with a ``Message``, it keeps
    that message's template and parameters in ``args[0]`` for a translated interface."""


class ProjectFileError(AnnotatorError):
    """The project file cannot be used: missing, not SQLite, foreign, corrupt, newer, held by
    another writer, read-only, or its disk is full (annotator.store, annotator.locking)."""


class SchemaError(AnnotatorError):
    """A schema file or a label/role/attribute not allowed by the schema."""


class ValidationError(AnnotatorError):
    """An edit that would break an invariant (offsets outside the text, unknown record...)."""


class ImportFormatError(AnnotatorError):
    """Bad input in a file being imported; the message names the file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        message = bounded(message)  # a quote of the file's content never runs on for pages
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        # a Message: the interface translates ``message`` (a Message too, when the reader
        # gave one) and keeps ``where`` (a path) reading left to right
        super().__init__(Message("{where}: {message}", where=where, message=message))


OS_ERRORS = {
    errno.EACCES: "Permission denied",
    errno.EPERM: "Operation not permitted",
    errno.ENOENT: "No such file or directory",
    errno.ENOSPC: "No space left on device",
    errno.EDQUOT: "Disk quota exceeded",
    errno.EISDIR: "Is a directory",
    errno.ENOTDIR: "Not a directory",
    errno.EROFS: "Read-only file system",
    errno.EEXIST: "File exists",
    errno.EIO: "Input/output error",
    errno.ENAMETOOLONG: "File name too long",
    errno.EMFILE: "Too many open files",
    errno.ENOTEMPTY: "Directory not empty",
    errno.ELOOP: "Too many levels of symbolic links",
    errno.EFBIG: "File too large",
    errno.EBUSY: "Device or resource busy",
    errno.EXDEV: "Invalid cross-device link",
    errno.ETXTBSY: "Text file busy",
    errno.EINVAL: "Invalid argument",
}
"""the operating system's texts for the errors a user meets reading and writing files (Linux's
``os.strerror``), by errno"""

SYSTEM_TEXTS = frozenset(
    {
        *OS_ERRORS.values(),
        # zipfile's BadZipFile
        "File is not a zip file",
        "Bad offset for central directory",
        "Truncated central directory",
        "Bad magic number for central directory",
        "Truncated file header",
        "Bad magic number for file header",
        "zipfiles that span multiple disks are not supported",
        # json's JSONDecodeError.msg
        "Expecting value",
        "Expecting property name enclosed in double quotes",
        "Expecting ',' delimiter",
        "Expecting ':' delimiter",
        "Extra data",
        "Unterminated string starting at",
        "Unterminated string starting",  # (annotator.safejson names the column after it)
        "Invalid control character at",
        "Invalid control character",
        "Invalid \\escape",
        "Invalid \\uXXXX escape",
        # Python's type names (what a value was instead of what was expected)
        "str",
        "int",
        "float",
        "bool",
        "list",
        "dict",
        "NoneType",
    }
)
"""the fixed English texts of the operating system, ``zipfile``, ``json`` and Python that reach
a user's message: each becomes a ``Message`` of its own (``system_text``), so an interface
translates it (``ui.core_messages.SYSTEM_MESSAGES`` lists them)"""


def system_text(text: str) -> str:
    """A text of the system (an OS error's ``strerror``, zipfile's or json's message, a type
    name) as a ``Message`` when it is one of ``SYSTEM_TEXTS``; else the text as it is. The
    English is unchanged."""
    return Message(text) if text in SYSTEM_TEXTS else text


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed (``strerror``: "Permission denied"), a ``Message``
    chosen by its errno when the system's text is the one ``OS_ERRORS`` knows."""
    reason = error.strerror or str(error)
    return Message(reason) if OS_ERRORS.get(error.errno or 0) == reason else reason


def message_of(error: BaseException) -> str:
    """An exception's text, its ``Message`` (template and parameters) kept when it was raised
    with one: ``str(error)`` is the English alone. An error of the system keeps its parts too
    (``system_text``; the English is ``str(error)``, byte for byte): an ``OSError`` its errno,
    reason and file, a ``JSONDecodeError`` its problem, line and column, a ``BadZipFile``
    its problem."""
    if len(error.args) >= 1 and isinstance(error.args[0], Message):
        return error.args[0]
    if isinstance(error, OSError) and error.errno is not None and error.strerror:
        reason = os_reason(error)
        if error.filename is None:
            return Message("[Errno {errno}] {why}", errno=error.errno, why=reason)
        if error.filename2 is None:
            return Message(
                "[Errno {errno}] {why}: {path}",
                errno=error.errno,
                why=reason,
                path=repr(error.filename),
            )
    if isinstance(error, json.JSONDecodeError):
        return Message(
            "{problem}: line {line} column {column} (char {char})",
            problem=system_text(error.msg),
            line=error.lineno,
            column=error.colno,
            char=error.pos,
        )
    # zipfile is looked up, not imported: an error of it means it is loaded, and importing it
    # here cost every command ~3 ms (bench_startup's import annotator)
    zipfile = sys.modules.get("zipfile")
    if zipfile is not None and isinstance(error, zipfile.BadZipFile) and len(error.args) == 1:
        return system_text(str(error))
    return str(error)


class Cancelled(AnnotatorError):
    """A long job was cancelled by the user; nothing was written."""
