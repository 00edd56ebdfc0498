"""User-facing errors: each says what is wrong and where (file, line), never a traceback.

Programming bugs stay ordinary exceptions; everything here is shown to the user as is.
"""

from __future__ import annotations

import errno
import functools
import json
import re
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

TYPE_NAMES = frozenset({"str", "int", "float", "bool", "list", "dict", "NoneType"})
"""Python's type names a message quotes (a ``system_text`` when given as one)"""

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
        # csv's csv.Error (Python 3.11; 3.13 words the new-line one otherwise)
        "line contains NUL",
        "unexpected end of data",
        "new-line character seen in unquoted field - do you need to open the file in "
        "universal-newline mode?",
        "new-line character seen in unquoted field - do you need to open the file with newline=''?",
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
        *TYPE_NAMES,
    }
)
"""the fixed English texts of the operating system, ``zipfile``, ``json`` and Python that reach
a user's message: each becomes a ``Message`` of its own (``system_text``), so an interface
translates it (``ui.core_messages.SYSTEM_MESSAGES`` lists them)"""


SYSTEM_TEMPLATES = (
    # zipfile's BadZipFile with a name or a number in it
    "Corrupt extra field {field} (size={size})",
    "Corrupt zip64 extra field. {field} not found.",
    "Bad CRC-32 for file {name}",
    "File name in directory {name} and header {header} differ.",
    "Overlapped entries: {name} (possible zip bomb)",
    # csv's csv.Error with a number or a character in it
    "field larger than field limit ({limit})",
    "{delimiter} expected after {quote}",
    # what the readers of CSV files say before csv's own text (annotator.formats.plain,
    # annotator.search.gazetteer)
    "bad CSV: {problem}",
    "bad CSV header: {problem}",
)
"""the texts of ``zipfile`` and ``csv`` that carry a name or a number, as templates: a text
that reads as one of them becomes that ``Message`` (``system_text``), its ``problem`` a system
text in its turn (``ui.core_messages.SYSTEM_TEMPLATES`` lists them)"""

OS_FALLBACK = "{strerror}"
"""the template of an operating-system error whose errno ``OS_ERRORS`` lacks: the English is
the system's own text as it is; an interface shows it with the errno's name (``os_reason``)"""


FIELD_PATTERNS = {"size": r"\d+", "limit": r"\d+", "delimiter": "'.'", "quote": "'.'"}
"""what a field of ``SYSTEM_TEMPLATES`` matches when it is not any text: a number, or a
character quoted as csv quotes it"""


def _pattern(template: str) -> re.Pattern[str]:
    """The text ``template`` reads as, each ``{field}`` a named group (``FIELD_PATTERNS``)."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile(
        "".join(
            f"(?P<{part}>{FIELD_PATTERNS.get(part, '.+?')})" if i % 2 else re.escape(part)
            for i, part in enumerate(parts)
        ),
        re.DOTALL,
    )


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``SYSTEM_TEMPLATES`` and their patterns (compiled on the first error, not at start)."""
    return tuple((template, _pattern(template)) for template in SYSTEM_TEMPLATES)


def system_text(text: str) -> str:
    """A text of the system (an OS error's ``strerror``, zipfile's, csv's or json's message, a
    type name) as a ``Message`` when it is one of ``SYSTEM_TEXTS`` or reads as one of
    ``SYSTEM_TEMPLATES``; else the text as it is. The English is unchanged."""
    if isinstance(text, Message):
        return text
    if text in SYSTEM_TEXTS:
        return Message(text)
    for template, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            params: dict[str, Any] = found.groupdict()
            if "problem" in params:
                params["problem"] = system_text(params["problem"])
            message = Message(template, **params)
            if message == text:
                return message
    return text


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed (``strerror``: "Permission denied"), a ``Message``
    chosen by its errno when the system's text is the one ``OS_ERRORS`` knows; another
    errno's text is an ``OS_FALLBACK`` message that keeps the errno's name (``ENOTSUP``) for
    an interface to show beside the system's text."""
    reason = error.strerror or str(error)
    code = error.errno or 0
    if OS_ERRORS.get(code) == reason:
        return Message(reason)
    if error.strerror and code in errno.errorcode:
        return Message(OS_FALLBACK, strerror=reason, name=errno.errorcode[code])
    return reason


def message_of(error: BaseException) -> str:
    """An exception's text, its ``Message`` (template and parameters) kept when it was raised
    with one: ``str(error)`` is the English alone. An error of the system keeps its parts too
    (``system_text``; the English is ``str(error)``, byte for byte): an ``OSError`` its errno,
    reason and file, a ``JSONDecodeError`` its problem, line and column, a ``BadZipFile``
    its problem, a ``csv.Error`` its problem and its number."""
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
    csv = sys.modules.get("csv")  # (looked up as zipfile is)
    if csv is not None and isinstance(error, csv.Error) and len(error.args) == 1:
        return system_text(str(error))
    return str(error)


class Cancelled(AnnotatorError):
    """A long job was cancelled by the user; nothing was written."""
