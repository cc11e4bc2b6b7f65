"""The find and replace bar, driven through its fields, buttons and keys as a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from editor.ui import find_replace
from editor.ui.find_replace import FindReplaceBar

TEXT = ("The pier at 青岛 is long 😀. Piers line the PIER road.\n"
        "青岛 has a pier; the piers of 青岛 are busy 🎉.\n"
        "Last line: pier.")


class Setup:
    """An editor with the bar under it, in a shown window, and ways to look at them."""

    def __init__(self, window: QWidget, editor: QPlainTextEdit, bar: FindReplaceBar) -> None:
        self.window, self.editor, self.bar = window, editor, bar

    def selected(self) -> str:
        return self.editor.textCursor().selectedText()

    def selection(self) -> tuple[int, int]:
        cursor = self.editor.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd()

    def label(self) -> str:
        return self.bar.status_label.text()

    def painted(self) -> list[str]:
        return [s.cursor.selectedText() for s in self.editor.extraSelections()]

    def painted_starts(self) -> list[int]:
        selections = self.editor.extraSelections()
        return [s.cursor.selectionStart() for s in selections]

    def put_cursor(self, position: int) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(position)
        self.editor.setTextCursor(cursor)

    def find(self, text: str, *, case: bool = False, words: bool = False,
             regex: bool = False) -> None:
        self.bar.show_find()
        self.bar.case_button.setChecked(case)
        self.bar.words_button.setChecked(words)
        self.bar.regex_button.setChecked(regex)
        self.bar.find_edit.setText(text)


def utf16(text: str, index: int) -> int:
    """The position QTextDocument uses for `text[index]`."""
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.fixture
def setup(qtbot: QtBot) -> Setup:
    window = QWidget()
    editor = QPlainTextEdit()
    editor.setPlainText(TEXT)
    bar = FindReplaceBar(editor)
    column = QVBoxLayout(window)
    column.addWidget(editor)
    column.addWidget(bar)
    qtbot.addWidget(window)
    qtbot.addWidget(editor)
    qtbot.addWidget(bar)
    window.resize(600, 400)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.setFocus()
    return Setup(window, editor, bar)


def test_hidden_until_asked(setup: Setup) -> None:
    assert setup.bar.isHidden()
    setup.bar.show_find()
    assert setup.bar.isVisible()
    assert setup.bar.replace_edit.isHidden()
    setup.bar.show_replace()
    assert setup.bar.replace_edit.isVisible()
    assert setup.bar.replace_all_button.isVisible()
    setup.bar.show_find()
    assert setup.bar.replace_edit.isHidden()


def test_next_and_previous_wrap_around(setup: Setup) -> None:
    setup.find("pier")  # case-insensitive, parts of words too: 6 matches
    assert (setup.selected(), setup.label()) == ("pier", "1 of 6")
    seen = [setup.selected()]
    for _ in range(5):
        assert setup.bar.find_next()
        seen.append(setup.selected())
    assert seen == ["pier", "Pier", "PIER", "pier", "pier", "pier"]
    assert setup.label() == "6 of 6"
    assert setup.bar.find_next()
    assert setup.label() == "1 of 6"
    assert setup.selection() == (4, 8)
    assert setup.bar.find_previous()
    assert setup.label() == "6 of 6"
    assert setup.selection() == (utf16(TEXT, TEXT.rindex("pier")), utf16(TEXT, len(TEXT) - 1))
    assert setup.bar.find_previous()
    assert setup.label() == "5 of 6"


def test_the_buttons(qtbot: QtBot, setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find("青岛")
    qtbot.mouseClick(setup.bar.next_button, Qt.MouseButton.LeftButton)
    assert setup.label() == "2 of 3"
    qtbot.mouseClick(setup.bar.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(setup.bar.previous_button, Qt.MouseButton.LeftButton)
    assert setup.label() == "3 of 3"
    setup.bar.replace_edit.setText("Qingdao")
    qtbot.mouseClick(setup.bar.replace_button, Qt.MouseButton.LeftButton)
    assert setup.label() == "1 of 2"
    qtbot.mouseClick(setup.bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert setup.label() == "Replaced 2"
    assert setup.editor.toPlainText() == TEXT.replace("青岛", "Qingdao")
    qtbot.mouseClick(setup.bar.close_button, Qt.MouseButton.LeftButton)
    assert setup.bar.isHidden()


def test_no_matches(setup: Setup) -> None:
    setup.put_cursor(3)
    setup.find("harbour")
    assert setup.label() == "No matches"
    assert not setup.bar.find_next()
    assert not setup.bar.find_previous()
    assert setup.selection() == (3, 3)
    assert setup.editor.extraSelections() == []


def test_match_case(setup: Setup) -> None:
    setup.find("Pier", case=True)
    assert (setup.selected(), setup.label()) == ("Pier", "1 of 1")
    setup.bar.case_button.setChecked(False)
    assert setup.label() == "2 of 6"  # still on "Piers", now one of six


def test_whole_words(setup: Setup) -> None:
    setup.find("pier", words=True)
    assert setup.label() == "1 of 4"
    found = [setup.selected()]
    while setup.bar.find_next() and setup.label() != "1 of 4":
        found.append(setup.selected())
    assert found == ["pier", "PIER", "pier", "pier"]  # never the "pier" in "piers"
    setup.bar.case_button.setChecked(True)
    assert setup.label().endswith(" of 3")


def test_whole_words_around_symbols_and_chinese(setup: Setup) -> None:
    setup.editor.setPlainText("C++ and C++x and aC++ and 青岛 Qingdao 青岛市")
    setup.find("C++", words=True)
    assert (setup.label(), setup.selection()) == ("1 of 1", (0, 3))
    setup.find("青岛", words=True)
    assert (setup.label(), setup.selection()) == ("1 of 1", (26, 28))


def test_chinese_and_emoji_positions(setup: Setup) -> None:
    setup.find("青岛")
    assert setup.label() == "1 of 3"
    starts = []
    for _ in range(3):
        assert setup.selected() == "青岛"
        starts.append(setup.selection()[0])
        setup.bar.find_next()
    expected = [utf16(TEXT, i) for i in range(len(TEXT)) if TEXT.startswith("青岛", i)]
    assert starts == expected
    setup.find("🎉")
    assert (setup.selected(), setup.label()) == ("🎉", "1 of 1")


def test_incremental_search_from_the_cursor(qtbot: QtBot, setup: Setup) -> None:
    setup.put_cursor(TEXT.index("\n"))
    setup.bar.show_find()
    qtbot.keyClicks(setup.bar.find_edit, "pie")
    assert (setup.selected(), setup.label()) == ("pie", "4 of 6")
    qtbot.keyClicks(setup.bar.find_edit, "rs")
    assert (setup.selected(), setup.label()) == ("piers", "2 of 2")
    qtbot.keyClicks(setup.bar.find_edit, "x")
    assert setup.label() == "No matches"
    assert setup.selected() == "piers"  # nothing found: the selection stays


def test_enter_and_shift_enter(qtbot: QtBot, setup: Setup) -> None:
    setup.find("pier")
    qtbot.keyClick(setup.bar.find_edit, Qt.Key.Key_Return)
    qtbot.keyClick(setup.bar.find_edit, Qt.Key.Key_Enter)
    assert setup.label() == "3 of 6"
    qtbot.keyClick(setup.bar.find_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert setup.label() == "2 of 6"
    assert setup.bar.find_edit.text() == "pier"


def test_all_matches_painted_and_cleared_on_escape(qtbot: QtBot, setup: Setup) -> None:
    setup.find("青岛")
    painted = setup.painted()
    assert painted.count("青岛") == 4  # three soft, and the current one again, stronger
    setup.bar.find_edit.setFocus()
    qtbot.keyClick(setup.bar.find_edit, Qt.Key.Key_Escape)
    assert setup.bar.isHidden()
    assert setup.editor.extraSelections() == []
    assert setup.editor.hasFocus()
    assert setup.selected() == "青岛"  # the match stays selected in the editor


def test_highlights_follow_edits(qtbot: QtBot, setup: Setup) -> None:
    setup.find("road")
    assert setup.label() == "1 of 1"
    cursor = setup.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" Another road.")
    qtbot.waitUntil(lambda: setup.label() == "1 of 2")
    assert setup.painted().count("road") == 3


def test_show_find_takes_the_selected_text(setup: Setup) -> None:
    cursor = setup.editor.textCursor()
    start = utf16(TEXT, TEXT.index("青岛 has"))
    cursor.setPosition(start)
    cursor.setPosition(start + 2, QTextCursor.MoveMode.KeepAnchor)
    setup.editor.setTextCursor(cursor)
    setup.bar.show_find()
    assert setup.bar.find_edit.text() == "青岛"
    assert setup.bar.find_edit.hasFocus()
    assert setup.bar.find_edit.selectedText() == "青岛"
    assert setup.label() == "2 of 3"
    assert setup.selection() == (start, start + 2)


def test_show_find_ignores_a_selection_over_lines(setup: Setup) -> None:
    setup.find("road")
    setup.bar.close_bar()
    cursor = setup.editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    setup.editor.setTextCursor(cursor)
    setup.bar.show_find()
    assert setup.bar.find_edit.text() == "road"


def test_regex_selection_is_escaped(setup: Setup) -> None:
    setup.editor.setPlainText("cost (1.5) and cost 105")
    setup.bar.regex_button.setChecked(True)
    cursor = setup.editor.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    setup.editor.setTextCursor(cursor)
    setup.bar.show_find()
    assert setup.bar.find_edit.text() == r"\(1\.5\)"
    assert setup.label() == "1 of 1"


def test_regex_groups_in_the_replacement(setup: Setup) -> None:
    setup.editor.setPlainText("Alpha Beta\nGamma Delta\n青岛 港口")
    setup.bar.show_replace()
    setup.find(r"(\w+) (?<second>\w+)", regex=True)
    assert setup.label() == "1 of 3"
    setup.bar.replace_edit.setText(r"\g<second>-\1 [\0]")
    assert setup.bar.replace_all() == 3
    assert setup.editor.toPlainText() == ("Beta-Alpha [Alpha Beta]\nDelta-Gamma [Gamma Delta]\n"
                                          "港口-青岛 [青岛 港口]")


def test_regex_may_span_lines(setup: Setup) -> None:
    setup.find(r"road\.\n青岛", regex=True)
    assert setup.label() == "1 of 1"
    assert setup.selected() == "road.\u2029青岛"


def test_missing_group_is_reported_not_raised(setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find(r"(pier)", regex=True)
    setup.bar.replace_edit.setText(r"\2")
    assert setup.bar.replace_all() == 0
    assert not setup.bar.replace_one()
    assert "No group 2" in setup.label()
    assert setup.editor.toPlainText() == TEXT


def test_invalid_regex_shows_the_error_and_finds_nothing(setup: Setup) -> None:
    setup.put_cursor(2)
    setup.find("pier(", regex=True)
    assert setup.label().startswith("Invalid pattern: ")
    assert "d32f2f" in setup.bar.status_label.styleSheet()
    assert not setup.bar.find_next()
    assert not setup.bar.find_previous()
    assert not setup.bar.replace_one()
    assert setup.bar.replace_all() == 0
    assert setup.selection() == (2, 2)
    assert setup.editor.extraSelections() == []
    assert setup.editor.toPlainText() == TEXT
    setup.bar.regex_button.setChecked(False)  # the same text, literally: not there
    assert setup.label() == "No matches"
    assert "d32f2f" not in setup.bar.status_label.styleSheet()


def test_replace_one(setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find("pier", words=True)
    setup.bar.replace_edit.setText("jetty")
    cursor = setup.editor.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(10, QTextCursor.MoveMode.KeepAnchor)
    setup.editor.setTextCursor(cursor)  # "pier a" starts with a match but is none
    assert not setup.bar.replace_one()
    assert setup.selected() == "PIER"  # only moved on, to the next match
    setup.put_cursor(0)  # not on a match: the first press only goes to one
    assert not setup.bar.replace_one()
    assert setup.selected() == "pier"
    assert setup.editor.toPlainText() == TEXT
    assert setup.bar.replace_one()
    assert setup.editor.toPlainText().startswith("The jetty at 青岛")
    assert (setup.selected(), setup.label()) == ("PIER", "1 of 3")
    setup.editor.undo()
    assert setup.editor.toPlainText() == TEXT


def test_replace_one_with_enter_and_a_replacement_that_contains_the_match(
        qtbot: QtBot, setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find("pier", case=True)
    setup.bar.replace_edit.setText("piers")
    for _ in range(4):
        qtbot.keyClick(setup.bar.replace_edit, Qt.Key.Key_Return)
    assert setup.editor.toPlainText() == TEXT.replace("pier", "piers")


def test_replace_all_is_one_undo_step(setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find("pier")
    setup.bar.replace_edit.setText("jetty")
    assert setup.bar.replace_all() == 6
    assert setup.editor.toPlainText() == (
        "The jetty at 青岛 is long 😀. jettys line the jetty road.\n"
        "青岛 has a jetty; the jettys of 青岛 are busy 🎉.\n"
        "Last line: jetty.")
    assert setup.label() == "Replaced 6"
    setup.editor.undo()
    assert setup.editor.toPlainText() == TEXT
    assert not setup.editor.document().isUndoAvailable()
    setup.editor.redo()
    assert setup.editor.toPlainText().count("jetty") == 6


def test_replace_chinese(setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find("青岛")
    setup.bar.replace_edit.setText("Qingdao")
    assert setup.bar.replace_all() == 3
    assert setup.editor.toPlainText() == TEXT.replace("青岛", "Qingdao")
    assert setup.painted() == []
    setup.bar.find_edit.setText("😀")
    setup.bar.replace_edit.setText("")
    assert setup.bar.replace_all() == 1
    assert setup.editor.toPlainText() == TEXT.replace("青岛", "Qingdao").replace("😀", "")
    setup.editor.undo()
    setup.editor.undo()
    assert setup.editor.toPlainText() == TEXT


def test_zero_width_matches(setup: Setup) -> None:
    setup.bar.show_replace()
    setup.find("^", regex=True)
    assert setup.label() == "1 of 3"
    setup.bar.find_next()
    assert setup.label() == "2 of 3"
    setup.bar.replace_edit.setText("> ")
    assert setup.bar.replace_all() == 3
    assert setup.editor.toPlainText() == "> " + TEXT.replace("\n", "\n> ")


def test_many_matches_are_capped(qtbot: QtBot, setup: Setup,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(find_replace, "MATCH_LIMIT", 100)
    monkeypatch.setattr(find_replace, "HIGHLIGHT_LIMIT", 10)
    setup.editor.setPlainText("pier\n" * 400)
    setup.find("pier")
    assert setup.label() == "1 of 100+"
    assert setup.painted_starts() == [*range(0, 50, 5), 0]  # ten in view, and the current
    bar = setup.editor.verticalScrollBar()
    bar.setValue(bar.maximum())  # far beyond the matches counted
    qtbot.waitUntil(lambda: setup.painted_starts()[0] > 1500)
    assert setup.label() == "1 of 100+"
    starts = setup.painted_starts()
    assert (len(starts), starts[-1]) == (11, 0)  # ten in view and the current, at the top
    assert starts[:10] == list(range(starts[0], starts[0] + 50, 5))
    assert setup.bar.find_previous()  # wraps to the very last one
    assert setup.label() == "400 of 400"
    assert setup.selection() == (1995, 1999)
    setup.bar.show_replace()
    setup.bar.replace_edit.setText("jetty")
    assert setup.bar.replace_all() == 400
    assert setup.editor.toPlainText() == "jetty\n" * 400
    setup.editor.undo()
    assert setup.editor.toPlainText() == "pier\n" * 400


def test_highlights_are_only_those_in_view(setup: Setup) -> None:
    setup.editor.setPlainText("road\n" * 2_000)
    setup.find("road")
    assert setup.label() == "1 of 2,000"
    starts = setup.painted_starts()
    assert 5 < len(starts) < 100
    assert starts[:3] == [0, 5, 10]
    setup.bar.close_bar()
    assert setup.editor.extraSelections() == []
