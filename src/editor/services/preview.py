"""The portal page of an article being edited: the export's renderer and template, live."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.article import Article, Category, SiteSettings
from editor.core.markdown import render_body
from editor.core.media import images_in
from editor.portal import layout
from editor.portal.bundle import page_body
from editor.portal.pages import STATIC, PortalPages

#: Where the preview page pretends to live, so that its relative links resolve to the
#: bundled stylesheet exactly as they do in an exported bundle.
PREVIEW_PAGE = STATIC / "articles" / "preview" / "index.html"
MAIN_OPEN = '<main class="page" id="page-main">'
MAIN_CLOSE = "</main>"


@dataclass(frozen=True, slots=True)
class PreviewPage:
    html: str
    language: str
    title: str

    @property
    def main(self) -> str:
        """The inside of <main>: what changes as the article is edited."""
        start = self.html.index(MAIN_OPEN) + len(MAIN_OPEN)
        return self.html[start:self.html.index(MAIN_CLOSE, start)]


class PreviewRenderer:
    """Renders article pages; safe to call from a worker thread.

    The page is given a folder laid out like a bundle (the stylesheet, and each image the
    article uses, copied there once), so that it loads exactly what the export will hold.
    """

    def __init__(self, site: SiteSettings, categories: Sequence[Category],
                 folder: Path | None = None,
                 media: Callable[[str], tuple[str, bytes] | None] | None = None) -> None:
        self._pages = PortalPages(site, categories)
        self._categories = {category.id: category for category in categories}
        self._media = media
        self._folder = folder
        self._copied: set[str] = set()
        self._lock = threading.Lock()
        if folder is None:
            self.base_path: Path = PREVIEW_PAGE
        else:
            (folder / "assets").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(STATIC / layout.STYLESHEET, folder / layout.STYLESHEET)
            self.base_path = folder / "articles" / "preview" / "index.html"

    def render(self, article: Article) -> PreviewPage:
        category = self._categories.get(article.category_id) if article.category_id else None
        body = render_body(article.body)
        self._provide_media(body)
        html = self._pages.article_page(article, category, page_body(body))
        return PreviewPage(html=html, language=article.language or "en",
                           title=article.title or "Untitled")

    def _provide_media(self, body_html: str) -> None:
        if self._folder is None or self._media is None:
            return
        for use in images_in(body_html):
            if use.sha256 is None or use.path in self._copied:
                continue
            with self._lock:
                found = self._media(use.sha256)
                if found is not None:
                    target = self._folder / use.path
                    target.parent.mkdir(exist_ok=True)
                    target.write_bytes(found[1])
                self._copied.add(use.path)
