"""Formatting commands, smart list editing and paste in the Markdown editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from editor.ui.format_toolbar import FormatToolbar
from editor.ui.markdown_edit import MarkdownEdit


@pytest.fixture
def editor(qtbot: QtBot) -> MarkdownEdit:
    widget = MarkdownEdit()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


@pytest.fixture
def toolbar(qtbot: QtBot, editor: MarkdownEdit) -> FormatToolbar:
    bar = FormatToolbar(editor)
    qtbot.addWidget(bar)
    return bar


def _select(editor: MarkdownEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _set(editor: MarkdownEdit, text: str, start: int = 0, end: int | None = None) -> None:
    editor.load_text(text)
    _select(editor, start, len(text) if end is None else end)


@pytest.mark.parametrize(("name", "text", "span", "expected"), [
    ("bold", "Visit Laoshan today", (6, 13), "Visit **Laoshan** today"),
    ("italic", "Visit Laoshan today", (6, 13), "Visit *Laoshan* today"),
    ("h2", "Getting there", (0, 0), "## Getting there"),
    ("h3", "## Getting there", (3, 3), "### Getting there"),
    ("bullets", "Pier\nBeach\nHill", (0, 15), "- Pier\n- Beach\n- Hill"),
    ("numbers", "Pier\nBeach", (0, 10), "1. Pier\n2. Beach"),
    ("quote", "Said Wang Lihua (王丽华)", (0, 5), "> Said Wang Lihua (王丽华)"),
    ("link", "the museum", (0, 10), "[the museum]()"),
])
def test_each_command_applies_toggles_and_is_one_undo_step(
        editor: MarkdownEdit, toolbar: FormatToolbar, name: str, text: str,
        span: tuple[int, int], expected: str) -> None:
    _set(editor, text, *span)
    toolbar.actions_by_name[name].trigger()
    assert editor.toPlainText() == expected
    editor.undo()
    assert editor.toPlainText() == text  # one step of undo takes the whole command back
    editor.redo()
    assert editor.toPlainText() == expected
    _set(editor, text, *span)
    toolbar.actions_by_name[name].trigger()
    toolbar.actions_by_name[name].trigger()  # the selection stays on what was formatted
    toggled_off = "Getting there" if name.startswith("h") else text
    assert editor.toPlainText() == toggled_off, "applying it twice toggles it off"


def test_bold_from_inside_the_markers_and_at_a_word(editor: MarkdownEdit,
                                                    toolbar: FormatToolbar) -> None:
    _set(editor, "A **bold** word", 4, 8)  # only the text between the markers
    toolbar.actions_by_name["bold"].trigger()
    assert editor.toPlainText() == "A bold word"
    _set(editor, "Qingdao port", 2, 2)  # no selection: the word under the cursor
    toolbar.actions_by_name["bold"].trigger()
    assert editor.toPlainText() == "**Qingdao** port"
    _set(editor, "**strong**", 2, 8)
    toolbar.actions_by_name["italic"].trigger()  # italic inside bold is not unbolding
    assert editor.toPlainText() == "***strong***"


def test_link_toggles_off_and_places_the_cursor_in_the_address(
        editor: MarkdownEdit, toolbar: FormatToolbar, qtbot: QtBot) -> None:
    _set(editor, "the museum", 0, 10)
    toolbar.actions_by_name["link"].trigger()
    qtbot.keyClicks(editor, "https://example.org")
    assert editor.toPlainText() == "[the museum](https://example.org)"
    _set(editor, editor.toPlainText())
    toolbar.actions_by_name["link"].trigger()
    assert editor.toPlainText() == "the museum"


def test_shortcuts_work_in_the_editor(editor: MarkdownEdit, toolbar: FormatToolbar,
                                      qtbot: QtBot) -> None:
    _set(editor, "harbour", 0, 7)
    qtbot.keyClick(editor.windowHandle(), Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "**harbour**"
    _set(editor, "harbour", 0, 7)
    qtbot.keyClick(editor.windowHandle(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "*harbour*"
    _set(editor, "Title line", 0, 0)
    qtbot.keyClick(editor.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "## Title line"


def test_table_and_rule_go_on_lines_of_their_own(editor: MarkdownEdit,
                                                 toolbar: FormatToolbar) -> None:
    _set(editor, "Prices", 3, 3)
    toolbar.actions_by_name["table"].trigger()
    assert editor.toPlainText().startswith("Prices\n\n| Column 1 | Column 2 | Column 3 |\n"
                                           "| --- | --- | --- |\n")
    editor.undo()
    assert editor.toPlainText() == "Prices"
    toolbar.actions_by_name["rule"].trigger()
    assert editor.toPlainText() == "Prices\n\n---\n"


def test_enter_continues_and_ends_lists(editor: MarkdownEdit, qtbot: QtBot) -> None:
    _set(editor, "")
    qtbot.keyClicks(editor, "- Pier")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Beach")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "- Pier\n- Beach\n- "
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # an empty item ends the list
    assert editor.toPlainText() == "- Pier\n- Beach\n"
    qtbot.keyClicks(editor, "1. First")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Second")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText().endswith("1. First\n2. Second\n3. ")
    _set(editor, "")
    qtbot.keyClicks(editor, "> Quoted")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "> Quoted\n> "
    _set(editor, "Plain", 5, 5)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Plain\n"


def test_tab_nests_and_shift_tab_unnests_list_items(editor: MarkdownEdit,
                                                    qtbot: QtBot) -> None:
    _set(editor, "- Pier\n- Beach", 14, 14)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "- Pier\n    - Beach"
    assert editor.textCursor().position() == len("- Pier\n    - Beach")
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "- Pier\n- Beach"
    _set(editor, "Not a list", 3, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Not\t a list"


def test_a_pasted_url_over_a_selection_becomes_a_link(editor: MarkdownEdit) -> None:
    _set(editor, "See the ferry timetable here", 8, 23)
    data = QMimeData()
    data.setText("https://ferry.example/qingdao")
    editor.insertFromMimeData(data)
    assert editor.toPlainText() == "See the [ferry timetable](https://ferry.example/qingdao) here"
    editor.undo()
    assert editor.toPlainText() == "See the ferry timetable here"
    _set(editor, "no selection", 12, 12)
    editor.insertFromMimeData(data)
    assert editor.toPlainText() == "no selectionhttps://ferry.example/qingdao"
