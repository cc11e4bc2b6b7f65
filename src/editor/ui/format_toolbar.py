"""The formatting toolbar and its shortcuts, acting on one Markdown editor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QToolBar, QWidget

from editor.ui import formatting

#: (name, label, shortcut, tip, command)
COMMANDS: tuple[tuple[str, str, str, str, Callable[[QPlainTextEdit], None]], ...] = (
    ("bold", "B", "Ctrl+B", "Bold (Ctrl+B)", lambda e: formatting.toggle_inline(e, "**")),
    ("italic", "I", "Ctrl+I", "Italic (Ctrl+I)", lambda e: formatting.toggle_inline(e, "*")),
    ("link", "Link", "Ctrl+K", "Link (Ctrl+K)", formatting.toggle_link),
    ("h2", "H2", "Ctrl+2", "Heading (Ctrl+2)", lambda e: formatting.set_heading(e, 2)),
    ("h3", "H3", "Ctrl+3", "Subheading (Ctrl+3)", lambda e: formatting.set_heading(e, 3)),
    ("h4", "H4", "Ctrl+4", "Minor heading (Ctrl+4)", lambda e: formatting.set_heading(e, 4)),
    ("bullets", "• List", "Ctrl+Shift+8", "Bulleted list (Ctrl+Shift+8)",
     formatting.toggle_bullets),
    ("numbers", "1. List", "Ctrl+Shift+7", "Numbered list (Ctrl+Shift+7)",
     formatting.toggle_numbers),
    ("quote", "Quote", "Ctrl+Shift+9", "Quotation (Ctrl+Shift+9)", formatting.toggle_quote),
    ("table", "Table", "", "Insert a table", formatting.insert_table),
    ("rule", "Rule", "", "Insert a horizontal rule", formatting.insert_rule),
)


class FormatToolbar(QToolBar):
    """Buttons for the formatting commands; their shortcuts work while the editor has focus."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__("Formatting", parent)
        self.setObjectName("format-toolbar")
        self.setMovable(False)
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, shortcut, tip, command in COMMANDS:
            action = QAction(label, self)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, run=command: self._run(run))
            editor.addAction(action)  # the shortcut belongs to the editor
            self.addAction(action)
            self.actions_by_name[name] = action
            if name in ("link", "h4", "quote"):
                self.addSeparator()
        self._editor = editor
        for name, style in (("bold", "font-weight: bold"), ("italic", "font-style: italic")):
            button = self.widgetForAction(self.actions_by_name[name])
            if button is not None:
                button.setStyleSheet(style)

    def _run(self, command: Callable[[QPlainTextEdit], None]) -> None:
        command(self._editor)
        self._editor.setFocus()
