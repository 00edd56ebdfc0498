"""The suggestions dock: the confidence threshold slider, the open document's suggestions
(label, text, score, source; plain text in an item view), the accept/reject buttons and
"Withdraw these suggestions" (every pending suggestion of the selected one's source, not
remembered as rejected: a button, and the list's context menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import plain_tooltip
from ui.suggestions.controller import SuggestionController, score_text

UUID_ROLE = Qt.ItemDataRole.UserRole


class SuggestionsPanel(QWidget):
    """Threshold, list and buttons for a ``SuggestionController``."""

    def __init__(self, controller: SuggestionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("suggestion_threshold")
        self.slider.setRange(0, 100)
        self.slider.setValue(round(controller.threshold * 100))
        self.slider.setToolTip(self.tr("Show only suggestions at least this confident"))
        self.value = QLabel(self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QTreeWidget(self)
        self.list.setObjectName("suggestion_list")
        self.list.setHeaderLabels([self.tr("Label"), self.tr("Text"), self.tr("Score")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.header().setStretchLastSection(False)
        self.buttons: dict[str, QPushButton] = {}
        row, second = QHBoxLayout(), QHBoxLayout()
        for name, text, slot in (
            ("accept", self.tr("Accept"), controller.accept),
            ("reject", self.tr("Reject"), controller.reject),
            ("accept_all", self.tr("Accept all"), controller.accept_all),
            ("reject_all", self.tr("Reject all"), controller.reject_all),
            ("withdraw", self.tr("Withdraw these suggestions"), controller.withdraw_source),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"suggestion_{name}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            (second if name == "withdraw" else row).addWidget(button)
            self.buttons[name] = button
        self.buttons["withdraw"].setToolTip(
            self.tr(
                "Take back every pending suggestion from the selected suggestion's source, in "
                "every document, without remembering them as rejected (Undo brings them back)"
            )
        )
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        withdraw = QAction(self.tr("Withdraw these suggestions"), self.list)
        withdraw.setObjectName("suggestion_withdraw")
        withdraw.triggered.connect(lambda _c=False: controller.withdraw_source())
        self.list.addAction(withdraw)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Threshold"), self))
        top.addWidget(self.slider, 1)
        top.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        second.addStretch(1)
        layout.addLayout(second)
        self.slider.valueChanged.connect(lambda v: controller.set_threshold(v / 100))
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        controller.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        c = self.controller
        self.value.setText(score_text(c.threshold))
        shown = c.shown()
        self.count.setText(self.tr("{0} of {1} suggestions shown").format(len(shown), len(c.items)))
        self.list.clear()
        for s in shown:
            text = s.text.replace("\n", " ")
            item = QTreeWidgetItem([c.label_name(s.label), text, score_text(s.score)])
            item.setData(0, UUID_ROLE, s.uuid)
            item.setToolTip(0, plain_tooltip(s.source))  # (a file's name: plain text)
            self.list.addTopLevelItem(item)
        for button in self.buttons.values():
            button.setEnabled(bool(shown))

    def _activated(self, item: QTreeWidgetItem) -> None:
        found = self.controller.get(str(item.data(0, UUID_ROLE)))
        if found is not None:
            self.controller.select(found)
