"""Catalogue.rows: the records `portal-editor list --json` prints."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.article import Article, Status
from editor.core.markdown import render
from editor.services.articles import ArticleService
from editor.services.catalogue import Catalogue
from editor.store import repository
from editor.store.database import Database

FIELDS = ["id", "title", "slug", "status", "category", "date", "source", "author", "language",
          "updated", "revision"]


def insert(database: Database, article_id: str, *, updated: dt.datetime,
           **fields: object) -> None:
    article = Article(id=article_id, title=f"Title {article_id}", slug=f"slug-{article_id}",
                      created=updated, updated=updated, revision=1).copy(**fields)
    with database.transaction() as session:
        repository.insert(session, article, render(""))


@pytest.fixture
def catalogue(database: Database) -> Catalogue:
    return Catalogue(database)


def test_empty_catalogue(catalogue: Catalogue) -> None:
    assert catalogue.rows() == []


def test_row_fields(catalogue: Catalogue, database: Database) -> None:
    categories = ArticleService(database).categories()
    figures = next(c for c in categories if c.name == "Culture Figures")
    insert(database, "a1", updated=dt.datetime(2025, 6, 10, 9, 30, 5, tzinfo=dt.UTC),
           title="Accordion Teacher", slug="accordion-teacher", status=Status.APPROVED,
           category_id=figures.id, date=dt.date(2023, 11, 22), source="iqingdao",
           author="Yuanyu", language="en", revision=4)
    assert catalogue.rows() == [{
        "id": "a1", "title": "Accordion Teacher", "slug": "accordion-teacher",
        "status": "approved", "category": ["Culture", "Culture Figures"],
        "date": "2023-11-22", "source": "iqingdao", "author": "Yuanyu", "language": "en",
        "updated": "2025-06-10T09:30:05Z", "revision": 4,
    }]


def test_row_fields_when_empty(catalogue: Catalogue, database: Database) -> None:
    insert(database, "bare", updated=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), author="",
           date=None, category_id=None)
    [row] = catalogue.rows()
    assert list(row) == FIELDS
    assert (row["category"], row["date"], row["author"], row["status"]) == ([], None, None,
                                                                           "draft")


def test_updated_is_written_in_utc(catalogue: Catalogue, database: Database) -> None:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    insert(database, "tz", updated=dt.datetime(2025, 3, 18, 8, 0, tzinfo=shanghai))
    assert catalogue.rows()[0]["updated"] == "2025-03-18T00:00:00Z"


def test_rows_newest_change_first(catalogue: Catalogue, database: Database) -> None:
    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    insert(database, "old", updated=base)
    insert(database, "new", updated=base + dt.timedelta(days=2))
    insert(database, "mid-b", updated=base + dt.timedelta(days=1))
    insert(database, "mid-a", updated=base + dt.timedelta(days=1))
    assert [r["id"] for r in catalogue.rows()] == ["new", "mid-b", "mid-a", "old"]


def test_rows_filter_by_status(catalogue: Catalogue, database: Database) -> None:
    moment = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for status in Status:
        insert(database, status.value, updated=moment, status=status)
    assert len(catalogue.rows()) == len(Status)
    assert [r["id"] for r in catalogue.rows(Status.PUBLISHED)] == ["published"]
    assert [r["status"] for r in catalogue.rows(Status.ARCHIVED)] == ["archived"]


def test_rows_of_service_articles(catalogue: Catalogue, database: Database) -> None:
    service = ArticleService(database)
    created = service.create(title="青岛 Beer Festival")
    [row] = catalogue.rows()
    assert row["id"] == created.id
    assert row["slug"] == "qing-dao-beer-festival"
    assert row["revision"] == 1
    assert created.updated is not None
    assert row["updated"] == created.updated.strftime("%Y-%m-%dT%H:%M:%SZ")
