"""Errors an Arabic user meets often reached the interface in English (QA): why Accept all
agreements wrote nothing (62d430d), a project file that cannot be opened, a file that cannot
be imported. Each is now a core ``Message`` the interface translates; the CLI prints the
English as before."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.commands.review import AcceptAllAgreements, AcceptIntoGold
from annotator.errors import ValidationError
from annotator.project import Project
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "عقد الاجتماع في باريس وحضره وزير الخارجية."
iso = i18n.isolate


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def arabic(qtbot: QtBot) -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "ar") == "ar"
    yield app
    i18n.install_translator(app, "en")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def refused(project: Project, command: AcceptAllAgreements | AcceptIntoGold) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        command.do(project)
    return caught.value


# -- accept all agreements -----------------------------------------------------------------
def test_no_agreement_reads_arabic(arabic: QApplication, project: Project) -> None:
    error = refused(project, AcceptAllAgreements(1, ["amal", "badr", "sara"]))
    assert str(error) == "nothing to accept: amal, badr and sara agree on nothing in this document"
    who = iso(f"{iso(iso('amal') + '، ' + iso('badr'))} و{iso('sara')}")
    assert i18n.core_text(error) == f"لا شيء للقبول: لا يتفق {who} على شيء في هذا المستند"


def test_gold_holding_every_agreement_reads_arabic(arabic: QApplication, project: Project) -> None:
    for who in ("amal", "badr"):
        project.add_span(1, *at("باريس"), "GPE", who)
    AcceptAllAgreements(1, ["amal", "badr"]).do(project)
    error = refused(project, AcceptAllAgreements(1, ["amal", "badr"]))
    assert str(error) == (
        "nothing to accept: the gold layer already holds all 1 agreements of amal and badr "
        "in this document"
    )
    who = iso(f"{iso('amal')} و{iso('badr')}")
    assert i18n.core_text(error) == (
        f"لا شيء للقبول: تحوي طبقة {iso('المرجع')} كل اتفاقات {who} في هذا المستند ({iso('1')})"
    )


def test_the_other_refusals_read_arabic(arabic: QApplication, project: Project) -> None:
    assert i18n.core_text(refused(project, AcceptAllAgreements(1, ["amal"]))) == (
        "لا شيء للقبول: الاتفاقات تحتاج مُعلِّمَين اثنين على الأقل"
    )
    assert i18n.core_text(refused(project, AcceptIntoGold([]))) == "لا شيء للقبول: لم يُختر شيء"
    span = project.add_span(1, *at("باريس"), "GPE", "amal")
    AcceptIntoGold([span.uuid], "sara").do(project)
    error = refused(project, AcceptIntoGold([span.uuid], "sara"))
    assert str(error) == "nothing to accept: the sara layer already holds it"
    assert i18n.core_text(error) == f"لا شيء للقبول: تحويه طبقة {iso('sara')} بالفعل"
