"""Composition root: opens the database, builds the services and the window, runs Qt."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import __version__
from editor.paths import cache_dir, database_url
from editor.services.articles import ArticleService
from editor.services.categories import CategoryService
from editor.services.demo import add_demo_articles
from editor.services.export import ExportService
from editor.store.database import Database, StoreError, open_database
from editor.ui.main_window import MainWindow

ICON = os.path.join(os.path.dirname(__file__), "resources", "portal-editor.svg")


def prepare_qt() -> None:
    """What Qt needs before the QApplication exists (QtWebEngine shares GL contexts)."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox cannot run as root; the preview runs no scripts anyway.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def build_window(database: Database, *, add_demo: bool) -> MainWindow:
    """The main window on `database`; a new default database first gets the demo articles."""
    if add_demo:
        add_demo_articles(database)
    articles = ArticleService(database)
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    preview_folder = Path(tempfile.mkdtemp(prefix="preview-", dir=cache))
    window = MainWindow(articles, ExportService(database), CategoryService(database),
                        database.location, preview_folder)
    window.destroyed.connect(lambda: shutil.rmtree(preview_folder, ignore_errors=True))
    summaries = articles.summaries()
    if summaries:
        window.open_article(summaries[0].id)
    return window


def open_for_window(db_option: str | None) -> tuple[Database, bool]:
    """The database the window opens, and whether it should get the demo articles: only a
    default database that the window itself has just created does."""
    url, is_default = database_url(db_option)
    database = open_database(url)
    return database, is_default and database.created


def run_window(db_option: str | None, argv: Sequence[str] | None = None, *,
               on_shown: Callable[[MainWindow], None] | None = None) -> int:
    """Open the window and run Qt until it closes; `on_shown` lets benchmarks watch it."""
    prepare_qt()
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("Portal Editor")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("portal-editor")
    if os.path.exists(ICON):
        app.setWindowIcon(QIcon(ICON))
    try:
        database, add_demo = open_for_window(db_option)
    except StoreError as exc:
        QMessageBox.critical(None, "Portal Editor: cannot open the database", str(exc))
        print(f"portal-editor: error: {exc}", file=sys.stderr)
        return 1
    window = build_window(database, add_demo=add_demo)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # pages go before the profile
    window.show()
    QTimer.singleShot(0, window.start_preview)
    if on_shown is not None:
        on_shown(window)
    try:
        return app.exec()
    finally:
        database.close()


def main() -> int:
    """Open the window on the database chosen by $PORTAL_EDITOR_DB or the default."""
    return run_window(None)
