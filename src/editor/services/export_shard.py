"""One share of an export: the files of some articles, written straight into the staging folder.

Runs in a worker process (or in-process for small exports): it opens the database itself, so
that article bodies never travel between processes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from editor.core.article import Category, SiteSettings
from editor.core.media import images_in
from editor.portal import bundle
from editor.portal.bundle import BundleArticle
from editor.portal.pages import PortalPages
from editor.portal.writer import FileEntry, FolderWriter
from editor.store import repository
from editor.store.database import Database, open_database


@dataclass(frozen=True)
class Shard:
    database_url: str
    staging: str
    article_ids: tuple[str, ...]
    site: SiteSettings
    categories: tuple[Category, ...]
    created: dt.datetime


def write_shard(shard: Shard, database: Database | None = None) -> list[FileEntry]:
    """Write index.html, article.json and article.md of each article; return their entries.

    A worker process opens the database itself; in-process, the caller's open one is used.
    """
    own = database is None
    database = open_database(shard.database_url) if database is None else database
    try:
        with database.transaction() as session:
            rows = repository.articles_by_ids(session, shard.article_ids)
            used = {use.sha256 for _article, html in rows for use in images_in(html)
                    if use.sha256}
            mime_of = {sha: mime for sha, (_ext, mime) in
                       repository.media_info(session, used).items()}
    finally:
        if own:
            database.close()
    by_id = {category.id: category for category in shard.categories}
    pages = PortalPages(shard.site, shard.categories)
    files = FolderWriter(Path(shard.staging), shard.created)
    entries = []
    for article, body_html in rows:
        item = BundleArticle(article, by_id[article.category_id],  # type: ignore[index]
                             body_html, bundle.media_entries(body_html, mime_of))
        entries.extend(files.write(path, data) for path, data in bundle.article_files(pages, item))
    return entries


def warm_up() -> None:
    """Nothing: submitted first so that each worker process starts (and imports) early."""
