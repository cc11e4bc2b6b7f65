"""The five demo articles a first-time user finds in a new default database."""

from __future__ import annotations

from pathlib import Path

from editor.core.article import Status
from editor.services.articles import ArticleService
from editor.services.importer import MarkdownImporter
from editor.services.progress import run_to_end
from editor.store.database import Database

DEMO_FOLDER = Path(__file__).resolve().parent.parent / "resources" / "demo"
#: Each demo file's status once imported: a mix, so every part of the app has something to show.
DEMO_STATUSES = (Status.APPROVED, Status.PUBLISHED, Status.APPROVED, Status.IN_REVIEW,
                 Status.DRAFT)


def add_demo_articles(database: Database) -> list[str]:
    """Import the demo articles and give them their statuses; returns their ids."""
    files = sorted(DEMO_FOLDER.glob("*.md"))
    ids = run_to_end(MarkdownImporter(database).import_files(files))
    articles = ArticleService(database)
    for article_id, status in zip(ids, DEMO_STATUSES, strict=False):
        if status is not Status.DRAFT:
            articles.save(articles.get(article_id).copy(status=status))
    return ids
