"""The combining-mark ranges of ``annotator.formats.tokens`` (issue 12: they were found by scanning
0x30000 code points at every import; now a table per Unicode version, scanned only for a
version the table lacks)."""

from __future__ import annotations

import unicodedata

from annotator.formats import tokens


def test_table_of_this_unicode_version_is_what_the_scan_finds() -> None:
    table = tokens._MARK_RANGES.get(unicodedata.unidata_version)
    scanned = tokens._ranges(tokens._scan_marks())
    if table is not None:
        assert table.split() == scanned.split()


def test_every_table_is_ascending_and_disjoint() -> None:
    for version, table in tokens._MARK_RANGES.items():
        previous = -1
        for item in table.split():
            first, _, last = item.partition("-")
            a, b = int(first, 16), int(last or first, 16)
            assert previous < a <= b, (version, item)
            previous = b


def test_vocalised_arabic_and_marks_of_other_scripts_stay_in_one_token() -> None:
    for word in ("بَغْدَادُ", "ـمُحَمَّد", "क्षत्रिय", "e\u0301te\u0301"):
        assert tokens.tokenize(word) == [(0, len(word))], word
