"""Render the README's screenshots offscreen with the bundled font, in Arabic and English:
the main window on the sample project, the review window, the agreement window, the schema
editor and the export dialog (issue 15).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py

Writes ``docs/screenshots/<window>_<lang>.png``. The sample project is built in a temporary
folder with two analysts' layers that differ, so review and agreement have something to show.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from annotator.project import Project
from ui.app import application, render_screenshot, sample_project_path
from ui.i18n import install_translator

OUT = Path(__file__).resolve().parent
LANGS = ("ar", "en")


def build(folder: Path) -> tuple[Path, str]:
    """The sample article with two analysts' layers (they disagree on a few spans)."""
    path = sample_project_path(folder)
    with Project.open(path) as p:
        doc = p.documents()[0]
        text = p.document(doc.id).text

        def at(word: str, skip: int = 0) -> tuple[int, int]:
            s = text.index(word) + skip
            return s, text.index(word) + len(word)

        for who in ("amal", "badr"):
            p.add_span(doc.id, *at("بباريس", 1), "GPE", who)
            p.add_span(doc.id, *at("داعش"), "ORG", who)
            p.add_span(doc.id, *at("جان إيف لودريان"), "PER", who)
        p.add_span(doc.id, *at("وهولندا", 1), "GPE", "amal")
        p.add_span(doc.id, *at("وزارة الدفاع"), "ORG", "amal")
        p.add_span(doc.id, *at("وزارة الدفاع"), "FAC", "badr")
        p.add_span(doc.id, *at("2014"), "TIME", "badr")
        return path, doc.name


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, name: str, lang: str) -> Path:
    widget.show()
    settle()
    out = OUT / f"{name}_{lang}.png"
    assert widget.grab().save(str(out), "PNG"), out
    widget.close()
    return out


def main() -> list[Path]:
    from ui.dialogs.export_dialog import ExportDialog
    from ui.events.schema_editor import SchemaEditor
    from ui.review.agreement_window import AgreementWindow
    from ui.review.window import ReviewWindow
    from ui.session import Session

    folder = Path(tempfile.mkdtemp(prefix="annotator-screens-"))
    written: list[Path] = []
    try:
        app = application()
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        project, name = build(folder)
        for lang in LANGS:
            shot = OUT / f"main_window_{lang}.png"
            shot.unlink(missing_ok=True)
            render_screenshot(project, name, shot, (1400, 900), "amal", lang)
            written.append(shot)
            install_translator(app, lang, settings)
            session = Session()
            session.open_project(project)
            session.set_annotator("amal")
            review = ReviewWindow(session)
            review.resize(1300, 760)
            written.append(save(review, "review", lang))
            agreement = AgreementWindow(session)
            agreement.resize(1100, 720)
            agreement.show()
            job = agreement.run()
            deadline = time.monotonic() + 60
            while job is not None and not job.outcome and time.monotonic() < deadline:
                settle(0.1)
            written.append(save(agreement, "agreement", lang))
            editor = SchemaEditor(session)
            written.append(save(editor, "schema_editor", lang))
            assert session.project is not None
            export = ExportDialog(session.project)
            export.resize(760, 640)
            written.append(save(export, "export_dialog", lang))
            for widget in (review, agreement, editor, export):
                widget.deleteLater()
            settle(0.1)
            session.close()
        install_translator(app, "en", settings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
