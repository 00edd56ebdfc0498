"""The proclitics a word may carry before its stem, on folded text (docs/design/search.md,
"Clitics"): conjunction و ف, then preposition ب ك ل, then the article ال.

After the preposition ل the article loses its alef: ل + الأمم is written للأمم, ل + القدس
للقدس. ``lam_form`` and ``article_form`` are that one rule both ways, for search (a query
starting with ال also finds لل + the rest) and for any other reader of words (a gazetteer
reads لل + stem as ل + ال + stem). No imports: any package may use it.
"""

from __future__ import annotations

import re

ARTICLE = "ال"
LAM = "ل"
LAM_ARTICLE = LAM + LAM
"""ل + ال as written (the article's alef elided)"""
MIN_STEM_AFTER_LAM = 3
"""letters a stem needs after لل to be read as ل + ال + stem (لله, لها are not)"""

CLITICS = re.compile("[وف]?(?:[بكل]?ال|لل|[بكل])?")
"""what may stand before a stem inside one word (matched on folded text)"""
MAX_CLITICS = 4
"""longest run CLITICS can match (و + ب + ال)"""
BEFORE_ARTICLE_LAM = re.compile("[وف]?ل")
"""what stands before the article's ل in لل + stem, inside the word: the preposition ل, after
a conjunction or not (the hit of a query ال + stem starts at the article's ل)"""


def lam_form(word: str) -> str | None:
    """``word`` (folded, ال + stem) as written after the preposition ل: لل + stem; None when it
    does not start with the article or its stem is shorter than ``MIN_STEM_AFTER_LAM``."""
    if len(word) >= len(ARTICLE) + MIN_STEM_AFTER_LAM and word.startswith(ARTICLE):
        return LAM_ARTICLE + word[len(ARTICLE) :]
    return None


def article_form(word: str) -> str | None:
    """``word`` (folded, لل + stem) read as ل + ال + stem: ال + stem; None when it does not
    start with لل or its stem is shorter than ``MIN_STEM_AFTER_LAM``."""
    if len(word) >= len(LAM_ARTICLE) + MIN_STEM_AFTER_LAM and word.startswith(LAM_ARTICLE):
        return ARTICLE + word[len(LAM_ARTICLE) :]
    return None
