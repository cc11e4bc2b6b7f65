"""The whole loop in the window: write an article, see it in the preview, save, reopen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.app import open_for_window
from editor.core.article import Status
from editor.services.articles import ArticleService
from editor.store.database import open_database
from tests.ui.conftest import (
    WindowFactory,
    answer_next_message_box,
    type_text,
    wait_for_preview,
)

BODY = ("Visitors to Zhanqiao Pier (栈桥) can now join free walking tours.\n\n"
        "## How to join\n\n- Meet at the pier gate\n- Ask for Li Na (李娜)\n")
#: What a person types for BODY: Enter continues the list, Enter on an empty item ends it.
TYPED = ("Visitors to Zhanqiao Pier (栈桥) can now join free walking tours.\n\n"
         "## How to join\n\n- Meet at the pier gate\nAsk for Li Na (李娜)\n\n")


def _choose_category(window, label: str) -> None:
    choice = window.form.category_choice
    index = choice.findText(label)
    assert index > 0, f"no category {label}"
    choice.setCurrentIndex(index)


def test_write_preview_save_and_reopen(qtbot: QtBot, open_window: WindowFactory,
                                       db_url: str) -> None:
    window = open_window()
    assert window.list_panel.model.rowCount() == 0
    window.new_action.trigger()
    qtbot.keyClicks(window.form.title_edit, "Free Walking Tours at Zhanqiao Pier")
    _choose_category(window, "Visit › Entrance tickets")
    window.form.author_edit.setFocus()
    qtbot.keyClicks(window.form.author_edit, "Yuanyu")
    qtbot.keyClicks(window.form.summary_edit, "Guided walks start every Saturday.")
    window.editor.setFocus()
    type_text(qtbot, window.editor, TYPED)

    assert window.is_dirty()
    assert window.isWindowModified()
    row = window.list_panel.model.row_of(window.current_article().id)
    assert window.list_panel.model.index(row, 0).data().startswith("● ")

    wait_for_preview(qtbot, window, "Visitors to Zhanqiao Pier (栈桥)")
    wait_for_preview(qtbot, window, "Free Walking Tours at Zhanqiao Pier", ".article-title")
    wait_for_preview(qtbot, window, "(By Yuanyu)", ".article-credit")
    wait_for_preview(qtbot, window, "Visit", ".breadcrumb")

    window.save_action.trigger()
    assert not window.is_dirty()
    assert not window.isWindowModified()
    saved = window.current_article()
    window.close()

    reopened = open_window(db_url)
    assert reopened.list_panel.model.rowCount() == 1
    article = reopened.current_article()
    assert article is not None
    assert article.id == saved.id
    assert article.title == "Free Walking Tours at Zhanqiao Pier"
    assert article.body == BODY
    assert article.author == "Yuanyu"
    assert article.summary == "Guided walks start every Saturday."
    assert article.source == "iqingdao"
    assert article.status is Status.DRAFT
    assert reopened.form.category_choice.currentText() == "Visit › Entrance tickets"
    wait_for_preview(qtbot, reopened, "Ask for Li Na (李娜)")


def test_standard_shortcuts(open_window: WindowFactory) -> None:
    window = open_window(preview=False)
    assert window.new_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.save_action.shortcut() == QKeySequence("Ctrl+S")


def test_keyboard_shortcuts_create_and_save(qtbot: QtBot, open_window: WindowFactory,
                                            db_url: str) -> None:
    window = open_window(preview=False)
    # Keys sent to the window, as the platform delivers them, so that shortcuts apply.
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_article() is not None
    qtbot.keyClicks(window.editor, "Typed after Ctrl+N")
    assert window.is_dirty()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.is_dirty()
    stored = ArticleService(open_database(db_url)).get(window.current_article().id)
    assert stored.body == "Typed after Ctrl+N"


def test_switching_articles_saves_the_open_one(qtbot: QtBot, open_window: WindowFactory,
                                               db_url: str) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    first = window.current_article().id
    qtbot.keyClicks(window.form.title_edit, "First")
    window.new_action.trigger()
    second = window.current_article().id
    qtbot.keyClicks(window.editor, "unsaved words in the second")
    assert window.is_dirty()

    window.list_panel.select(first)
    assert window.current_article().id == first
    stored = ArticleService(open_database(db_url)).get(second)
    assert stored.body == "unsaved words in the second"
    assert not window.is_dirty()


def test_closing_the_window_saves(qtbot: QtBot, open_window: WindowFactory, db_url: str) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    article_id = window.current_article().id
    qtbot.keyClicks(window.editor, "written just before closing")
    assert window.close()
    stored = ArticleService(open_database(db_url)).get(article_id)
    assert stored.body == "written just before closing"


def test_autosave_after_a_pause(qtbot: QtBot, open_window: WindowFactory, db_url: str) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    article_id = window.current_article().id
    qtbot.keyClicks(window.editor, "autosaved text")
    service = ArticleService(open_database(db_url))
    qtbot.waitUntil(lambda: service.get(article_id).body == "autosaved text", timeout=5000)
    assert not window.is_dirty()


def test_delete_asks_then_archives(qtbot: QtBot, open_window: WindowFactory,
                                   db_url: str) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    qtbot.keyClicks(window.form.title_edit, "Short-lived")
    article_id = window.current_article().id

    texts = answer_next_message_box(QMessageBox.StandardButton.No)
    window.delete_action.trigger()
    assert texts and "archive" in texts[0]
    assert ArticleService(open_database(db_url)).get(article_id).status is Status.DRAFT

    answer_next_message_box(QMessageBox.StandardButton.Yes)
    window.delete_action.trigger()
    stored = ArticleService(open_database(db_url)).get(article_id)
    assert stored.status is Status.ARCHIVED
    assert stored.title == "Short-lived"
    assert window.current_article() is None
    assert window.list_panel.proxy.rowCount() == 0  # archived articles are hidden by default


def test_list_filters_and_sorts(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(add_demo=True, preview=False)
    panel = window.list_panel
    assert panel.proxy.rowCount() == 5
    qtbot.keyClicks(panel.filter_edit, "laoshan")
    assert panel.proxy.rowCount() == 1
    assert "Laoshan" in panel.proxy.index(0, 0).data()
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "culture figures")
    assert panel.proxy.rowCount() == 1
    panel.filter_edit.clear()
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    panel.status_choice.setCurrentIndex(panel.status_choice.findData("approved"))
    statuses = {panel.proxy.index(row, 2).data() for row in range(panel.proxy.rowCount())}
    assert statuses == {"Approved"}


def test_status_choice_reaches_the_database(qtbot: QtBot, open_window: WindowFactory,
                                            db_url: str) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    choice = window.form.status_choice
    choice.setCurrentIndex(choice.findData("approved"))
    window.save_action.trigger()
    stored = ArticleService(open_database(db_url)).get(window.current_article().id)
    assert stored.status is Status.APPROVED


def test_default_database_gets_demo_articles_once() -> None:
    database, add_demo = open_for_window(None)
    assert add_demo
    database.close()
    again, add_demo_again = open_for_window(None)
    assert not add_demo_again
    again.close()


def test_named_database_gets_no_demo_articles(db_url: str) -> None:
    database, add_demo = open_for_window(db_url)
    assert not add_demo
    assert ArticleService(database).summaries() == []
    database.close()


def test_delete_key_in_the_list_and_the_empty_preview(qtbot: QtBot, open_window: WindowFactory,
                                                      db_url: str) -> None:
    window = open_window()
    window.new_action.trigger()
    qtbot.keyClicks(window.editor, "Soon archived")
    wait_for_preview(qtbot, window, "Soon archived")
    article_id = window.current_article().id
    window.list_panel.table.setFocus()
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Delete)
    assert ArticleService(open_database(db_url)).get(article_id).status is Status.ARCHIVED
    wait_for_preview(qtbot, window, "Open or create an article", "body")
    window.editor.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Delete)  # in the editor: no archiving
    window.list_panel.status_choice.setCurrentIndex(
        window.list_panel.status_choice.findData("all"))
    assert window.list_panel.proxy.rowCount() == 1


def test_preview_shows_images_from_the_media_store(qtbot: QtBot, open_window: WindowFactory,
                                                   db_url: str, tmp_path: Path) -> None:
    from editor.cli import main
    from tests.conftest import tiny_png

    (tmp_path / "lantern.png").write_bytes(tiny_png())
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: Lanterns\ncategory: [Culture, Culture Figures]\n"
                      "date: 2024-02-03\nsource: iqingdao\n---\n\n"
                      "![Red lantern](lantern.png \"A lantern\")\n", encoding="utf-8")
    assert main(["--db", db_url, "import", str(source)]) == 0
    window = open_window(db_url)
    wait_for_preview(qtbot, window, "A lantern", "figcaption")

    def loaded() -> bool:  # the 1×1 image really came from the store, not a broken icon
        result: dict[str, object] = {}
        window.preview.run_script(
            "document.querySelector('figure img').naturalWidth",
            lambda value: result.setdefault("w", value))
        qtbot.waitUntil(lambda: "w" in result, timeout=10_000)
        return result["w"] == 1

    qtbot.waitUntil(loaded, timeout=10_000)


def test_status_bar_counts_english_words_and_chinese_characters(
        qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    window.editor.setPlainText("Visit Zhanqiao Pier (栈桥) in Qingdao (青岛).")
    assert window.word_label.text().startswith("9 words · 41 characters · 1 min read")
    window.editor.clear()
    assert window.word_label.text() == "0 words · 0 characters · 0 min read"


def test_the_formatting_toolbar_edits_the_open_article(qtbot: QtBot,
                                                      open_window: WindowFactory) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    window.editor.setPlainText("Laoshan")
    window.editor.selectAll()
    window.format_toolbar.actions_by_name["bold"].trigger()
    assert window.current_article().body == "**Laoshan**"
    assert window.is_dirty()


def test_outline_lists_headings_and_jumps_to_them(qtbot: QtBot,
                                                  open_window: WindowFactory) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    window.editor.setPlainText("Intro\n\n## Tickets\n\ntext\n\n```\n## not a heading\n```\n\n"
                               "### Buses 公交\n\nmore")
    qtbot.waitUntil(lambda: window.outline.count() == 2)
    assert [window.outline.item(i).text() for i in range(2)] == ["Tickets", "    Buses 公交"]
    window.outline.itemClicked.emit(window.outline.item(1))
    assert window.editor.textCursor().block().text() == "### Buses 公交"
    assert window.editor.hasFocus() or window.focusWidget() is window.editor


def _scroll_y(qtbot: QtBot, window) -> float:
    box: dict[str, object] = {}
    window.preview.run_script("window.scrollY", lambda value: box.setdefault("y", value))
    qtbot.waitUntil(lambda: "y" in box, timeout=10_000)
    return float(box["y"] or 0)


def test_phone_width_and_scrolling_along_with_the_editor(qtbot: QtBot,
                                                         open_window: WindowFactory) -> None:
    window = open_window()
    window.new_action.trigger()
    window.editor.setPlainText("\n\n".join(f"Paragraph {n} about Shinan." for n in range(300)))
    wait_for_preview(qtbot, window, "Paragraph 299 about Shinan.")
    assert window.preview.width() == window.preview_pane.width() > 390
    window.preview_pane.phone_action.trigger()
    assert window.preview.width() == 390

    def page_width() -> object:
        box: dict[str, object] = {}
        window.preview.run_script("window.innerWidth", lambda value: box.setdefault("w", value))
        qtbot.waitUntil(lambda: "w" in box, timeout=10_000)
        return box["w"]

    qtbot.waitUntil(lambda: page_width() == 390, timeout=10_000)  # the page reflows too
    window.preview_pane.desktop_action.trigger()
    # on a desktop the page fills the whole pane
    qtbot.waitUntil(lambda: window.preview.width() == window.preview_pane.width())
    bar = window.editor.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: _scroll_y(qtbot, window) > 1000, timeout=10_000)
    bar.setValue(0)
    qtbot.waitUntil(lambda: _scroll_y(qtbot, window) == 0, timeout=10_000)


def test_find_and_replace_from_the_edit_menu(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    window.editor.setPlainText("Laoshan tea, Laoshan water, Laoshan stone")
    window.editor.setFocus()
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.find_edit.setText("Laoshan")
    window.find_bar.replace_edit.setText("Mount Lao")
    assert window.find_bar.replace_all() == 3
    assert window.current_article().body == "Mount Lao tea, Mount Lao water, Mount Lao stone"
    window.editor.undo()
    assert window.editor.toPlainText() == "Laoshan tea, Laoshan water, Laoshan stone"
