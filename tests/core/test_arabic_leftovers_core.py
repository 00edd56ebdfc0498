"""The core's side of the Arabic interface's leftovers (``tests/ui/test_arabic_leftovers.py``):
the texts the interface now translates keep their parts (a ``Message``'s template and
parameters: an operating-system error's errno name, zipfile's and csv's names and numbers, the
refusals of ``annotator.files``) and their English byte for byte, so the CLI prints what it
printed; and the CLI's agreement report stays English."""

from __future__ import annotations

import csv
import errno
import io
import os
import zipfile
from functools import partial
from pathlib import Path

import pytest

from annotator.agreement import agreement
from annotator.agreement.report import ENGLISH, ReportLanguage, html_report
from annotator.cli import main
from annotator.errors import (
    OS_FALLBACK,
    SYSTEM_TEMPLATES,
    ImportFormatError,
    Message,
    message_of,
    os_reason,
    system_text,
)
from annotator.files import read_file
from annotator.project import Project
from tests.core.test_agreement_report import _layer


@pytest.mark.parametrize("code", [errno.ENOTSUP, errno.ECONNREFUSED, errno.ESTALE])
def test_another_os_error_keeps_its_errno_name_and_its_english(code: int) -> None:
    error = OSError(code, os.strerror(code), "/srv/x")
    reason = os_reason(error)
    assert reason == os.strerror(code)
    assert isinstance(reason, Message) and reason.template == OS_FALLBACK
    assert reason.params == {"strerror": os.strerror(code), "name": errno.errorcode[code]}
    assert message_of(error) == str(error)
    assert message_of(OSError(code, os.strerror(code))) == f"[Errno {code}] {os.strerror(code)}"


def test_an_os_error_with_no_errno_stays_a_text() -> None:
    assert not isinstance(os_reason(OSError("weird")), Message)


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("Corrupt extra field 0001 (size=3)", "Corrupt extra field {field} (size={size})"),
        (
            "Corrupt zip64 extra field. File size not found.",
            "Corrupt zip64 extra field. {field} not found.",
        ),
        ("Bad CRC-32 for file 'a.json'", "Bad CRC-32 for file {name}"),
        (
            "File name in directory 'a.json' and header b'b.json' differ.",
            "File name in directory {name} and header {header} differ.",
        ),
        (
            "Overlapped entries: 'a.json' (possible zip bomb)",
            "Overlapped entries: {name} (possible zip bomb)",
        ),
    ],
)  # fmt: skip
def test_zipfiles_texts_keep_their_names_and_numbers(text: str, template: str) -> None:
    message = message_of(zipfile.BadZipFile(text))
    assert message == text
    assert isinstance(message, Message) and message.template == template


@pytest.mark.parametrize(
    ("content", "template"),
    [
        ("a" * 140_000, "field larger than field limit ({limit})"),
        ('"a"b,c', "{delimiter} expected after {quote}"),
        ('"a', "unexpected end of data"),
    ],
)
def test_csvs_texts_keep_their_parts(content: str, template: str) -> None:
    with pytest.raises(csv.Error) as caught:
        list(csv.reader(io.StringIO(content, newline=""), strict=True))
    message = message_of(caught.value)
    assert message == str(caught.value)
    assert isinstance(message, Message) and message.template == template
    wrapped = system_text(f"bad CSV: {caught.value}")
    assert wrapped == f"bad CSV: {caught.value}"
    assert isinstance(wrapped, Message) and wrapped.template == "bad CSV: {problem}"
    assert isinstance(wrapped.params["problem"], Message)


def test_system_text_takes_only_whole_texts() -> None:
    for text in ("x expected after y", "bad CSV", "field larger than field limit (x)", "list!"):
        assert not isinstance(system_text(text), Message), text
    assert all("{" in t for t in SYSTEM_TEMPLATES)


def test_the_refused_files_keep_their_english(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("abcd", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    for read, english in (
        (partial(read_file, link, follow=False), f"{link}: symbolic link, not followed"),
        (partial(read_file, tmp_path), f"{tmp_path}: not a regular file (a folder), not read"),
        (partial(read_file, target, limit=2), f"{target}: file too large (4 bytes; limit 2)"),
    ):
        with pytest.raises(ImportFormatError) as caught:
            read()
        assert str(caught.value) == english
        assert isinstance(caught.value.message, Message)


def test_the_report_takes_its_language() -> None:
    result = agreement(
        {"ali": _layer("ali", (16, 21, "GPE")), "mona": _layer("m", (15, 21, "GPE"))}
    )
    english = html_report(result)
    assert english.startswith("<!DOCTYPE html><html><head>")
    assert "<h1>Inter-annotator agreement</h1>" in english and "trigger identification" in english
    marked = html_report(
        result, None, ReportLanguage("ar", lambda text: f"«{text}»", lambda m: f"[{m}]")
    )
    assert marked.startswith('<!DOCTYPE html><html lang="ar" dir="rtl"><head>')
    assert "<h1>«Inter-annotator agreement»</h1>" in marked
    assert "[trigger_identification]" in marked
    assert "«Annotators: ali, mona. Documents: 1.»" in marked
    assert ReportLanguage() == ENGLISH


def test_the_clis_report_stays_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document("قال لودريان في باريس.", name="d")
        p.add_span(doc.id, 4, 11, "PER", "amal")
        p.add_span(doc.id, 4, 11, "PER", "badr")
    report = tmp_path / "agreement.html"
    assert main(["agreement", str(path), "--annotators", "amal,badr", "--report", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html><html><head>") and 'dir="rtl"' not in page
    assert (
        "<h1>Inter-annotator agreement</h1>" in page and "<caption>Per document</caption>" in page
    )
