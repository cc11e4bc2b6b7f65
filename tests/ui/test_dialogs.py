"""The export and categories dialogs, driven as a person would."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from editor.portal.checker import check_bundle
from editor.ui.dialogs.categories_dialog import CategoriesDialog, CategoryForm
from editor.ui.dialogs.export_dialog import ExportDialog
from editor.ui.dialogs.history_dialog import HistoryDialog
from tests.ui.conftest import WindowFactory, answer_next_message_box


def _when_dialog_opens(kind: type, act) -> list[object]:
    """Run `act(dialog)` on the next modal dialog of type `kind`."""
    seen: list[object] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog not in seen:
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def test_export_from_the_window(qtbot: QtBot, open_window: WindowFactory,
                                tmp_path: Path) -> None:
    window = open_window(add_demo=True, preview=False)
    target = tmp_path / "out 青岛" / "bundle"
    messages: list[list[str]] = []

    def export(dialog: ExportDialog) -> None:
        assert not dialog.problem_list.isVisible()
        dialog.target_edit.setText(str(target))
        messages.append(answer_next_message_box(QMessageBox.StandardButton.Close))
        dialog.export_button.click()

    seen = _when_dialog_opens(ExportDialog, export)
    window.export_action.trigger()
    assert seen
    assert messages and messages[0] and messages[0][0].startswith("Exported 3 article(s)")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["articles"]) == 3
    assert check_bundle(target) == []


def test_export_dialog_lists_problems(qtbot: QtBot, open_window: WindowFactory,
                                      tmp_path: Path) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    qtbot.keyClicks(window.form.title_edit, "Needs a category")
    status = window.form.status_choice
    status.setCurrentIndex(status.findData("approved"))
    window.save_action.trigger()
    problems: list[str] = []

    def inspect(dialog: ExportDialog) -> None:
        problems.extend(dialog.problem_list.item(i).text()
                        for i in range(dialog.problem_list.count()))
        problems.append(f"enabled={dialog.export_button.isEnabled()}")
        dialog.reject()

    _when_dialog_opens(ExportDialog, inspect)
    window.export_action.trigger()
    assert problems == ["Needs a category: no category is chosen", "enabled=False"]


def test_zip_choice_changes_the_target(qtbot: QtBot, open_window: WindowFactory,
                                       tmp_path: Path) -> None:
    window = open_window(preview=False)
    dialog = ExportDialog(window._exporter, tmp_path, window)
    qtbot.addWidget(dialog)
    dialog.as_zip.setChecked(True)
    assert dialog.target() == tmp_path / "portal-bundle.zip"
    dialog.as_folder.setChecked(True)
    assert dialog.target() == tmp_path / "portal-bundle"


def test_add_a_category_through_the_dialog(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(preview=False)

    def fill_form(form: CategoryForm) -> None:
        form.section_choice.setCurrentText("Visit")
        form.name_edit.setText("Beaches")
        form.accept()

    def use(dialog: CategoriesDialog) -> None:
        _when_dialog_opens(CategoryForm, fill_form)
        dialog.add_button.click()
        dialog.reject()

    _when_dialog_opens(CategoriesDialog, use)
    window.categories_action.trigger()
    labels = [window.form.category_choice.itemText(i)
              for i in range(window.form.category_choice.count())]
    assert "Visit › Beaches" in labels


def test_removing_a_used_category_is_refused(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(add_demo=True, preview=False)
    warnings: list[list[str]] = []

    def use(dialog: CategoriesDialog) -> None:
        item = dialog.tree.topLevelItem(0).child(0)
        dialog.tree.setCurrentItem(item)
        warnings.append(answer_next_message_box(QMessageBox.StandardButton.Yes,
                                                QMessageBox.StandardButton.Ok))
        dialog.remove_button.click()
        dialog.reject()

    seen = _when_dialog_opens(CategoriesDialog, use)
    window.categories_action.trigger()
    assert seen and isinstance(seen[0], QDialog)
    assert warnings and warnings[0][0].startswith("Remove Business › Business News")
    assert "still has 1 article" in warnings[0][1]
    assert window.form.category_choice.count() == 6  # the five, plus "(choose a category)"


def test_delta_export_and_history_from_the_window(qtbot: QtBot, open_window: WindowFactory,
                                                  tmp_path: Path) -> None:
    window = open_window(add_demo=True, preview=False)
    first = tmp_path / "first"

    def export_to(target: Path, *, delta: bool) -> list[list[str]]:
        messages: list[list[str]] = []

        def act(dialog: ExportDialog) -> None:
            assert dialog.delta.isEnabled() == delta
            (dialog.delta if delta else dialog.full).setChecked(True)
            dialog.target_edit.setText(str(target))
            messages.append(answer_next_message_box(QMessageBox.StandardButton.Close))
            dialog.export_button.click()

        _when_dialog_opens(ExportDialog, act)
        window.export_action.trigger()
        return messages

    assert export_to(first, delta=False)[0][0].startswith("Exported 3 article(s) to")
    statuses = {window.list_panel.model.index(r, 2).data()
                for r in range(window.list_panel.model.rowCount())}
    assert "Approved" not in statuses  # exported articles are published now
    port = next(s.id for s in window._articles.summaries() if s.title.startswith("Qingdao Port"))
    assert window.open_article(port)
    assert window.current_article().status.value == "published"
    window.form.summary_edit.setPlainText("A new summary, so the article changed.")
    window.save_action.trigger()
    assert export_to(tmp_path / "second", delta=True)[0][0] == (
        f"Exported 1 article(s) changed since the last export to {tmp_path / 'second'}")
    assert check_bundle(tmp_path / "second") == []

    rows: list[int] = []
    _when_dialog_opens(HistoryDialog, lambda d: (rows.append(d.table.rowCount()), d.reject()))
    window.history_action.trigger()
    assert rows == [2]


def test_a_problem_leads_to_its_article(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window(preview=False)
    window.new_action.trigger()
    broken = window.current_article().id
    qtbot.keyClicks(window.form.title_edit, "No source")
    window.form.category_choice.setCurrentIndex(1)
    window.form.source_edit.clear()
    window.form.status_choice.setCurrentIndex(window.form.status_choice.findData("approved"))
    window.new_action.trigger()
    assert window.current_article().id != broken

    def choose(dialog: ExportDialog) -> None:
        dialog.problem_list.setCurrentRow(0)
        dialog.problem_list.itemActivated.emit(dialog.problem_list.item(0))

    _when_dialog_opens(ExportDialog, choose)
    window.export_action.trigger()
    assert window.current_article().id == broken
    assert window.focusWidget() is window.form.source_edit


def test_cancel_from_the_progress_dialog(qtbot: QtBot, open_window: WindowFactory,
                                         db_url: str, tmp_path: Path) -> None:
    from benchmarks.corpus import write_markdown_files
    from PySide6.QtWidgets import QProgressDialog

    from editor.cli import main

    files = write_markdown_files(tmp_path / "corpus", 450, seed=11)
    assert main(["--db", db_url, "import", "--status", "approved", *map(str, files)]) == 0
    window = open_window(db_url, preview=False)
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "bundle.zip"
    cancelled: list[str] = []
    told: list[list[str]] = []

    def cancel_when_shown() -> None:
        progress = next((w for w in QApplication.topLevelWidgets()
                         if isinstance(w, QProgressDialog) and w.isVisible()), None)
        if progress is None or progress.value() < 1:
            QTimer.singleShot(10, cancel_when_shown)
            return
        cancelled.append(progress.labelText())
        told.append(answer_next_message_box(QMessageBox.StandardButton.Ok))
        progress.cancel()

    def act(dialog: ExportDialog) -> None:
        dialog.as_zip.setChecked(True)
        dialog.target_edit.setText(str(target))
        QTimer.singleShot(0, cancel_when_shown)
        dialog.export_button.click()
        dialog.reject()

    _when_dialog_opens(ExportDialog, act)
    window.export_action.trigger()
    assert cancelled, "the progress dialog never showed"
    assert told and told[0] == ["The export was cancelled; nothing was written."]
    assert list(out.iterdir()) == []  # no bundle, no partial file, no staging folder
    assert window._exporter.history() == []
