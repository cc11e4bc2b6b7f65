"""Shared set-up for the service tests: Markdown files to import, and the stored render."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from editor.services.articles import ArticleService
from editor.store.database import Database
from editor.store.orm import ArticleRow

GOOD_HEAD = """title: {title}
category: [Business, Business News]
date: 2024-05-06
source: iqingdao
author: Chen Rui
language: en
summary: A short summary.
"""

WriteMarkdown = Callable[..., Path]


@pytest.fixture
def articles(database: Database) -> ArticleService:
    return ArticleService(database)


@pytest.fixture
def write_md(tmp_path: Path) -> WriteMarkdown:
    """Writes `name` into tmp_path/import; `head` replaces the default front matter."""
    folder = tmp_path / "import"
    folder.mkdir(exist_ok=True)

    def write(name: str, *, title: str = "Harbour News", head: str | None = None,
              body: str = "Some **text** about Qingdao (青岛).\n", raw: str | None = None) -> Path:
        path = folder / name
        if raw is None:
            raw = f"---\n{head if head is not None else GOOD_HEAD.format(title=title)}---\n\n{body}"
        path.write_text(raw, encoding="utf-8")
        return path

    return write


@pytest.fixture
def stored_render(database: Database) -> Callable[[str], tuple[str, str]]:
    """The body HTML and render key stored with an article."""

    def read(article_id: str) -> tuple[str, str]:
        with database.transaction() as session:
            row = session.execute(select(ArticleRow.body_html, ArticleRow.body_html_key)
                                  .where(ArticleRow.id == article_id)).one()
        return row.body_html, row.body_html_key

    return read


@pytest.fixture
def article_count(database: Database) -> Callable[[], int]:
    """How many articles the database holds, whatever their status."""

    def count() -> int:
        with database.transaction() as session:
            return len(session.scalars(select(ArticleRow.id)).all())

    return count
