"""A document whose stored text no longer hashes to its sha256: its text was changed behind
the program's back (QA 18). The one rule every export (``exporting``: the document left out,
named in the report) and the bundle writer (``exchange.bundle_write``: refused whole, as the
receiving merge would refuse it) apply; ``annotator check`` finds the same
(``Store.integrity``). Apart from both, below them: neither may import the other."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.errors import AnnotatorError, Message
from annotator.formats.common import listed, quoted
from annotator.model import Document
from annotator.text import sha256_text


def text_altered(document: Document) -> bool:
    """Whether ``document``'s text no longer hashes to its sha256: the text was changed
    behind the program's back (the identity it was imported with, by which a merge finds it
    and against which it checks a bundle's text, ``bundle_read``). The one rule every export
    and the bundle writer apply; ``annotator check`` finds the same (``Store.integrity``).
    One SHA-256 over the text: 10 ms for 600,000 words (7 MB) on the test machine."""
    return sha256_text(document.text) != document.sha256


NAMED_AT_MOST = 5
"""the documents a report or a refusal names (then how many more)"""


def named_documents(documents: list[Document]) -> str:
    """``document 'name' (id 1), document 'name' (id 4)`` … the first ``NAMED_AT_MOST``
    (as ``annotator check`` names a document)."""
    items = [
        Message("document {name} (id {document})", document=d.id, name=quoted(d.name))
        for d in documents[:NAMED_AT_MOST]
    ]
    more = len(documents) - NAMED_AT_MOST
    if more > 0:
        return Message("{names} and {count} more", names=listed(items), count=more)
    return listed(items)


def altered_reason(documents: list[Document]) -> Message:
    """Why ``documents`` (altered texts, ``text_altered``) were left out of an export."""
    return Message(
        "text changed outside annotator, no longer matching its sha256 "
        "('annotator check' reports it): {documents}",
        documents=named_documents(documents),
    )


class AlteredText(AnnotatorError):
    """A bundle (or an export left with nothing) refused: documents' texts no longer match
    their sha256 (``text_altered``)."""

    def __init__(self, message: Message, documents: list[Document]) -> None:
        super().__init__(message)
        self.documents = documents


def refuse_altered(documents: Iterable[Document]) -> None:
    """Raise ``AlteredText`` (nothing written) when any of ``documents`` (with their texts)
    has a text that no longer matches its sha256: a bundle carrying it would be refused by
    the merge it is written for."""
    altered = [d for d in documents if text_altered(d)]
    if altered:
        raise AlteredText(
            Message(
                "the text of {documents} no longer matches its sha256 (changed outside "
                "annotator; 'annotator check' reports it): a merge would refuse a bundle "
                "carrying it, so none is written",
                documents=named_documents(altered),
            ),
            altered,
        )
