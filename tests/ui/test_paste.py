"""Paste into the editor: HTML from Word or a web page becomes Markdown, plain stays plain."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from pytestqt.qtbot import QtBot

from editor.ui.markdown_edit import PASTE_IN_BACKGROUND, MarkdownEdit

CLIPBOARD = Path(__file__).resolve().parents[1] / "core" / "clipboard"


@pytest.fixture
def editor(qtbot: QtBot) -> MarkdownEdit:
    widget = MarkdownEdit()
    qtbot.addWidget(widget)
    return widget


def _mime(html: str | None, text: str) -> QMimeData:
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    data.setText(text)
    return data


@pytest.mark.parametrize("sample", ["word.html", "libreoffice.html", "browser.html"])
def test_office_and_web_html_becomes_markdown(editor: MarkdownEdit, sample: str) -> None:
    html = (CLIPBOARD / sample).read_text(encoding="utf-8")
    editor.load_text("Before\n\n")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertFromMimeData(_mime(html, "the plain version"))
    body = editor.toPlainText()
    assert "## " in body and "\n- " in body and "**" in body
    assert "mso" not in body and "<" not in body and "the plain version" not in body
    editor.undo()  # the whole paste is one step of undo
    assert editor.toPlainText() == "Before\n\n"


def test_plain_text_stays_plain(editor: MarkdownEdit) -> None:
    editor.insertFromMimeData(_mime(None, "**not** <b>converted</b>"))
    assert editor.toPlainText() == "**not** <b>converted</b>"
    editor.clear()
    editor.insertFromMimeData(_mime('<span style="white-space:pre">x = 1</span>', "x = 1"))
    assert editor.toPlainText() == "x = 1"  # code editors' styled spans: the text is better


def test_copying_from_the_editor_gives_markdown_only(editor: MarkdownEdit) -> None:
    editor.load_text("## Heading\n\n- item")
    editor.selectAll()
    data = editor.createMimeDataFromSelection()
    assert not data.hasHtml()
    assert data.text() == "## Heading\n\n- item"


def test_a_large_paste_is_converted_in_the_background(editor: MarkdownEdit,
                                                      qtbot: QtBot) -> None:
    paragraph = "<p>Ferries leave <b>Qingdao</b> for <a href='https://x.example'>Huangdao</a>.</p>"
    html = "<html><body>" + paragraph * (PASTE_IN_BACKGROUND // len(paragraph) + 50) + "</body>"
    assert len(html) > PASTE_IN_BACKGROUND
    with qtbot.waitSignal(editor.paste_finished, timeout=60_000):
        editor.insertFromMimeData(_mime(html, "plain"))
        assert editor.paste_pending and editor.isReadOnly()  # typing waits, the window does not
    assert not editor.isReadOnly()
    body = editor.toPlainText()
    assert body.count("**Qingdao**") == PASTE_IN_BACKGROUND // len(paragraph) + 50
    assert "[Huangdao](https://x.example)" in body
