"""Formatting commands on the Markdown editor: each toggles, and each is one undo step."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

HEADING = re.compile(r"^(#{1,6})\s+")
BULLET = re.compile(r"^(\s*)([-*+])\s+")
NUMBER = re.compile(r"^(\s*)(\d+)[.)]\s+")
QUOTE = re.compile(r"^(\s*)>\s?")
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)")
INDENT = "    "  # Python-Markdown nests lists by four spaces
TABLE = ("| Column 1 | Column 2 | Column 3 |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n")


@contextmanager
def edit_block(cursor: QTextCursor) -> Iterator[QTextCursor]:
    """Everything done with `cursor` inside is one step of undo."""
    cursor.beginEditBlock()
    try:
        yield cursor
    finally:
        cursor.endEditBlock()


def toggle_inline(editor: QPlainTextEdit, marker: str) -> None:
    """Wrap the selection (or the word at the cursor) in `marker`, or unwrap it."""
    cursor = editor.textCursor()
    if not cursor.hasSelection():
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    text = editor.toPlainText()
    selected = text[start:end]
    size = len(marker)
    with edit_block(cursor):
        if len(selected) >= 2 * size and selected.startswith(marker) and \
                selected.endswith(marker) and _exact(selected[:size + 1], marker):
            inner = selected[size:-size]
            cursor.insertText(inner)
            _select(editor, start, start + len(inner))
        elif text[max(0, start - size):start] == marker and text[end:end + size] == marker \
                and _exact(text[max(0, start - size - 1):start], marker):
            cursor.setPosition(start - size)
            cursor.setPosition(end + size, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(selected)
            _select(editor, start - size, end - size)
        else:
            cursor.insertText(f"{marker}{selected}{marker}")
            _select(editor, start + size, end + size)


def _exact(text: str, marker: str) -> bool:
    """`**x` is bold, not italic: a single `*` next to another `*` is not an italic mark."""
    return marker != "*" or (not text.startswith("**") and not text.endswith("**"))


def _select(editor: QPlainTextEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


_LINK = re.compile(r"^\[([^\]]*)\]\(([^)]*)\)$")


def toggle_link(editor: QPlainTextEdit, url: str = "") -> None:
    """`[selection](url)` with the cursor in the address when none is given; a selected
    link becomes its text again."""
    cursor = editor.textCursor()
    if not cursor.hasSelection() and _unlink_at_cursor(editor):
        return
    start = cursor.selectionStart()
    selected = cursor.selectedText()
    with edit_block(cursor):
        link = _LINK.match(selected)
        if link:
            cursor.insertText(link.group(1))
            _select(editor, start, start + len(link.group(1)))
            return
        cursor.insertText(f"[{selected}]({url})")
        place = editor.textCursor()
        if url:
            place.setPosition(start + len(selected) + len(url) + 4)
        else:
            place.setPosition(start + len(selected) + 3)
        editor.setTextCursor(place)


_LINK_IN_TEXT = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)]*)\)")


def _unlink_at_cursor(editor: QPlainTextEdit) -> bool:
    """With the caret inside a link, the link becomes its text again."""
    cursor = editor.textCursor()
    block = cursor.block()
    column = cursor.position() - block.position()
    for link in _LINK_IN_TEXT.finditer(block.text()):
        if link.start() < column < link.end():
            with edit_block(cursor):
                cursor.setPosition(block.position() + link.start())
                cursor.setPosition(block.position() + link.end(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(link.group(1))
            start = block.position() + link.start()
            _select(editor, start, start + len(link.group(1)))
            return True
    return False


def _selected_blocks(editor: QPlainTextEdit) -> tuple[QTextCursor, list[str], int]:
    """A cursor over the whole lines of the selection, their texts, and the first position."""
    cursor = editor.textCursor()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    first = editor.document().findBlock(start)
    last = editor.document().findBlock(max(start, end - 1) if end > start else end)
    cursor.setPosition(first.position())
    cursor.setPosition(last.position() + len(last.text()), QTextCursor.MoveMode.KeepAnchor)
    lines = [editor.document().findBlockByNumber(n).text()
             for n in range(first.blockNumber(), last.blockNumber() + 1)]
    return cursor, lines, first.position()


def _replace_lines(editor: QPlainTextEdit, change: Callable[[list[str]], list[str]]) -> None:
    cursor, lines, start = _selected_blocks(editor)
    new = change(lines)
    with edit_block(cursor):
        cursor.insertText("\n".join(new))
    _select(editor, start, start + len("\n".join(new)))


def set_heading(editor: QPlainTextEdit, level: int) -> None:
    """Make the lines headings of `level`, or plain text if they already are."""
    def change(lines: list[str]) -> list[str]:
        marks = [HEADING.match(line) for line in lines]
        if all(m and len(m.group(1)) == level for m in marks):
            return [HEADING.sub("", line) for line in lines]
        return ["#" * level + " " + HEADING.sub("", line) for line in lines]
    _replace_lines(editor, change)


def toggle_bullets(editor: QPlainTextEdit) -> None:
    def change(lines: list[str]) -> list[str]:
        if all(BULLET.match(line) for line in lines if line.strip()):
            return [BULLET.sub(r"\1", line) for line in lines]
        return [f"- {NUMBER.sub(r'', line)}" if line.strip() else line for line in lines]
    _replace_lines(editor, change)


def toggle_numbers(editor: QPlainTextEdit) -> None:
    def change(lines: list[str]) -> list[str]:
        if all(NUMBER.match(line) for line in lines if line.strip()):
            return [NUMBER.sub(r"\1", line) for line in lines]
        numbered, n = [], 0
        for line in lines:
            if line.strip():
                n += 1
                numbered.append(f"{n}. {BULLET.sub('', line)}")
            else:
                numbered.append(line)
        return numbered
    _replace_lines(editor, change)


def toggle_quote(editor: QPlainTextEdit) -> None:
    def change(lines: list[str]) -> list[str]:
        if all(QUOTE.match(line) for line in lines):
            return [QUOTE.sub(r"\1", line) for line in lines]
        return [f"> {line}" if line else ">" for line in lines]
    _replace_lines(editor, change)


def _insert_block(editor: QPlainTextEdit, block: str) -> None:
    """Insert `block` on lines of its own, with a blank line around it."""
    cursor = editor.textCursor()
    text = editor.toPlainText()
    position = cursor.selectionEnd()
    line_end = text.find("\n", position)
    position = len(text) if line_end == -1 else line_end
    before = "" if position == 0 else ("\n" if text[:position].endswith("\n") else "\n\n")
    with edit_block(cursor):
        cursor.setPosition(position)
        cursor.insertText(f"{before}{block}\n")
    editor.setTextCursor(cursor)


def insert_table(editor: QPlainTextEdit) -> None:
    _insert_block(editor, TABLE.rstrip("\n"))


def insert_rule(editor: QPlainTextEdit) -> None:
    _insert_block(editor, "---")


def continue_list(editor: QPlainTextEdit) -> bool:
    """Enter in a list item or quote: the next item, or the end of the list on an empty one.
    Returns False when the line is neither (the editor then inserts a plain newline)."""
    cursor = editor.textCursor()
    if cursor.hasSelection():
        return False
    line = cursor.block().text()
    item = LIST_ITEM.match(line)
    quote = QUOTE.match(line)
    marker = item.group(0) if item else quote.group(0) if quote else None
    if marker is None:
        return False
    with edit_block(cursor):
        if not line[len(marker):].strip():  # an empty item ends the list
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText("")
        else:
            if item and item.group(2)[0].isdigit():
                number = int(item.group(2)[:-1]) + 1
                marker = f"{item.group(1)}{number}{item.group(2)[-1]}{item.group(3)}"
            cursor.insertText("\n" + marker)
    editor.setTextCursor(cursor)
    return True


def indent_items(editor: QPlainTextEdit, outdent: bool = False) -> bool:
    """Tab and Shift+Tab on list items nest them deeper or less deep; False elsewhere."""
    _cursor, lines, _start = _selected_blocks(editor)
    if not all(LIST_ITEM.match(line) for line in lines):
        return False

    def change(items: list[str]) -> list[str]:
        if outdent:
            return [line[min(len(INDENT), len(line) - len(line.lstrip(" "))):]
                    for line in items]
        return [INDENT + line for line in items]

    cursor = editor.textCursor()
    offset = cursor.position() - cursor.block().position()
    single = not cursor.hasSelection()
    before = len(cursor.block().text())
    _replace_lines(editor, change)
    if single:  # keep the caret where it was in the text of the item
        block = editor.textCursor().block()
        place = editor.textCursor()
        place.setPosition(block.position() + max(0, offset + len(block.text()) - before))
        editor.setTextCursor(place)
    return True


_URL = re.compile(r"^(https?://|mailto:)\S+$")


def is_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))
