"""Label hotkeys that follow the physical key, whatever the keyboard layout, with chords shown.

Analysts type Arabic notes and switch layouts back and forth: with the Arabic layout active the key
marked G types ل, and Qt reports the key as ``ل``. ``physical_key`` maps such a press back to the
Latin key of the same physical position from the event's native scan code (X11/Wayland keycodes are
evdev codes + 8; Windows scan codes are the evdev codes; macOS virtual key codes have their own
table), so ``G`` and every chord (``C, A``) work in any layout. A press whose key is already a
Latin letter or digit is taken as it is (AZERTY's A is A); one with no native code in the tables
is read by its Arabic letter. The tables and the rule are the core's
(``annotator.schema.keys.latin_key``): the schema stores a hotkey typed with the Arabic layout
as the same Latin key, and the schema editor records a press by the same rule, so what is
stored is what a press here gives.

``HotkeyDispatcher`` is an application event filter scoped to one window: it reads key presses
aimed at the window's widgets and matches them against the schema's hotkeys. Where they act is one
rule, ``keeps_keys``: never while the focus is in a widget that takes typed text (a note, a filter)
or one that chooses with keys (a list, a tree, a table, a combo box, a button, a slider, a tab
bar); the document view is a read-only text view and takes them. In such a widget its keys are
claimed from the window's shortcuts too (``claims_key``: a text field's typing keys; a list's
Return/Enter and bare letters and digits, its type-ahead): Return in a field or a list is theirs,
never "apply the last label"; R and A start no relation nor argument there. After the first key of
a chord it shows the pending chord and its completions (``pendingChanged``; the window shows it in
the status bar); Escape or a key that completes nothing cancels it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from annotator.schema import hotkey_strokes
from annotator.schema.edit import HOTKEY_KEYS
from annotator.schema.keys import XKB_BY_CODE as XKB_BY_CODE  # read from here by tests
from annotator.schema.keys import latin_key
from ui.i18n import LRI, PDI, RLI, interface_rtl, isolate
from ui.keys import shortcut_text

_MODS = (
    (Qt.KeyboardModifier.ControlModifier, "Ctrl"),
    (Qt.KeyboardModifier.AltModifier, "Alt"),
    (Qt.KeyboardModifier.ShiftModifier, "Shift"),
    (Qt.KeyboardModifier.MetaModifier, "Meta"),
)


def physical_key(event: QKeyEvent, platform: str | None = None) -> str:
    """The Latin letter or digit of the pressed key ("" for other keys): the key itself when
    Latin, else the key at the same physical place in the US layout (from the native codes,
    else from its Arabic letter): ``annotator.schema.keys.latin_key``."""
    name = platform if platform is not None else QGuiApplication.platformName()
    return latin_key(event.key(), event.nativeScanCode(), event.nativeVirtualKey(), name)


def stroke_of(event: QKeyEvent, platform: str | None = None) -> str:
    """The event as a hotkey stroke (``hotkey_strokes`` form: ``"g"``, ``"alt+g"``), "" when
    its key is no letter or digit (``annotator.schema.edit.HOTKEY_KEYS``, the keys the core
    lets a label hotkey have). Shift alone is ignored for digits typed on a shifted row."""
    key = physical_key(event, platform)
    if key not in HOTKEY_KEYS:  # the core's set: what ``set_hotkey`` lets a hotkey be
        return ""
    mods = event.modifiers()
    names = [name for flag, name in _MODS if mods & flag]
    return hotkey_strokes("+".join([*names, key]))[0]


def takes_text(widget: QWidget | None) -> bool:
    """Whether ``widget`` is a place where keys type text (so hotkeys must leave them alone)."""
    if widget is None:
        return False
    if isinstance(widget, QLineEdit | QAbstractSpinBox):
        return True
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    return False


_CHOOSERS = (QAbstractItemView, QComboBox, QAbstractButton, QAbstractSlider, QTabBar)
"""widgets that choose with keys: the label hotkeys never act while one has the focus"""
_NOT_BARE = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def keeps_keys(widget: QWidget | None) -> bool:
    """Whether the keys pressed in ``widget`` are its own, never the label hotkeys' (nor the
    single-key actions the dispatcher runs): a widget that takes text (``takes_text``) or one
    that chooses with keys (a list, tree, table, combo box, button, slider, tab bar). The
    document view, a read-only text view, keeps none."""
    return widget is not None and (takes_text(widget) or isinstance(widget, _CHOOSERS))


def is_typing_key(event: QKeyEvent) -> bool:
    """Whether a text field has the first claim on ``event``: a key with no Ctrl, Alt or Meta
    (Shift and the keypad allowed) that is no function key: Return, Enter, Tab, Escape, Delete,
    Backspace, letters, digits, ``[`` … Ctrl, Alt and Meta chords and F1–F35 stay the window's
    (Ctrl+Return marks done, F3 finds the next hit while typing the query)."""
    if event.modifiers() & _NOT_BARE:
        return False
    return not Qt.Key.Key_F1.value <= event.key() <= Qt.Key.Key_F35.value


def claims_key(widget: QWidget | None, event: QKeyEvent) -> bool:
    """Whether ``widget`` takes ``event`` ahead of the window's shortcuts (Qt offers a key to
    the window's shortcuts before the focused widget unless the widget claims it first, and a
    ``QLineEdit`` claims printable keys but not Return, Enter or Tab). In a widget that takes
    text (``takes_text``: line edits, editable combo boxes, spin boxes, editable text
    editors), every typing key (``is_typing_key``): the window-wide Return (apply the last
    label) never fires from the search box, the find bar or the document filter, and Tab moves
    the focus out of them. In a widget that chooses with keys (a list, tree, table, combo
    box, button …), Return/Enter (a list opens or goes to its row) and a letter or digit
    without Ctrl, Alt or Meta (type-ahead), so the window's Return, R and A never act there.
    Keys with Ctrl, Alt or Meta and, in a chooser, Shift+Return, Delete, Tab … stay the
    window's (Shift+Return accepts a suggestion, Delete deletes the selected annotation from
    any list)."""
    if takes_text(widget):
        return is_typing_key(event)
    if not isinstance(widget, _CHOOSERS):
        return False
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return mods == Qt.KeyboardModifier.NoModifier
    return not mods & _NOT_BARE and bool(physical_key(event))


def shortcut_window(widget: QWidget) -> QWidget:
    """The window whose window shortcuts reach ``widget``: its own window, or for a tool window
    (a floating dock) the window of its parent, as Qt's shortcut map decides."""
    top = widget.window()
    while top.windowType() == Qt.WindowType.Tool and (parent := top.parentWidget()) is not None:
        top = parent.window()
    return top


