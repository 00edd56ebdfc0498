"""Naming the project's own model's source family (the window checks a source name the analyst
types with it) loads neither crfsuite nor numpy: they cost the window's thread ~180 ms the
first time (QA 18). A fresh interpreter, so that nothing an earlier test loaded hides it."""

from __future__ import annotations

import subprocess
import sys


def test_the_own_model_family_loads_no_model_code() -> None:
    code = (
        "import sys\n"
        "from annotator.learn.external import own_model_family, source_problem\n"
        "assert own_model_family() == 'model:crf'\n"
        "assert source_problem('model:crf', own_model_family()) is not None\n"
        "print(sorted(m for m in ('pycrfsuite', 'numpy', 'annotator.learn.crf') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_the_model_names_the_same_family() -> None:
    from annotator.learn import crf
    from annotator.learn.external import own_model_family

    assert own_model_family() == crf.SOURCE_FAMILY
