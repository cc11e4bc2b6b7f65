r"""Find and replace: an inline bar under the Markdown editor, like VS Code's or Qt Creator's.

One engine does everything, QRegularExpression over the document's plain text, so the count, the
highlights, next/previous and replace all agree, and positions are UTF-16 code units exactly as
in the QTextDocument (Chinese, emoji). Unlike QTextDocument.find, which looks inside one paragraph
at a time, a pattern may span lines, and "3 of 12" never counts a match that Next cannot reach.
In regular-expression mode the replacement takes Python-style references: \1 … \99, \g<name>
(\0 or \g<0> is the whole match), \n, \t and \\; any other text, $1 included, is literal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTextEdit,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QRegularExpressionMatch, QRegularExpressionMatchIterator

MATCH_LIMIT = 10_000  # matches counted per keystroke; beyond it the label says "10,000+"
HIGHLIGHT_LIMIT = 1_000  # matches painted at once, only those in view
Span = tuple[int, int]  # start and end of a match, in UTF-16 code units
_REFERENCE = re.compile(r"\\(?:(\d{1,2})|g<(\w+)>|(.))", re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\"}
_Option = QRegularExpression.PatternOption


def expand(template: str, match: QRegularExpressionMatch) -> str:
    """`template` with its references filled from `match`; ValueError for a missing group."""
    expression = match.regularExpression()

    def one(reference: re.Match[str]) -> str:
        number, name, other = reference.groups()
        if other is not None:
            return _ESCAPES.get(other, "\\" + other)
        key = number or name
        if key.isdecimal():
            if int(key) > expression.captureCount():
                raise ValueError(f"No group {int(key)} in the pattern")
            return match.captured(int(key))
        if key not in expression.namedCaptureGroups():
            raise ValueError(f"No group named “{key}” in the pattern")
        return match.captured(key)

    return _REFERENCE.sub(one, template)


class FindReplaceBar(QWidget):
    """Find and replace in `editor`; hidden until show_find() or show_replace()."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._rx: QRegularExpression | None = None  # cached with _text until anything changes
        self._text = ""
        self._spans: list[Span] = []  # the matches found so far, in document order
        self._more: QRegularExpressionMatchIterator | None = None  # None once all are found
        self._timer = QTimer(self, singleShot=True, interval=100)
        self._timer.timeout.connect(self._refresh)

        self.find_edit = QLineEdit(placeholderText="Find", clearButtonEnabled=True)
        self.replace_edit = QLineEdit(placeholderText="Replace", clearButtonEnabled=True)
        self.case_button = self._tool("Aa", "Match case", checkable=True)
        self.words_button = self._tool("ab", "Whole words", checkable=True)
        self.regex_button = self._tool(".*", "Regular expression", checkable=True)
        self.status_label = QLabel()
        self.status_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0" * 18))
        self.replace_button = QPushButton("Replace", clicked=self.replace_one)
        self.replace_all_button = QPushButton("Replace all", clicked=self.replace_all)
        self.previous_button = self._tool("Previous", "Previous match (Shift+Enter)",
                                          self.find_previous)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = self._tool("Next", "Next match (Enter)", self.find_next)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.close_button = self._tool("Close", "Close (Esc)", self.close_bar)
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setColumnStretch(0, 1)
        for column, widget in enumerate((self.find_edit, self.case_button, self.words_button,
                                         self.regex_button, self.status_label,
                                         self.previous_button, self.next_button,
                                         self.close_button)):
            grid.addWidget(widget, 0, column)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1, 1, 3)
        grid.addWidget(self.replace_all_button, 1, 4, Qt.AlignmentFlag.AlignLeft)
        self._replace_row = (self.replace_edit, self.replace_button, self.replace_all_button)

        self.find_edit.textChanged.connect(self._on_pattern_changed)
        for button in (self.case_button, self.words_button, self.regex_button):
            button.toggled.connect(self._on_pattern_changed)
        for watched in (self.find_edit, self.replace_edit, editor.viewport()):
            watched.installEventFilter(self)
        editor.textChanged.connect(self._on_text_changed)
        editor.cursorPositionChanged.connect(self._refresh_soon)
        editor.verticalScrollBar().valueChanged.connect(self._refresh_soon)
        self.hide()

    def _tool(self, text: str, tip: str, slot: Callable[[], object] | None = None,
              checkable: bool = False) -> QToolButton:
        button = QToolButton(self, text=text, toolTip=tip, checkable=checkable, autoRaise=True)
        button.setAccessibleName(tip)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # -- the actions ----------------------------------------------------------------------

    def show_find(self) -> None:
        """Open with the find row only, seeded with the editor's one-line selection."""
        self._open(replace=False)

    def show_replace(self) -> None:
        """Open with the find and the replace rows."""
        self._open(replace=True)

    def find_next(self) -> bool:
        """Select the next match after the selection, wrapping at the end; False if none."""
        return self._go(self._selected(), forward=True)

    def find_previous(self) -> bool:
        """Select the match before the selection, wrapping at the start; False if none."""
        return self._go(self._selected(), forward=False)

    def replace_one(self) -> bool:
        """Replace the selection if it is a match (one undo step), then go to the next match."""
        rx = self._search()
        if rx is None or not rx.isValid():
            self._refresh()
            return False
        cursor, selected = self._editor.textCursor(), self._selected()
        match = rx.match(self._text, selected[0])
        if not match.hasMatch() or (match.capturedStart(), match.capturedEnd()) != selected:
            self.find_next()
            return False
        try:
            template = self.replace_edit.text()
            cursor.insertText(expand(template, match) if self.regex_button.isChecked()
                              else template)
        except ValueError as error:
            self._say(str(error), error=True)
            return False
        self._editor.setTextCursor(cursor)
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match in one undo step; returns how many were replaced.

        The new text from the first match to the last is built here and goes in with a single
        insertText: one document edit, however many matches."""
        rx = self._search()
        if rx is None or not rx.isValid():
            self._refresh()
            return 0
        data, pieces = self._text.encode("utf-16-le", "surrogatepass"), []
        template, regex = self.replace_edit.text(), self.regex_button.isChecked()
        matches, first, at = rx.globalMatch(self._text), -1, -1
        try:
            while matches.hasNext():
                match = matches.next()
                if first < 0:
                    first = at = match.capturedStart()
                gap = data[2 * at:2 * match.capturedStart()]  # UTF-16: 2 bytes a position
                pieces += (gap.decode("utf-16-le", "surrogatepass"),
                           expand(template, match) if regex else template)
                at = match.capturedEnd()
        except ValueError as error:
            self._say(str(error), error=True)
            return 0
        if first >= 0:
            scrolled = self._editor.verticalScrollBar().value()
            cursor = self._cursor((first, at))
            cursor.beginEditBlock()
            cursor.insertText("".join(pieces))
            cursor.endEditBlock()
            self._editor.verticalScrollBar().setValue(scrolled)
        count = len(pieces) // 2
        self._refresh()
        self._say(f"Replaced {count:,}")
        return count

    def close_bar(self) -> None:
        """Hide, clear the match highlights and give the editor its focus back."""
        self.hide()
        self._timer.stop()
        self._editor.setExtraSelections([])
        self._editor.setFocus()

    # -- events ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the find field: next (Shift+Enter: previous); in the replace field: replace.
        The editor's viewport resized: other matches are in view."""
        if event.type() == QEvent.Type.Resize:
            self._refresh_soon()
        elif (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
              and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if watched is self.replace_edit:
                self.replace_one()
            elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return True
        return super().eventFilter(watched, event)

    def _on_pattern_changed(self) -> None:
        """Incremental search: the first match at or after the selection's start."""
        self._rx = None
        if not self.isHidden():
            start = self._editor.textCursor().selectionStart()
            self._go((start, start - 1), forward=True)

    def _on_text_changed(self) -> None:
        self._rx = None
        self._refresh_soon()

    def _refresh_soon(self) -> None:
        if not self.isHidden():
            self._timer.start()

    # -- searching ------------------------------------------------------------------------

    def _open(self, replace: bool) -> None:
        selected = self._editor.textCursor().selectedText().replace("\u00a0", " ")
        for widget in self._replace_row:
            widget.setVisible(replace)
        self.show()
        if selected and "\u2029" not in selected and "\u2028" not in selected:
            self.find_edit.blockSignals(True)
            self.find_edit.setText(re.escape(selected) if self.regex_button.isChecked()
                                   else selected)
            self.find_edit.blockSignals(False)
        self._on_pattern_changed()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _search(self) -> QRegularExpression | None:
        """The pattern in the fields, or None when the find field is empty; a new pattern or
        text starts a new scan of the document."""
        if self._rx is None:
            text = self.find_edit.text()
            if not text:
                return None
            regex = self.regex_button.isChecked()
            pattern = text if regex else QRegularExpression.escape(text)
            options = _Option.UseUnicodePropertiesOption | _Option.MultilineOption
            if not self.case_button.isChecked():
                options |= _Option.CaseInsensitiveOption
            rx = QRegularExpression(pattern, options)
            if rx.isValid() and self.words_button.isChecked():  # lookarounds, unlike \b, also
                rx = QRegularExpression(rf"(?<!\w)(?:{pattern})(?!\w)", options)  # fit "C++"
            self._rx, self._text, self._spans = rx, self._editor.toPlainText(), []
            self._more = rx.globalMatch(self._text) if rx.isValid() else None
        return self._rx

    def _extend(self, enough: Callable[[], bool]) -> None:
        """Find more matches until `enough()` or the end of the document."""
        while self._more is not None and not enough():
            if self._more.hasNext():
                match = self._more.next()
                self._spans.append((match.capturedStart(), match.capturedEnd()))
            else:
                self._more = None

    def _go(self, key: Span, forward: bool) -> bool:
        """Select the first match after `key` (forward) or the last before it, wrapping."""
        rx = self._search()
        spans, target = self._spans, None
        if rx is not None and rx.isValid():
            if forward:
                self._extend(lambda: bool(spans) and spans[-1] > key)
                index = bisect_right(spans, key)
                target = spans[index] if index < len(spans) else spans[0] if spans else None
            else:
                self._extend(lambda: bool(spans) and spans[-1] >= key)
                index = bisect_left(spans, key) - 1
                if index < 0:
                    self._extend(lambda: False)
                target = spans[index] if spans else None
        if target is not None:
            self._editor.setTextCursor(self._cursor(target))
        self._refresh()
        return target is not None

    # -- showing --------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)
        self.status_label.setStyleSheet("color: #d32f2f;" if error else "")

    def _refresh(self) -> None:
        """Say which match is selected and how many there are; paint those in view."""
        self._timer.stop()
        if self.isHidden():
            return
        rx = self._search()
        if rx is None or not rx.isValid():
            self._say("" if rx is None else f"Invalid pattern: {rx.errorString()}", rx is not None)
            self._editor.setExtraSelections([])
            return
        spans = self._spans
        self._extend(lambda: len(spans) >= MATCH_LIMIT)
        current = self._selected()
        index = bisect_left(spans, current)
        selected = index < len(spans) and spans[index] == current
        total = f"{len(spans):,}{'+' if self._more is not None else ''}"
        if selected:
            self._say(f"{index + 1:,} of {total}")
        else:
            self._say(f"{total} match{'' if total == '1' else 'es'}" if spans else "No matches")
        self._paint(current if selected else None)

    def _paint(self, current: Span | None) -> None:
        """Highlight the matches in view, lightly, and the selected one more strongly."""
        corner = QPoint(self._editor.viewport().width(), self._editor.viewport().height())
        first = self._editor.cursorForPosition(QPoint(0, 0)).position()
        last = self._editor.cursorForPosition(corner).position()
        if self._more is None or (self._spans and self._spans[-1][0] > last):
            start = bisect_right(self._spans, first, key=lambda span: span[1])
            stop = min(bisect_left(self._spans, (last + 1, -1)), start + HIGHLIGHT_LIMIT)
            visible = self._spans[start:stop]
        else:  # in view but beyond the matches counted: a separate, bounded scan
            assert self._rx is not None
            matches, visible = self._rx.globalMatch(self._text, first), []
            while matches.hasNext() and len(visible) < HIGHLIGHT_LIMIT:
                match = matches.next()
                if match.capturedStart() > last:
                    break
                visible.append((match.capturedStart(), match.capturedEnd()))
        dark = self._editor.palette().base().color().lightness() < 128
        soft = self._format("#5c5326" if dark else "#fff3a8")
        selections = [self._selection(span, soft) for span in visible]
        if current is not None:
            strong = self._format("#8a5a00" if dark else "#ffc266")
            selections.append(self._selection(current, strong))
        self._editor.setExtraSelections(selections)

    @staticmethod
    def _format(colour: str) -> QTextCharFormat:
        text_format = QTextCharFormat()
        text_format.setBackground(QColor(colour))
        return text_format

    def _selection(self, span: Span, text_format: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = self._cursor(span), text_format
        return selection

    def _cursor(self, span: Span) -> QTextCursor:
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _selected(self) -> Span:
        cursor = self._editor.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd()
