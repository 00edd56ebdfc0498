"""The interface language: Qt translators, layout direction and language-aware display helpers.

``install_translator(app, lang)`` is the one call a ``--lang ar|en`` flag needs: it chooses the
language (the flag, else the choice remembered in QSettings under ``ui/language``, else the
system locale), loads ``resources/translations/annotator_<lang>.qm`` (built by
``pyside6-lrelease`` from the ``.ts`` sources ``pyside6-lupdate`` writes; ``make translations``)
and Qt's own translations for its standard dialogs when installed, and sets the application's
layout direction: right-to-left in Arabic (docks, menus, tables, dialogs mirror), left-to-right
in English. It returns the language used. A change chosen in the app is remembered with
``remember_language`` and takes effect on the next start.

``core_text(error)`` is a message of the core (a refused schema edit, a rule broken) in the
interface language. ``label_display(label)`` is a schema label's name as the interface shows
it: the Arabic form in Arabic, else the English one. ``elide_mode(text)`` elides a name from
the end that reads last (the left end of right-to-left text). ``isolate(text)`` keeps a name
or covered text in its own direction inside a line (a bidi isolate), ``path_text(path)`` a
file's path left to right, ``shortcut_text(keys)`` a key sequence as every menu, the command
palette and the keys page show it (``KeyMenu`` is a menu that does);
``relation_text(source, target)`` is the one way a relation's two ends are shown,
"source → target" reading in the interface direction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtGui import Qt as GuiQt  # convertFromPlainText lives in QtGui's Qt

from annotator.errors import TYPE_NAMES, Message, message_of, system_text
from annotator.model import GOLD, Status

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from annotator.schema import AttributeDef, Label, Schema

LANGUAGES = ("en", "ar")
"""the interface languages: English (the source strings) and Arabic"""
SETTINGS_LANGUAGE = "ui/language"
TS_STEM = "annotator"

_current = "en"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (``pyside6-lupdate`` collects it); the
    caller translates it where it is shown. Typed, unlike PySide6's own."""
    return text


_installed: list[QTranslator] = []


HOST_CONTEXTS = ("", "w", "self.w", "window", "parent")
"""the contexts lupdate gives strings translated through a host (``w.tr(...)`` in a module
function, ``tr = self.tr`` aliases): looked up when the runtime context (the class name) has
no translation of a string"""


