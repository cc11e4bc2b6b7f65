"""The Markdown editor: plain text with undo and redo, list-aware Enter and Tab, and paste
that turns a URL over a selection into a link."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.ui import formatting
from editor.ui.highlighter import MarkdownHighlighter


class MarkdownEdit(QPlainTextEdit):
    """Markdown source of the article body."""

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

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A URL pasted over a selection makes the selection a link; other text goes in as
        plain text."""
        text = source.text() if source.hasText() else ""
        if self.textCursor().hasSelection() and formatting.is_url(text):
            formatting.toggle_link(self, text.strip())
            return
        super().insertFromMimeData(source)
