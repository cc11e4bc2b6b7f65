"""The main window: article list, the article's fields, the Markdown editor and the preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.article import Article, ArticleSummary, Category
from editor.core.text import word_count
from editor.services.articles import ArticleService, ConflictError, NotFoundError
from editor.services.categories import CategoryService
from editor.services.export import ExportService
from editor.services.preview import PreviewRenderer
from editor.ui.article_list import ArticleListPanel
from editor.ui.dialogs.categories_dialog import CategoriesDialog
from editor.ui.dialogs.export_dialog import ExportDialog
from editor.ui.dialogs.history_dialog import HistoryDialog
from editor.ui.find_replace import FindReplaceBar
from editor.ui.format_toolbar import FormatToolbar
from editor.ui.markdown_edit import MarkdownEdit
from editor.ui.metadata_form import ArticleForm
from editor.ui.outline import OutlinePanel

APP_TITLE = "Portal Editor"
AUTOSAVE_MS = 2000
READING_SPEED = 230  # words (or Chinese characters) a minute


class MainWindow(QMainWindow):
    """Wires the panels to the services; the panels themselves know nothing of each other."""

    article_saved = Signal(str)

    def __init__(self, articles: ArticleService, exporter: ExportService,
                 categories: CategoryService, database_label: str,
                 preview_folder: Path | None = None) -> None:
        super().__init__()
        self._preview_folder = preview_folder
        self._articles = articles
        self._exporter = exporter
        self._category_service = categories
        self._categories: dict[int, Category] = {}
        self._article: Article | None = None
        self._dirty = False
        self._loading = False
        self.preview = None  # the web view starts after the first frame is painted
        self.preview_pane = None
        self.preview_controller = None
        self._renderer: PreviewRenderer | None = None

        self.list_panel = ArticleListPanel()
        self.form = ArticleForm()
        self.editor = MarkdownEdit()
        self._preview_slot = QWidget()
        QVBoxLayout(self._preview_slot).setContentsMargins(0, 0, 0, 0)
        self._build_layout()
        self._build_actions()
        self.word_label = QLabel()
        self.database_label = QLabel(database_label)
        self.statusBar().addPermanentWidget(self.word_label)
        self.statusBar().addPermanentWidget(self.database_label)

        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave)
        self.list_panel.article_selected.connect(self._on_article_selected)
        self.form.edited.connect(self._on_edited)
        self.editor.textChanged.connect(self._on_edited)
        self.outline.heading_chosen.connect(self._on_heading_chosen)
        self.resize(1500, 900)
        self.reload()

    # -- building -------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.format_toolbar = FormatToolbar(self.editor)
        self.find_bar = FindReplaceBar(self.editor)
        writing = QWidget()
        column = QVBoxLayout(writing)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.format_toolbar)
        column.addWidget(self.editor, 1)
        column.addWidget(self.find_bar)
        editing = QSplitter(Qt.Orientation.Horizontal)
        editing.addWidget(writing)
        editing.addWidget(self._preview_slot)
        editing.setSizes([600, 600])
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.form)
        column.addWidget(editing, 1)
        self.outline = OutlinePanel()
        outline_box = QWidget()
        outline_column = QVBoxLayout(outline_box)
        outline_column.setContentsMargins(0, 4, 0, 0)
        outline_title = QLabel("<b>Outline</b>")
        outline_title.setBuddy(self.outline)
        outline_column.addWidget(outline_title)
        outline_column.addWidget(self.outline)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.list_panel)
        left.addWidget(outline_box)
        left.setSizes([620, 200])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 840])
        self.setCentralWidget(self.splitter)
        self._editing_widgets = (self.form, self.editor, self.format_toolbar)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("&New article", self.new_article,
                                       QKeySequence.StandardKey.New, "Start a new draft")
        self.save_action = self._action("&Save", self.save_current, QKeySequence.StandardKey.Save,
                                        "Save the article now (it also saves by itself)")
        self.delete_action = self._action("&Delete…", self.delete_current, None,
                                          "Move the article to the archive")
        self.export_action = self._action("&Export…", self.export_bundle, "Ctrl+E",
                                          "Write the approved and published articles as a bundle")
        self.history_action = self._action("Export &history…", self.show_history, None,
                                           "Every bundle written from this database")
        self.categories_action = self._action("&Categories…", self.edit_categories, None,
                                              "Add, rename or remove sections and categories")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        undo = self._action("&Undo", self.editor.undo, QKeySequence.StandardKey.Undo)
        redo = self._action("&Redo", self.editor.redo, QKeySequence.StandardKey.Redo)
        self.editor.undoAvailable.connect(undo.setEnabled)
        self.editor.redoAvailable.connect(redo.setEnabled)
        undo.setEnabled(False)
        redo.setEnabled(False)
        undo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        redo.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.editor.addActions([undo, redo])
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete),
                               self.list_panel.table, self.delete_current)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.new_action, self.save_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_action, self.history_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.find_actions = [
            self._action("&Find…", self.find_bar.show_find, QKeySequence.StandardKey.Find),
            self._action("&Replace…", self.find_bar.show_replace, "Ctrl+H"),
            self._action("Find &next", self.find_bar.find_next,
                         QKeySequence.StandardKey.FindNext),
            self._action("Find pre&vious", self.find_bar.find_previous,
                         QKeySequence.StandardKey.FindPrevious),
        ]
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        edit_menu.addActions(self.find_actions)
        edit_menu.addSeparator()
        edit_menu.addAction(self.categories_action)
        article_menu = self.menuBar().addMenu("&Article")
        article_menu.addAction(self.delete_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.new_action, self.save_action, self.delete_action])
        toolbar.addSeparator()
        toolbar.addAction(self.export_action)

    def start_preview(self) -> None:
        """Create the web preview; called once the window has been painted."""
        if self.preview is not None:
            return
        from editor.ui.preview import PreviewController, PreviewView
        from editor.ui.preview_pane import PreviewPane

        self.preview = PreviewView()
        self.preview_pane = PreviewPane(self.preview, self.editor)
        self._preview_slot.layout().addWidget(self.preview_pane)
        self.preview_controller = PreviewController(self.preview, self._preview_renderer())
        if self._article is not None:
            self.preview_controller.show_article(self._working_article(), immediately=True)

    # -- state ----------------------------------------------------------------------------

    def _preview_renderer(self) -> PreviewRenderer:
        if self._renderer is None:
            self._renderer = PreviewRenderer(self._articles.site_settings(),
                                             list(self._categories.values()),
                                             self._preview_folder, self._articles.media)
        return self._renderer

    def reload(self) -> None:
        """Read categories and the article list again from the database."""
        categories = self._articles.categories()
        self._categories = {c.id: c for c in categories}
        self._renderer = None
        if self.preview_controller is not None:
            self.preview_controller.set_renderer(self._preview_renderer())
        self.form.set_categories(categories)
        self.list_panel.model.set_rows(self._articles.summaries())
        self._set_editing_enabled(self._article is not None)
        self._update_title()

    def current_article(self) -> Article | None:
        return self._working_article() if self._article is not None else None

    def is_dirty(self) -> bool:
        return self._dirty

    def _working_article(self) -> Article:
        assert self._article is not None
        return self.form.apply_to(self._article).copy(body=self.editor.toPlainText())

    def _summary(self, article: Article) -> ArticleSummary:
        category = self._categories.get(article.category_id) if article.category_id else None
        assert article.updated is not None
        return ArticleSummary(id=article.id, title=article.title, slug=article.slug,
                              category=category.label if category else "",
                              status=article.status, date=article.date,
                              updated=article.updated, revision=article.revision)

    def _set_editing_enabled(self, enabled: bool) -> None:
        for widget in self._editing_widgets:
            widget.setEnabled(enabled)
        for action in getattr(self, "find_actions", ()):
            action.setEnabled(enabled)
        if not enabled:
            self.find_bar.close_bar()
        self.save_action.setEnabled(enabled)
        self.delete_action.setEnabled(enabled)

    def _update_title(self) -> None:
        title = (self._article.title or "(untitled)") if self._article else ""
        self.setWindowTitle(f"{title}[*] — {APP_TITLE}" if title else APP_TITLE)
        self.setWindowModified(self._dirty)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        if self._article is not None:
            self.list_panel.model.set_unsaved(self._article.id, dirty)
        self._update_title()

    # -- opening and saving ---------------------------------------------------------------

    def open_article(self, article_id: str) -> bool:
        """Save the open article if needed, then show `article_id`."""
        if self._article is not None and self._article.id == article_id:
            return True
        if not self.save_current():
            return False
        try:
            article = self._articles.get(article_id)
        except NotFoundError:
            QMessageBox.warning(self, APP_TITLE, "That article no longer exists.")
            self.reload()
            return False
        self._loading = True
        try:
            self._article = article
            self.form.load(article)
            self.editor.load_text(article.body)
        finally:
            self._loading = False
        self._set_dirty(False)
        self._set_editing_enabled(True)
        self.list_panel.select(article_id)
        self._update_words()
        self.outline.show_text(article.body, at_once=True)
        if self.preview_controller is not None:
            self.preview_controller.show_article(article, immediately=True)
        return True

    def save_current(self) -> bool:
        """Store the open article if it has unsaved changes; False if that failed."""
        self._autosave.stop()
        if self._article is None or not self._dirty:
            return True
        working = self._working_article()
        try:
            saved = self._articles.save(working)
        except ConflictError as exc:
            QMessageBox.warning(self, "Not saved", f"{exc}.\n\nYour text stays in the editor; "
                                "copy it somewhere safe before opening the article again.")
            return False
        except Exception as exc:  # the text must never be dropped: report, keep it, go on
            QMessageBox.critical(self, "Not saved", f"The article could not be saved:\n{exc}\n\n"
                                 "Your text stays in the editor.")
            return False
        self._article = saved.copy(body=working.body)
        self.list_panel.model.update_row(self._summary(saved))
        self._set_dirty(False)
        self.statusBar().showMessage(f"Saved “{saved.title or '(untitled)'}”", 3000)
        self.article_saved.emit(saved.id)
        return True

    def new_article(self) -> None:
        if not self.save_current():
            return
        category = self._article.category_id if self._article else None
        article = self._articles.create(category_id=category)
        self.list_panel.model.update_row(self._summary(article))
        self.open_article(article.id)
        self.form.title_edit.setFocus()

    def delete_current(self) -> None:
        if self._article is None:
            return
        title = self.form.title_edit.text() or "(untitled)"
        answer = QMessageBox.question(
            self, "Delete article",
            f"Move “{title}” to the archive?\n\nArchived articles leave every export; they "
            "stay in the database and can be brought back by changing their status.")
        if answer != QMessageBox.StandardButton.Yes or not self.save_current():
            return
        archived = self._articles.archive(self._article.id)
        self.list_panel.model.update_row(self._summary(archived))
        self._article = None
        self._loading = True
        self.editor.load_text("")
        self._loading = False
        self._set_editing_enabled(False)
        self._update_title()
        if self.preview_controller is not None:
            self.preview_controller.show_nothing()

    def export_bundle(self) -> None:
        if not self.save_current():
            return
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        dialog = ExportDialog(self._exporter, Path(documents or Path.home()), self)
        dialog.problem_chosen.connect(self.show_problem)
        dialog.exec()
        if dialog.result_info is not None:
            self.reload()  # exported articles are published now

    def show_history(self) -> None:
        HistoryDialog(self._exporter.history(), self).exec()

    def show_problem(self, article_id: str, field: str) -> None:
        """Open the article that stops the export, at the field that needs fixing."""
        if not self.open_article(article_id):
            return
        widgets = {"title": self.form.title_edit, "category": self.form.category_choice,
                   "date": self.form.date_edit, "source": self.form.source_edit,
                   "language": self.form.language_choice}
        widgets.get(field, self.editor).setFocus()
        self.statusBar().showMessage("Fix this article, then export again.", 5000)

    def edit_categories(self) -> None:
        if not self.save_current():
            return
        dialog = CategoriesDialog(self._category_service, self)
        dialog.exec()
        if dialog.changed:
            self.reload()
            if self._article is not None:
                self._loading = True
                self.form.load(self._article)
                self._loading = False

    # -- slots ----------------------------------------------------------------------------

    def _on_article_selected(self, article_id: str) -> None:
        if not self.open_article(article_id) and self._article is not None:
            self.list_panel.select(self._article.id)

    def _on_edited(self) -> None:
        if self._loading or self._article is None:
            return
        self._set_dirty(True)
        self._autosave.start()
        self._update_words()
        self.outline.show_text(self.editor.toPlainText())
        if self.preview_controller is not None:
            self.preview_controller.show_article(self._working_article())

    def _on_heading_chosen(self, line: int) -> None:
        block = self.editor.document().findBlockByNumber(line)
        cursor = self.editor.textCursor()
        cursor.setPosition(block.position())
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    def _on_autosave(self) -> None:
        if self._dirty:
            self.save_current()

    def _update_words(self) -> None:
        text = self.editor.toPlainText()
        words = word_count(text)
        minutes = max(1, round(words / READING_SPEED)) if words else 0
        self.word_label.setText(f"{words:,} words · {len(text):,} characters · "
                                f"{minutes} min read")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.save_current():
            event.accept()
            return
        answer = QMessageBox.question(
            self, "Close without saving?",
            "The open article could not be saved. Close anyway and lose the latest changes?",
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Close:
            event.accept()
        else:
            event.ignore()
