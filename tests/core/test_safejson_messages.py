"""The JSON reader's messages read as one sentence: Python's "Unterminated string starting
at" already ends in "at", and the reader added " at column N" after it ("starting at at
column 10", QA 2026-11-30)."""

from __future__ import annotations

import pytest

from annotator.safejson import UnsafeJSON, loads


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ('{"a": "x', "invalid JSON: Unterminated string starting at column 7"),
        ("[1,]", "invalid JSON: Expecting value at column 4"),
    ],
)
def test_invalid_json_says_where_once(text: str, wanted: str) -> None:
    with pytest.raises(UnsafeJSON) as err:
        loads(text)
    assert str(err.value.args[0]) == wanted
    assert " at at " not in str(err.value)
