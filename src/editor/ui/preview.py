"""The live preview: the article as its portal page, rendered off the GUI thread."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.core.article import Article
from editor.services.preview import PreviewPage, PreviewRenderer

DEBOUNCE_MS = 120
EMPTY_PAGE = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Preview</title>"
              "</head><body style='font:15px sans-serif;color:#7b8794;display:flex;"
              "align-items:center;justify-content:center;height:90vh'>"
              "<p>Open or create an article to see its page here.</p></body></html>")
LOCAL_SCHEMES = frozenset({"file", "data", "qrc", "about"})


class _LocalOnly(QWebEngineUrlRequestInterceptor):
    """The preview loads nothing from the network."""

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        if info.requestUrl().scheme() not in LOCAL_SCHEMES:
            info.block(True)


class _PreviewPage(QWebEnginePage):
    """Links open in the system browser; the preview itself never navigates away."""

    def acceptNavigationRequest(self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType,
                                is_main_frame: bool) -> bool:
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            target = QUrl(url)
            if target.scheme() in ("http", "https", "mailto", "tel"):
                QDesktopServices.openUrl(target)
            return False
        return super().acceptNavigationRequest(url, nav_type, is_main_frame)


PROFILE_NAME = "portal-editor-preview"


def preview_profile() -> QWebEngineProfile:
    """The preview's off-the-record profile (nothing kept on disk), owned by the application
    so that it outlives every page that uses it."""
    app = QCoreApplication.instance()
    profile = app.findChild(QWebEngineProfile, PROFILE_NAME)
    if profile is None:
        profile = QWebEngineProfile(app)
        profile.setObjectName(PROFILE_NAME)
        interceptor = _LocalOnly(profile)
        profile.setUrlRequestInterceptor(interceptor)
    return profile


class PreviewView(QWebEngineView):
    """A web view with scripts off, no network, and links sent to the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page = _PreviewPage(preview_profile(), self)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
                              False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self.setPage(page)
        self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)

    def run_script(self, source: str, callback: Callable[[object], None] | None = None) -> None:
        """Run our own script in the application world (the page's scripts stay off)."""
        world = QWebEngineScript.ScriptWorldId.ApplicationWorld
        if callback is None:
            self.page().runJavaScript(source, world)
        else:
            self.page().runJavaScript(source, world, callback)


class _RenderSignals(QObject):
    finished = Signal(int, object)


class _RenderJob(QRunnable):
    def __init__(self, renderer: PreviewRenderer, article: Article, serial: int,
                 signals: _RenderSignals) -> None:
        super().__init__()
        self._renderer, self._article, self._serial = renderer, article, serial
        self._signals = signals

    def run(self) -> None:
        self._signals.finished.emit(self._serial, self._renderer.render(self._article))


class PreviewController(QObject):
    """Debounces edits, keeps one render in flight, and pushes each result into the view.

    The first page is loaded whole; later renders replace only the inside of <main>, so the
    reader's scroll position stays where it was.
    """

    updated = Signal()

    def __init__(self, view: PreviewView, renderer: PreviewRenderer,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(view)
        self._view = view
        self._renderer = renderer
        self._pool = pool or QThreadPool.globalInstance()
        self._signals = _RenderSignals(self)
        self._signals.finished.connect(self._on_rendered)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._start)
        self._pending: Article | None = None
        self._in_flight = False
        self._serial = 0
        self._loaded = False
        self._page_ready = False
        self._view.loadFinished.connect(self._on_load_finished)

    def set_renderer(self, renderer: PreviewRenderer) -> None:
        self._renderer = renderer

    def show_article(self, article: Article, *, immediately: bool = False) -> None:
        """Render `article` soon (after typing pauses), or at once."""
        self._pending = article
        if immediately:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def show_nothing(self) -> None:
        """No article is open: a quiet placeholder instead of the last article's page."""
        self._timer.stop()
        self._pending = None
        self._serial += 1  # a render still in flight is dropped when it lands
        self._loaded = self._page_ready = False
        self._view.setHtml(EMPTY_PAGE)

    def _start(self) -> None:
        if self._in_flight or self._pending is None:
            return  # the newest text goes next, when the job in flight lands
        article, self._pending = self._pending, None
        self._in_flight = True
        self._serial += 1
        self._pool.start(_RenderJob(self._renderer, article, self._serial, self._signals))

    def _on_rendered(self, serial: int, page: PreviewPage) -> None:
        self._in_flight = False
        if serial == self._serial:
            self._show(page)
        if self._pending is not None:
            self._start()

    def _show(self, page: PreviewPage) -> None:
        if not self._loaded:
            self._loaded = True
            self._view.setHtml(page.html, QUrl.fromLocalFile(str(self._renderer.base_path)))
            return
        if not self._page_ready:
            self._view.setHtml(page.html, QUrl.fromLocalFile(str(self._renderer.base_path)))
            return
        script = (f"document.getElementById('page-main').innerHTML = {json.dumps(page.main)};"
                  f"document.documentElement.lang = {json.dumps(page.language)};"
                  f"document.title = {json.dumps(page.title)};")
        self._view.run_script(script, lambda _result: self.updated.emit())

    def _on_load_finished(self, ok: bool) -> None:
        self._page_ready = ok
        self.updated.emit()

    def wait_idle(self) -> bool:
        """True when nothing is waiting or rendering (for tests and shutdown)."""
        return not self._in_flight and self._pending is None and not self._timer.isActive()
