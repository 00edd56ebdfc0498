"""Application entry points: ``run`` (the GUI), ``sample_project_path`` and ``render_screenshot``.

``annotator gui [PROJECT]`` calls ``run``; ``annotator gui PROJECT --document NAME
--screenshot FILE.png --size 1400x900`` calls ``render_screenshot``, which draws the main window
offscreen and exits (README screenshots and rendering checks). ``--lang ar|en`` chooses the
interface language of both (``ui.i18n.install_translator``; without it the language chosen in
the app, else the system locale's).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.docview.fonts import register_fonts
from ui.i18n import install_translator
from ui.session import Session
from ui.workbench.mainwindow import MainWindow

# Only what the first paint needs is imported here (issue 12): the window with its view and
# status bar (ui.workbench.mainwindow imports its panels, menus and dialogs when it builds
# them), the session and the project; tests/ui/test_startup.py checks that importing this
# module loads no menu, panel, dialog or event tool (``python -X importtime`` shows the rest).

APP_NAME = "annotator"
SAMPLE_NAME = "sample.annotator"
SEED = "000_3626081446f7037e.txt"
SCREENSHOT_FORMAT = "png"
"""the format ``annotator.output`` records for a screenshot (it replaces only its own)"""


def application(
    argv: list[str] | None = None, lang: str | None = None, settings: QSettings | None = None
) -> QApplication:
    """The QApplication (created once, offscreen when there is no display) speaking ``lang``
    (``ar`` or ``en``; None: the language remembered in ``settings``, else the system's). An
    existing application keeps its language unless ``lang`` is given."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        if lang:
            install_translator(app, lang, settings)
        return app
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv or [APP_NAME])
    register_fonts()
    install_translator(app, lang, settings)
    return app


def sample_project_path(data_dir: Path | None = None) -> Path:
    """The bundled sample project (the seed article), created in the user data folder on
    first use. Not created where no project may be (``Project.create``'s rule, ``creation_refusal``:
    something at the name, a leftover -wal, -journal or -shm beside it, whose log SQLite
    would replay into the new sample): the path is returned as it is, the open then fails
    and says so."""
    # imported here: a start that opens a given or recent project needs none of them
    from importlib import resources

    import platformdirs

    from annotator.project import Project, creation_refusal

    folder = data_dir or Path(platformdirs.user_data_dir(APP_NAME))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_NAME
    if creation_refusal(path) is None:
        import shutil
        import tempfile

        text = resources.files("resources").joinpath(f"samples/{SEED}").read_text(encoding="utf-8")
        # Built whole in a folder of its own beside the final name, then linked in: a crash
        # never leaves half a sample, and the link neither replaces a file that appeared at
        # that name meanwhile (another window's sample) nor touches any other file there.
        scratch = Path(tempfile.mkdtemp(prefix=f".{SAMPLE_NAME}.", dir=folder))
        try:
            built = scratch / SAMPLE_NAME
            with Project.create(built) as project:
                project.add_document(text, name=Path(SEED).stem)
            try:
                os.link(built, path)
            except FileExistsError:
                pass  # made meanwhile: that one is the sample
            except OSError:  # a file system without hard links
                if not os.path.lexists(path):
                    os.rename(built, path)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return path


