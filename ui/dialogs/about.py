"""Help › About Annotator…: the version, what the program is, and the licences of what it ships.

The version is the installed package's own (``importlib.metadata``, as ``annotator --version``
prints it). Each licence is read from the file that carries it, never written out here: the
Arabic font's ``OFL.txt`` beside it, the header of ``annotator/learn/names_ar.tsv`` (its
sources and their licences), the CLDR licence Babel ships with its locale data, and the
package metadata of Babel, PySide6 and Annotator itself. What a file says is shown as plain
text in a read-only text box (``setPlainText``: no markup, no link opens anything); the lines
around it are in the interface's language, each line laid out in its own direction. No
network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import annotator.learn
from annotator.learn.names import SHIPPED_NAMES
from annotator.version import installed_version
from ui.docview.fonts import FONT_DIR
from ui.i18n import isolate, path_text

FONT_LICENCE = FONT_DIR / "OFL.txt"
NAMES_FILE = Path(annotator.learn.__file__).parent / SHIPPED_NAMES


@dataclass(frozen=True)
class Notice:
    """One thing the program ships or is built on: a heading in the interface's language and
    the lines its own files say (names, licences, copyrights), shown as written."""

    heading: str
    lines: tuple[str, ...]
    source: Path | None = None
    """the file that holds the full text, when there is one"""


def package_version(name: str = "annotator") -> str | None:
    """The installed package's version (what ``annotator --version`` prints after the
    name), or None when the source tree was never installed."""
    return installed_version(name)


def _licence(name: str) -> str | None:
    """A package's licence as its metadata states it (the SPDX expression, else the field)."""
    try:
        meta = metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return None
    for field in ("License-Expression", "License"):
        said = meta.get_all(field) or []
        if said and said[0].strip():
            return str(said[0]).strip()
    return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def font_notice(path: Path = FONT_LICENCE) -> Notice | None:
    """The font's name, copyright lines and licence name from the head of its ``OFL.txt``
    (what comes before the licence text's first rule line)."""
    text = _read(path)
    if text is None:
        return None
    head = text.split("\n---", 1)[0]
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    if not lines:
        return None
    licensed = re.search(r"licensed under the (.+?)\.(?:\s|$)", " ".join(lines))
    shown = [line for line in lines[1:] if line.lower().startswith("copyright")]
    if licensed:
        shown.append(licensed.group(1))
    return Notice(
        QCoreApplication.translate("About", "Arabic font: {0}").format(isolate(lines[0])),
        tuple(shown),
        path,
    )


def names_notice(path: Path = NAMES_FILE) -> Notice | None:
    """Where the model's list of Arabic personal names comes from and under which licences,
    from the file's own header: its comment lines after the first, up to ``Changes:``."""
    text = _read(path)
    if text is None:
        return None
    comments: list[str] = []
    for line in text.splitlines()[1:]:
        if not line.startswith("#") or line[1:].strip().startswith("Changes:"):
            break
        comments.append(line[1:].strip())
    said = re.sub(r"^\w+:\s*", "", " ".join(comments))  # the kind the names are ("per: …")
    if not said:
        return None
    return Notice(
        QCoreApplication.translate("About", "Arabic personal names for the model's name list:"),
        (said,),
        path,
    )


def _babel_cldr_licence() -> Path | None:
    """The CLDR licence file Babel ships with its locale data (found without importing it)."""
    try:
        files = metadata.distribution("babel").files or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.name == "LICENSE.unicode":
            return Path(str(file.locate()))
    return None


def cldr_notice() -> Notice | None:
    """CLDR's Arabic place, language and currency names, through Babel: the licence file's
    title and copyright line, and Babel's own licence."""
    version = package_version("babel")
    if version is None:
        return None
    path = _babel_cldr_licence()
    text = _read(path) if path is not None else None
    lines: list[str] = []
    if text:
        head = [line.strip() for line in text.splitlines()[:12] if line.strip()]
        lines.extend(head[:1])  # the licence's title
        lines.extend(line for line in head[1:] if line.lower().startswith("copyright"))
    babel = _licence("babel")
    if babel:
        lines.append(
            f"Babel {version}: {isolate(babel)}"  # names and a licence: nothing to translate
        )
    heading = QCoreApplication.translate(
        "About", "Arabic place, language and currency names for the model: CLDR, from Babel"
    )
    return Notice(heading, tuple(lines), path)


def qt_notice() -> Notice:
    """Qt for Python (PySide6) and Qt, with the licence PySide6's metadata states."""
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    licence = _licence("PySide6-Essentials") or _licence("PySide6")
    heading = QCoreApplication.translate("About", "Qt for Python (PySide6) {0}, Qt {1}").format(
        pyside, qVersion()
    )
    return Notice(heading, (licence,) if licence else ())


def notices() -> list[Notice]:
    """Everything the About box lists, in order; what cannot be read is left out."""
    found = [font_notice(), names_notice(), cldr_notice(), qt_notice()]
    return [notice for notice in found if notice is not None]


def about_text(items: list[Notice]) -> str:
    """The text of the About box's licence list: per item, its heading, its files' lines and
    where its full text is."""
    blocks: list[str] = []
    own = _licence("annotator")
    if own:
        blocks.append(
            QCoreApplication.translate("About", "Annotator's licence: {0}").format(isolate(own))
        )
    for item in items:
        lines = [item.heading, *item.lines]
        if item.source is not None:
            lines.append(
                QCoreApplication.translate("About", "Full text: {0}").format(path_text(item.source))
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


class AboutDialog(QDialog):
    """The About box; ``items`` default to ``notices()``."""

    def __init__(self, parent: QWidget | None = None, items: list[Notice] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(QCoreApplication.translate("About", "About Annotator"))
        layout = QVBoxLayout(self)
        version = package_version()
        self.title = QLabel(
            QCoreApplication.translate("About", "Annotator {0}").format(
                version or QCoreApplication.translate("About", "(not installed)")
            )
        )
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.description = QLabel(
            QCoreApplication.translate(
                "About",
                "An offline workbench for labelling Arabic news text: entities, events, "
                "relations, review and training-data export.",
            )
        )
        self.description.setWordWrap(True)
        shipped = QLabel(QCoreApplication.translate("About", "It ships with, and is built on:"))
        for label in (self.title, self.description, shipped):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        # a QTextEdit given plain text, not a QPlainTextEdit: it lays each paragraph out from
        # its own side (an Arabic heading at the right, an English licence line at the left)
        self.licences = QTextEdit(self)
        self.licences.setObjectName("aboutLicences")
        self.licences.setReadOnly(True)
        self.licences.setAcceptRichText(False)
        self.licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licences.setPlainText(about_text(notices() if items is None else items))
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def shown_text(self) -> str:
        """Everything the box says (tests read it)."""
        return "\n".join((self.title.text(), self.description.text(), self.licences.toPlainText()))


def show_about(parent: QWidget | None) -> AboutDialog:
    """Help › About Annotator…: the About box, not modal."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
