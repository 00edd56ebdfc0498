"""Label hotkeys under a real Arabic keyboard layout (issue 15), not synthetic Latin events.

The test starts its own Xvfb on a free display (``-displayfd``), makes Arabic the only layout
(``setxkbmap -layout ara``: group 1 is Arabic) and checks that the server's keymap now gives
``Arabic_lam`` for the key marked G (``xkbcomp -xkb``, on the core keyboard and on the XTEST
keyboard ``xdotool`` types with). Xvfb runs with ``-noreset``: without it the server resets when
its last client disconnects, which happens the moment ``setxkbmap`` exits, and the reset
recompiles the default US keymap (so the layout never reached the workbench). The workbench
then starts in a child process on the xcb platform, and the test presses physical keys by X
keycode with ``xdotool``: the key marked G (keycode 42) types ل and the span gets the G label
(GPE); the chord T, M (keycodes 28, 58: ف then ة) makes a Contact.Meet event, and the pending
chord is shown in the status bar between the two keys. The child reports the text and native
scan code of every key press Qt saw, and the test asserts the Arabic text. Skipped, with the
reason, only when Xvfb, setxkbmap, xkbcomp or xdotool is missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.project import Project
from tests.ui.conftest import plain

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("Xvfb", "setxkbmap", "xkbcomp", "xdotool")
MISSING = [b for b in NEEDED if shutil.which(b) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"needs {', '.join(MISSING)} (apt-get install xvfb x11-xkb-utils xdotool)",
)

KEY_G, KEY_T, KEY_M = 42, 28, 58
"""X keycodes (evdev + 8) of the keys marked G, T and M"""
TEXT = "زار الوزير باريس ثم التقى الرئيس في بغداد."

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings, QSocketNotifier
from PySide6.QtWidgets import QApplication
from ui.app import application
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

project, settings_file = Path(sys.argv[1]), sys.argv[2]
app = application(["annotator"], lang="en")
seen = []

class Keys(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            seen.append([event.nativeScanCode(), event.text()])
        return False

keys = Keys()
app.installEventFilter(keys)
settings = QSettings(settings_file, QSettings.Format.IniFormat)
settings.setValue("annotator", "amal")
session = Session()
window = MainWindow(session, settings)
assert open_project(window, project)
assert window.ensure_annotator()
window.resize(1000, 700)
window.show()
seen_pending = []
window.statusBar().messageChanged.connect(lambda m: seen_pending.append(m) if m else None)

def command():
    line = sys.stdin.readline().split()
    if not line or line[0] == "quit":
        window.close()
        app.quit()
        return
    if line[0] == "select":
        window.view.setFocus()
        window.view.select(int(line[1]), int(line[2]))
        out = {"selected": window.view.selection()}
    else:
        spans = [[s.start, s.end, s.label] for s in session.project.spans(window.doc.id)]
        out = {"spans": spans, "keys": seen, "status": seen_pending}
    print(json.dumps(out, ensure_ascii=False), flush=True)

notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(command)
print(json.dumps({"window": int(window.winId())}), flush=True)
app.exec()
session.close()
"""


def keymap(env: dict[str, str], device: int | None = None) -> str:
    """The server's keymap of the keyboard ``device`` (the core keyboard when None) as
    ``xkbcomp -xkb`` prints it, "" when ``device`` is no keyboard."""
    where = [] if device is None else ["-i", str(device)]
    done = subprocess.run(
        ["xkbcomp", *where, "-xkb", env["DISPLAY"], "-"], env=env, capture_output=True, text=True
    )
    return done.stdout if done.returncode == 0 else ""


