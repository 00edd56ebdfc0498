"""The bundled Arabic reading face (Noto Naskh Arabic, OFL) and the document font.

The font files ship in ``resources/fonts`` so rendering is the same on every machine and in the
offscreen tests. They are registered from memory with one change: a larger line gap.

Why the line gap: ``QPlainTextDocumentLayout`` ignores ``QTextBlockFormat.lineHeight`` (its
private ``layoutBlock`` only adds the font's own leading, see qplaintextedit.cpp), so the only
way to give every line, wrapped lines included, room under the text for the stacked span
underlines and label tags is the font's leading. We therefore patch ``hhea.lineGap`` and
``OS/2.sTypoLineGap`` of the in-memory copy; the files on disk stay untouched.
"""

from __future__ import annotations

import struct
from importlib import resources

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase

FAMILY = "Noto Naskh Arabic"
FONT_FILES = ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")
# Extra space under each line, as a fraction of the em: room for underline levels and tags.
LINE_GAP_EM = 0.9

_registered: str | None = None


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


def register_fonts() -> str:
    """Register the bundled fonts with Qt (once per process) and return their family name.

    Needs a QGuiApplication. Raises RuntimeError if Qt rejects the font data.
    """
    global _registered
    if _registered is not None:
        return _registered
    folder = resources.files("resources").joinpath("fonts")
    family = FAMILY
    for name in FONT_FILES:
        entry = folder.joinpath(name)
        if not entry.is_file():
            continue  # the Bold face is optional
        font_id = QFontDatabase.addApplicationFontFromData(
            QByteArray(with_line_gap(entry.read_bytes()))
        )
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise RuntimeError(f"Qt could not load the bundled font {name}")
        family = families[0]
    _registered = family
    return family


def document_font(point_size: int) -> QFont:
    """The reading font for documents at ``point_size`` (registers the fonts if needed)."""
    font = QFont(register_fonts())
    font.setPointSize(max(1, point_size))
    # Kerning and shaping stay on; never synthesise bold/italic inside words (breaks joining).
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