class _HostFallback(QTranslator):
    """Our compiled translations, looked up under the caller's context first and then under
    the host contexts lupdate wrote (``HOST_CONTEXTS``)."""

    def __init__(self, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.inner = QTranslator(self)

    def isEmpty(self) -> bool:
        return self.inner.isEmpty()

    def translate(  # None is Qt's "no translation"
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = self.inner.translate(context, source, disambiguation, n)
        for other in HOST_CONTEXTS:
            if found:
                break
            found = self.inner.translate(other, source, disambiguation, n)
        # an empty string would be taken as the translation and blank the text: None lets
        # Qt show the source (a string with no translation, or one lrelease left out because
        # its translation equals it, such as "ة = ه")
        return found or None


def translations_dir() -> Path:
    """The folder holding the ``.ts`` sources and the compiled ``.qm`` files."""
    from importlib import resources  # here: English, the start-up default, loads none

    return Path(str(resources.files("resources").joinpath("translations")))


def system_language() -> str:
    """``ar`` when the system locale is Arabic, else ``en``."""
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def remembered_language(settings: QSettings | None = None) -> str:
    """The language chosen in the app ("" when none was)."""
    value = str((settings or QSettings()).value(SETTINGS_LANGUAGE, "") or "")
    return value if value in LANGUAGES else ""


def remember_language(lang: str, settings: QSettings | None = None) -> None:
    """Remember the language chosen in the app (used from the next start)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown interface language {lang!r}")
    s = settings or QSettings()
    s.setValue(SETTINGS_LANGUAGE, lang)
    s.sync()


def choose_language(lang: str | None = None, settings: QSettings | None = None) -> str:
    """The language to use: ``lang`` if given (a ``--lang`` flag), else the remembered choice,
    else the system locale's."""
    if lang:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown interface language {lang!r} (one of {', '.join(LANGUAGES)})")
        return lang
    return remembered_language(settings) or system_language()


def install_translator(
    app: QCoreApplication, lang: str | None = None, settings: QSettings | None = None
) -> str:
    """Load the translations of the chosen language into ``app`` and set its layout direction;
    returns the language used (see ``choose_language``). Calling it again replaces the
    translators it installed before."""
    global _current
    chosen = choose_language(lang, settings)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if chosen != "en":
        ours = _HostFallback(app)
        if not ours.inner.load(f"{TS_STEM}_{chosen}", str(translations_dir())):
            raise FileNotFoundError(
                f"no compiled translations for {chosen!r} in {translations_dir()}"
            )
        app.installTranslator(ours)
        _installed.append(ours)
        qt_base = QTranslator(app)  # Qt's own dialogs (file dialogs, message box buttons)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_base.load(QLocale(chosen), "qtbase", "_", qt_dir):
            app.installTranslator(qt_base)
            _installed.append(qt_base)
    if isinstance(app, QGuiApplication):
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if chosen == "ar" else Qt.LayoutDirection.LeftToRight
        )
    _current = chosen
    return chosen


STATUS_TEXT = {
    Status.NEW: QT_TRANSLATE_NOOP("Status", "new"),
    Status.IN_PROGRESS: QT_TRANSLATE_NOOP("Status", "in progress"),
    Status.DONE: QT_TRANSLATE_NOOP("Status", "done"),
}


def status_text(status: Status) -> str:
    """A document status as the interface shows it (translated)."""
    return QCoreApplication.translate("Status", STATUS_TEXT[status])


ROLE_NAMES = (
    QT_TRANSLATE_NOOP("Role", "Adjudicator"),
    QT_TRANSLATE_NOOP("Role", "Agent"),
    QT_TRANSLATE_NOOP("Role", "Artifact"),
    QT_TRANSLATE_NOOP("Role", "Attacker"),
    QT_TRANSLATE_NOOP("Role", "Beneficiary"),
    QT_TRANSLATE_NOOP("Role", "Buyer"),
    QT_TRANSLATE_NOOP("Role", "Crime"),
    QT_TRANSLATE_NOOP("Role", "Defendant"),
    QT_TRANSLATE_NOOP("Role", "Destination"),
    QT_TRANSLATE_NOOP("Role", "Entity"),
    QT_TRANSLATE_NOOP("Role", "Giver"),
    QT_TRANSLATE_NOOP("Role", "Instrument"),
    QT_TRANSLATE_NOOP("Role", "Money"),
    QT_TRANSLATE_NOOP("Role", "Org"),
    QT_TRANSLATE_NOOP("Role", "Origin"),
    QT_TRANSLATE_NOOP("Role", "Person"),
    QT_TRANSLATE_NOOP("Role", "Place"),
    QT_TRANSLATE_NOOP("Role", "Plaintiff"),
    QT_TRANSLATE_NOOP("Role", "Position"),
    QT_TRANSLATE_NOOP("Role", "Price"),
    QT_TRANSLATE_NOOP("Role", "Prosecutor"),
    QT_TRANSLATE_NOOP("Role", "Recipient"),
    QT_TRANSLATE_NOOP("Role", "Seller"),
    QT_TRANSLATE_NOOP("Role", "Sentence"),
    QT_TRANSLATE_NOOP("Role", "Target"),
    QT_TRANSLATE_NOOP("Role", "Time"),
    QT_TRANSLATE_NOOP("Role", "Vehicle"),
    QT_TRANSLATE_NOOP("Role", "Victim"),
)
"""the argument roles of the bundled ACE 2005 schema: the interface names them in its
language (a schema's roles carry no Arabic form of their own); another schema's roles show
as they are named"""


def role_display(name: str) -> str:
    """An argument role's name as the interface shows it (the Arabic form of an ACE role in
    the Arabic interface)."""
    return QCoreApplication.translate("Role", name)


def core_text(message: object, schema: Schema | None = None) -> str:
    """A message of the core in the interface language: an ``AnnotatorError`` (or a
    ``Violation``, a problem text) whose text is a ``Message`` is shown through its translated
    template, each parameter (a name, a number, a nested message) a bidi ``isolate``; anything
    else, or a template with no translation, shows as the core wrote it (English).

    Given the ``schema`` (a command's text: "add event {type}"), a parameter named ``label``
    or ``type`` shows as the text's tags name it (``type_tag``), one named ``role`` as
    ``role_display``, and ``into`` (a layer) ``gold`` as the interface names gold."""
    if isinstance(message, BaseException):  # an OSError or a JSON error keeps its parts
        message = message_of(message)
    message = getattr(message, "message", message)  # a rules.Violation
    if not isinstance(message, Message):
        return str(message)
    template = QCoreApplication.translate("CoreMessage", message.template)
    shown = {key: _param_text(key, value, schema) for key, value in message.params.items()}
    if template == message.template and all(
        shown[key] == str(value) for key, value in message.params.items()
    ):  # nothing translated (English; a template whose translation equals it, and English
        # parameters): as the core wrote it
        return str(message)
    isolated = {
        key: path_text(text) if _is_path(key, message.params[key]) else isolate(text)
        for key, text in shown.items()
    }
    try:
        template, isolated = _ranges_joined(template, shown, isolated)
        text = template.format(**isolated)
    except (KeyError, IndexError, ValueError):  # a translation naming a field the core lacks
        return str(message)
    if text.startswith(LRI) and interface_rtl():
        # a message that starts with a path ("{path}: ...") reads right to left: a label
        # finds its direction from the first strong character, the path's without the mark
        return RLM + text
    return text


RANGE_FIELDS = re.compile(r"\{(\w+)\}([-\u2013])\{(\w+)\}")
"""two fields of a (translated) core template joined by a hyphen or an en dash: a range,
"{start}-{end}" (offsets, a span's ends), shown as one left-to-right isolate (``range_text``)"""

PLAIN_NUMBER = re.compile(r"-?[0-9]+")


def range_text(start: str, end: str, dash: str = "-") -> str:
    """A range "start-end" as the core's messages write one (a span's offsets), laid out left
    to right whatever the line around it: one LRI … PDI, its ends bare when they are numbers
    (each end of another kind, a quoted text, in an isolate of its own).

    Given each end an isolate of its own, an Arabic sentence laid "{start}-{end}" out right to
    left: the two isolates and the hyphen between them are neutrals in a right-to-left run, so
    "span 5-12" showed as 12-5 read from left to right, the range backwards (QA 18)."""
    ends = (t if PLAIN_NUMBER.fullmatch(t) else isolate(t) for t in (start, end))
    return f"{LRI}{dash.join(ends)}{PDI}"


def _ranges_joined(
    template: str, shown: dict[str, str], isolated: dict[str, str]
) -> tuple[str, dict[str, str]]:
    """``template`` with each range of two fields (``RANGE_FIELDS``: "{start}-{end}") made one
    field whose value is the ``range_text`` of the two, and the values with those fields added:
    the one place a core message's range is set left to right, in every template and its
    translation (the translator keeps "{start}-{end}" as the English has it). A field named in
    no parameter raises ``KeyError`` as ``format`` would."""
    if "}-{" not in template and "}\u2013{" not in template:
        return template, isolated
    values = dict(isolated)

    def joined(found: re.Match[str]) -> str:
        start, dash, end = found.groups()
        key = f"range_{start}_{end}_"
        values[key] = range_text(shown[start], shown[end], dash)
        return f"{{{key}}}"

    return RANGE_FIELDS.sub(joined, template), values


def core_lines(lines: Iterable[object]) -> str:
    """A core report's lines (``ExportReport.lines``, ``ImportReport.lines``: ``Message``s) in
    the interface language, one a line (``core_text``)."""
    return "\n".join(core_text(line) for line in lines)


def _is_path(key: str, value: object) -> bool:
    """Whether a core message's parameter is a file's path (``path_text``): a text named
    ``path``, ``where`` (``file:line``), ``folder`` or ``file`` (a lock file) (a ``where``
    that is a Message, "relation {relation}", is not)."""
    return key in ("path", "where", "folder", "file") and not isinstance(value, Message)


SYSTEM_PARAMS = frozenset({"message", "problem", "why"})
"""the parameters of a core message that hold a reader's own text, or a system's (an
``ImportFormatError``'s message, a ``Problem``'s, the reason a file cannot be read): a plain
text there that is a system's (``annotator.errors.system_text``) is translated too; a name
elsewhere is never taken for one ("list", "int")"""


def _param_text(key: str, value: object, schema: Schema | None) -> str:
    """A parameter of a core message in the interface language (``core_text``)."""
    if key in SYSTEM_PARAMS and isinstance(value, str) and value not in TYPE_NAMES:
        value = system_text(value)  # a reader's plain text: "bad CSV: line contains NUL"
    if isinstance(value, Message) or not isinstance(value, str):
        return core_text(value, schema)
    if key == "into" and value == GOLD:
        return QCoreApplication.translate("CoreMessage", "gold")  # the gold layer
    if schema is None:
        return value
    if key in ("label", "type"):
        return type_tag(schema, value)
    if key == "role":
        return role_display(value)
    return value


def current_language() -> str:
    """The language ``install_translator`` installed last (``en`` before any)."""
    return _current


def label_display(label: Label, lang: str | None = None) -> str:
    """A label's display name in the interface language (its Arabic form in Arabic)."""
    if (lang or _current) == "ar" and label.ar:
        return label.ar
    return label.en or label.name


def label_tag(label: Label, lang: str | None = None) -> str:
    """The short name a label tag in the text shows: the Arabic form in Arabic, else the
    label's own name (PER, Conflict.Attack), as brat and the English tags have it."""
    if (lang or _current) == "ar" and label.ar:
        return label.ar
    return label.name


def type_tag(schema: Schema | None, name: str, lang: str | None = None) -> str:
    """The name the interface shows for a label, event type or relation type known only by its
    name (a span's label, an event's or relation's type): ``label_tag`` of the schema's label
    of that name, the name itself when the schema has none. The text's tags, the events panel,
    the arcs, the details and the dialogs all name a type this way."""
    found = (schema.label(name) or schema.relation(name)) if schema is not None else None
    return label_tag(found, lang) if found is not None else name


def label_names(label: Label, lang: str | None = None) -> list[str]:
    """A label's names, each distinct one once: its display name in the interface language
    first, then its English name (or its name), its Arabic name and its name (an imported label
    named MIS1 in every language shows as MIS1, not MIS1 · MIS1 · MIS1)."""
    names = dict.fromkeys(
        [label_display(label, lang), label.en or label.name, label.ar, label.name]
    )
    return [n for n in names if n]


def attribute_display(attribute: AttributeDef, lang: str | None = None) -> str:
    """An attribute's name in the interface language (its Arabic form in Arabic, when the
    schema gives one)."""
    return attribute.display(lang or _current)


def attribute_value_display(attribute: AttributeDef, value: str, lang: str | None = None) -> str:
    """An enum attribute's value in the interface language (its Arabic form in Arabic, when the
    schema gives one)."""
    return attribute.value_display(value, lang or _current)


def is_rtl_text(text: str) -> bool:
    """Whether ``text`` reads right to left: its first strong character outside isolates is
    right-to-left (Unicode bidi P2, as ``QString.isRightToLeft``: what an isolate holds does
    not set the direction of the text around it)."""
    depth = 0
    for ch in text:
        if ch in (FSI, LRI, RLI):
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        elif not depth:
            cls = unicodedata.bidirectional(ch)
            if cls in ("R", "AL"):
                return True
            if cls == "L":
                return False
    return False


def elide_mode(text: str) -> Qt.TextElideMode:
    """Elide from the end that reads last: the right end of left-to-right text, the left end
    of right-to-left text."""
    return Qt.TextElideMode.ElideLeft if is_rtl_text(text) else Qt.TextElideMode.ElideRight


FSI, LRI, RLI, PDI = "\u2068", "\u2066", "\u2067", "\u2069"
"""bidi isolates: first-strong, left-to-right, right-to-left, and their end"""
LRM, RLM = "\u200e", "\u200f"


def isolate(text: str) -> str:
    """``text`` as a bidi isolate (FSI … PDI): laid out in its own direction (its first strong
    character), it keeps its brackets and punctuation where they belong and does not reorder
    its neighbours (Arabic inside a Latin line, ``000_36f7`` or ``ann_2`` inside an Arabic one)."""
    return f"{FSI}{text}{PDI}"


def interface_isolate(text: str) -> str:
    """A line written in the interface's language as an isolate of the interface's direction
    (RLI … PDI in Arabic; a first-strong isolate in English): an Arabic sentence that starts
    with a Latin code (``PHYS: باريس ← فرنسا``, ``GPE: باريس``) still reads right to left,
    where a first-strong isolate laid it out left to right, its first word last."""
    return f"{RLI}{text}{PDI}" if interface_rtl() else isolate(text)


PATH_SEPARATORS = frozenset("/\\:")
"""what separates a path's parts (folders; the line of ``file:line``)"""


def path_text(path: object) -> str:
    """A file's path as a left-to-right isolate (LRI … PDI), whatever its first letter: its
    folders read from left to right, and a leading / stays at its left end, in an Arabic line
    too (a first-strong isolate would turn round a path whose first folder is Arabic).

    A separator after an Arabic part is followed by an LRM unless a Latin letter follows it:
    inside the isolate, a folder made of digits (or a second Arabic folder, a ``:line``) after
    an Arabic folder would join its right-to-left run and show on the wrong side of it
    (``2024/تقارير`` for ``تقارير/2024``)."""
    text = str(path)
    out: list[str] = []
    rtl = False  # the last strong character was right-to-left
    for i, ch in enumerate(text):
        out.append(ch)
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            rtl = True
        elif kind == "L":
            rtl = False
        elif rtl and ch in PATH_SEPARATORS and i + 1 < len(text):
            if unicodedata.bidirectional(text[i + 1]) != "L":
                out.append(LRM)
            rtl = False
    return f"{LRI}{''.join(out)}{PDI}"


def interface_rtl() -> bool:
    """Whether the interface reads right to left (the application's layout direction, set by
    ``install_translator``)."""
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def set_plain_text(box: QMessageBox, text: str) -> None:
    """Show ``text`` in a message box as plain text (it quotes names and document text), each
    line led by the interface's direction mark (RLM in Arabic, LRM in English): Qt lays a
    paragraph out in the direction of its first strong letter, so a question starting with a
    quoted Arabic word was laid out right to left in the English interface, and one starting
    with a path or a label code left to right in the Arabic one. The one rule for every
    message box (``prompts.show_message``, ``ask_read_only``, ``relations.ask_choice``, the
    export dialog's questions)."""
    mark = RLM if interface_rtl() else LRM
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("\n".join(mark + line if line else line for line in text.split("\n")))


def relation_text(
    source: str, target: str, *, rtl: bool | None = None, two_lines: bool = False
) -> str:
    """A relation's ends as "source → target", reading from the source to the target in the
    interface direction (``rtl``; default ``interface_rtl()``), whatever the ends' scripts.

    Each end is an ``isolate``: between two Arabic ends a bare arrow joins their right-to-left
    run and ends up pointing back at the source (فرنسا → لودريان for a relation from لودريان to
    فرنسا). The arrow is ← in a right-to-left interface, → in a left-to-right one; the phrase is
    a directional isolate (RLI/LRI … PDI), so a line of the other direction around it cannot
    turn it round, and starts with a mark (RLM/LRM) that gives a label or tooltip that finds its
    direction from the first strong character the interface direction. ``two_lines`` puts the
    target on a second line (a tooltip), the arrow at that line's start."""
    rtl = interface_rtl() if rtl is None else rtl
    arrow = "←" if rtl else "→"
    mark, start = (RLM, RLI) if rtl else (LRM, LRI)
    head, tail = isolate(source), f"{arrow} {isolate(target)}"
    if two_lines:
        return f"{mark}{start}{head}{PDI}\n{mark}{start}{tail}{PDI}"
    return f"{mark}{start}{head} {tail}{PDI}"


def plain_tooltip(text: str) -> str:
    """A tooltip string that Qt shows literally, whatever markup ``text`` contains."""
    return str(GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpacePre))


def menu_text(name: str) -> str:
    """A schema or user name as a menu item's text: each ``&`` doubled, so that ``R&D`` shows
    as R&D and not as RD with an underlined D (Qt reads a lone ``&`` as a mnemonic)."""
    return name.replace("&", "&&")
