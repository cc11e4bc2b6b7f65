"""The portal page of an article being edited: the export's renderer and template, live."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editor.core.article import Article, Category, SiteSettings
from editor.core.markdown import render_body
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
    """Renders article pages; safe to call from a worker thread."""

    def __init__(self, site: SiteSettings, categories: Sequence[Category]) -> None:
        self._pages = PortalPages(site, categories)
        self._categories = {category.id: category for category in categories}
        self.base_path: Path = PREVIEW_PAGE

    def render(self, article: Article) -> PreviewPage:
        category = self._categories.get(article.category_id) if article.category_id else None
        html = self._pages.article_page(article, category, page_body(render_body(article.body)))
        return PreviewPage(html=html, language=article.language or "en",
                           title=article.title or "Untitled")
