"""Hotkeys follow the physical key: the tables from a key's place to its Latin letter or digit.

A label's hotkey is stored as the Latin letter or digit of its key (``W``), whatever layout was
active when it was chosen: with the Arabic layout the key marked W types ص, and a hotkey stored
as ``ص`` would never fire, since the window reads every key press as its Latin key
(``ui.workbench.hotkeys.physical_key``, from the native codes below). ``ARABIC_KEYS`` is the
Arabic (101) layout's letters and the Arabic-Indic digits, each with its key: the schema maps a
hotkey typed with them to the key (``physical_hotkey``; ``hotkey_strokes`` compares by it), and
the window reads a press by it when the platform gives no native code it knows.
"""

from __future__ import annotations

# evdev key codes (linux/input-event-codes.h) of the keys of the Latin letters and digits; PC
# set-1 scan codes (Windows) are the same numbers
_EVDEV = {
    **dict(zip("1234567890", range(2, 12), strict=True)),
    **dict(zip("QWERTYUIOP", range(16, 26), strict=True)),
    **dict(zip("ASDFGHJKL", range(30, 39), strict=True)),
    **dict(zip("ZXCVBNM", range(44, 51), strict=True)),
}
XKB_BY_CODE = {code + 8: key for key, code in _EVDEV.items()}
"""X11 and Wayland (xkb) keycode -> Latin key"""
WINDOWS_BY_SCAN = {code: key for key, code in _EVDEV.items()}
"""Windows scan code -> Latin key"""
MAC_BY_VIRTUAL = {
    0: "A", 1: "S", 2: "D", 3: "F", 4: "H", 5: "G", 6: "Z", 7: "X", 8: "C", 9: "V", 11: "B",
    12: "Q", 13: "W", 14: "E", 15: "R", 16: "Y", 17: "T", 18: "1", 19: "2", 20: "3", 21: "4",
    22: "6", 23: "5", 25: "9", 26: "7", 28: "8", 29: "0", 31: "O", 32: "U", 34: "I", 35: "P",
    37: "L", 38: "J", 40: "K", 45: "N", 46: "M",
}  # fmt: skip
"""macOS virtual key code (kVK_ANSI_*) -> Latin key"""

ARABIC_KEYS = {
    **dict(zip("ضصثقفغعهخح", "QWERTYUIOP", strict=True)),
    **dict(zip("شسيبلاتنم", "ASDFGHJKL", strict=True)),
    **dict(zip("ئءؤرىة", "ZXCVNM", strict=True)),
    **dict(zip("١٢٣٤٥٦٧٨٩٠", "1234567890", strict=True)),
    **dict(zip("۱۲۳۴۵۶۷۸۹۰", "1234567890", strict=True)),
}
"""A letter of the Arabic (101) layout's unshifted letter keys, or an Arabic-Indic or Persian
digit -> the Latin letter or digit of its key (B types the two letters لا: no one-letter key).
The Arabic letters on the punctuation keys (ج on [, ك on ;, ذ on `...) are not here: a hotkey
is a letter or digit key."""


def latin_key(key: int, scan_code: int, virtual_key: int, platform: str) -> str:
    """The Latin letter or digit of a pressed key ("" for other keys), from what a key event
    gives: ``key`` (Qt's key code: the Unicode code point of a letter or digit, upper case),
    the native scan code and virtual key, and the platform's name (``QGuiApplication``'s).
    The key itself when it is a Latin letter or digit (AZERTY's A is A), else the key at the
    same physical place in the US layout from the native codes, else its Arabic letter's."""
    if ord("A") <= key <= ord("Z") or ord("0") <= key <= ord("9"):
        return chr(key)
    if platform == "windows":
        found = WINDOWS_BY_SCAN.get(scan_code, "")
    elif platform == "cocoa":
        found = MAC_BY_VIRTUAL.get(virtual_key, "")
    else:  # xcb, wayland (and offscreen tests)
        found = XKB_BY_CODE.get(scan_code, "")
    if found or not 0 < key <= 0x10FFFF:
        return found
    return ARABIC_KEYS.get(chr(key), "")


def split_stroke(stroke: str) -> tuple[list[str], str]:
    """One stroke of a QKeySequence portable string as (modifiers as written, key):
    ``"Ctrl+Alt+ص"`` -> ``(["Ctrl", "Alt"], "ص")``; ``"Ctrl++"`` is Ctrl with the plus key."""
    s = stroke.strip()
    if s.endswith("++") or s == "+":
        return [m for m in s[:-2].split("+") if m], "+"
    *mods, key = s.split("+")
    return mods, key


def physical_hotkey(hotkey: str) -> str:
    """``hotkey`` with each key typed on the Arabic layout written as its Latin key
    (``"ص"`` -> ``"W"``, ``"Ctrl+ض, ١"`` -> ``"Ctrl+Q, 1"``); other keys as they are."""
    strokes = []
    for stroke in hotkey.split(", "):
        mods, key = split_stroke(stroke)
        latin = ARABIC_KEYS.get(key)
        strokes.append("+".join([*mods, latin]) if latin is not None else stroke)
    return ", ".join(strokes)


def is_arabic_script(text: str) -> bool:
    """Whether ``text`` holds a character of the Arabic script's blocks."""
    return any(
        "\u0600" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
        or "\u08a0" <= ch <= "\u08ff"
        or "\ufb50" <= ch <= "\ufdff"
        or "\ufe70" <= ch <= "\ufefc"
        for ch in text
    )
