"""The Markdown editor: plain text with undo and redo, in a comfortable writing font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget


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

    def load_text(self, text: str) -> None:
        """Show another article's text; its undo history starts afresh."""
        self.setPlainText(text)
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)
