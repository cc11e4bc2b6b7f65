"""Writing and keeping articles: the use cases behind the article list and the editor."""

from __future__ import annotations

import uuid

from editor.core.article import Article, ArticleSummary, Category, SiteSettings, Status
from editor.core.markdown import render, render_key
from editor.core.text import unique_slug
from editor.store import repository
from editor.store.database import Database
from editor.store.repository import ConflictError, NotFoundError

__all__ = ["ArticleService", "ConflictError", "NotFoundError"]


class ArticleService:
    """Create, read, save and archive articles; each call is one transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def categories(self) -> list[Category]:
        with self._db.transaction() as session:
            return repository.categories(session)

    def site_settings(self) -> SiteSettings:
        with self._db.transaction() as session:
            return repository.site_settings(session)

    def summaries(self, status: Status | None = None) -> list[ArticleSummary]:
        with self._db.transaction() as session:
            return repository.summaries(session, status)

    def get(self, article_id: str) -> Article:
        with self._db.transaction() as session:
            return repository.get(session, article_id)

    def create(self, *, title: str = "", category_id: int | None = None) -> Article:
        """A new draft, stored at once so that nothing typed into it can be lost."""
        now = repository.now()
        article = Article(id=str(uuid.uuid4()), title=title, category_id=category_id,
                          date=now.date(), created=now, updated=now, revision=1)
        with self._db.transaction() as session:
            article.slug = unique_slug(title or f"untitled-{article.id[:8]}",
                                       lambda s: repository.slug_taken(session, s))
            repository.insert(session, article, render(article.body))
        return article

    def save(self, article: Article) -> Article:
        """Store `article` if it changed; raises ConflictError if it changed elsewhere first.

        The slug follows the title until the article has been exported; the body's HTML is
        rendered and stored with it, so that an export only has to template and write.
        """
        with self._db.transaction() as session:
            stored = repository.get(session, article.id)
            if stored.revision != article.revision:
                raise ConflictError(f"'{stored.title}' was changed elsewhere since it was opened")
            if stored.content_equals(article):
                return stored
            saved = article.copy(updated=repository.now(), revision=article.revision + 1,
                                 slug_locked=stored.slug_locked or article.slug_locked)
            if saved.slug_locked:
                saved.slug = stored.slug
            elif saved.title != stored.title:
                saved.slug = unique_slug(saved.title or stored.slug,
                                         lambda s: repository.slug_taken(session, s,
                                                                         other_than=saved.id))
            unchanged = render_key(saved.body) == repository.stored_render_key(session, saved.id)
            repository.update_article(session, saved, expected_revision=article.revision,
                                      rendered=None if unchanged else render(saved.body))
        return saved

    def media(self, sha256: str) -> tuple[str, bytes] | None:
        """(extension, bytes) of an image in the media store."""
        with self._db.transaction() as session:
            info = repository.media_info(session, [sha256]).get(sha256)
            data = repository.media_data(session, sha256) if info else None
        return (info[0], data) if info and data is not None else None

    def archive(self, article_id: str) -> Article:
        """Delete as the user sees it: the article moves to the archive and leaves exports."""
        article = self.get(article_id)
        return self.save(article.copy(status=Status.ARCHIVED))
