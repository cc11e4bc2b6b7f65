"""The Markdown editor: plain text with undo and redo, list-aware Enter and Tab, and paste
that turns a URL over a selection into a link."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.core.paste import html_to_markdown
from editor.ui import formatting
from editor.ui.highlighter import MarkdownHighlighter

#: Pastes of more HTML than this are converted on a worker thread.
PASTE_IN_BACKGROUND = 200_000
_STRUCTURE = re.compile(r"<(p|h[1-6]|li|table|b|strong|i|em|a)[\s>]", re.IGNORECASE)


class _PasteSignals(QObject):
    done = Signal(str)


class _PasteJob(QRunnable):
    def __init__(self, html: str, fallback: str) -> None:
        super().__init__()
        self._html, self._fallback = html, fallback
        self.signals = _PasteSignals()

    def run(self) -> None:
        self.signals.done.emit(html_to_markdown(self._html) or self._fallback)


class MarkdownEdit(QPlainTextEdit):
    """Markdown source of the article body."""

    paste_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 1)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        self.setFont(font)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setPlaceholderText("Write the article here. Markdown: ## heading, **bold**, "
                                "*italic*, [link](https://…), - list item")
        self.document().setDocumentMargin(12)
        self.setTabChangesFocus(False)
        self.highlighter = MarkdownHighlighter(self.document())
        self.paste_pending = False

    def load_text(self, text: str) -> None:
        """Show another article's text; its undo history starts afresh."""
        self.setPlainText(text)
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._smart_key(event):
            super().keyPressEvent(event)

    def _smart_key(self, event: QKeyEvent) -> bool:
        """Enter continues a list or quote, Tab and Shift+Tab nest list items."""
        key = event.key()
        plain = (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                 == Qt.KeyboardModifier.NoModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if formatting.continue_list(self):
                self.ensureCursorVisible()
                return True
            return False
        if key == Qt.Key.Key_Tab and plain:
            return formatting.indent_items(self)
        if key == Qt.Key.Key_Backtab:
            return formatting.indent_items(self, outdent=True)
        return False

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy as plain Markdown only: Qt's own HTML would paste back converted."""
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText())
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A URL pasted over a selection makes it a link; HTML from Word, LibreOffice or a web
        page becomes clean Markdown (large pastes are converted on a worker thread); plain
        text stays plain."""
        text = source.text() if source.hasText() else ""
        if self.textCursor().hasSelection() and formatting.is_url(text):
            formatting.toggle_link(self, text.strip())
            return
        html = source.html() if source.hasHtml() else ""
        if html and _STRUCTURE.search(html) and "qrichtext" not in html:
            if len(html) < PASTE_IN_BACKGROUND:
                self._insert_converted(html_to_markdown(html) or text)
            else:
                self._convert_later(html, text)
            return
        super().insertFromMimeData(source)

    def _insert_converted(self, markdown: str) -> None:
        cursor = self.textCursor()
        with formatting.edit_block(cursor):
            cursor.insertText(markdown)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _convert_later(self, html: str, fallback: str) -> None:
        """Convert a large paste off the GUI thread; it goes in where the cursor was."""
        self.setReadOnly(True)
        self.viewport().setCursor(Qt.CursorShape.BusyCursor)
        job = _PasteJob(html, fallback)
        job.signals.done.connect(self._on_converted)
        QThreadPool.globalInstance().start(job)
        self.paste_pending = True

    def _on_converted(self, markdown: str) -> None:
        self.setReadOnly(False)
        self.viewport().unsetCursor()
        self._insert_converted(markdown)
        self.paste_pending = False
        self.paste_finished.emit()
