"""The bundled Arabic reading face (Noto Naskh Arabic, OFL) and the document font.

The font files ship in ``resources/fonts`` so rendering is the same on every machine and in the
offscreen tests. They are registered from memory with one change: a larger line gap.

Why the line gap: ``QPlainTextDocumentLayout`` ignores ``QTextBlockFormat.lineHeight`` (its
private ``layoutBlock`` only adds the font's own leading, see qplaintextedit.cpp), so the only
way to give every line, wrapped lines included, room under the text for the stacked span
underlines and label tags is the font's leading. We therefore patch ``hhea.lineGap`` and
``OS/2.sTypoLineGap`` of the in-memory copy; the files on disk stay untouched.

Start-up (issue 12): ``register_fonts`` registers the Regular face, all the document view's first
paint uses; the Bold face, which only panels and other windows built after that paint ask for,
is registered by ``register_bold_face`` (``MainWindow.finish_startup``). The folder is found from
the ``resources`` package's own path: ``importlib.resources`` costs ~4 ms to import, and the
package is always a folder of files here (installed or editable).
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

import resources

FAMILY = "Noto Naskh Arabic"
REGULAR_FILE = "NotoNaskhArabic-Regular.ttf"
BOLD_FILE = "NotoNaskhArabic-Bold.ttf"
FONT_FILES = (REGULAR_FILE, BOLD_FILE)
FONT_DIR = Path(resources.__file__).parent / "fonts"
# Extra space under each line, as a fraction of the em: room for underline levels and tags.
LINE_GAP_EM = 0.9

_registered: str | None = None
_bold_registered = False


def _table_offsets(data: bytes | bytearray) -> dict[bytes, int]:
    """Offsets of the tables of a TrueType/OpenType font (its table directory)."""
    (count,) = struct.unpack_from(">H", data, 4)
    offsets: dict[bytes, int] = {}
    for k in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * k)
        offsets[tag] = offset
    return offsets


def with_line_gap(data: bytes, gap_em: float = LINE_GAP_EM) -> bytes:
    """A copy of the font ``data`` whose line gap is ``gap_em`` em (hhea and OS/2 typo)."""
    patched = bytearray(data)
    tables = _table_offsets(patched)
    (units_per_em,) = struct.unpack_from(">H", patched, tables[b"head"] + 18)
    gap = round(units_per_em * gap_em)
    struct.pack_into(">h", patched, tables[b"hhea"] + 8, gap)  # hhea.lineGap
    if b"OS/2" in tables:
        struct.pack_into(">h", patched, tables[b"OS/2"] + 72, gap)  # OS/2.sTypoLineGap
    return bytes(patched)


def _register(name: str) -> str | None:
    """Register the bundled font file ``name`` (with the larger line gap) and return its family,
    or None when the file is not there. Raises RuntimeError if Qt rejects the font data."""
    path = FONT_DIR / name
    if not path.is_file():
        return None
    # (bytes, which PySide6 takes for a QByteArray: no QByteArray type made at start-up)
    font_id = QFontDatabase.addApplicationFontFromData(with_line_gap(path.read_bytes()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"Qt could not load the bundled font {name}")
    return str(families[0])


def register_fonts() -> str:
    """Register the bundled Regular face with Qt (once per process) and return its family name
    (``FAMILY`` when the file is missing). The Bold face: ``register_bold_face``.

    Needs a QGuiApplication. Raises RuntimeError if Qt rejects the font data.
    """
    global _registered
    if _registered is None:
        _registered = _register(REGULAR_FILE) or FAMILY
    return _registered


def register_bold_face() -> None:
    """Register the bundled Bold face too (once per process; it is optional), after the
    Regular one. Needs a QGuiApplication. Raises RuntimeError if Qt rejects the font data."""
    global _bold_registered
    register_fonts()
    if not _bold_registered:
        _bold_registered = True
        _register(BOLD_FILE)


def document_font(point_size: int) -> QFont:
    """The reading font for documents at ``point_size`` (registers the Regular face if needed)."""
    font = QFont(register_fonts())
    font.setPointSize(max(1, point_size))
    # Kerning and shaping stay on; never synthesise bold/italic inside words (breaks joining).
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
