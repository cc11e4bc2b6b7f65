"""Portal pages from Jinja2 templates: the same code draws the preview and the export."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from editor.core.article import Article, Category, SiteSettings
from editor.core.text import display_date
from editor.portal import layout

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """An article as list pages show it, escaped once for the index and its category page."""

    href: str  # from the bundle root
    title: str
    meta: str  # the <time> element, or ""
    category: str
    summary: str


def telephone_uri(telephone: str) -> str:
    """'(+86) 0532-68873099' → 'tel:+8653268873099' (the trunk 0 dropped after a country code)."""
    match = re.match(r"\s*\(?\+(\d{1,3})\)?\s*(.*)", telephone)
    if match:
        rest = re.sub(r"\D", "", match.group(2)).removeprefix("0")
        return f"tel:+{match.group(1)}{rest}"
    return "tel:" + re.sub(r"[^\d+]", "", telephone)


class PortalPages:
    """Renders the bundle's HTML pages for one site and its categories."""

    def __init__(self, site: SiteSettings, categories: Sequence[Category]) -> None:
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True)
        self._site = site
        self._categories = list(categories)
        by_label = {category.label: category for category in self._categories}
        self._footer = [(label, by_label[path]) for label, path in site.footer_links
                        if path in by_label]
        self._article = self._env.get_template("article.html.j2")
        self._listing = self._env.get_template("listing.html.j2")

    def _frame(self, root: str) -> dict[str, object]:
        return {
            "site": self._site, "root": root,
            "telephone_uri": telephone_uri(self._site.telephone),
            "nav": [Link(c.name, root + layout.category_page(c)) for c in self._categories],
            "footer_links": [Link(label, root + layout.category_page(c))
                             for label, c in self._footer],
        }

    def article_page(self, article: Article, category: Category | None, body_html: str) -> str:
        """The article page, for `articles/<slug>/index.html` (or the preview)."""
        root = "../../"
        return self._article.render(
            **self._frame(root), article=article, body_html=body_html,
            section=category.section if category else "",
            category=Link(category.name, root + layout.category_page(category))
            if category else None,
            date=display_date(article.date) if article.date else "",
        )

    def listing_page(self, path: str, heading: str, articles: Sequence[ListedArticle],
                     breadcrumb: Sequence[str] = (), *, categories: bool = False) -> str:
        """The index page or a category page at `path`; `categories` shows each article's."""
        root = layout.root_from(path)
        entries = Markup("\n".join(_entry(item, root, categories) for item in articles))
        return self._listing.render(**self._frame(root), heading=heading,
                                    breadcrumb=breadcrumb, entries=entries)


def _entry(item: ListedArticle, root: str, category: bool) -> str:
    """One article in a list page. Written in Python rather than the template: the index of
    a large site has thousands, and this is several times faster than a template loop."""
    label = (f' <span class="article-list-category">{item.category}</span>'
             if category and item.category else "")
    summary = f'\n<p class="article-list-summary">{item.summary}</p>' if item.summary else ""
    return (f'<li class="article-list-item">\n<h2 class="article-list-title"><a href="{root}'
            f'{item.href}">{item.title}</a></h2>\n<p class="article-list-meta">{item.meta}'
            f"{label}</p>{summary}\n</li>")


def listed(article: Article, category: Category | None) -> ListedArticle:
    """The escaped parts of an article's entry in list pages."""
    meta = (f'<time datetime="{article.date.isoformat()}">{display_date(article.date)}</time>'
            if article.date else "")
    return ListedArticle(
        href=escape(layout.article_files(article.slug)[0]), title=escape(article.title),
        meta=meta, category=escape(category.label) if category else "",
        summary=escape(article.summary))