def key_symbols(dump: str, key: str) -> list[str]:
    """The group 1 keysyms of ``key`` (``AC05``) in a keymap ``dump`` (from ``keymap``), as
    ``xkbcomp`` prints them (``key <AC05> { [ g, G ] };`` or, with a type,
    ``symbols[Group1]= [ Arabic_lam, UFEF7, ... ]``)."""
    block = dump[dump.index(f"key <{key}>") :]
    block = block[: block.index("};")]
    lists = [found for found in re.findall(r"\[([^\[\]]*)\]", block) if found != "Group1"]
    return [sym.strip() for sym in lists[0].split(",")]


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A fresh Xvfb on a free display with Arabic as its only keyboard layout."""
    read, write = os.pipe()
    # -noreset: Xvfb otherwise resets when its last client leaves (setxkbmap, a moment after
    # setting the layout), and a reset recompiles the default US keymap
    command = ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-noreset"]
    server = subprocess.Popen(
        [*command, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb reported no display"
        name = f":{number}"
        env = {**os.environ, "DISPLAY": name}
        assert key_symbols(keymap(env), "AC05")[0] == "g"  # Xvfb starts with the US layout
        # one layout, so group 1 is Arabic; set on the core keyboard, the server gives the new
        # keymap to every keyboard attached to it: the XTEST one xdotool presses keys with too
        subprocess.run(["setxkbmap", "-layout", "ara"], env=env, check=True)
        query = subprocess.run(
            ["setxkbmap", "-query"], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert any(line.split() == ["layout:", "ara"] for line in query.splitlines()), query
        keyboards = {dev: dump for dev in range(2, 16) if (dump := keymap(env, dev))}
        assert len(keyboards) >= 3, sorted(keyboards)  # core, XTEST and Xvfb's own keyboard
        for device, dump in [(None, keymap(env)), *keyboards.items()]:
            symbols = key_symbols(dump, "AC05")
            assert symbols[0] == "Arabic_lam", (device, symbols)  # the key marked G gives ل
        yield name
    finally:
        server.terminate()
        server.wait(timeout=30)


class Gui:
    def __init__(self, proc: subprocess.Popen[str], env: dict[str, str]) -> None:
        self.proc, self.env = proc, env

    def ask(self, line: str) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        assert answer, "the workbench ended"
        result: dict[str, Any] = json.loads(answer)
        return result

    def press(self, keycode: int) -> None:
        subprocess.run(["xdotool", "key", str(keycode)], env=self.env, check=True)

    def spans_when(
        self, ready: Callable[[dict[str, Any]], object], timeout: float = 20.0
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            report = self.ask("report")
            if ready(report) or time.monotonic() > deadline:
                return report
            time.sleep(0.2)


def test_the_key_marked_g_and_a_chord_label_under_the_arabic_layout(
    display: str, tmp_path: Path
) -> None:
    project = tmp_path / "p.annotator"
    with Project.create(project) as p:
        p.add_document(TEXT, name="news")
    script = tmp_path / "workbench_child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, str(script), str(project), str(tmp_path / "settings.ini")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    gui = Gui(proc, env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first, proc.stderr.read() if proc.stderr else ""
        window = json.loads(first)["window"]
        subprocess.run(["xdotool", "windowfocus", "--sync", str(window)], env=env, check=True)

        paris = TEXT.index("باريس")
        gui.ask(f"select {paris} {paris + 5}")
        gui.press(KEY_G)
        report = gui.spans_when(lambda r: r["spans"])
        assert report["spans"] == [[paris, paris + 5, "GPE"]], report

        met = TEXT.index("التقى")
        gui.ask(f"select {met} {met + 5}")
        gui.press(KEY_T)
        pending = gui.spans_when(lambda r: any("then" in m for m in r["status"]), 10)
        # the keys and names stand in isolates (ad421f3): compared without them
        chord = [plain(m) for m in pending["status"] if "T, … then: " in plain(m)]
        assert chord and " M " in f" {chord[-1]}" and " P " in f" {chord[-1]}", pending["status"]
        gui.press(KEY_M)
        report = gui.spans_when(lambda r: len(r["spans"]) == 2)
        assert sorted(report["spans"]) == sorted(
            [[paris, paris + 5, "GPE"], [met, met + 5, "Contact.Meet"]]
        ), report
        keys = report["keys"]
        assert isinstance(keys, list)
        pressed = {code for code, _ in keys}
        assert {KEY_G, KEY_T, KEY_M} <= pressed, keys  # Qt saw the physical keys
    finally:
        if proc.poll() is None:
            with contextlib.suppress(AssertionError, OSError, ValueError):
                gui.ask("quit")
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    with Project.open(project, read_only=True) as p:
        labels = sorted(s.label for s in p.spans(p.documents()[0].id))
    assert labels == ["Contact.Meet", "GPE"]  # written to the project file
    typed = {code: text for code, text in keys}
    # Qt read the Arabic keymap: the keys typed Arabic letters, and the hotkeys above still
    # applied G and the T, M chord by the physical key
    assert (typed.get(KEY_G), typed.get(KEY_T), typed.get(KEY_M)) == ("ل", "ف", "ة"), typed
