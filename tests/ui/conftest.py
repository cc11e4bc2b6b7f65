"""GUI fixtures: the real main window on a real SQLite file, with its web preview."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from editor.app import build_window
from editor.store.database import Database, open_database
from editor.ui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, db_url: str) -> Iterator[WindowFactory]:
    """Opens main windows like the app does; closes them (saving) and the databases after."""
    opened: list[tuple[MainWindow, Database]] = []

    def factory(url: str = db_url, *, add_demo: bool = False,
                preview: bool = True) -> MainWindow:
        database = open_database(url)
        window = build_window(database, add_demo=add_demo)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if preview:
            window.start_preview()
        opened.append((window, database))
        return window

    yield factory
    for window, database in opened:
        window.close()
        window.deleteLater()  # its web page must go before the application's web profile
        database.close()
    QThreadPool.globalInstance().waitForDone(5000)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def preview_text(qtbot: QtBot, window: MainWindow, selector: str = ".article-body") -> str:
    """The text the preview shows in `selector`, read back from the web view."""
    assert window.preview is not None
    box: dict[str, object] = {}
    script = (f"(function(){{var e=document.querySelector({selector!r});"
              "return e ? e.innerText : null;})()")
    window.preview.run_script(script, lambda value: box.setdefault("value", value))
    qtbot.waitUntil(lambda: "value" in box, timeout=10_000)
    return str(box["value"] or "")


def wait_for_preview(qtbot: QtBot, window: MainWindow, needle: str,
                     selector: str = ".article-body") -> None:
    """Wait until the preview shows `needle` inside `selector`."""
    seen: list[str] = []

    def shows() -> bool:
        seen.append(preview_text(qtbot, window, selector))
        return needle in seen[-1]

    qtbot.waitUntil(shows, timeout=20_000)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a person: keys for ASCII, input-method commits for Chinese and other text."""
    for run in re.findall(r"\n|[\x20-\x7e]+|[^\x00-\x7f]+", text):
        if run == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def answer_next_message_box(*buttons: QMessageBox.StandardButton) -> list[str]:
    """Answer the next message boxes that open, one button each, in order; returns the
    texts they showed (filled in as they open)."""
    texts: list[str] = []
    remaining = list(buttons)
    answered: list[QMessageBox] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box not in answered and box.isVisible():
            answered.append(box)
            texts.append(box.text())
            box.button(remaining.pop(0)).click()
        if remaining:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return texts