class AfterFirstPaint(QObject):
    """Calls ``then`` once, on the turn of the event loop after ``widget``'s first paint (or
    after ``limit_ms`` when it is not painted by then: a minimised window, say)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], limit_ms: int = 1000) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(limit_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self._run)  # after the paint is on screen
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self._then()


def start_target(window: MainWindow, argv: list[str]) -> tuple[Path, bool]:
    """The project ``run`` opens, and whether to create it: ``argv[1]`` if given (created
    when it does not exist), else the last project, else the sample project."""
    args = [a for a in argv[1:] if not a.startswith("-")]
    recent = window.recent_projects()
    if args:
        target = Path(args[0])
        return target, not target.exists()
    if recent and Path(recent[0]).exists():
        return Path(recent[0]), False
    # a sample that could not be made (a leftover -wal beside its name, a read-only or full
    # data folder) is "created": the window opens and the creation's refusal says why, where
    # opening would only say it is missing (and an error here left no window at all)
    from annotator.errors import AnnotatorError

    try:
        sample = sample_project_path()
    except (OSError, AnnotatorError):
        import platformdirs

        return Path(platformdirs.user_data_dir(APP_NAME)) / SAMPLE_NAME, True
    return sample, not sample.exists()


def run(argv: list[str], lang: str | None = None) -> int:
    """Start the workbench in ``lang`` (see ``application``). ``argv[1]``, if given, is a
    project file to open (created if it does not exist); otherwise the last project, else the
    sample project.

    Shown first: the window with its document view opens the project and shows the text of
    the document the analyst left, is shown and paints it; the panels, docks and menus are
    built right after that paint (``MainWindow.finish_startup``), then the annotator is asked
    for when none is remembered."""
    app = application(argv, lang)
    settings = QSettings()
    session = Session()
    window = MainWindow(session, settings, deferred=True)
    target, create = start_target(window, argv)
    opened = window.open_first(target, create)
    window.show()

    def finish() -> None:
        window.finish_startup()
        # (a caller may have turned the collector off for start-up: what it made is frozen now)
        gc.enable()
        if opened and not window.ensure_annotator():
            window.statusBar().showMessage(window.tr("No annotator chosen: editing is off."))

    # (a timer alone may fire before the window is exposed and painted)
    AfterFirstPaint(window.view.viewport(), finish)
    try:
        code = app.exec()
    finally:
        gc.enable()
    session.close()
    return int(code)


def render_screenshot(
    project_path: str | Path,
    document_name: str,
    out_png: str | Path,
    size: tuple[int, int] = (1400, 900),
    annotator: str | None = None,
    lang: str | None = None,
) -> tuple[int, int]:
    """Draw the main window showing one document and save it as a PNG, its interface in
    ``lang`` (``ar``, ``en``; None: the system locale's). Returns the PNG's width and height:
    not ``size`` when the window cannot be that small (its smallest size) or large.

    The project is opened read-only; the layer shown is ``annotator``'s, or else the first
    annotator with spans on that document. The PNG is written through ``annotator.output``:
    atomically, replacing only an earlier screenshot (never a file it did not write, a link or
    a device), and the target is checked before anything is drawn. Raises AnnotatorError if
    the project or document cannot be found or the target is refused."""
    import shutil
    import tempfile

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize

    from annotator.errors import AnnotatorError, ValidationError
    from annotator.output import is_stdout, writing
    from annotator.project import Project

    out = Path(out_png)
    if is_stdout(out):
        raise AnnotatorError(
            "a screenshot is a PNG file, which does not go to standard output ('-'); "
            "give a file name"
        )
    # the temporary beside the target is created first: a refused or unwritable target
    # fails before anything is drawn, and a failure leaves no file
    with writing(out, SCREENSHOT_FORMAT) as tmp:
        folder = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
        try:
            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            install_translator(application(), lang, settings)
            session = Session()
            project = Project.open(project_path, read_only=True)
            doc = project.document_by_name(document_name)
            if doc is None:
                project.close()
                raise ValidationError(f"no document named {document_name!r} in {project_path}")
            if annotator is None:
                names = sorted({s.annotator for s in project.spans(doc.id)})
                annotator = names[0] if names else ""
            session.annotator = annotator
            session.set_project(project)
            window = MainWindow(session, settings)
            window.quiet_errors = True
            window.navigation.open_document(doc.id)
            window.resize(QSize(*size))
            window.show()
            spans = window.model.layer.spans
            if spans:
                window.selection.select_span(spans[0].uuid)
            for _ in range(5):
                QApplication.processEvents()
            png = QByteArray()
            buffer = QBuffer(png)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            shot = window.grab()
            written = (shot.width(), shot.height())
            encoded = shot.save(buffer, "PNG")
            buffer.close()
            window.close()
            window.deleteLater()
            session.close()
            if not encoded:
                raise AnnotatorError(f"cannot encode the screenshot for {out} as PNG")
            tmp.write_bytes(bytes(png.data()))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return written
