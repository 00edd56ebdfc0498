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
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtGui import Qt as GuiQt  # convertFromPlainText lives in QtGui's Qt
from PySide6.QtWidgets import QMenu, QMessageBox, QStyleOptionMenuItem

from annotator.errors import Message
from annotator.model import GOLD, Status

if TYPE_CHECKING:
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


CORE_MESSAGES = (
    # an export's report (annotator.formats.common.ExportReport.lines, conll.TokenReport.lines)
    # and the reasons an exporter gives for what it leaves out (annotator.formats, exporting)
    QT_TRANSLATE_NOOP("CoreMessage", "span repeating another of its layer (place and label)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "discontinuous span (token formats hold contiguous spans only)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "span covers only white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "span covers no token"),
    QT_TRANSLATE_NOOP("CoreMessage", "span crosses a sentence break"),
    QT_TRANSLATE_NOOP("CoreMessage", "label not selected for export"),
    QT_TRANSLATE_NOOP("CoreMessage", "span"),
    QT_TRANSLATE_NOOP("CoreMessage", "event"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute"),
    QT_TRANSLATE_NOOP("CoreMessage", "normalisation"),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments"),
    QT_TRANSLATE_NOOP("CoreMessage", "events"),
    QT_TRANSLATE_NOOP("CoreMessage", "arguments"),
    QT_TRANSLATE_NOOP("CoreMessage", "relations"),
    QT_TRANSLATE_NOOP("CoreMessage", "attributes"),
    QT_TRANSLATE_NOOP("CoreMessage", "normalisations"),
    QT_TRANSLATE_NOOP("CoreMessage", "notes"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents exported: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "spans exported: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "also exported: {items}"),
    QT_TRANSLATE_NOOP("CoreMessage", "tokens: {count} ({split} split at span boundaries)"),
    QT_TRANSLATE_NOOP("CoreMessage", "dropped {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents left out {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "written: {path}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "event trigger (flat NER tags hold entities; use --format events)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "no token to write (the text is only white space)"),
    QT_TRANSLATE_NOOP("CoreMessage", "  in {part}: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "  not in doc.ents {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "not written {count}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessage", "split {name}: no document went to it"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "warning: label {name} is read back as {back} (its edge looks like noise)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "  without the white space at their edges: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "same offsets as a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "nested inside a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "contains a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "overlaps a kept span"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} (policy {policy})"),
    QT_TRANSLATE_NOOP("CoreMessage", "outermost"),
    QT_TRANSLATE_NOOP("CoreMessage", "innermost"),
    QT_TRANSLATE_NOOP("CoreMessage", "longest"),
    QT_TRANSLATE_NOOP("CoreMessage", "event whose trigger span is not labelled with its type"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument of an event not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument whose filler was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "event whose trigger span was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "{kind} ({format} has no place for it)"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation whose end was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "{part} of a {kind} not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "span label not selected for export"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument repeating another of its event (role and filler)"),
    QT_TRANSLATE_NOOP("CoreMessage", "event without a live trigger span"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument of an event not written"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument pointing at a missing span"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation pointing at a missing span"),
    QT_TRANSLATE_NOOP("CoreMessage", "{reason}, kept in doc.spans[{key}]"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument or relation whose span was not exported"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "trigger without an event (a span labelled with an event type)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "relation end"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation from something other than an entity mention"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation whose span was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "event whose trigger was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "multi-token trigger (DyGIE++ triggers are one token)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} is not an entity mention (event or trigger)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} whose span was not exported"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} in another sentence"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument (doccano sequence labelling holds spans only)"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation (doccano sequence labelling holds spans only)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "false attribute (brat binary attributes are present or absent)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute value that is not a single word"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute value that is not true or a word"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "never annotated in layer {layer} (--status new exports them)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "normalisation (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "note (no place in {format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "discontinuous span written as its outer bounds ({format})"),
    # an import's report (annotator.importing.ImportReport.lines, model.Problem.text)
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents added: {count}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "spans: {spans}, events: {events} ({arguments} arguments), relations: {relations}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "text already in the project, not added again: {name}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "nothing new: the project already held every text and annotation read"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "annotations already in their layer, skipped: {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "conflict, stored version kept: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "labels added to the schema: {labels}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "moved {count} event attributes from trigger spans to their events"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "changed: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "skipped: {problem}"),
    # labels an import uses that the schema lacks (annotator.importing)
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "label {name} is not in the schema (use --new-labels add or skip; {count} unknown "
        "label(s): {labels})",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot add to the schema: {problem}"),
    # a layer too small to train on (annotator.learn.corpus.check_enough)
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "layer {layer} holds {mentions} entity mentions in {documents} labelled documents; "
        "training needs at least {least} mentions",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "layer {layer} holds {mentions} entity mentions in {documents} documents it marked "
        "{status}; training needs at least {least} mentions",
    ),
    # the CoNLL reader's mended and skipped lines (annotator.formats.conll)
    QT_TRANSLATE_NOOP("CoreMessage", "after {tag}"),
    QT_TRANSLATE_NOOP("CoreMessage", "at the start of a sentence"),
    QT_TRANSLATE_NOOP("CoreMessage", "doubled separator"),
    QT_TRANSLATE_NOOP("CoreMessage", "invisible mark"),
    QT_TRANSLATE_NOOP("CoreMessage", "is not used by {scheme}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {name} is not an entity label of the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "lower-case prefix"),
    QT_TRANSLATE_NOOP("CoreMessage", "lower-case tag"),
    QT_TRANSLATE_NOOP("CoreMessage", "not understood"),
    QT_TRANSLATE_NOOP("CoreMessage", "stray punctuation"),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} read as {read} ({why})"),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} {where} read as a one-token {label} entity"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "tag {tag} {where} starts a new {label} entity (IOB1 convention)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} {why} (--lenient tags such a token O)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "tag {tag} {why}: expected O, or B-, I-, E- or S- and a label "
        "(--lenient tags such a token O)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "tag {tag} {why}; token tagged O"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "no space left in the temporary folder {folder}: {what}; free space "
        "there, or point TMPDIR at a folder with room (TMPDIR=/path/to/folder "
        "annotator ...)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "import done; the search index was not updated, searches scan the "
        "documents until it is: {why}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot make a scratch folder there"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an import keeps what it read there until it writes, about the size of "
        "its input ({size}), and the rows it will write; nothing was written",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an import keeps what it read there until it writes, about the size of "
        "its input, and the rows it will write; nothing was written",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "SQLite sorts there while it builds the index"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: disk full"),
    QT_TRANSLATE_NOOP("CoreMessage", "schema: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{type}: role {role} needs at least {count}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{type}: role {role} takes at most {count} ({found})"),
    QT_TRANSLATE_NOOP("CoreMessage", "annotator name"),
    QT_TRANSLATE_NOOP("CoreMessage", "document name"),
    QT_TRANSLATE_NOOP("CoreMessage", "label name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{code} (a bidi control)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{code} (control or unassigned character)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be text, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must not be empty"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} is longer than {limit} characters"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} contains {bad}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} starts or ends with white space"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} contains white space or starts with < !"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {value} contains an invisible character"),
    QT_TRANSLATE_NOOP("CoreMessage", "{code} (lone surrogate)"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot add: {name} already exists"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "reorder needs exactly the names of all entities, events or relations"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "no role {role} in {event}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot rename {old}: {name} already exists"),
    QT_TRANSLATE_NOOP("CoreMessage", "no label {name} in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot remove {name}: it is the only type allowed somewhere"),
    QT_TRANSLATE_NOOP("CoreMessage", "the project's schema has a problem: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation}"),
    QT_TRANSLATE_NOOP("CoreMessage", "duplicate label names: {names}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{source}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: English name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: Arabic name"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role name"),
    QT_TRANSLATE_NOOP("CoreMessage", "<OVERLAP>: kinds must be among {kinds}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: unknown kind {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: an enum needs values"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where} refers to unknown labels: {labels}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: its parents form a cycle"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role {role} has a bad cardinality {cardinality}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute name {name} is empty or used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "{one} and {two} have the same hotkey: {keys1} / {keys2}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{one} and {two} have clashing hotkeys (one is a prefix): {keys1} / {keys2}",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: parent {parent} is not a label of the same kind"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: role name {role} is empty or used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "record id"),
    QT_TRANSLATE_NOOP("CoreMessage", "event id"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger id"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument target id"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation source id"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation target id"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad {what} {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "note"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} contains a lone surrogate (not encodable text)"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad clock stamp {stamp}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "clock stamp {stamp} is {days} days ahead of this machine (at most {allowed} days allowed)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attributes must be an object, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad attribute name {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "reference {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "reference name"),
    QT_TRANSLATE_NOOP("CoreMessage", "reference {name} takes text, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} is not defined for {label}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "attribute {attribute} belongs on the event of {label}, not on its trigger span",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: Arabic name"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute}: Arabic name of {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} takes true/false, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} takes one of {values}, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "attribute {attribute} takes text, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets must be integers, not {start}-{end}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "span {span} is outside the text (0 <= start < end <= {length} required)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "span {span} is outside the text of document {name} (0 <= start < end <= {length}"
        " required)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments must be a list of [start, end] pairs"),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments must be [start, end] pairs of integers"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "fragment {fragment} is outside its span {span} or overlaps the one before",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "fragments must start at {start} and end at {end} (the span's ends)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "stored text {stored} != document text {covered}"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {label} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: its trigger span is missing or deleted"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{event}: its trigger span is labelled {label}, not with the event's type"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{problem} (document {document}, trigger “{text}”)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{label}: a trigger without an event"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "this span triggers {events}; relabelled {label}, not an event type, it can "
        "trigger none: delete its events first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "an event's trigger must be a span of the same document and layer",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "event type {type} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "argument {role}: its event is missing or deleted"),
    QT_TRANSLATE_NOOP("CoreMessage", "{event}: argument {role} points at a deleted span"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "argument target {target} is not a live record of this layer",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{event} has no role {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "role {role} of {event} does not accept {label}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{event}: {target} already fills its role {role} (argument {other}); an event"
        " takes one argument per role and filler",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{text} is already labelled {label} at {span} (span {other}); a layer"
        " takes one span per place and label",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation} points at a deleted span"),
    QT_TRANSLATE_NOOP("CoreMessage", "a relation links two spans of the same document and layer"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation type {type} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {relation} does not link {source} to {target}"),
    # the texts of the commands (annotator.commands: the Undo and Redo items)
    QT_TRANSLATE_NOOP("CoreMessage", "edit"),
    QT_TRANSLATE_NOOP("CoreMessage", "add {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relabel span"),
    QT_TRANSLATE_NOOP("CoreMessage", "move span"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit span"),
    QT_TRANSLATE_NOOP("CoreMessage", "relabel as {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete span"),
    QT_TRANSLATE_NOOP("CoreMessage", "add event {type}"),
    QT_TRANSLATE_NOOP("CoreMessage", "add event"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit event"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete event"),
    QT_TRANSLATE_NOOP("CoreMessage", "add argument {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "change role to {role}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "add relation {type}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete relation"),
    QT_TRANSLATE_NOOP("CoreMessage", "mark new"),
    QT_TRANSLATE_NOOP("CoreMessage", "mark in progress"),
    QT_TRANSLATE_NOOP("CoreMessage", "mark done"),
    QT_TRANSLATE_NOOP("CoreMessage", "refused edit"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept into gold"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept into {into}"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept all agreements"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "edit relation"),
    QT_TRANSLATE_NOOP("CoreMessage", "rename {old} to {new}"),
    QT_TRANSLATE_NOOP("CoreMessage", "rename role {old} to {new}"),
    QT_TRANSLATE_NOOP("CoreMessage", "remove {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relabel {n} as {label}"),
    QT_TRANSLATE_NOOP("CoreMessage", "delete {n} spans"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept suggestion"),
    QT_TRANSLATE_NOOP("CoreMessage", "accept {n} suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "reject suggestion"),
    QT_TRANSLATE_NOOP("CoreMessage", "reject {n} suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "withdraw suggestion"),
    QT_TRANSLATE_NOOP("CoreMessage", "withdraw {n} suggestions"),
    QT_TRANSLATE_NOOP("CoreMessage", "store suggestions"),
    # why an accept into gold wrote nothing (annotator.commands.review)
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: the {into} layer already holds it"),
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: nothing is chosen"),
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: agreements need two annotators at least"),
    QT_TRANSLATE_NOOP("CoreMessage", "nothing to accept: {who} agree on nothing in this document"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: the {into} layer already holds all {n} agreements of {who} "
        "in this document",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: {n} events or relations {who} agree on need spans whose "
        "attributes they set differently; accept one version of those spans into {into} "
        "first",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "nothing to accept: {n} events {who} agree on have a trigger span labelled "
        "otherwise than their type (data of an older version); the problems list "
        "names them",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{event}: argument {role} points at a deleted span or event, or at one not in the "
        "project (never added, or held back in quarantine)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "id {uuid} is already used"),
    QT_TRANSLATE_NOOP("CoreMessage", "{names} and {last}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{first}, {rest}"),
    # a project file that cannot be used (annotator.store), a file that cannot be imported
    # (annotator.formats, annotator.safejson), a hub that cannot be reached (annotator.hub)
    QT_TRANSLATE_NOOP("CoreMessage", "binary file, not text (NUL byte)"),
    QT_TRANSLATE_NOOP("CoreMessage", "binary file, not text ({count} control characters)"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot connect to the hub {hub}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot list: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "cannot read: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "column {column} appears twice in the header"),
    QT_TRANSLATE_NOOP("CoreMessage", "duplicate key {key}"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty column name in the header (column {column})"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty document"),
    QT_TRANSLATE_NOOP("CoreMessage", "empty {column} cell"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "expected a token and a tag separated by a tab or space: {line}"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: expected ',' or ']' after an item"),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: extra data after the array"),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: number too large"),
    QT_TRANSLATE_NOOP("CoreMessage", "invalid JSON: {problem} at column {column}"),
    QT_TRANSLATE_NOOP("CoreMessage", "line longer than {limit} bytes"),
    QT_TRANSLATE_NOOP("CoreMessage", "longer than {limit} characters"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "lost the connection to the hub: {problem} (nothing half-done is kept)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "nested deeper than {limit} levels"),
    QT_TRANSLATE_NOOP("CoreMessage", "no answer within {seconds} seconds"),
    QT_TRANSLATE_NOOP("CoreMessage", "no column {column} (columns: {columns})"),
    QT_TRANSLATE_NOOP("CoreMessage", "no header row"),
    QT_TRANSLATE_NOOP("CoreMessage", "no space left on device: {path}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "not UTF-8 text (invalid UTF-8 byte {byte} at column {column})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "not a PostgreSQL URL or connection string: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "number {number} is out of range"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "the hub URL holds a password: remove it and put it in ~/.pgpass (or PGPASSFILE, "
        "PGPASSWORD, or a service file); it is never stored in a project or printed",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "the hub refused: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{cells} cells, but the header has {columns} columns"),
    QT_TRANSLATE_NOOP("CoreMessage", "{name} is not allowed"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: already exists; open it instead"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: busy ({what}); is it open elsewhere?"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot open ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot read or write the project file ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot read: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot use write-ahead logging ({mode})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: closed after a failed write ({reason}); nothing of that write was kept; "
        "open the project again",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: disk full ({what}); nothing was written"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: made by a newer annotator (file version {version}, this app reads up to "
        "{supported}); update annotator to open it",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: no such project file"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: not an annotator project (SQLite file of another application)"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: not an annotator project (not a file)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: not an annotator project (not an SQLite file)"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: opened read-only"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: out of memory ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the copy failed its integrity check"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project file could not be checked ({error})"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the project file is corrupt (the text of document {document} does not "
        "match its sha256)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project file is corrupt ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project file is read-only ({what})"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: the project is closed"),
    # the texts of the readers (annotator.formats: doccano, Label Studio, event JSON, spaCy
    # JSONL, the standoff offsets, the JSON fields), the project lock (annotator.locking),
    # bundles and merges (annotator.exchange) and the merge report's lines
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} records"),
    QT_TRANSLATE_NOOP("CoreMessage", "too many members ({count})"),
    QT_TRANSLATE_NOOP("CoreMessage", "unexpected fields {extra} / missing {missing}"),
    QT_TRANSLATE_NOOP("CoreMessage", "expected a JSON object"),
    QT_TRANSLATE_NOOP("CoreMessage", "not an annotator bundle ({format})"),
    QT_TRANSLATE_NOOP("CoreMessage", "made by a newer annotator (v{version})"),
    QT_TRANSLATE_NOOP("CoreMessage", "checksums must list every member"),
    QT_TRANSLATE_NOOP("CoreMessage", "counts must be integers of known kinds"),
    QT_TRANSLATE_NOOP("CoreMessage", "sha256 must be 64 lowercase hex digits"),
    QT_TRANSLATE_NOOP("CoreMessage", "meta: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown record kind {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "refers to a document not listed in the bundle"),
    QT_TRANSLATE_NOOP("CoreMessage", "record of another annotator than the manifest's"),
    QT_TRANSLATE_NOOP("CoreMessage", "status of another annotator than the manifest's"),
    QT_TRANSLATE_NOOP("CoreMessage", "not a readable bundle (bad zip: {problem})"),
    QT_TRANSLATE_NOOP("CoreMessage", "member {name} is missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "checksum does not match manifest"),
    QT_TRANSLATE_NOOP("CoreMessage", "count of {key} differs"),
    QT_TRANSLATE_NOOP("CoreMessage", "count of {key} missing"),
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} documents"),
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} statuses"),
    QT_TRANSLATE_NOOP("CoreMessage", "member name with a backslash: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "absolute member name: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "member name leaves the bundle: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "member is a link: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "duplicate member name: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unexpected member: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "encrypted member: {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unsupported compression in {name}"),
    QT_TRANSLATE_NOOP("CoreMessage", "compression ratio of {name} is too high"),
    QT_TRANSLATE_NOOP("CoreMessage", "bundle too large when uncompressed"),
    QT_TRANSLATE_NOOP("CoreMessage", "not UTF-8 text"),
    QT_TRANSLATE_NOOP("CoreMessage", "more than {limit} lines"),
    QT_TRANSLATE_NOOP("CoreMessage", "field {key} must be a {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "text: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "the text does not match its sha256"),
    QT_TRANSLATE_NOOP("CoreMessage", "the text is not normalised (CR or BOM)"),
    QT_TRANSLATE_NOOP("CoreMessage", "a NUL character in {key} (not valid text)"),
    QT_TRANSLATE_NOOP("CoreMessage", "fragments must be [start, end] pairs"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown status {status}"),
    QT_TRANSLATE_NOOP("CoreMessage", "document {sha256} twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "larger than declared"),
    QT_TRANSLATE_NOOP("CoreMessage", "uuid {uuid} appears twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "{where}: {added} added, {updated} updated, {kept} unchanged"),
    QT_TRANSLATE_NOOP("CoreMessage", "documents: {added} added, {matched} matched"),
    QT_TRANSLATE_NOOP("CoreMessage", "a JSON column holds {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "refers to document id {id}, not in the file"),
    QT_TRANSLATE_NOOP("CoreMessage", "deleted must be 0 or 1, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "statuses updated: {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "labels added from {where}: {labels}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "moved {n} event attributes from trigger spans to their events"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "labels of {where} not added: {problem}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: more than {documents} documents or {records} records (more rows than a "
        "merge takes)",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "quarantined ({reason}): {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "kept, for check to list ({reason}): {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: larger than {limit} bytes"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot read ({error}: {problem})"),
    QT_TRANSLATE_NOOP("CoreMessage", "record id {uuid} arrives in several layers ({names})"),
    QT_TRANSLATE_NOOP("CoreMessage", "record id {uuid} belongs to layer {layer}, not {other}"),
    QT_TRANSLATE_NOOP("CoreMessage", "unknown document"),
    QT_TRANSLATE_NOOP("CoreMessage", "bad or repeated document id {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {id}"),
    QT_TRANSLATE_NOOP("CoreMessage", "events {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", 'expected a JSON object with a "text" string'),
    QT_TRANSLATE_NOOP("CoreMessage", "label {n}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "label {n}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {n}: id"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {id}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {n}: id"),
    QT_TRANSLATE_NOOP("CoreMessage", 'label {n}: expected [start, end, "LABEL"], got {item}'),
    QT_TRANSLATE_NOOP("CoreMessage", "entity {item}: expected an object with a label"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {item}: expected an object with a type"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: unknown entity {source} or {target}"),
    QT_TRANSLATE_NOOP("CoreMessage", "events {n}: expected an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: argument role"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: an argument is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: argument span"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {k}"),
    QT_TRANSLATE_NOOP("CoreMessage", "trigger of {what}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {k}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{what}: token range ({start}, {end}) is not inside the {count} tokens"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "expected one JSON object per line"),
    QT_TRANSLATE_NOOP("CoreMessage", '"tokens" must be a list of non-empty strings'),
    QT_TRANSLATE_NOOP("CoreMessage", '"tokens" is empty'),
    QT_TRANSLATE_NOOP("CoreMessage", "a token holds a line break or starts with a byte-order mark"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "doc_id {doc_id} comes back after other documents (its sentences began on line "
        "{line}): two documents share this doc_id, or the file's lines were reordered",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "sent_id {sent_id} of doc_id {doc_id} was already read on line {line}: two "
        "documents share this doc_id",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "argument refers to {entity}, which is not an entity mention of the sentence",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} needs two arguments"),
    QT_TRANSLATE_NOOP("CoreMessage", "null"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be an object, not {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be a list, not {kind}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be an integer, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be a string, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} item {k}"),
    QT_TRANSLATE_NOOP("CoreMessage", "an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "a list"),
    QT_TRANSLATE_NOOP("CoreMessage", "a string"),
    QT_TRANSLATE_NOOP("CoreMessage", "a boolean"),
    QT_TRANSLATE_NOOP("CoreMessage", "a number"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is already used"),
    QT_TRANSLATE_NOOP("CoreMessage", "id {id} is already used on line {line}"),
    QT_TRANSLATE_NOOP("CoreMessage", "meta.events {k}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "regions count offsets in different units (region {one} only in {units}, region "
        "{two} only in {other}); refusing to guess",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{unit}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{first}; {second}"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: value.text {text} does not match ({tried})"),
    QT_TRANSLATE_NOOP("CoreMessage", 'expected an object with a "data" object'),
    QT_TRANSLATE_NOOP("CoreMessage", 'no "text" in "data"'),
    QT_TRANSLATE_NOOP("CoreMessage", '"meta.events" must be a list'),
    QT_TRANSLATE_NOOP("CoreMessage", "{what}: argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "region id {id} is used twice"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", '"{key}" must be a list'),
    QT_TRANSLATE_NOOP("CoreMessage", "not a Label Studio JSON file: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "task {n}: {problem}"),
    QT_TRANSLATE_NOOP("CoreMessage", "an annotation is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "a result is not an object"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {source}→{target}: unknown region"),
    QT_TRANSLATE_NOOP("CoreMessage", "covers {text}"),
    QT_TRANSLATE_NOOP("CoreMessage", "result {k}: id"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: no value.labels"),
    QT_TRANSLATE_NOOP("CoreMessage", "region {region}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "result {k}: from_id"),
    QT_TRANSLATE_NOOP("CoreMessage", "result {k}: to_id"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {source}→{target} has no label"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {source}→{target}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "token {k} {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "span {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {k}: label"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {n} {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "skipped: answer {answer}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "token {k} ({start}, {end}) is empty, overlaps the previous one or is outside "
        "the text (length {length})",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "token {k} ({start}, {end}) covers only a removed line-end character"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "span {k}: label must be a non-empty string"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "span {k} ({start}, {end}) is outside the text (length {length})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} must be an object with start, end and label"),
    QT_TRANSLATE_NOOP("CoreMessage", "{what} ({start}, {end}) is not one of the spans"),
    QT_TRANSLATE_NOOP("CoreMessage", "relation {field}"),
    QT_TRANSLATE_NOOP("CoreMessage", "event {n} argument"),
    QT_TRANSLATE_NOOP("CoreMessage", "offset {n} is outside the text ({length} characters)"),
    QT_TRANSLATE_NOOP("CoreMessage", "export cancelled; nothing was written"),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets {start} {end} are not integers"),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "offsets {start} {end} are empty or outside the text ({limit})"
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "offsets {start} {end} cover no stored character"),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot create its lock file {file}: {why}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: being written by another annotator process ({who}: an import, a merge "
        "or a script); try again when it has finished, or open it read-only",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the project file is read-only (it is on a read-only file system); use "
        "read-only commands, or copy it to a writable folder to edit it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the project file is read-only (no permission to write it); use "
        "read-only commands, or copy it to a writable folder to edit it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: the folder {folder} is read-only (annotator writes its journal and "
        "lock next to the project); use read-only commands, or copy it to a writable "
        "folder",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot lock {file} (it keeps changing)"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: open for editing in an annotator window ({who}); close it there first, "
        "or use a read-only command",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage", "{path}: the folder {folder} is read-only (cannot create {name})"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: already open for editing in an annotator window: {who}; it can still "
        "be opened read-only (view only) here",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "another annotator window"),
    QT_TRANSLATE_NOOP("CoreMessage", "process {pid} ({program})"),
    QT_TRANSLATE_NOOP("CoreMessage", "process {pid}"),
    QT_TRANSLATE_NOOP(
        "CoreMessage",
        "{path}: already open for editing in another annotator window; it can still be "
        "opened read-only (view only) here",
    ),
    QT_TRANSLATE_NOOP("CoreMessage", "{path}: cannot lock {file}: {why}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity type must be a non-empty string, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "event type must be a non-empty string, not {value}"),
    QT_TRANSLATE_NOOP("CoreMessage", "entity type {value} is not in the schema"),
    QT_TRANSLATE_NOOP("CoreMessage", "event type {value} is not in the schema"),
)
"""the templates of the core's ``Message``s (``annotator/schema``, ``annotator/rules.py``,
the commands' texts ``annotator/commands``):
listed here for ``pyside6-lupdate``, which reads only ``ui/``; a test keeps the list equal to
the templates the core writes"""


def core_text(message: object, schema: Schema | None = None) -> str:
    """A message of the core in the interface language: an ``AnnotatorError`` (or a
    ``Violation``, a problem text) whose text is a ``Message`` is shown through its translated
    template, each parameter (a name, a number, a nested message) a bidi ``isolate``; anything
    else, or a template with no translation, shows as the core wrote it (English).

    Given the ``schema`` (a command's text: "add event {type}"), a parameter named ``label``
    or ``type`` shows as the text's tags name it (``type_tag``), one named ``role`` as
    ``role_display``, and ``into`` (a layer) ``gold`` as the interface names gold."""
    if isinstance(message, BaseException):
        message = message.args[0] if len(message.args) == 1 else str(message)
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
    try:
        text = template.format(
            **{
                key: path_text(text) if _is_path(key, message.params[key]) else isolate(text)
                for key, text in shown.items()
            }
        )
    except (KeyError, IndexError, ValueError):  # a translation naming a field the core lacks
        return str(message)
    if text.startswith(LRI) and interface_rtl():
        # a message that starts with a path ("{path}: ...") reads right to left: a label
        # finds its direction from the first strong character, the path's without the mark
        return RLM + text
    return text


def core_lines(lines: Iterable[object]) -> str:
    """A core report's lines (``ExportReport.lines``, ``ImportReport.lines``: ``Message``s) in
    the interface language, one a line (``core_text``)."""
    return "\n".join(core_text(line) for line in lines)


def _is_path(key: str, value: object) -> bool:
    """Whether a core message's parameter is a file's path (``path_text``): a text named
    ``path``, ``where`` (``file:line``), ``folder`` or ``file`` (a lock file) (a ``where``
    that is a Message, "relation {relation}", is not)."""
    return key in ("path", "where", "folder", "file") and not isinstance(value, Message)


def _param_text(key: str, value: object, schema: Schema | None) -> str:
    """A parameter of a core message in the interface language (``core_text``)."""
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
    """Whether ``text``'s first strong character is right-to-left (Unicode bidi P2)."""
    for ch in text:
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


def path_text(path: object) -> str:
    """A file's path as a left-to-right isolate (LRI … PDI), whatever its first letter: its
    folders read from left to right, and a leading / stays at its left end, in an Arabic line
    too (a first-strong isolate would turn round a path whose first folder is Arabic)."""
    return f"{LRI}{path}{PDI}"


def shortcut_text(*keys: QKeySequence) -> str:
    """Key sequences as the interface shows them (menus, the command palette, the keys page):
    Qt's portable key names (Ctrl, Alt, Right, PgDown, Return), the Latin names keyboards are
    labelled with, in both languages, several joined by " / ", as one isolate ("" for none).

    Qt's native text translates a few key names through qtbase_ar (Alt+اليمين) and leaves the
    rest (Tab, Return, Ctrl+PgDown) in English; and in a right-to-left line a key ending in a
    neutral character turns round (Ctrl++ read ++Ctrl). Portable text inside an isolate reads
    the same, left to right, in either interface."""
    names = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in keys if not k.isEmpty()]
    return isolate(" / ".join(names)) if names else ""


class KeyMenu(QMenu):
    """A menu whose items show their shortcut as ``shortcut_text`` (Qt writes an action's
    shortcut after a tab in the item's text; an action whose own text holds a tab keeps it).
    Every menu bar's menus are KeyMenus (the main window's, the review window's)."""

    def initStyleOption(self, option: QStyleOptionMenuItem, action: QAction) -> None:
        super().initStyleOption(option, action)
        text, tab, _ = option.text.partition("\t")
        keys = action.shortcut()
        if tab and not keys.isEmpty() and "\t" not in action.text():
            option.text = f"{text}\t{shortcut_text(keys)}"


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
