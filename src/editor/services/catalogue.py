"""The article catalogue as plain records, for `portal-editor list` and scripts."""

from __future__ import annotations

from editor.core.article import Status
from editor.portal.leaks import snippets
from editor.portal.writer import timestamp
from editor.store import repository
from editor.store.database import Database


class Catalogue:
    def __init__(self, database: Database) -> None:
        self._db = database

    def rows(self, status: Status | None = None) -> list[dict[str, object]]:
        """One record per article, newest change first, with the fields `list --json` prints."""
        with self._db.transaction() as session:
            categories = {c.id: c for c in repository.categories(session)}
            statuses = [status] if status is not None else list(Status)
            articles = [a for a, _key in repository.article_headers(session, statuses)]
        articles.sort(key=lambda a: (a.updated, a.id), reverse=True)
        return [{
            "id": a.id, "title": a.title, "slug": a.slug, "status": a.status.value,
            "category": list(categories[a.category_id].path) if a.category_id in categories
            else [],
            "date": a.date.isoformat() if a.date else None, "source": a.source,
            "author": a.author or None, "language": a.language,
            "updated": timestamp(a.updated) if a.updated else None, "revision": a.revision,
        } for a in articles]

    def unexported_text(self) -> set[str]:
        """Telling snippets (titles, summaries, paragraphs) of the articles no export may
        hold, without those that exported articles share."""
        exported, hidden = [], []
        with self._db.transaction() as session:
            for article in repository.articles_with_status(session, list(Status)):
                texts = [article.title, article.summary, article.body]
                (exported if article.status.exportable else hidden).extend(texts)
        return snippets(hidden) - snippets(exported)
