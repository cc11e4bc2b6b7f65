"""The outline: the article's headings, each a click away."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
LINE_ROLE = Qt.ItemDataRole.UserRole


def headings(text: str) -> list[tuple[int, int, str]]:
    """(line number, level, title) of each Markdown heading outside fenced code."""
    found, fenced = [], None
    for number, line in enumerate(text.split("\n")):
        fence = _FENCE.match(line)
        if fence:
            fenced = None if fenced == fence.group(1) else fenced or fence.group(1)
            continue
        if fenced is None:
            match = _HEADING.match(line)
            if match:
                found.append((number, len(match.group(1)), match.group(2)))
    return found


class OutlinePanel(QListWidget):
    """Lists the headings of the text it is given; `heading_chosen` carries the line number."""

    heading_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("The article's headings: click one to go to it")
        self._text = ""
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._refresh)
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)

    def show_text(self, text: str, *, at_once: bool = False) -> None:
        """Follow the text; while typing, the list is brought up to date after a pause."""
        self._text = text
        if at_once:
            self._refresh()
        else:
            self._timer.start()

    def _refresh(self) -> None:
        self._timer.stop()
        self.clear()
        for line, level, title in headings(self._text):
            item = QListWidgetItem("    " * max(0, level - 2) + title)
            item.setData(LINE_ROLE, line)
            self.addItem(item)

    def _on_item(self, item: QListWidgetItem) -> None:
        self.heading_chosen.emit(int(item.data(LINE_ROLE)))
