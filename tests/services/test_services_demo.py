"""editor.services.demo: the articles a first-time user finds."""

from __future__ import annotations

import re

from editor.core.article import Status
from editor.services.articles import ArticleService
from editor.services.demo import add_demo_articles
from editor.services.export import ExportService
from editor.store.database import Database

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_adds_five_demo_articles(database: Database) -> None:
    ids = add_demo_articles(database)
    assert len(ids) == 5
    assert len(set(ids)) == 5
    service = ArticleService(database)
    assert {s.id for s in service.summaries()} == set(ids)


def test_demo_statuses_and_categories(database: Database) -> None:
    ids = add_demo_articles(database)
    service = ArticleService(database)
    demo = [service.get(article_id) for article_id in ids]
    statuses = [a.status for a in demo]
    assert statuses.count(Status.APPROVED) >= 2
    assert len(set(statuses)) >= 3
    assert any(not s.exportable for s in statuses)
    assert statuses == [Status.APPROVED, Status.PUBLISHED, Status.APPROVED, Status.IN_REVIEW,
                        Status.DRAFT]
    assert len({a.category_id for a in demo}) >= 3
    assert all(a.category_id is not None for a in demo)


def test_demo_text_holds_chinese_characters(database: Database) -> None:
    service = ArticleService(database)
    demo = [service.get(article_id) for article_id in add_demo_articles(database)]
    assert all(CJK.search(a.body) for a in demo)
    assert all(a.title and a.summary and a.date for a in demo)
    assert len({a.slug for a in demo}) == 5


def test_demo_exportable_articles_are_complete(database: Database) -> None:
    add_demo_articles(database)
    assert ExportService(database).problems() == []


def test_demo_status_changes_are_saved_revisions(database: Database) -> None:
    service = ArticleService(database)
    demo = [service.get(article_id) for article_id in add_demo_articles(database)]
    assert [a.revision for a in demo] == [2, 2, 2, 2, 1]
