"""The contents of a bundle: article records, article.md, pages and the manifest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from editor.core import frontmatter
from editor.core.article import Article, Category, SiteSettings
from editor.core.media import images_in
from editor.portal import layout
from editor.portal.pages import PortalPages, listed
from editor.portal.writer import FileEntry, bundle_id, dump_json, timestamp

FORMAT = "portal-export"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class BundleArticle:
    """An article ready to go into a bundle: its data, category and sanitized body HTML."""

    article: Article
    category: Category
    body_html: str
    #: article.json's media entries: path, sha256, alt, mime, caption.
    media: tuple[dict[str, str | None], ...] = ()

    @property
    def sort_key(self) -> tuple[int, str]:
        assert self.article.date is not None
        return (-self.article.date.toordinal(), self.article.slug)


def page_body(body_html: str) -> str:
    """Body HTML as the article page needs it: media paths relative to articles/<slug>/."""
    return body_html.replace(' src="media/', ' src="../../media/')


def article_record(item: BundleArticle) -> dict[str, object]:
    """`article.json` (article.schema.json)."""
    article = item.article
    assert article.date is not None and article.updated is not None
    return {
        "id": article.id,
        "slug": article.slug,
        "title": article.title,
        "summary": article.summary,
        "language": article.language,
        "category": {"path": list(item.category.path), "slug": layout.category_slug(item.category)},
        "byline": {"source": article.source, "author": article.author or None},
        "published": article.date.isoformat(),
        "updated": timestamp(article.updated),
        "revision": article.revision,
        "body_html": item.body_html,
        "media": list(item.media),
    }


def article_markdown(item: BundleArticle) -> str:
    """`article.md`: the author's Markdown after its front matter."""
    article = item.article
    return frontmatter.dump({
        "id": article.id, "title": article.title, "slug": article.slug,
        "category": list(item.category.path), "date": article.date, "source": article.source,
        "author": article.author, "language": article.language, "summary": article.summary,
    }, article.body)


def article_files(pages: PortalPages, item: BundleArticle) -> Iterator[tuple[str, bytes]]:
    page, record, source = layout.article_files(item.article.slug)
    html = pages.article_page(item.article, item.category, page_body(item.body_html))
    yield page, html.encode("utf-8")
    yield record, dump_json(article_record(item))
    yield source, article_markdown(item).encode("utf-8")


def listing_files(pages: PortalPages, items: Sequence[BundleArticle],
                  categories: Sequence[Category]) -> Iterator[tuple[str, bytes]]:
    """`index.html` and the page of each category in `categories`, newest first."""
    ordered = sorted(items, key=lambda item: item.sort_key)
    entries = [(i.category.id, listed(i.article, i.category)) for i in ordered]
    yield layout.INDEX, pages.listing_page(layout.INDEX, "Latest articles",
                                           [entry for _id, entry in entries],
                                           categories=True).encode("utf-8")
    for category in categories:
        path = layout.category_page(category)
        mine = [entry for category_id, entry in entries if category_id == category.id]
        html = pages.listing_page(path, category.name, mine, breadcrumb=category.path)
        yield path, html.encode("utf-8")


def manifest(*, generator: str, site: SiteSettings, items: Sequence[BundleArticle],
             entries: Sequence[FileEntry], base: str | None = None,
             deleted: Sequence[dict[str, str]] = (),
             created: dt.datetime | None = None) -> dict[str, object]:
    """The manifest; `created` defaults to the newest update of the articles it holds."""
    ordered = sorted(items, key=lambda item: item.sort_key)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": generator,
        "kind": "full" if base is None else "delta",
        "base": base,
        "bundle_id": bundle_id(entries),
        "created": timestamp(created or newest_update(items)),
        "site": {"name": site.name, "address": site.address, "telephone": site.telephone,
                 "hours": site.hours},
        "articles": [{
            "id": i.article.id, "slug": i.article.slug, "title": i.article.title,
            "language": i.article.language, "category": list(i.category.path),
            "published": i.article.date.isoformat() if i.article.date else "",
            "updated": timestamp(i.article.updated) if i.article.updated else "",
            "revision": i.article.revision, "files": list(layout.article_files(i.article.slug)),
        } for i in ordered],
        "deleted": list(deleted),
        "files": [{"path": e.path, "sha256": e.sha256, "bytes": e.bytes} for e in entries],
    }


def newest_update(items: Sequence[BundleArticle]) -> dt.datetime:
    return max((i.article.updated for i in items if i.article.updated is not None),
               default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))


def media_entries(body_html: str, mime_of: dict[str, str]) -> tuple[dict[str, str | None], ...]:
    """The images a body uses, once each, with alt text and caption (for article.json)."""
    entries: dict[str, dict[str, str | None]] = {}
    for use in images_in(body_html):
        if use.sha256 and use.path not in entries:
            entries[use.path] = {"path": use.path, "sha256": use.sha256, "alt": use.alt,
                                 "mime": mime_of.get(use.sha256, "application/octet-stream"),
                                 "caption": use.caption}
    return tuple(entries.values())