def _focus_in(watched: QWidget) -> QWidget:
    """The widget a key press aimed at ``watched`` was first sent to: the focus widget of
    its window (a key a widget ignores is sent on to its parents, which keep no keys)."""
    focus = QApplication.focusWidget()
    if focus is not None and (focus is watched or watched.isAncestorOf(focus)):
        return focus
    return watched


class HotkeyDispatcher(QObject):
    """The schema's hotkeys (``{"P": "PER", "C, A": "Conflict.Attack"}``) for one window.

    ``activated(label)`` fires when a hotkey is complete; ``pendingChanged(text)`` describes a
    pending chord ("" when none)."""

    activated = Signal(str)
    pendingChanged = Signal(str)

    def __init__(self, window: QWidget, describe: Callable[[str], str] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.describe = describe or (lambda label: label)
        self.keys: dict[tuple[str, ...], str] = {}
        self.shown: dict[tuple[str, ...], str] = {}
        self.pending: tuple[str, ...] = ()
        self.actions: dict[tuple[str, ...], Callable[[], object]] = {}
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_hotkeys(self, hotkeys: Mapping[str, str]) -> None:
        """Hotkey (QKeySequence portable text) -> label name."""
        self.keys = {hotkey_strokes(k): v for k, v in hotkeys.items() if hotkey_strokes(k)}
        self.shown = {hotkey_strokes(k): k for k in hotkeys}
        self.cancel()

    def cancel(self) -> None:
        if self.pending:
            self.pending = ()
            self.pendingChanged.emit("")

    def completions(self) -> list[tuple[str, str]]:
        """(hotkey, label) of every hotkey the pending keys begin."""
        n = len(self.pending)
        return sorted(
            (self.shown[k], v) for k, v in self.keys.items() if len(k) > n and k[:n] == self.pending
        )

    def pending_text(self) -> str:
        """The pending keys and each completion as "key name". Each key is an isolate laid
        out left to right as ``ui.keys.shortcut_text`` shows keys, each name an isolate of its
        own, and each option an isolate of the interface's direction (key, then name, read
        the interface's way): unisolated, an Arabic name ending in Latin (هجوم DDoS) ran into
        the next option's key, read "A هجوم D DDoS تظاهر"."""
        first = shortcut_text(QKeySequence(", ".join(s.upper() for s in self.pending)))
        outer = RLI if interface_rtl() else LRI
        options = "   ".join(
            f"{outer}{shortcut_text(QKeySequence(hotkey.split(', ')[-1]))} "
            f"{isolate(self.describe(label))}{PDI}"
            for hotkey, label in self.completions()
        )
        return self.tr("{0}, … then: {1}").format(first, options)

    def set_actions(self, actions: Mapping[str, Callable[[], object]]) -> None:
        """Single-key menu shortcuts (``{"R": start_relation}``) that should follow the
        physical key too (with the Arabic layout active Qt's shortcut map misses them)."""
        self.actions = {hotkey_strokes(k): v for k, v in actions.items() if hotkey_strokes(k)}

    def _takes(self, stroke: str) -> bool:
        candidate = (*self.pending, stroke)
        return bool(self.pending) or any(k[: len(candidate)] == candidate for k in self.keys)

    def press(self, stroke: str) -> bool:
        """Feed one stroke; whether it was taken (completed or continued a hotkey)."""
        candidate = (*self.pending, stroke)
        label = self.keys.get(candidate)
        if label is not None:
            self.cancel()
            self.activated.emit(label)
            return True
        if any(len(k) > len(candidate) and k[: len(candidate)] == candidate for k in self.keys):
            self.pending = candidate
            self.pendingChanged.emit(self.pending_text())
            return True
        if self.pending:  # a key that completes nothing ends the chord (and is swallowed)
            self.cancel()
            return True
        action = self.actions.get(candidate)
        if action is not None:
            action()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        if QApplication.activePopupWidget() is not None:
            return False
        if shortcut_window(watched) is not self.window:
            return False
        origin = _focus_in(watched)
        if keeps_keys(origin):
            if kind == QEvent.Type.ShortcutOverride and claims_key(origin, event):
                event.accept()  # the key goes to the field or list, not to a shortcut
                return True
            return False
        if watched.window() is not self.window:  # a floating dock: the keys stay its own
            return False
        key = event.key()
        if key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
            return False
        stroke = stroke_of(event)
        if kind == QEvent.Type.ShortcutOverride:
            # ours: the window's menu shortcuts (A, R …) must not take a chord's key
            if (stroke and self._takes(stroke)) or (self.pending and key == Qt.Key.Key_Escape):
                event.accept()
                return True
            return False
        if key == Qt.Key.Key_Escape and self.pending:
            self.cancel()
            return True
        if not stroke:
            if self.pending:
                self.cancel()
                return True
            return False
        return self.press(stroke)
